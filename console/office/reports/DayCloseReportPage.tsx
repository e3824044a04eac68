import { Card, Tag } from 'antd';
import { useMemo } from 'react';
import { REPORTS_BASE, type ClosedDayRow, type ReportPage } from '../../../sync/protocol/reports.js';
import { api } from '../../shared/api.js';
import { dateTime, yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Chart, fenAsYuan, type ChartOption } from './Chart.js';
import { useReportText } from './messages.js';
import { ExportLinks, ReportFilters, useReportFilter } from './ReportFilters.js';
import { ReportTable } from './ReportTable.js';
import { usePagedReport } from './usePagedReport.js';

async function allCloses(filter: object): Promise<ClosedDayRow[]> {
  const rows: ClosedDayRow[] = [];
  let after: string | null = null;
  do {
    const page: ReportPage<ClosedDayRow> = await api.get(`${REPORTS_BASE}/closed-days`, { ...filter, limit: 5000, after });
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}

export default function DayCloseReportPage() {
  const m = useReportText();
  const [filter, setFilter] = useReportFilter();
  const all = useLoad(() => allCloses(filter), [filter]);
  const paged = usePagedReport<ClosedDayRow>('closed-days', filter);

  // Variance by store over the range: over (short) and the days not closed, side by side per store.
  const option = useMemo((): ChartOption => {
    const rows = all.data ?? [];
    const stores = [...new Set(rows.map((r) => r.storeId))].sort();
    const variance = new Map<string, number>();
    const open = new Map<string, number>();
    for (const r of rows) {
      variance.set(r.storeId, (variance.get(r.storeId) ?? 0) + r.variance);
      if (!r.closed) open.set(r.storeId, (open.get(r.storeId) ?? 0) + 1);
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: stores },
      yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: m.notClosed, minInterval: 1 }],
      series: [
        {
          name: m.variance, type: 'bar', barMaxWidth: 28,
          data: stores.map((s) => {
            const v = variance.get(s) ?? 0;
            return { value: fenAsYuan(v), itemStyle: { color: v < 0 ? '#cf1322' : '#389e0d' } };
          }),
        },
        { name: m.notClosed, type: 'line', yAxisIndex: 1, data: stores.map((s) => open.get(s) ?? 0) },
      ],
    };
  }, [all.data, m]);

  return (
    <>
      <ReportFilters value={filter} onChange={setFilter} />
      <ErrorAlert error={all.error} />
      <Card title={m.varianceByStore} size="small" style={{ marginBottom: 16 }}>
        <Chart testId="variance-chart" option={option} height={240} />
      </Card>
      <div style={{ marginBottom: 8 }}><ExportLinks report="closed-days" filter={filter} /></div>
      <ReportTable<ClosedDayRow>
        testId="closed-days-table"
        rowKey={(r) => `${r.day}|${r.storeId}`}
        paged={paged}
        columns={[
          { title: m.day, dataIndex: 'day', width: 110 },
          { title: m.store, dataIndex: 'storeId', width: 90 },
          { title: m.closed, dataIndex: 'closed', render: (c: boolean) => (c ? <Tag color="green">{m.closed}</Tag> : <Tag color="orange">{m.notClosed}</Tag>) },
          { title: m.drawers, dataIndex: 'drawers', align: 'right', width: 80 },
          { title: m.closedAt, dataIndex: 'closedAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
          { title: m.closedBy, dataIndex: 'closedBy', render: (v: string | null) => v ?? '—' },
          { title: m.cashExpected, dataIndex: 'cashExpected', align: 'right', render: (v: number) => yuan(v) },
          { title: m.cashCounted, dataIndex: 'cashCounted', align: 'right', render: (v: number) => yuan(v) },
          { title: m.variance, dataIndex: 'variance', align: 'right', render: (v: number, r) => <span style={{ color: r.beyondTolerance ? '#cf1322' : undefined }}>{yuan(v)}</span> },
        ]}
      />
    </>
  );
}
