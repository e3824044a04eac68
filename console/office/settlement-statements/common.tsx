import { Select, Tag } from 'antd';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { AccountingPeriod } from '../../../sync/model/money/periods.js';
import { REPORTS_BASE, type PeriodsResponse } from '../../../sync/protocol/reports.js';
import type { StatementStatus } from '../../../sync/protocol/settlement.js';
import { api, type ApiError } from '../../shared/api.js';
import { useT } from '../../shared/i18n/index.js';
import { useLoad } from '../../shared/ui.js';

/** The tag colour of each status: what wants finance's attention (a dispute) stands out; finished work is calm. */
export const STATUS_COLOUR: Record<StatementStatus, string> = {
  draft: 'default',
  issued: 'blue',
  confirmed: 'cyan',
  disputed: 'red',
  resolved: 'purple',
  paid: 'green',
  superseded: 'default',
};

export function StatusTag(props: { status: StatementStatus }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOUR[props.status]} data-testid="statement-status" data-status={props.status}>{t(`stmt.statuses.${props.status}`)}</Tag>;
}

/** Rate in basis points as a percentage: 2500 → "25%", 2250 → "22.5%". */
export function ratePct(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('console:navigate', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('console:navigate', onChange);
  };
}

/**
 * One value of the address's query (?period=2026-11-01), and a setter that replaces it in place: the page's state
 * lives in the address, so Back from a statement returns to the same period and filters, and a link can be shared.
 */
export function useQueryParam(name: string): [string | null, (v: string | null) => void] {
  const value = useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.search).get(name));
  const set = (v: string | null) => {
    const params = new URLSearchParams(window.location.search);
    if (v === null || v === '') params.delete(name);
    else params.set(name, v);
    const qs = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
    window.dispatchEvent(new Event('console:navigate'));
  };
  return [value, set];
}

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The accounting periods of about the last year (the reports' periods, so finance's own period rules apply; a report
 * spans at most MAX_REPORT_DAYS), newest first, and the one to settle by default: the last period that has ended.
 */
export function usePeriods(): { periods: AccountingPeriod[]; settle: AccountingPeriod | undefined; loading: boolean; error: ApiError | null } {
  const loaded = useLoad(() => {
    const today = new Date();
    const from = new Date(today.getFullYear() - 1, today.getMonth() + 1, 1);
    return api.get<PeriodsResponse>(`${REPORTS_BASE}/periods`, { from: isoDay(from), to: isoDay(today) });
  }, []);
  const periods = [...(loaded.data?.periods ?? [])].reverse();
  const today = isoDay(new Date());
  const settle = periods.find((p) => p.to < today) ?? periods[0];
  return { periods, settle, loading: loaded.loading, error: loaded.error };
}

/** The period picker: type "2026-11" to find a month; the address keeps the choice. */
export function PeriodSelect(props: { periods: AccountingPeriod[]; value: string | undefined; onChange(from: string): void; loading?: boolean }) {
  const { t } = useT();
  return (
    <Select
      data-testid="period-select"
      aria-label={t('stmt.period')}
      showSearch={{ optionFilterProp: 'label' }}
      loading={props.loading}
      value={props.value}
      onChange={props.onChange}
      style={{ width: 300 }}
      options={props.periods.map((p) => ({ value: p.from, label: `${p.label} (${p.from} – ${p.to})` }))}
    />
  );
}

/** Whether a key goes into a field being typed in (a radio button or a switch with the focus takes no letters). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['radio', 'checkbox', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}

/** Keys for a page: each handler by key, ignored while typing in a field (so "p" in a comment is just a letter). */
export function useKeys(handlers: Record<string, (e: KeyboardEvent) => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTyping(e.target)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return; // an open dialog has the keys
      const h = ref.current[e.key];
      if (!h) return;
      e.preventDefault();
      h(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
