/** Texts of scan-verified packing; en.ts and zh-CN.ts mount them under `packing`. */
export const packingEn = {
  title: 'Packing',
};

export const packingZh: typeof packingEn = {
  title: '打包',
};
