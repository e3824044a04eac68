export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The operator's saved choice wins; otherwise the first system language we speak. Any Chinese variant gets
 * zh-CN (the only Chinese we ship); anything else unknown falls back to English.
 */
export function pickLocale(saved: Locale | null, systemLanguages: readonly string[]): Locale {
  if (saved) return saved;
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
