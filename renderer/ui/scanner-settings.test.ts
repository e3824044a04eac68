import { describe, expect, it } from 'vitest';
import { detectScans } from './scanner.js';
import { DEFAULT_SCANNER_SETTINGS, isUsablePrefix, parseScannerSettings, scannerSettingsProblems, scanOptionsOf } from './scanner-settings.js';

describe('scanner settings', () => {
  it('accept a gap of 10–150 ms, Enter or Tab, and no prefix or one character nobody types', () => {
    expect(scannerSettingsProblems(DEFAULT_SCANNER_SETTINGS)).toEqual([]);
    expect(scannerSettingsProblems({ maxGapMs: 80, suffix: 'Tab', prefix: '~' })).toEqual([]);
    expect(scannerSettingsProblems({ maxGapMs: 5, suffix: 'Space', prefix: 'A' })).toEqual(['BAD_GAP', 'BAD_SUFFIX', 'BAD_PREFIX']);
    expect(scannerSettingsProblems({ maxGapMs: 35.5, suffix: 'Enter', prefix: '~~' })).toEqual(['BAD_GAP', 'BAD_PREFIX']);
    expect(['~', '`', '$', '#'].every(isUsablePrefix)).toBe(true);
    expect(['a', '7', ' ', '', '货'].some(isUsablePrefix)).toBe(false);
  });

  it('ignore what was stored if it is no longer valid', () => {
    expect(parseScannerSettings({ v: 1, maxGapMs: 60, suffix: 'Enter', prefix: '' })).toEqual({ v: 1, maxGapMs: 60, suffix: 'Enter', prefix: '' });
    expect(parseScannerSettings({ v: 2, maxGapMs: 60, suffix: 'Enter', prefix: '' })).toBeNull();
    expect(parseScannerSettings({ v: 1, maxGapMs: 'fast', suffix: 'Enter', prefix: '' })).toBeNull();
    expect(parseScannerSettings(null)).toBeNull();
  });

  it('become the detector\'s options: a slow scanner\'s gap also stretches its suffix and settle times', () => {
    const slow = scanOptionsOf({ v: 1, maxGapMs: 120, suffix: 'Tab', prefix: '' });
    expect(slow).toMatchObject({ maxGapMs: 120, suffix: 'Tab', prefix: '' });
    expect(slow.suffixGapMs).toBeGreaterThanOrEqual(2 * 120);
    expect(slow.settleMs).toBeGreaterThan(slow.suffixGapMs);
    const keys = [...'6901234567890'].map((key, i) => ({ key, at: i * 110 }));
    expect(detectScans([...keys, { key: 'Tab', at: 12 * 110 + 200 }], slow)).toEqual(['6901234567890']);
  });
});
