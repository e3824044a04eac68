import { Card, Space, Tabs } from 'antd';
import { useMemo } from 'react';
import { REPORTS_BASE, type DailySalesRow, type PeriodSalesRow, type SalesTrendPoint } from '../../../sync/protocol/reports.js';
import { api } from '../../shared/api.js';
import { yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Chart, fenAsYuan, type ChartOption } from './Chart.js';
import { useReportText } from './messages.js';
import { ExportLinks, ReportFilters, useReportFilter } from './ReportFilters.js';
import { ReportTable } from './ReportTable.js';
import { usePagedReport } from './usePagedReport.js';

export default function SalesReportPage() {
  const m = useReportText();
  const [filter, setFilter] = useReportFilter();
  const trend = useLoad(() => api.get<SalesTrendPoint[]>(`${REPORTS_BASE}/sales/trend`, { ...filter }), [filter]);
  const daily = usePagedReport<DailySalesRow>('sales/daily', filter);
  const byPeriod = usePagedReport<PeriodSalesRow>('sales/periods', filter);

  const option = useMemo((): ChartOption => {
    const points = trend.data ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [m.amount, m.orders] },
      grid: { left: 60, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => p.day) },
      yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: m.orders }],
      series: [
        { name: m.amount, type: 'line', areaStyle: { opacity: 0.15 }, data: points.map((p) => fenAsYuan(p.amount)) },
        { name: m.orders, type: 'bar', yAxisIndex: 1, barMaxWidth: 12, data: points.map((p) => p.orders) },
      ],
    };
  }, [trend.data, m]);

  const common = {
    sku: { title: m.sku, dataIndex: 'sku' as const, width: 140 },
    name: { title: m.product, dataIndex: 'name' as const },
    store: { title: m.store, dataIndex: 'storeId' as const, width: 90 },
    qty: { title: m.qty, dataIndex: 'qty' as const, align: 'right' as const, width: 90 },
    amount: { title: m.amount, dataIndex: 'amount' as const, align: 'right' as const, width: 130, render: (v: number) => yuan(v) },
    orders: { title: m.orders, dataIndex: 'orders' as const, align: 'right' as const, width: 80 },
  };

  return (
    <>
      <ReportFilters value={filter} onChange={setFilter} />
      <Card title={m.salesTrend} size="small" style={{ marginBottom: 16 }}>
        <ErrorAlert error={trend.error} />
        <Chart testId="sales-trend-chart" option={option} height={260} />
      </Card>
      <Tabs
        items={[
          {
            key: 'daily',
            label: m.byDay,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <ExportLinks report="sales/daily" filter={filter} />
                <ReportTable<DailySalesRow>
                  testId="sales-daily-table"
                  rowKey={(r) => `${r.day}|${r.storeId}|${r.sku}`}
                  paged={daily}
                  columns={[{ title: m.day, dataIndex: 'day', width: 110 }, common.store, common.sku, common.name, common.qty, common.amount, common.orders]}
                />
              </Space>
            ),
          },
          {
            key: 'periods',
            label: m.byPeriod,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <ExportLinks report="sales/periods" filter={filter} />
                <ReportTable<PeriodSalesRow>
                  testId="sales-period-table"
                  rowKey={(r) => `${r.from}|${r.storeId}|${r.sku}`}
                  paged={byPeriod}
                  columns={[
                    { title: m.period, dataIndex: 'period', width: 90, render: (_: string, r) => `${r.period} (${r.from} – ${r.to})` },
                    common.store, common.sku, common.name, common.qty, common.amount, common.orders,
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
