import { useState } from 'react';
import { App as AntApp, Button, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { SCAN_SUFFIXES, type ScanSuffix } from '../../ui/scanner.js';
import {
  DEFAULT_SCANNER_SETTINGS,
  MAX_GAP_MS,
  MIN_GAP_MS,
  saveScannerSettings,
  scannerSettingsProblems,
  useScannerSettings,
  type ScannerSettingsProblem,
} from '../../ui/scanner-settings.js';
import { useOperator } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';

type LastScan = { kind: 'scan'; code: string } | { kind: 'incomplete' } | null;

const field = { display: 'flex', flexDirection: 'column', gap: 6, fontSize: 18 } as const;

/**
 * This terminal's scanner (Settings, F4): read scans by speed (with the longest gap between keys) or by a prefix
 * character, and the key the scanner sends after a code. Only a manager changes it; anyone can test it here: the
 * last scan is shown as read, or as incomplete.
 */
export function ScannerSection() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const operator = useOperator();
  // The permission table's rule for the terminal's set-up (terminal.configure), as for its printers.
  const canEdit = gateOf(operator.roles, 'terminal.configure') === 'allowed';
  const saved = useScannerSettings((s) => s.settings);
  const [mode, setMode] = useState<'timing' | 'prefix'>(saved.prefix === '' ? 'timing' : 'prefix');
  const [gap, setGap] = useState<number | null>(saved.maxGapMs);
  const [prefix, setPrefix] = useState(saved.prefix);
  const [suffix, setSuffix] = useState<ScanSuffix>(saved.suffix);
  const [problems, setProblems] = useState<ScannerSettingsProblem[]>([]);
  const [last, setLast] = useState<LastScan>(null);

  useScanHandler((code) => setLast({ kind: 'scan', code }));
  useIncompleteScanHandler(() => setLast({ kind: 'incomplete' }));

  const draft = { v: 1 as const, maxGapMs: gap ?? Number.NaN, suffix, prefix: mode === 'prefix' ? prefix : '' };
  const save = () => {
    const found = scannerSettingsProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    try {
      saveScannerSettings(draft);
      void message.success(t('scanner.settings.saved'));
    } catch (err) {
      console.error('saving the scanner settings failed', err);
      void message.error(String(err));
    }
  };
  const reset = () => {
    setMode('timing');
    setGap(DEFAULT_SCANNER_SETTINGS.maxGapMs);
    setPrefix('');
    setSuffix(DEFAULT_SCANNER_SETTINGS.suffix);
    setProblems([]);
  };
  const problem = (p: ScannerSettingsProblem) =>
    problems.includes(p) && <span data-testid={`scanner-problem-${p}`} style={{ color: '#c4161c', fontSize: 16 }}>{t(`scanner.settings.problem.${p}`, { min: MIN_GAP_MS, max: MAX_GAP_MS })}</span>;

  return (
    <section data-testid="scanner-settings" data-prefix={saved.prefix} data-gap={saved.maxGapMs} data-suffix={saved.suffix} style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff' }}>
      <h2 style={{ fontSize: 24, margin: 0 }}>{t('scanner.settings.title')}</h2>
      <span style={{ fontSize: 16, color: '#434343' }}>{t('scanner.settings.intro')}</span>
      {!canEdit && <span data-testid="scanner-manager-only" style={{ fontSize: 16, color: '#ad4e00' }}>{t('scanner.settings.managerOnly')}</span>}
      <div style={field}>
        <span>{t('scanner.settings.mode')}</span>
        <Radio.Group data-testid="scanner-mode" disabled={!canEdit} value={mode} onChange={(e) => setMode(e.target.value === 'prefix' ? 'prefix' : 'timing')} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          <Radio value="timing" data-testid="scanner-mode-timing" style={{ fontSize: 17 }}>{t('scanner.settings.modeTiming')}</Radio>
          <Radio value="prefix" data-testid="scanner-mode-prefix" style={{ fontSize: 17 }}>{t('scanner.settings.modePrefix')}</Radio>
        </Radio.Group>
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        {mode === 'timing' ? (
          <label style={field}>
            <span>{t('scanner.settings.gap')}</span>
            <InputNumber data-testid="scanner-gap" disabled={!canEdit} min={MIN_GAP_MS} max={MAX_GAP_MS} step={5} value={gap} onChange={(v) => setGap(v)} style={{ width: 140, fontSize: 18 }} />
            <span style={{ fontSize: 14, color: '#595959' }}>{t('scanner.settings.gapHint', { min: MIN_GAP_MS, max: MAX_GAP_MS })}</span>
            {problem('BAD_GAP')}
          </label>
        ) : (
          <label style={field}>
            <span>{t('scanner.settings.prefix')}</span>
            <Input data-testid="scanner-prefix" disabled={!canEdit} maxLength={1} value={prefix} onChange={(e) => setPrefix(e.target.value)} style={{ width: 80, fontSize: 22, fontFamily: 'monospace' }} />
            <span style={{ fontSize: 14, color: '#595959' }}>{t('scanner.settings.prefixHint')}</span>
            {problem('BAD_PREFIX')}
          </label>
        )}
        <label style={field}>
          <span>{t('scanner.settings.suffix')}</span>
          <Select
            data-testid="scanner-suffix"
            disabled={!canEdit}
            value={suffix}
            onChange={(v: ScanSuffix) => setSuffix(v)}
            options={SCAN_SUFFIXES.map((s) => ({ value: s, label: t(`scanner.settings.suffix${s}`) }))}
            style={{ width: 160 }}
          />
          {problem('BAD_SUFFIX')}
        </label>
      </div>
      <div style={{ display: 'flex', gap: 12 }}>
        <Button data-testid="scanner-save" type="primary" size="large" disabled={!canEdit} onClick={save}>{t('scanner.settings.save')}</Button>
        <Button data-testid="scanner-reset" size="large" disabled={!canEdit} onClick={reset}>{t('scanner.settings.reset')}</Button>
      </div>
      <div data-testid="scanner-test" data-kind={last?.kind ?? ''} data-code={last?.kind === 'scan' ? last.code : ''} style={{ padding: 12, borderRadius: 6, background: last?.kind === 'incomplete' ? '#fff1f0' : '#f0f2f5', fontSize: 18 }}>
        <b>{t('scanner.settings.test')}</b>
        <div style={{ fontFamily: last?.kind === 'scan' ? 'monospace' : undefined, marginTop: 4, overflowWrap: 'anywhere' }}>
          {last === null && t('scanner.settings.testIdle')}
          {last?.kind === 'scan' && t('scanner.settings.testScan', { code: last.code, length: last.code.length })}
          {last?.kind === 'incomplete' && t('scanner.settings.testIncomplete')}
        </div>
      </div>
    </section>
  );
}
