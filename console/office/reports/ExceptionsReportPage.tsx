import { Card, Col, Row as GridRow, Table } from 'antd';
import { useMemo } from 'react';
import { REPORTS_BASE, type ExceptionAgeRow, type ExceptionsByDayRow, type ReportPage } from '../../../sync/protocol/reports.js';
import { api } from '../../shared/api.js';
import { useT, type MessageKey } from '../../shared/i18n/index.js';
import { yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Chart, type ChartOption } from './Chart.js';
import { useReportText } from './messages.js';
import { ExportLinks, ReportFilters, useReportFilter } from './ReportFilters.js';
import { ReportTable } from './ReportTable.js';
import { usePagedReport } from './usePagedReport.js';

async function allExceptions(filter: object): Promise<ExceptionsByDayRow[]> {
  const rows: ExceptionsByDayRow[] = [];
  let after: string | null = null;
  do {
    const page: ReportPage<ExceptionsByDayRow> = await api.get(`${REPORTS_BASE}/exceptions/daily`, { ...filter, limit: 5000, after });
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}

export default function ExceptionsReportPage() {
  const m = useReportText();
  const { t } = useT();
  // The reconciliation's names for its exception types; a type it does not name shows as its code.
  const typeName = (x: string) => {
    const name = t(`exceptionTypes.${x}` as MessageKey);
    return name === `exceptionTypes.${x}` ? x : name;
  };
  const [filter, setFilter] = useReportFilter();
  const all = useLoad(() => allExceptions(filter), [filter]);
  const ages = useLoad(() => api.get<ExceptionAgeRow[]>(`${REPORTS_BASE}/exceptions/ages`), []);
  const paged = usePagedReport<ExceptionsByDayRow>('exceptions/daily', filter);

  const option = useMemo((): ChartOption => {
    const rows = all.data ?? [];
    const types = [...new Set(rows.map((r) => r.type))].sort();
    const days = [...new Set(rows.map((r) => r.day))].sort();
    const cell = new Map<string, number>();
    for (const r of rows) cell.set(`${r.day}|${r.type}`, (cell.get(`${r.day}|${r.type}`) ?? 0) + r.found);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: types.map((x) => ({ name: typeName(x), type: 'bar', stack: 'found', data: days.map((d) => cell.get(`${d}|${x}`) ?? 0) })),
    };
  }, [all.data, t]);

  return (
    <>
      <ReportFilters value={filter} onChange={setFilter} />
      <ErrorAlert error={all.error ?? ages.error} />
      <GridRow gutter={16} style={{ marginBottom: 16 }}>
        <Col span={15}>
          <Card title={m.exceptionsOverTime} size="small"><Chart testId="exceptions-chart" option={option} height={260} /></Card>
        </Col>
        <Col span={9}>
          <Card title={m.exceptionAges} size="small">
            <Table<ExceptionAgeRow>
              data-testid="exception-ages-table"
              size="small"
              rowKey={(r) => `${r.type}|${r.age}`}
              loading={ages.loading}
              dataSource={ages.data ?? []}
              pagination={false}
              scroll={{ y: 200 }}
              columns={[
                { title: m.type, dataIndex: 'type', render: (x: string) => typeName(x) },
                { title: m.age, dataIndex: 'age', width: 80 },
                { title: m.open, dataIndex: 'open', align: 'right', width: 70 },
                { title: m.amount, dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
              ]}
            />
          </Card>
        </Col>
      </GridRow>
      <div style={{ marginBottom: 8 }}><ExportLinks report="exceptions/daily" filter={filter} /></div>
      <ReportTable<ExceptionsByDayRow>
        testId="exceptions-report-table"
        rowKey={(r) => `${r.day}|${r.storeId}|${r.type}`}
        paged={paged}
        columns={[
          { title: m.day, dataIndex: 'day', width: 110 },
          { title: m.store, dataIndex: 'storeId', width: 90 },
          { title: m.type, dataIndex: 'type', render: (x: string) => typeName(x) },
          { title: m.found, dataIndex: 'found', align: 'right' },
          { title: m.amount, dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
          { title: m.open, dataIndex: 'open', align: 'right' },
          { title: m.openAmount, dataIndex: 'openAmount', align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
    </>
  );
}
