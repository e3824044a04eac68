import type { ThemeConfig } from 'antd';

/**
 * An office screen (1366×768 and up, read at arm's length): antd's compact-ish defaults, the terminal's colours
 * (renderer/ui/theme.ts) so both apps look like one product.
 */
export const consoleTheme: ThemeConfig = {
  token: {
    fontSize: 14,
    colorPrimary: '#0b5cad',
    colorError: '#c4161c',
    colorWarning: '#d46b08',
    colorSuccess: '#237804',
    colorText: '#141414',
    colorTextSecondary: '#434343',
    borderRadius: 6,
    fontFamily: '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
  components: {
    Table: { headerBg: '#f0f2f5' },
    Layout: { siderBg: '#001529', headerBg: '#ffffff' },
  },
};
