import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import {
  EXCEPTION_STATUSES,
  EXCEPTION_TYPES,
  reconRoutes,
  type ExceptionListResponse,
  type ExceptionStatus,
  type ExceptionType,
  type ExceptionView,
  type MatchRunRequest,
  type MatchRunResponse,
} from '../../../../sync/protocol/reconciliation.js';
import { api, toApiError, urlOf, type ApiError } from '../../../shared/api.js';
import { useT } from '../../../shared/i18n/index.js';
import { yuan } from '../../../shared/format.js';
import { useUser } from '../../../shared/session.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';
import { StoreSelect } from '../../StoreSelect.js';
import { ResolveDialog } from './ResolveDialog.js';

const PAGE_SIZE = 50;

/** YYYY-MM-DD of the browser's day `n` days ago. */
function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Filters {
  type?: ExceptionType | undefined;
  storeId?: string | undefined;
  status?: ExceptionStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export default function ExceptionsPage() {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const user = useUser();
  const canResolve = user.role !== 'manager';
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<ExceptionView | null>(null);
  // Native date fields: typed with the keyboard (2026-11-27), no calendar needed.
  const [runFrom, setRunFrom] = useState(() => daysAgo(7));
  const [runTo, setRunTo] = useState(() => daysAgo(0));
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const list = useLoad(() => api.get<ExceptionListResponse>(reconRoutes.exceptions, { ...filters, page, pageSize: PAGE_SIZE }), [filters, page]);

  const set = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const run = async () => {
    if (!runFrom || !runTo) return;
    setRunning(true);
    setRunError(null);
    try {
      const body: MatchRunRequest = { from: runFrom, to: runTo };
      const r = await api.post<MatchRunResponse>(reconRoutes.run, body);
      void message.success(t('exceptions.ran', { orders: r.orders, matched: r.matched, held: r.held, exceptions: r.exceptions }));
      list.reload();
    } catch (err) {
      setRunError(toApiError(err));
    } finally {
      setRunning(false);
    }
  };

  const exportHref = (format: 'csv' | 'xlsx') => urlOf(reconRoutes.exportExceptions, { ...filters, format, lang: locale });

  return (
    <>
      {canResolve && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <ErrorAlert error={runError} />
          <Space wrap>
            <span>{t('exceptions.runRange')}</span>
            <Input type="date" aria-label={t('exceptions.runFrom')} value={runFrom} onChange={(e) => setRunFrom(e.target.value)} style={{ width: 150 }} data-testid="run-from" />
            <span>–</span>
            <Input type="date" aria-label={t('exceptions.runTo')} value={runTo} onChange={(e) => setRunTo(e.target.value)} style={{ width: 150 }} data-testid="run-to" />
            <Button onClick={() => void run()} loading={running} disabled={!runFrom || !runTo} data-testid="run-match">{t('exceptions.run')}</Button>
          </Space>
        </Card>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ExceptionType>
          aria-label={t('exceptions.type')}
          placeholder={t('exceptions.allTypes')}
          allowClear
          value={filters.type}
          onChange={(v) => set({ type: v ?? undefined })}
          style={{ width: 180 }}
          data-testid="filter-type"
          options={EXCEPTION_TYPES.map((x) => ({ value: x, label: t(`exceptionTypes.${x}`) }))}
        />
        <StoreSelect allowClear value={filters.storeId} onChange={(v) => set({ storeId: v })} testId="filter-store" width={180} />
        <Select<ExceptionStatus>
          aria-label={t('exceptions.status')}
          placeholder={t('exceptions.allStatuses')}
          allowClear
          value={filters.status}
          onChange={(v) => set({ status: v ?? undefined })}
          style={{ width: 120 }}
          data-testid="filter-status"
          options={EXCEPTION_STATUSES.map((s) => ({ value: s, label: t(`exceptionStatuses.${s}`) }))}
        />
        <DatePicker.RangePicker
          style={{ width: 250 }}
          aria-label={t('exceptions.day')}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        />
        <a href={exportHref('csv')} download data-testid="export-csv"><Button tabIndex={-1}>{t('exceptions.exportCsv')}</Button></a>
        <a href={exportHref('xlsx')} download data-testid="export-xlsx"><Button tabIndex={-1}>{t('exceptions.exportXlsx')}</Button></a>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<ExceptionView>
        data-testid="exceptions-table"
        rowKey="key"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.exceptions ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('exceptions.total', { n }) }}
        onRow={(x) => ({ 'data-key': x.key, 'data-type': x.type } as object)}
        columns={[
          { title: t('exceptions.type'), dataIndex: 'type', render: (x: ExceptionType) => <Tag color="volcano">{t(`exceptionTypes.${x}`)}</Tag> },
          { title: t('exceptions.amount'), dataIndex: 'amount', align: 'right', render: (f: number) => <span data-testid="amount">{yuan(f)}</span> },
          { title: t('exceptions.ours'), dataIndex: 'ours', align: 'right', render: yuan },
          { title: t('exceptions.theirs'), dataIndex: 'theirs', align: 'right', render: yuan },
          { title: t('exceptions.order'), dataIndex: 'orderId', render: (o: string | null) => o ?? '—' },
          { title: t('common.store'), dataIndex: 'storeId', render: (s: string | null) => s ?? '—' },
          { title: t('exceptions.day'), dataIndex: 'day' },
          { title: t('exceptions.age'), dataIndex: 'ageDays', align: 'right', render: (d: number) => t('exceptions.days', { n: d }) },
          {
            title: t('exceptions.status'),
            dataIndex: 'status',
            render: (s: ExceptionStatus, x: ExceptionView) =>
              s === 'resolved' && x.resolution ? (
                <Tooltip title={`${x.resolution.by} · ${x.resolution.reason ?? ''}`}>
                  <Tag color="green">{t(`resolve.kinds.${x.resolution.kind}`)}</Tag>
                </Tooltip>
              ) : (
                <Tag color="orange">{t(`exceptionStatuses.${s}`)}</Tag>
              ),
          },
          ...(canResolve
            ? [{
                title: '',
                key: 'resolve',
                render: (_: unknown, x: ExceptionView) => (
                  <Button size="small" onClick={() => setResolving(x)} data-testid={`resolve-${x.key}`}>
                    {x.status === 'resolved' ? t('resolve.again') : t('resolve.open')}
                  </Button>
                ),
              }]
            : []),
        ]}
      />
      {resolving && (
        <ResolveDialog
          exception={resolving}
          onClose={(done) => {
            setResolving(null);
            if (done) {
              void message.success(t('resolve.done'));
              list.reload();
            }
          }}
        />
      )}
    </>
  );
}
