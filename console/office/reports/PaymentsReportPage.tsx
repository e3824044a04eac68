import { Card, Col, Row as GridRow } from 'antd';
import { useMemo } from 'react';
import { REPORTS_BASE, type PaymentsByDayRow, type ReportPage } from '../../../sync/protocol/reports.js';
import { api } from '../../shared/api.js';
import { yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Chart, fenAsYuan, type ChartOption } from './Chart.js';
import { useReportText } from './messages.js';
import { ExportLinks, ReportFilters, useReportFilter } from './ReportFilters.js';
import { ReportTable } from './ReportTable.js';
import { usePagedReport } from './usePagedReport.js';

/** Every page of the range, for the charts: a range's payments are a few rows per store day and method. */
async function allPayments(filter: object): Promise<PaymentsByDayRow[]> {
  const rows: PaymentsByDayRow[] = [];
  let after: string | null = null;
  do {
    const page: ReportPage<PaymentsByDayRow> = await api.get(`${REPORTS_BASE}/payments/daily`, { ...filter, limit: 5000, after });
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}

export default function PaymentsReportPage() {
  const m = useReportText();
  const [filter, setFilter] = useReportFilter();
  const all = useLoad(() => allPayments(filter), [filter]);
  const paged = usePagedReport<PaymentsByDayRow>('payments/daily', filter);
  const methodName = (k: string) => m.methods[k] ?? k;

  const { mix, byDay } = useMemo(() => {
    const rows = all.data ?? [];
    const methods = [...new Set(rows.map((r) => r.method))].sort();
    const days = [...new Set(rows.map((r) => r.day))].sort();
    const total = new Map<string, number>();
    const cell = new Map<string, number>();
    for (const r of rows) {
      total.set(r.method, (total.get(r.method) ?? 0) + r.amount);
      cell.set(`${r.day}|${r.method}`, (cell.get(`${r.day}|${r.method}`) ?? 0) + r.amount);
    }
    const mixOption: ChartOption = {
      tooltip: { trigger: 'item', formatter: '{b}: ¥{c} ({d}%)' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], data: methods.map((k) => ({ name: methodName(k), value: fenAsYuan(total.get(k) ?? 0) })) }],
    };
    const dayOption: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', name: '¥' },
      series: methods.map((k) => ({ name: methodName(k), type: 'bar', stack: 'amount', data: days.map((d) => fenAsYuan(cell.get(`${d}|${k}`) ?? 0)) })),
    };
    return { mix: mixOption, byDay: dayOption };
  }, [all.data, m]);

  return (
    <>
      <ReportFilters value={filter} onChange={setFilter} />
      <ErrorAlert error={all.error} />
      <GridRow gutter={16} style={{ marginBottom: 16 }}>
        <Col span={9}>
          <Card title={m.paymentMix} size="small"><Chart testId="payment-mix-chart" option={mix} height={260} /></Card>
        </Col>
        <Col span={15}>
          <Card title={m.paymentsByDay} size="small"><Chart testId="payments-by-day-chart" option={byDay} height={260} /></Card>
        </Col>
      </GridRow>
      <div style={{ marginBottom: 8 }}><ExportLinks report="payments/daily" filter={filter} /></div>
      <ReportTable<PaymentsByDayRow>
        testId="payments-table"
        rowKey={(r) => `${r.day}|${r.storeId}|${r.method}`}
        paged={paged}
        columns={[
          { title: m.day, dataIndex: 'day', width: 110 },
          { title: m.store, dataIndex: 'storeId', width: 90 },
          { title: m.method, dataIndex: 'method', render: (k: string) => methodName(k) },
          { title: m.payments, dataIndex: 'payments', align: 'right' },
          { title: m.amount, dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
          { title: m.difference, dataIndex: 'difference', align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
    </>
  );
}
