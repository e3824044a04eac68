import { Alert, Button, Input, Popconfirm, Space, Switch, Table, Tag, Typography, type InputRef } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { SUPPLIER_PATH } from '../../../sync/protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierAccountsResponse, type SupplierAccountUpdateRequest, type SupplierAccountView, type SupplierIssuePasswordResponse } from '../../../sync/protocol/supplier-console.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { useKeys } from './common.js';

/**
 * Suppliers' portal accounts: issue the first password, or reset a forgotten one. The password is answered once by
 * the server and shown here once, with a copy button; it is dropped from the page as soon as another is issued.
 * There is never a default password: an account exists only once finance has issued one.
 */
export default function SupplierAccountsPage() {
  const { t } = useT();
  const accounts = useLoad(() => api.get<SupplierAccountsResponse>(supplierConsoleRoutes.accounts), []);
  const [q, setQ] = useState('');
  const [issued, setIssued] = useState<{ code: string; password: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const search = useRef<InputRef>(null);
  const portal = `${window.location.origin}${SUPPLIER_PATH}/`;
  useKeys({ '/': () => search.current?.focus() });

  const shown = useMemo(() => {
    const words = q.trim().toLowerCase();
    return (accounts.data?.accounts ?? []).filter((a) => !words || `${a.supplierId} ${a.supplierName}`.toLowerCase().includes(words));
  }, [accounts.data, q]);

  const issue = async (a: SupplierAccountView) => {
    setBusy(a.supplierId);
    setError(null);
    setIssued(null);
    try {
      const r = await api.post<SupplierIssuePasswordResponse>(supplierConsoleRoutes.issuePassword(a.supplierId), {});
      setIssued({ code: a.supplierId, password: r.password });
      accounts.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const setDisabled = async (a: SupplierAccountView, disabled: boolean) => {
    setError(null);
    try {
      const body: SupplierAccountUpdateRequest = { disabled };
      await api.post<SupplierAccountView>(supplierConsoleRoutes.updateAccount(a.supplierId), body);
      accounts.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const state = (a: SupplierAccountView) => {
    if (!a.hasAccount) return <Tag>{t('stmt.accounts.none')}</Tag>;
    if (a.lockedUntil && Date.parse(a.lockedUntil) > Date.now()) return <Tag color="red">{t('stmt.accounts.locked', { at: dateTime(a.lockedUntil) })}</Tag>;
    if (a.mustChangePassword) return <Tag color="orange">{t('stmt.accounts.mustChange')}</Tag>;
    return <Tag color="green">{t('stmt.accounts.active')}</Tag>;
  };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('stmt.accounts.intro', { url: portal })}
      </Typography.Paragraph>
      {issued && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setIssued(null)}
          style={{ marginBottom: 12, maxWidth: 720 }}
          data-testid="issued-password"
          title={t('stmt.accounts.issued', { code: issued.code })}
          description={
            <Typography.Text code strong style={{ fontSize: 18 }} copyable={{ text: issued.password, tooltips: [t('stmt.accounts.copy'), t('stmt.accounts.copied')] }} data-testid="issued-password-value">
              {issued.password}
            </Typography.Text>
          }
        />
      )}
      <ErrorAlert error={error ?? accounts.error} />
      <Space style={{ marginBottom: 12 }}>
        <Input.Search ref={search} allowClear placeholder={`${t('stmt.accounts.search')}  ( / )`} aria-label={t('stmt.accounts.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} data-testid="accounts-search" />
      </Space>
      <Table<SupplierAccountView>
        data-testid="accounts-table"
        rowKey="supplierId"
        size="small"
        loading={accounts.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(a) => ({ 'data-supplier': a.supplierId } as object)}
        columns={[
          { title: t('stmt.accounts.code'), dataIndex: 'supplierId', width: 140 },
          { title: t('stmt.accounts.name'), dataIndex: 'supplierName' },
          { title: t('stmt.accounts.state'), key: 'state', render: (_: unknown, a) => state(a) },
          { title: t('stmt.accounts.lastSignIn'), dataIndex: 'lastSignInAt', width: 170, render: (v: string | null) => (v ? dateTime(v) : t('stmt.accounts.never')) },
          {
            title: t('users.enabled'),
            dataIndex: 'disabled',
            width: 90,
            render: (d: boolean, a) => (a.hasAccount ? <Switch checked={!d} aria-label={t('users.enabled')} onChange={(on) => void setDisabled(a, !on)} /> : null),
          },
          {
            title: '',
            key: 'issue',
            width: 170,
            render: (_: unknown, a) =>
              a.hasAccount ? (
                <Popconfirm title={t('stmt.accounts.resetConfirm', { code: a.supplierId })} okText={t('stmt.accounts.reset')} cancelText={t('common.cancel')} onConfirm={() => issue(a)}>
                  <Button size="small" loading={busy === a.supplierId} data-testid={`reset-${a.supplierId}`}>{t('stmt.accounts.reset')}</Button>
                </Popconfirm>
              ) : (
                <Button size="small" type="primary" loading={busy === a.supplierId} onClick={() => void issue(a)} data-testid={`issue-${a.supplierId}`}>
                  {t('stmt.accounts.issue')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
