/** Texts of the update notice; en.ts and zh-CN.ts mount them under `updates`. */
export const updatesEn = {
  ready: 'Update ready — installs at the next lock/restart',
  readyDetail: 'Version {{version}} is downloaded and checked. It installs when the screen next locks with no pick open, or when the terminal restarts.',
};

export const updatesZh: typeof updatesEn = {
  ready: '更新已就绪 — 将在下次锁屏或重启时安装',
  readyDetail: '版本 {{version}} 已下载并校验。下次锁屏且没有进行中的拣货时，或终端重启时安装。',
};
