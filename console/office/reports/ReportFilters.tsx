import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { REPORTS_BASE } from '../../../sync/protocol/reports.js';
import { urlOf } from '../../shared/api.js';
import { useT } from '../../shared/i18n/index.js';
import { StoreSelect } from '../StoreSelect.js';
import { useReportText } from './messages.js';

export interface ReportFilter {
  from: string;
  to: string;
  storeId?: string | undefined;
}

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The last 30 days to today, in this browser's calendar. */
export function useReportFilter(): [ReportFilter, (f: ReportFilter) => void] {
  const [filter, setFilter] = useState<ReportFilter>(() => {
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
    return { from: isoDay(from), to: isoDay(today) };
  });
  return [filter, setFilter];
}

/** The range and the store (unless noStore); a manager's store list holds only their own stores. */
export function ReportFilters(props: { value: ReportFilter; onChange(f: ReportFilter): void; noStore?: boolean }) {
  const m = useReportText();
  const f = props.value;
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <label>
        {m.from}{' '}
        <Input type="date" data-testid="report-from" value={f.from} style={{ width: 160 }} onChange={(e) => e.target.value && props.onChange({ ...f, from: e.target.value })} />
      </label>
      <label>
        {m.to}{' '}
        <Input type="date" data-testid="report-to" value={f.to} style={{ width: 160 }} onChange={(e) => e.target.value && props.onChange({ ...f, to: e.target.value })} />
      </label>
      {!props.noStore && <StoreSelect allowClear value={f.storeId} onChange={(storeId) => props.onChange({ ...f, storeId })} testId="report-store" />}
    </Space>
  );
}

/**
 * Download links: plain links, so the browser downloads the streamed file itself and shows its progress (the server
 * sends it chunked, without a length, row by row); the session cookie goes with them, same origin.
 */
export function ExportLinks(props: { report: string; filter: ReportFilter }) {
  const m = useReportText();
  const { locale } = useT();
  const query = { from: props.filter.from, to: props.filter.to, storeId: props.filter.storeId, lang: locale };
  return (
    <Space>
      <Button href={urlOf(`${REPORTS_BASE}/${props.report}.csv`, query)} download data-testid={`export-csv-${props.report.replaceAll('/', '-')}`}>{m.exportCsv}</Button>
      <Button href={urlOf(`${REPORTS_BASE}/${props.report}.xlsx`, query)} download data-testid={`export-xlsx-${props.report.replaceAll('/', '-')}`}>{m.exportXlsx}</Button>
    </Space>
  );
}
