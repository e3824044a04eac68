import { Alert, App, Button, Input, Select, Space, Table, Tag, Tooltip, Typography, type InputRef } from 'antd';
import { useMemo, useRef, useState } from 'react';
import {
  STATEMENT_STATUSES,
  settlementRoutes,
  type DraftStatementsRequest,
  type DraftStatementsResponse,
  type IssuePeriodRequest,
  type IssuePeriodResponse,
  type PeriodStatusResponse,
  type StatementListResponse,
  type StatementStatus,
  type StatementSummary,
} from '../../../sync/protocol/settlement.js';
import { api, toApiError, urlOf, type ApiError } from '../../shared/api.js';
import { dateTime, yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Link, navigate } from '../router.js';
import { PeriodSelect, StatusTag, useKeys, usePeriods, useQueryParam } from './common.js';

export const detailPath = (id: string) => `settlement/statement?id=${encodeURIComponent(id)}`;

/** What a search matches: the number, the counter's code and name, the supplier's code and name. */
function matches(s: StatementSummary, q: string): boolean {
  if (!q) return true;
  const hay = `${s.number} ${s.counterId} ${s.counterName} ${s.supplierId} ${s.supplierName}`.toLowerCase();
  return q.toLowerCase().split(/\s+/).every((w) => hay.includes(w));
}

/**
 * A period's statements: draft them, issue the drafts (by the 5th of the next month, or the period shows overdue),
 * filter by status, search by number, counter or supplier, open one. "/" goes to the search; Enter there opens the
 * first statement found, so a clerk with a number on paper types it and presses Enter.
 */
export default function StatementsPage() {
  const { t, locale } = useT();
  const { message, modal } = App.useApp();
  const { periods, settle, loading: periodsLoading, error: periodsError } = usePeriods();
  const [periodParam, setPeriod] = useQueryParam('period');
  const [statusParam, setStatus] = useQueryParam('status');
  const [q, setQ] = useQueryParam('q');
  const period = periodParam ?? settle?.from;
  const status = (STATEMENT_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as StatementStatus) : undefined;
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'draft' | 'issue' | null>(null);
  const search = useRef<InputRef>(null);

  const list = useLoad(
    () => (period ? api.get<StatementListResponse>(settlementRoutes.statements, { period }) : Promise.resolve({ statements: [] })),
    [period],
  );
  const state = useLoad(
    () => (period ? api.get<PeriodStatusResponse>(settlementRoutes.periodStatus, { period }) : Promise.resolve(null)),
    [period],
  );
  const all = list.data?.statements ?? [];
  const shown = useMemo(() => all.filter((s) => (!status || s.status === status) && matches(s, q ?? '')), [all, status, q]);
  const drafts = all.filter((s) => s.status === 'draft');
  const label = state.data?.periodLabel ?? periods.find((p) => p.from === period)?.label ?? '';

  useKeys({ '/': () => search.current?.focus() });

  const draft = async () => {
    if (!period) return;
    setBusy('draft');
    setError(null);
    try {
      const body: DraftStatementsRequest = { periodFrom: period };
      const r = await api.post<DraftStatementsResponse>(settlementRoutes.draft, body);
      void message.success(t('stmt.drafted', { n: r.drafted }));
      list.reload();
      state.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  // The period's drafts in one call and one transaction on the server: all issued, or none.
  const issueAll = async () => {
    if (!period) return;
    setBusy('issue');
    setError(null);
    try {
      const body: IssuePeriodRequest = { periodFrom: period };
      const r = await api.post<IssuePeriodResponse>(settlementRoutes.issuePeriod, body);
      void message.success(t('stmt.issued', { n: r.issued }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
      list.reload();
      state.reload();
    }
  };

  const confirmIssueAll = () => {
    void modal.confirm({
      title: t('stmt.issueAll'),
      content: t('stmt.issueAllConfirm', { n: drafts.length, period: label }),
      okText: t('stmt.issue'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      onOk: () => issueAll(),
    });
  };

  const exportHref = (format: 'csv' | 'xlsx') => urlOf(settlementRoutes.exportList, { period, status, format, lang: locale });
  const ps = state.data;

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <PeriodSelect periods={periods} value={period} onChange={(v) => setPeriod(v)} loading={periodsLoading} />
        <Button onClick={() => void draft()} loading={busy === 'draft'} disabled={!period} data-testid="statements-draft">{t('stmt.draft')}</Button>
        <Button type="primary" onClick={confirmIssueAll} loading={busy === 'issue'} disabled={drafts.length === 0} data-testid="statements-issue-all">
          {t('stmt.issueAll')} ({drafts.length})
        </Button>
        {ps && (
          <Space size={4} data-testid="period-status" data-overdue={ps.overdue ? 'true' : 'false'}>
            <Typography.Text type="secondary">{t('stmt.due', { day: ps.dueDate })}</Typography.Text>
            {ps.overdue && <Tag color="red" data-testid="period-overdue">{t('stmt.overdue')}</Tag>}
          </Space>
        )}
      </Space>
      {ps?.overdue && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('stmt.overdueNote', { period: ps.periodLabel, day: ps.dueDate })} />}
      <ErrorAlert error={error ?? periodsError ?? list.error ?? state.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          ref={search}
          allowClear
          aria-label={t('stmt.search')}
          placeholder={`${t('stmt.search')}  ( / )`}
          defaultValue={q ?? ''}
          onChange={(e) => setQ(e.target.value)}
          onSearch={() => {
            const first = shown[0];
            if (first) navigate(detailPath(first.id));
          }}
          style={{ width: 300 }}
          data-testid="statements-search"
        />
        <Select<StatementStatus>
          aria-label={t('stmt.status')}
          placeholder={t('stmt.allStatuses')}
          allowClear
          value={status}
          onChange={(v) => setStatus(v ?? null)}
          style={{ width: 160 }}
          data-testid="statements-status"
          options={STATEMENT_STATUSES.filter((s) => s !== 'superseded').map((s) => ({ value: s, label: t(`stmt.statuses.${s}`) }))}
        />
        <Button href={exportHref('xlsx')} download data-testid="statements-export-xlsx">{t('stmt.detail.exportXlsx')}</Button>
        <Button href={exportHref('csv')} download data-testid="statements-export-csv">{t('stmt.detail.exportCsv')}</Button>
      </Space>
      <Table<StatementSummary>
        data-testid="statements-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={shown}
        scroll={{ x: 1100 }}
        locale={{ emptyText: all.length === 0 ? t('stmt.none') : undefined }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('stmt.total', { n }) }}
        onRow={(s) => ({ 'data-id': s.id, 'data-number': s.number, 'data-status': s.status, onDoubleClick: () => navigate(detailPath(s.id)) } as object)}
        columns={[
          {
            title: t('stmt.number'),
            dataIndex: 'number',
            width: 150,
            fixed: 'left',
            render: (n: string, s) => (
              <Link to={detailPath(s.id)} data-testid="statement-link">
                {n}
                {s.version > 1 ? <Typography.Text type="secondary"> v{s.version}</Typography.Text> : null}
              </Link>
            ),
          },
          { title: t('stmt.counter'), key: 'counter', width: 170, ellipsis: true, render: (_: unknown, s) => <span title={s.counterName}>{`${s.counterId} ${s.counterName}`}</span> },
          { title: t('stmt.supplier'), key: 'supplier', width: 200, ellipsis: true, render: (_: unknown, s) => <span title={s.supplierName}>{`${s.supplierId} ${s.supplierName}`}</span> },
          { title: t('stmt.netSales'), dataIndex: 'netSales', align: 'right', width: 120, render: yuan },
          { title: t('stmt.commission'), dataIndex: 'commission', align: 'right', width: 110, render: yuan },
          { title: t('stmt.deductions'), dataIndex: 'deductions', align: 'right', width: 140, render: yuan },
          { title: t('stmt.payable'), dataIndex: 'payable', align: 'right', width: 120, render: (v: number) => <strong>{yuan(v)}</strong> },
          // When it was issued, and the store, on hovering the status: the columns that fit 1366 px are the money.
          {
            title: t('stmt.status'),
            dataIndex: 'status',
            width: 90,
            render: (st: StatementStatus, s) => (
              <Tooltip title={`${t('stmt.store')} ${s.storeId} · ${s.issuedAt ? `${t('stmt.issuedAt')} ${dateTime(s.issuedAt)}` : t('stmt.due', { day: s.dueDate })}`}>
                <span><StatusTag status={st} /></span>
              </Tooltip>
            ),
          },
        ]}
      />
    </>
  );
}
