import { beforeAll, describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../../i18n/index.js';
import type { SyncState } from '../../../sync/client/index.js';
import { SyncLight } from './SyncIndicator.js';
import { ERROR_CODES } from '../../../sync/protocol/errors.js';
import { en } from '../../i18n/en.js';
import { zhCN } from '../../i18n/zh-CN.js';
import { formatLastSynced } from './last-synced.js';
import { showsProblem, syncReason } from './reasons.js';

describe('when the terminal last synced', () => {
  const zone = 'Asia/Shanghai';
  // 2026-12-01 06:47 in Shanghai is 2026-11-30 22:47 UTC: the store's day, not UTC's.
  const at = '2026-11-30T22:47:31.000Z';
  it('is a clock time in the store\'s zone on the same store day', () => {
    expect(formatLastSynced(at, Date.parse('2026-12-01T03:00:00.000Z'), zone)).toBe('06:47');
  });
  it('carries the date once the store\'s day has changed, and the year once that has', () => {
    expect(formatLastSynced(at, Date.parse('2026-12-01T16:00:00.000Z'), zone)).toBe('12-01 06:47');
    expect(formatLastSynced(at, Date.parse('2027-01-02T03:00:00.000Z'), zone)).toBe('2026-12-01 06:47');
  });
});

describe('sync problems as staff read them', () => {
  it('gives every protocol code a sentence in both languages, and no sentence names a code', () => {
    for (const code of ERROR_CODES) {
      const reason = syncReason(code);
      for (const messages of [en, zhCN]) {
        const sentence = messages.sync.reason[reason];
        expect(sentence.length).toBeGreaterThan(10);
        for (const c of ERROR_CODES) expect(sentence).not.toContain(c);
      }
    }
  });

  it('marks a problem beside the light unless the light already says it (offline for want of a network)', () => {
    expect(showsProblem(false, 'NETWORK')).toBe(false);
    expect(showsProblem(false, 'REQUEST_TIMEOUT')).toBe(false);
    expect(showsProblem(true, 'NETWORK')).toBe(true);
    expect(showsProblem(false, 'DEVICE_REVOKED')).toBe(true);
    expect(showsProblem(true, 'INTERNAL')).toBe(true);
    expect(showsProblem(true, undefined)).toBe(false);
  });
});

describe('the sync light, first render in each language', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });
  const base: SyncState = { online: true, inSync: true, pending: 0, lastSyncedAt: '2026-11-30T22:47:31.000Z', quarantined: 0, error: null, resyncing: false };
  const now = Date.parse('2026-12-01T03:00:00.000Z');
  async function render(lng: 'en' | 'zh-CN', state: Partial<SyncState>): Promise<{ html: string; text: string }> {
    await i18next.changeLanguage(lng);
    const html = renderToString(<SyncLight state={{ ...base, ...state }} now={now} timeZone="Asia/Shanghai" onQuarantine={() => undefined} />);
    return { html, text: html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ') };
  }
  const noCode = (text: string) => {
    for (const code of ERROR_CODES) expect(text).not.toContain(code);
  };

  it('online and caught up: green, up to date, no time to mislead', async () => {
    const { html, text } = await render('en', {});
    expect(html).toContain('data-online="true"');
    expect(text).toContain('Online');
    expect(text).toContain('Up to date');
    expect(text).not.toContain('Last synced');
  });

  it('offline: says so in words, with the work waiting and the clock time of the last sync, never "just now"', async () => {
    for (const [lng, words] of [['en', ['Offline', '2 to send', 'Last synced 06:47']], ['zh-CN', ['离线', '2 条待发送', '最后同步 06:47']]] as const) {
      const { html, text } = await render(lng, { online: false, inSync: false, pending: 2, error: { code: 'NETWORK', message: 'live stream silent for 7000 ms' } });
      expect(html).toContain('data-online="false"');
      for (const w of words) expect(text).toContain(w);
      expect(text).not.toMatch(/just now|刚刚|Up to date|已是最新/);
      noCode(text);
      // The reason is a sentence in the accessible name (and the tooltip), not the code.
      expect(html).toContain(lng === 'en' ? 'The central server is not answering' : '中央服务器没有响应');
      expect(html).not.toContain('data-testid="sync-error"');
    }
  });

  it('a problem while online is marked beside the light in words; the code stays in an attribute', async () => {
    for (const [lng, word] of [['en', 'Sync problem'], ['zh-CN', '同步异常']] as const) {
      const { html, text } = await render(lng, { inSync: false, error: { code: 'INTERNAL', message: 'HTTP 500' } });
      expect(text).toContain(word);
      noCode(text);
      expect(html).toContain('data-code="INTERNAL"');
    }
  });

  it('keeps to two lines, the most pressing first, and the rest in the details', async () => {
    const { html, text } = await render('en', { inSync: false, pending: 3, quarantined: 1, error: { code: 'INTERNAL', message: 'HTTP 500' } });
    expect(text.trim()).toBe('Online Sync problem 1 refused');
    expect(html).toContain('data-testid="sync-quarantined"');
    // Waiting work and the last sync are still said, in the accessible name and the tooltip.
    expect(html).toMatch(/aria-label="[^"]*3 to send[^"]*Last synced: 2026-12-01 06:47:31/);
  });

  it('a revoked terminal is a problem even offline, and says what to do', async () => {
    const { text, html } = await render('en', { online: false, inSync: false, error: { code: 'DEVICE_REVOKED', message: 'revoked' } });
    expect(text).toContain('Sync problem');
    expect(html).toContain('A manager must enroll it again');
    noCode(text);
  });
});
