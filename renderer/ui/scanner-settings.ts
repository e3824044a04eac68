import { create } from 'zustand';
import { DEFAULT_SCAN_OPTIONS, SCAN_SUFFIXES, type ScanOptions, type ScanSuffix } from './scanner.js';

/**
 * How this terminal's scanner talks: its suffix key, an optional prefix character, and the longest gap between the
 * keys of one scan. Real scanners differ (a Bluetooth one can be slow; some are set up to send a prefix), so it is
 * a setting of the terminal, kept in this browser profile's localStorage: it belongs to the hardware on this
 * desk, not to the store, and the wedge needs it before the database is open.
 */
export interface ScannerSettings {
  v: 1;
  maxGapMs: number;
  suffix: ScanSuffix;
  /** '' reads scans by timing. */
  prefix: string;
}

export const MIN_GAP_MS = 10;
export const MAX_GAP_MS = 150;
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = { v: 1, maxGapMs: DEFAULT_SCAN_OPTIONS.maxGapMs, suffix: DEFAULT_SCAN_OPTIONS.suffix, prefix: '' };

const STORAGE_KEY = 'store-ops:scanner';

export type ScannerSettingsProblem = 'BAD_GAP' | 'BAD_SUFFIX' | 'BAD_PREFIX';

/**
 * A prefix is one printable ASCII character that is neither a letter, a digit nor a space (so nobody types it by
 * chance and no code starts with it by accident): "~", "`", "$", "#"…
 */
export function isUsablePrefix(prefix: string): boolean {
  return prefix.length === 1 && /^[!-~]$/.test(prefix) && !/^[A-Za-z0-9]$/.test(prefix);
}

/** Field by field: what is wrong with a settings object (empty when it can be saved). */
export function scannerSettingsProblems(s: { maxGapMs: unknown; suffix: unknown; prefix: unknown }): ScannerSettingsProblem[] {
  const problems: ScannerSettingsProblem[] = [];
  if (typeof s.maxGapMs !== 'number' || !Number.isInteger(s.maxGapMs) || s.maxGapMs < MIN_GAP_MS || s.maxGapMs > MAX_GAP_MS) problems.push('BAD_GAP');
  if (typeof s.suffix !== 'string' || !(SCAN_SUFFIXES as readonly string[]).includes(s.suffix)) problems.push('BAD_SUFFIX');
  if (typeof s.prefix !== 'string' || (s.prefix !== '' && !isUsablePrefix(s.prefix))) problems.push('BAD_PREFIX');
  return problems;
}

/** What was stored, if it is still valid; anything else (another version, a hand edit) is ignored. */
export function parseScannerSettings(raw: unknown): ScannerSettings | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (o.v !== 1 || scannerSettingsProblems({ maxGapMs: o.maxGapMs, suffix: o.suffix, prefix: o.prefix }).length > 0) return null;
  return { v: 1, maxGapMs: o.maxGapMs as number, suffix: o.suffix as ScanSuffix, prefix: o.prefix as string };
}

export function scanOptionsOf(s: ScannerSettings): ScanOptions {
  // A slow scanner's suffix and a busy page's late keys scale with the gap; never below the defaults.
  return {
    ...DEFAULT_SCAN_OPTIONS,
    maxGapMs: s.maxGapMs,
    suffixGapMs: Math.max(DEFAULT_SCAN_OPTIONS.suffixGapMs, 3 * s.maxGapMs),
    settleMs: Math.max(DEFAULT_SCAN_OPTIONS.settleMs, 4 * s.maxGapMs),
    suffix: s.suffix,
    prefix: s.prefix,
  };
}

function load(): ScannerSettings {
  if (typeof localStorage === 'undefined') return DEFAULT_SCANNER_SETTINGS;
  const text = localStorage.getItem(STORAGE_KEY);
  if (text === null) return DEFAULT_SCANNER_SETTINGS;
  try {
    const parsed = parseScannerSettings(JSON.parse(text));
    if (parsed) return parsed;
  } catch (err) {
    console.warn('the stored scanner settings are not JSON; using the defaults', err);
    return DEFAULT_SCANNER_SETTINGS;
  }
  console.warn('the stored scanner settings are not valid; using the defaults');
  return DEFAULT_SCANNER_SETTINGS;
}

export const useScannerSettings = create<{ settings: ScannerSettings; options: ScanOptions }>()(() => {
  const settings = load();
  return { settings, options: scanOptionsOf(settings) };
});

/** The options the wedge and the screens' key holds use now. */
export const currentScanOptions = (): ScanOptions => useScannerSettings.getState().options;

/** Validates, stores and applies at once (the wedge reads the new options with the next key). */
export function saveScannerSettings(s: ScannerSettings): ScannerSettingsProblem[] {
  const problems = scannerSettingsProblems(s);
  if (problems.length > 0) return problems;
  const settings: ScannerSettings = { v: 1, maxGapMs: s.maxGapMs, suffix: s.suffix, prefix: s.prefix };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  useScannerSettings.setState({ settings, options: scanOptionsOf(settings) });
  return [];
}
