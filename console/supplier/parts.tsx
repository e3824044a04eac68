import { Alert, Button, Card, Empty, Grid, Select, Space, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
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

export function PeriodSelect(props: { periods: SupplierPeriod[]; value: string | undefined; onChange(v: string | undefined): void; allowClear?: boolean; testId?: string }) {
  const { t } = useT();
  return (
    <Select<string>
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
  return (
    <Select<string>
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
    </Space>
  );
}

export function Truncated(props: { truncated: boolean | undefined; shown: number }) {
  const { t } = useT();
  if (!props.truncated) return null;
  return <Alert type="warning" showIcon title={t('common.truncated', { n: props.shown })} style={{ marginBottom: 12 }} data-testid="truncated" />;
}

/** A filter bar: the fields wrap onto more lines on a narrow screen. */
export function Filters(props: { children: ReactNode }) {
  return (
    <Space wrap style={{ marginBottom: 16 }} className="no-print" role="search">
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
      pagination={props.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={props.columns}
      summary={props.summary}
      locale={{ emptyText: t('common.empty') }}
    />
  );
}
