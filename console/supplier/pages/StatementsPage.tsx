import { Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { supplierRoutes, type SupplierStatementSummary, type SupplierStatementsQuery } from '../../../sync/protocol/supplier.js';
import { yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { ExportButtons, Filters, PeriodSelect, ResponsiveRows, Truncated, usePickers, usePrintLabel } from '../parts.js';
import { Link } from '../router.js';
import { StatusTag } from '../StatusTag.js';

/** The issue day in this browser's calendar: the time of day tells a supplier nothing here. */
const day = (iso: string) => new Date(iso).toLocaleDateString();

/** 专柜结款单: the supplier's statements by period, searchable; a number opens the statement. */
export default function StatementsPage() {
  const { t } = useT();
  const { periods } = usePickers();
  const printLabel = usePrintLabel();
  const [filter, setFilter] = useState<SupplierStatementsQuery>({});
  const list = useLoad(() => supplierApi.statements(filter), [filter]);
  const rows = list.data?.statements ?? [];
  const number = (r: SupplierStatementSummary) => (
    <Link to={`statements/${encodeURIComponent(r.number)}`} data-testid={`statement-${r.number}`}>
      {r.number}
    </Link>
  );
  const money = (v: number) => yuan(v);

  return (
    <>
      <Filters>
        <PeriodSelect periods={periods} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <Input.Search
          {...printLabel(t('common.search'))}
          allowClear
          aria-label={t('common.search')}
          placeholder={t('statements.searchPlaceholder')}
          enterButton={t('common.search')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="statement-search"
          onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined })}
        />
        <ExportButtons route={supplierRoutes.statementsExport} filters={filter} testId="statements-export" />
      </Filters>
      <ErrorAlert error={list.error} />
      <Truncated truncated={list.data?.truncated} shown={rows.length} />
      <ResponsiveRows<SupplierStatementSummary>
        testId="statements"
        rows={rows}
        loading={list.loading}
        rowKey={(r) => r.number}
        columns={[
          // The version only once there is more than one: most statements are never corrected.
          { title: t('statements.number'), dataIndex: 'number', fixed: 'left', render: (_: string, r) => <Space size={4}>{number(r)}{r.version > 1 && <Tag>v{r.version}</Tag>}</Space> },
          { title: t('statements.period'), key: 'period', render: (_: unknown, r) => r.period.label },
          { title: t('common.counter'), key: 'counter', render: (_: unknown, r) => <span>{r.counterId} {r.counterName} <Typography.Text type="secondary">{r.storeId}</Typography.Text></span> },
          // The issue day on the status's tooltip: the list stays one screen wide in either language.
          { title: t('statements.status'), dataIndex: 'status', render: (_: string, r) => <Tooltip title={r.issuedAt ? `${t('statements.issuedAt')}: ${day(r.issuedAt)}` : undefined}><span><StatusTag status={r.status} /></span></Tooltip> },
          { title: t('statements.netSales'), dataIndex: 'netSales', align: 'right', render: money },
          { title: t('statements.commission'), dataIndex: 'commission', align: 'right', render: money },
          { title: t('statements.invoiceAmount'), dataIndex: 'invoiceAmount', align: 'right', render: money },
          { title: t('statements.otherDeductions'), dataIndex: 'otherDeductions', align: 'right', render: money },
          { title: t('statements.payable'), dataIndex: 'payable', align: 'right', render: (v: number) => <Typography.Text strong data-testid="payable">{yuan(v)}</Typography.Text> },
        ]}
        card={(r) => ({
          title: number(r),
          extra: <StatusTag status={r.status} />,
          lines: [
            [t('common.period'), r.period.label],
            [t('common.counter'), <Space key="c" size={4}>{r.counterId}<Typography.Text type="secondary">{r.counterName}</Typography.Text></Space>],
            [t('statements.netSales'), yuan(r.netSales)],
            [t('statements.commission'), yuan(r.commission)],
            [t('statements.otherDeductions'), yuan(r.otherDeductions)],
            [t('statements.payable'), <Typography.Text strong key="p" data-testid="payable">{yuan(r.payable)}</Typography.Text>],
          ],
        })}
      />
    </>
  );
}
