import { Alert, Button, Card, Form, Input, InputNumber, Table } from 'antd';
import { useState } from 'react';
import { REPORTS_BASE, type PeriodsResponse, type SetPeriodRuleRequest } from '../../../sync/protocol/reports.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useUser } from '../../shared/session.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { useReportText } from './messages.js';
import { ReportFilters, useReportFilter } from './ReportFilters.js';

/** The accounting periods of a range and the rules that make them; finance (and admin) set a rule here. */
export default function PeriodsPage() {
  const m = useReportText();
  const [filter, setFilter] = useReportFilter();
  const periods = useLoad(() => api.get<PeriodsResponse>(`${REPORTS_BASE}/periods`, { from: filter.from, to: filter.to }), [filter]);
  const user = useUser();
  const mayEdit = user.role === 'finance' || user.role === 'admin';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (v: SetPeriodRuleRequest) => {
    setSaving(true);
    try {
      await api.post(`${REPORTS_BASE}/periods/rules`, v);
      setError(null);
      periods.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <ReportFilters noStore value={filter} onChange={setFilter} />
      <ErrorAlert error={periods.error} />
      <Card title={m.periods} size="small" style={{ marginBottom: 16 }}>
        <Table
          data-testid="periods-table"
          size="small"
          rowKey="from"
          pagination={false}
          loading={periods.loading}
          dataSource={periods.data?.periods ?? []}
          columns={[{ title: m.label, dataIndex: 'label' }, { title: m.from, dataIndex: 'from' }, { title: m.to, dataIndex: 'to' }]}
        />
      </Card>
      <Card title={m.rules} size="small">
        {(periods.data?.rules.length ?? 0) === 0 && <Alert type="info" title={m.calendarMonths} style={{ marginBottom: 12 }} />}
        <Table
          data-testid="period-rules-table"
          size="small"
          rowKey="effectiveFrom"
          pagination={false}
          dataSource={periods.data?.rules ?? []}
          columns={[
            { title: m.effectiveFrom, dataIndex: 'effectiveFrom' },
            { title: m.startDay, dataIndex: 'startDay' },
            { title: m.reason, dataIndex: 'reason' },
            { title: m.setBy, dataIndex: 'setBy' },
            { title: m.setAt, dataIndex: 'setAt', render: (v: string) => dateTime(v) },
          ]}
        />
        {mayEdit && (
          <Form<SetPeriodRuleRequest> layout="inline" style={{ marginTop: 16 }} onFinish={(v) => void submit(v)} data-testid="period-rule-form">
            <Form.Item name="effectiveFrom" label={m.effectiveFrom} rules={[{ required: true }]}>
              <Input type="date" style={{ width: 160 }} data-testid="rule-from" />
            </Form.Item>
            <Form.Item name="startDay" label={m.startDay} rules={[{ required: true }]}>
              <InputNumber min={1} max={28} data-testid="rule-start-day" />
            </Form.Item>
            <Form.Item name="reason" label={m.reason} rules={[{ required: true }]}>
              <Input style={{ width: 220 }} maxLength={200} data-testid="rule-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="rule-submit">{m.setRule}</Button>
          </Form>
        )}
        <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div>
      </Card>
    </>
  );
}
