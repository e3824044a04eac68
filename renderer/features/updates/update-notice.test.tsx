import { beforeAll, describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../../i18n/index.js';
import { UpdateReady } from './UpdateNotice.js';

describe('the update notice', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });

  it('shows only once an update is downloaded and verified, in both languages', async () => {
    expect(renderToString(<UpdateReady state={{ status: 'downloading', currentVersion: '0.1.0', version: '0.2.0' }} />)).toBe('');
    expect(renderToString(<UpdateReady state={{ status: 'error', currentVersion: '0.1.0', error: { code: 'UPDATE_CHECKSUM_MISMATCH', message: 'x' } }} />)).toBe('');
    const ready = { status: 'ready', currentVersion: '0.1.0', version: '0.2.0' } as const;
    expect(renderToString(<UpdateReady state={ready} />)).toContain('Update ready — installs at the next lock/restart');
    await i18next.changeLanguage('zh-CN');
    expect(renderToString(<UpdateReady state={ready} />)).toContain('更新已就绪');
    await i18next.changeLanguage('en');
  });
});
