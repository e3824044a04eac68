import type { ThemeConfig } from 'antd';

/**
 * Large type and strong contrast for a tired operator at the end of a shift, standing a step from the screen.
 * Colours keep WCAG AA contrast for text on white.
 */
export const terminalTheme: ThemeConfig = {
  token: {
    fontSize: 18,
    fontSizeLG: 20,
    fontSizeHeading3: 24,
    controlHeight: 44,
    controlHeightLG: 52,
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
    Table: { cellFontSize: 18, headerBg: '#f0f2f5' },
    Message: { contentPadding: '14px 20px' },
  },
};
