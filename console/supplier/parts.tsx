import { Alert, Button, Card, Empty, Grid, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { SupplierCounter, SupplierPeriod } from '../../sync/protocol/supplier.js';
import { useLoad } from '../shared/ui.js';
import { supplierApi, exportUrl } from './api.js';
import { useT } from './i18n/index.js';

/** Narrower than antd's md breakpoint (768px): a phone held upright. */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** The supplier's periods and counters, for the filters (loaded once per page). */
export function usePickers() {
  const periods = useLoad(() => supplierApi.periods(), []);
  const counters = useLoad(() => supplierApi.counters(), []);
  return { periods: periods.data ?? [], counters: counters.data ?? [] };
}

/**
 * A filter's name as data-print-label, which global.css prints before the value (on screen the field says what it
 * is by its placeholder and aria-label; on paper only the value is left). The colon is the language's own.
 */
export function usePrintLabel(): (label: string) => { 'data-print-label': string } {
  const { locale } = useT();
  return (label) => ({ 'data-print-label': `${label}${locale === 'zh-CN' ? '：' : ': '}` });
}

export function PeriodSelect(props: { periods: SupplierPeriod[]; value: string | undefined; onChange(v: string | undefined): void; allowClear?: boolean; testId?: string }) {
  const { t } = useT();
  const printLabel = usePrintLabel();
  return (
    <Select<string>
      {...printLabel(t('common.period'))}
      aria-label={t('common.period')}
      placeholder={t('common.allPeriods')}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={props.allowClear ?? true}
      style={{ minWidth: 150 }}
      value={props.value}
      onChange={(v) => props.onChange(v || undefined)}
      data-testid={props.testId ?? 'filter-period'}
      options={props.periods.map((p) => ({ value: p.from, label: p.label }))}
    />
  );
}

export function CounterSelect(props: { counters: SupplierCounter[]; value: string | undefined; onChange(v: string | undefined): void; testId?: string }) {
  const { t } = useT();
  const printLabel = usePrintLabel();
  return (
    <Select<string>
      {...printLabel(t('common.counter'))}
      aria-label={t('common.counter')}
      placeholder={t('common.allCounters')}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 200 }}
      value={props.value}
      onChange={(v) => props.onChange(v || undefined)}
      data-testid={props.testId ?? 'filter-counter'}
      options={props.counters.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))}
    />
  );
}

/**
 * XLSX and CSV download links with the list's filters: plain links (the cookie goes with them, same origin), so the
 * browser saves the file itself. The export's headers follow the page's language.
 */
export function ExportButtons(props: { route: string; filters: object; testId: string; disabled?: boolean }) {
  const { t, locale } = useT();
  return (
    <Space wrap className="no-print">
      <Button disabled={props.disabled} href={exportUrl(props.route, props.filters, 'xlsx', locale)} download data-testid={`${props.testId}-xlsx`}>{t('common.exportXlsx')}</Button>
      <Button disabled={props.disabled} href={exportUrl(props.route, props.filters, 'csv', locale)} download data-testid={`${props.testId}-csv`}>{t('common.exportCsv')}</Button>
      <PrintButton />
    </Space>
  );
}

/**
 * The browser's print of the list on screen: global.css's print block keeps the title, the filters as text and the
 * table, and ResponsiveRows drops its pagination while printing so every loaded row is on paper.
 */
export function PrintButton() {
  const { t } = useT();
  return (
    <Button onClick={() => window.print()} title={t('common.printHint')} data-testid="print">
      {t('common.print')}
    </Button>
  );
}

/**
 * True while the page is being printed (Ctrl+P as well as the Print button). flushSync: the browser lays the page
 * out for paper right after beforeprint returns, so the re-render has to have happened by then.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('print').matches === true);
  useEffect(() => {
    const set = (v: boolean) => () => flushSync(() => setPrinting(v));
    const on = set(true);
    const off = set(false);
    const media = window.matchMedia?.('print');
    const change = (e: MediaQueryListEvent) => (e.matches ? on() : off());
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    media?.addEventListener('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      media?.removeEventListener('change', change);
    };
  }, []);
  return printing;
}

export function Truncated(props: { truncated: boolean | undefined; shown: number }) {
  const { t } = useT();
  if (!props.truncated) return null;
  return <Alert type="warning" showIcon title={t('common.truncated', { n: props.shown })} style={{ marginBottom: 12 }} data-testid="truncated" />;
}

/** A filter bar: the fields wrap onto more lines on a narrow screen; on paper the chosen values print as text. */
export function Filters(props: { children: ReactNode }) {
  return (
    <Space wrap style={{ marginBottom: 16 }} className="filters" role="search">
      {props.children}
    </Space>
  );
}

/**
 * Rows as a table on a desk, as cards on a phone (a wide table scrolled sideways is unreadable there). card() says
 * what a row's card shows; the table keeps every column.
 */
export function ResponsiveRows<Row extends object>(props: {
  testId: string;
  rows: Row[];
  rowKey: (r: Row) => string;
  columns: TableColumnsType<Row>;
  card: (r: Row) => { title: ReactNode; extra?: ReactNode; lines: [ReactNode, ReactNode][] };
  loading?: boolean;
  summary?: (rows: readonly Row[]) => ReactNode;
}) {
  const phone = usePhone();
  const printing = usePrinting();
  const { t } = useT();
  if (phone) {
    if (!props.loading && props.rows.length === 0) return <Empty description={t('common.empty')} />;
    return (
      <div data-testid={props.testId} style={{ display: 'grid', gap: 12 }}>
        {props.rows.map((r) => {
          const c = props.card(r);
          return (
            <Card key={props.rowKey(r)} size="small" title={c.title} extra={c.extra} data-key={props.rowKey(r)}>
              <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0 }}>
                {c.lines.map(([k, v], i) => (
                  <div key={i} style={{ display: 'contents' }}>
                    <dt style={{ color: '#595959' }}>{k}</dt>
                    <dd style={{ margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{v}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          );
        })}
      </div>
    );
  }
  return (
    <Table<Row>
      data-testid={props.testId}
      rowKey={props.rowKey}
      onRow={(r) => ({ 'data-key': props.rowKey(r) }) as HTMLAttributes<HTMLElement>}
      size="small"
      loading={props.loading}
      dataSource={props.rows}
      pagination={!printing && props.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={props.columns}
      summary={props.summary}
      locale={{ emptyText: t('common.empty') }}
    />
  );
}
