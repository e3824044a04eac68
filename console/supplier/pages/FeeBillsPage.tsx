import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { supplierRoutes, type SupplierDeductionTotals, type SupplierFeeBill, type SupplierFeeBillsQuery } from '../../../sync/protocol/supplier.js';
import { dateTime, yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { CounterSelect, ExportButtons, Filters, PeriodSelect, ResponsiveRows, Truncated, usePickers } from '../parts.js';
import { Link } from '../router.js';

/**
 * 供应商费用单 by period and counter. Above the bills, per counter: fee bills + contract fees + supplies = the
 * other deductions, beside the statement's own figure, so the supplier sees they tie.
 */
export default function FeeBillsPage() {
  const { t } = useT();
  const { periods, counters } = usePickers();
  const [filter, setFilter] = useState<SupplierFeeBillsQuery>({});
  const r = useLoad(() => supplierApi.feeBills(filter), [filter]);
  const bills = r.data?.bills ?? [];

  const tie = (x: SupplierDeductionTotals) =>
    x.statementOtherDeductions === null ? (
      <Tag>{t('fees.noStatement')}</Tag>
    ) : x.statementOtherDeductions === x.otherDeductions ? (
      <Tag color="green" data-testid="ties">{t('fees.ties')}</Tag>
    ) : (
      <Tag color="red" data-testid="differs">{t('fees.differs')}</Tag>
    );

  return (
    <>
      <Filters>
        <PeriodSelect periods={periods} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <CounterSelect counters={counters} value={filter.counter} onChange={(counter) => setFilter({ ...filter, counter })} />
        <ExportButtons route={supplierRoutes.feeBillsExport} filters={filter} testId="fee-bills-export" />
      </Filters>
      <ErrorAlert error={r.error} />
      <Card size="small" title={t('fees.totalsTitle')} style={{ marginBottom: 16 }}>
        <ResponsiveRows<SupplierDeductionTotals>
          testId="fee-totals"
          rows={r.data?.totals ?? []}
          loading={r.loading}
          rowKey={(x) => `${x.period.from}|${x.counterId}`}
          columns={[
            { title: t('common.period'), key: 'period', render: (_: unknown, x) => x.period.label },
            { title: t('common.counter'), dataIndex: 'counterId' },
            { title: t('fees.feeBills'), dataIndex: 'feeBills', align: 'right', render: (v: number) => yuan(v) },
            { title: t('fees.contractFees'), dataIndex: 'contractFees', align: 'right', render: (v: number) => yuan(v) },
            { title: t('fees.supplies'), dataIndex: 'supplies', align: 'right', render: (v: number) => yuan(v) },
            { title: t('fees.otherDeductions'), dataIndex: 'otherDeductions', align: 'right', render: (v: number) => <strong>{yuan(v)}</strong> },
            {
              title: t('fees.onStatement'),
              key: 'statement',
              render: (_: unknown, x) =>
                x.statementNumber ? (
                  <span>
                    <Link to={`statements/${encodeURIComponent(x.statementNumber)}`}>{x.statementNumber}</Link> {yuan(x.statementOtherDeductions)} {tie(x)}
                  </span>
                ) : (
                  tie(x)
                ),
            },
          ]}
          card={(x) => ({
            title: `${x.period.label} · ${x.counterId}`,
            extra: tie(x),
            lines: [
              [t('fees.feeBills'), yuan(x.feeBills)],
              [t('fees.contractFees'), yuan(x.contractFees)],
              [t('fees.supplies'), yuan(x.supplies)],
              [t('fees.otherDeductions'), <strong key="o">{yuan(x.otherDeductions)}</strong>],
              [t('fees.onStatement'), x.statementNumber ? <Link key="s" to={`statements/${encodeURIComponent(x.statementNumber)}`}>{x.statementNumber}</Link> : '—'],
            ],
          })}
        />
      </Card>
      <Card size="small" title={t('fees.billsTitle')}>
        <Truncated truncated={r.data?.truncated} shown={bills.length} />
        <ResponsiveRows<SupplierFeeBill>
          testId="fee-bills"
          rows={bills}
          loading={r.loading}
          rowKey={(b) => b.id}
          columns={[
            { title: t('fees.bill'), dataIndex: 'id' },
            { title: t('common.period'), key: 'period', render: (_: unknown, b) => b.period.label },
            { title: t('common.counter'), key: 'counter', render: (_: unknown, b) => `${b.counterId} ${b.counterName}` },
            {
              title: t('fees.items'),
              key: 'items',
              render: (_: unknown, b) => (
                <Table
                  size="small"
                  pagination={false}
                  showHeader={false}
                  rowKey="code"
                  dataSource={b.items}
                  columns={[
                    { title: t('fees.itemCode'), dataIndex: 'code', width: 90 },
                    { title: t('fees.itemName'), dataIndex: 'name' },
                    { title: t('fees.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
                  ]}
                />
              ),
            },
            { title: t('fees.amount'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{yuan(v)}</strong> },
            { title: t('fees.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          ]}
          card={(b) => ({
            title: b.id,
            extra: <strong>{yuan(b.total)}</strong>,
            lines: [[t('common.period'), b.period.label], [t('common.counter'), b.counterId], ...b.items.map((i): [string, string] => [i.name, yuan(i.amount)])],
          })}
        />
      </Card>
    </>
  );
}
