import { Input, Segmented, Tabs, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import {
  supplierRoutes,
  type SupplierCounterDailySalesRow,
  type SupplierDailySalesRow,
  type SupplierPeriodSalesRow,
  type SupplierSalesFigures,
  type SupplierSalesQuery,
  type SupplierSalesResponse,
} from '../../../sync/protocol/supplier.js';
import { percentOfBp, yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { CounterSelect, ExportButtons, Filters, PeriodSelect, ResponsiveRows, Truncated, usePickers, usePrintLabel } from '../parts.js';

type Report = 'counter-daily' | 'daily' | 'period';

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

interface Filter {
  mode: 'period' | 'dates';
  period?: string;
  from: string;
  to: string;
  counter?: string;
  sku?: string;
}

/** What the server takes: a period, or a range of days; and the counter and SKU when chosen. */
function queryOf(f: Filter): SupplierSalesQuery {
  const base = { counter: f.counter, sku: f.sku };
  return f.mode === 'period' && f.period ? { ...base, period: f.period } : { ...base, from: f.from, to: f.to };
}

/** Sales of the supplier's counters: per counter and day, per day and SKU, per accounting period; filter, export. */
export default function SalesPage() {
  const { t } = useT();
  const { periods, counters } = usePickers();
  const printLabel = usePrintLabel();
  const [report, setReport] = useState<Report>('counter-daily');
  const [filter, setFilter] = useState<Filter>(() => {
    const today = new Date();
    return { mode: 'dates', from: isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)), to: isoDay(today) };
  });
  // The last period that has ended is what a supplier checks first (the one its statement is for): start there once
  // the periods are known; the running one only when none has ended yet.
  const today = isoDay(new Date());
  const latest = (periods.find((p) => p.to < today) ?? periods[0])?.from;
  useEffect(() => {
    if (latest) setFilter((f) => (f.period ? f : { ...f, mode: 'period', period: latest }));
  }, [latest]);
  const query = queryOf(filter);
  const exportRoute = { 'counter-daily': supplierRoutes.counterDailySalesExport, daily: supplierRoutes.dailySalesExport, period: supplierRoutes.periodSalesExport }[report];

  return (
    <>
      <Filters>
        <Segmented<Filter['mode']>
          aria-label={t('common.period')}
          value={filter.mode}
          onChange={(mode) => setFilter({ ...filter, mode, period: mode === 'period' ? (filter.period ?? latest) : filter.period })}
          options={[{ value: 'period', label: t('sales.byPeriod') }, { value: 'dates', label: t('sales.byDates') }]}
          data-testid="sales-mode"
        />
        {filter.mode === 'period' ? (
          <PeriodSelect periods={periods} allowClear={false} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        ) : (
          <>
            <label>
              {t('common.from')}{' '}
              <Input type="date" value={filter.from} style={{ width: 150 }} data-testid="filter-from" onChange={(e) => e.target.value && setFilter({ ...filter, from: e.target.value })} />
            </label>
            <label>
              {t('common.to')}{' '}
              <Input type="date" value={filter.to} style={{ width: 150 }} data-testid="filter-to" onChange={(e) => e.target.value && setFilter({ ...filter, to: e.target.value })} />
            </label>
          </>
        )}
        <CounterSelect counters={counters} value={filter.counter} onChange={(counter) => setFilter({ ...filter, counter })} />
        <Input.Search
          {...printLabel(t('sales.sku'))}
          allowClear
          aria-label={t('sales.sku')}
          placeholder={t('sales.skuPlaceholder')}
          style={{ width: 180 }}
          data-testid="filter-sku"
          onSearch={(sku) => setFilter({ ...filter, sku: sku.trim() || undefined })}
        />
        <ExportButtons route={exportRoute} filters={query} testId={`sales-export-${report}`} />
      </Filters>
      <Tabs
        activeKey={report}
        onChange={(k) => setReport(k as Report)}
        destroyOnHidden
        items={[
          { key: 'counter-daily', label: t('sales.counterDaily'), children: <CounterDaily query={query} /> },
          { key: 'daily', label: t('sales.daily'), children: <Daily query={query} /> },
          { key: 'period', label: t('sales.period'), children: <ByPeriod query={query} /> },
        ]}
      />
    </>
  );
}

function useFigures() {
  const { t } = useT();
  const columns = [
    { title: t('sales.qty'), dataIndex: 'qty', align: 'right' as const },
    { title: t('sales.returnedQty'), dataIndex: 'returnedQty', align: 'right' as const },
    { title: t('sales.sales'), dataIndex: 'sales', align: 'right' as const, render: (v: number) => yuan(v) },
    { title: t('sales.returns'), dataIndex: 'returns', align: 'right' as const, render: (v: number) => yuan(v) },
    { title: t('sales.net'), dataIndex: 'net', align: 'right' as const, render: (v: number) => <span data-testid="net">{yuan(v)}</span> },
  ];
  const lines = (r: SupplierSalesFigures): [ReactNode, ReactNode][] => [
    [t('sales.qty'), `${r.qty}${r.returnedQty ? ` / −${r.returnedQty}` : ''}`],
    [t('sales.sales'), yuan(r.sales)],
    [t('sales.returns'), yuan(r.returns)],
    [t('sales.net'), <Typography.Text strong key="n">{yuan(r.net)}</Typography.Text>],
  ];
  return { columns, lines };
}

/** The list's totals above it: what a supplier compares with the statement. */
function Totals(props: { totals: SupplierSalesFigures | undefined; testId: string }) {
  const { t } = useT();
  if (!props.totals) return null;
  const x = props.totals;
  return (
    <Typography.Paragraph data-testid={`${props.testId}-totals`} data-net={x.net} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {t('common.total')}: {t('sales.qty')} {x.qty} · {t('sales.sales')} {yuan(x.sales)} · {t('sales.returns')} {yuan(x.returns)} · <strong>{t('sales.net')} {yuan(x.net)}</strong>
    </Typography.Paragraph>
  );
}

/** What every sales tab shows around its rows: the error, the totals, whether the list was cut short, the rows. */
function SalesRows<Row extends object>(
  props: { load: (q: SupplierSalesQuery) => Promise<SupplierSalesResponse<Row>>; query: SupplierSalesQuery; testId: string } & Pick<
    Parameters<typeof ResponsiveRows<Row>>[0],
    'rowKey' | 'columns' | 'card'
  >,
) {
  const { load, query, testId, ...shown } = props;
  const r = useLoad(() => load(query), [JSON.stringify(query)]);
  const rows = r.data?.rows ?? [];
  return (
    <>
      <ErrorAlert error={r.error} />
      <Totals totals={r.data?.totals} testId={testId} />
      <Truncated truncated={r.data?.truncated} shown={rows.length} />
      <ResponsiveRows<Row> testId={testId} rows={rows} loading={r.loading} {...shown} />
    </>
  );
}

function CounterDaily(props: { query: SupplierSalesQuery }) {
  const { t } = useT();
  const f = useFigures();
  return (
    <SalesRows<SupplierCounterDailySalesRow>
      load={supplierApi.counterDailySales}
      query={props.query}
      testId="sales-counter-daily"
      rowKey={(x) => `${x.day}|${x.counterId}`}
      columns={[
        { title: t('sales.day'), dataIndex: 'day' },
        { title: t('common.counter'), key: 'counter', render: (_: unknown, x) => `${x.counterId} ${x.counterName}` },
        { title: t('common.store'), dataIndex: 'storeId' },
        ...f.columns,
      ]}
      card={(x) => ({ title: x.day, extra: `${x.counterId} ${x.counterName}`, lines: f.lines(x) })}
    />
  );
}

function Daily(props: { query: SupplierSalesQuery }) {
  const { t } = useT();
  const f = useFigures();
  return (
    <SalesRows<SupplierDailySalesRow>
      load={supplierApi.dailySales}
      query={props.query}
      testId="sales-daily"
      rowKey={(x) => `${x.day}|${x.counterId}|${x.sku}|${x.promotionId ?? ''}`}
      columns={[
        { title: t('sales.day'), dataIndex: 'day' },
        { title: t('common.counter'), dataIndex: 'counterId' },
        { title: t('sales.sku'), dataIndex: 'sku' },
        { title: t('sales.product'), dataIndex: 'name' },
        { title: t('sales.promotion'), dataIndex: 'promotionId', render: (v: string | null) => v ?? t('sales.regular') },
        { title: t('sales.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => percentOfBp(v) },
        ...f.columns,
      ]}
      card={(x) => ({ title: `${x.day} · ${x.sku} ${x.name}`, extra: `${x.counterId} · ${x.promotionId ?? t('sales.regular')} ${percentOfBp(x.rateBp)}`, lines: f.lines(x) })}
    />
  );
}

function ByPeriod(props: { query: SupplierSalesQuery }) {
  const { t } = useT();
  const f = useFigures();
  return (
    <SalesRows<SupplierPeriodSalesRow>
      load={supplierApi.periodSales}
      query={props.query}
      testId="sales-period"
      rowKey={(x) => `${x.period.from}|${x.counterId}|${x.sku}|${x.promotionId ?? ''}`}
      columns={[
        { title: t('common.period'), key: 'period', render: (_: unknown, x) => x.period.label },
        { title: t('common.counter'), dataIndex: 'counterId' },
        { title: t('sales.sku'), dataIndex: 'sku' },
        { title: t('sales.product'), dataIndex: 'name' },
        { title: t('sales.promotion'), dataIndex: 'promotionId', render: (v: string | null) => v ?? t('sales.regular') },
        { title: t('sales.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => percentOfBp(v) },
        ...f.columns,
      ]}
      card={(x) => ({ title: `${x.period.label} · ${x.sku} ${x.name}`, extra: `${x.counterId} · ${x.promotionId ?? t('sales.regular')} ${percentOfBp(x.rateBp)}`, lines: f.lines(x) })}
    />
  );
}
