/** Texts of the pick walk and the put-wall; en.ts and zh-CN.ts mount them under `picking`. */
export const pickingEn = {
  title: 'Batch picking',
};

export const pickingZh: typeof pickingEn = {
  title: '批量拣货',
};
