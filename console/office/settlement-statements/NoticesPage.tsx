import { App, Button, Card, Form, Input, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { SUPPLIER_DOCUMENT_MAX_BYTES, SUPPLIER_NOTICE_BODY_MAX, SUPPLIER_NOTICE_TITLE_MAX, supplierConsoleRoutes, type SupplierAccountsResponse, type SupplierConsoleNotice, type SupplierConsoleNoticesResponse, type SupplierPublishNoticeRequest } from '../../../sync/protocol/supplier-console.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';

type NoticeForm = { title: string; body?: string; kind: 'notice' | 'document'; audience: 'all' | 'listed'; supplierIds?: string[] };

/**
 * Notices and documents for the supplier portal: to every supplier or to the ones listed, with a file attached if
 * there is one (uploaded as it is, after the notice is made). Withdrawn ones stay listed here, struck through.
 */
export default function NoticesPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const notices = useLoad(() => api.get<SupplierConsoleNoticesResponse>(supplierConsoleRoutes.notices), []);
  const suppliers = useLoad(() => api.get<SupplierAccountsResponse>(supplierConsoleRoutes.accounts), []);
  const [form] = Form.useForm<NoticeForm>();
  const audience = Form.useWatch('audience', form);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const publish = async (v: NoticeForm) => {
    if (file && file.size > SUPPLIER_DOCUMENT_MAX_BYTES) {
      setError(toApiError(new Error(`${file.name}: > ${SUPPLIER_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`)));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: SupplierPublishNoticeRequest = {
        title: v.title.trim(),
        body: v.body ?? '',
        kind: v.kind,
        audience: v.audience,
        ...(v.audience === 'listed' ? { supplierIds: v.supplierIds ?? [] } : {}),
      };
      const made = await api.post<SupplierConsoleNotice>(supplierConsoleRoutes.notices, body);
      if (file) await api.putFile(supplierConsoleRoutes.noticeDocument(made.id), file, file.type || 'application/octet-stream', { fileName: file.name });
      void message.success(t('stmt.notices.published'));
      form.resetFields();
      setFile(null);
      notices.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (n: SupplierConsoleNotice) => {
    setError(null);
    try {
      await api.post(supplierConsoleRoutes.withdrawNotice(n.id), {});
      notices.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <>
      <Card size="small" title={t('stmt.notices.new')} style={{ marginBottom: 16, maxWidth: 900 }}>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'notice', audience: 'all' }} onFinish={(v: NoticeForm) => void publish(v)}>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <Form.Item name="title" label={t('stmt.notices.title')} style={{ flex: '1 1 320px', marginBottom: 12 }} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={SUPPLIER_NOTICE_TITLE_MAX} data-testid="notice-title" />
            </Form.Item>
            <Form.Item name="kind" label={t('stmt.notices.kind')} style={{ marginBottom: 12 }}>
              <Radio.Group optionType="button" options={(['notice', 'document'] as const).map((k) => ({ value: k, label: t(`stmt.notices.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="audience" label={t('stmt.notices.audience')} style={{ marginBottom: 12 }}>
              <Radio.Group optionType="button" options={[{ value: 'all', label: t('stmt.notices.allSuppliers') }, { value: 'listed', label: t('stmt.notices.suppliers') }]} />
            </Form.Item>
          </div>
          {audience === 'listed' && (
            <Form.Item name="supplierIds" label={t('stmt.notices.suppliers')} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 12 }}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="notice-suppliers"
                options={(suppliers.data?.accounts ?? []).map((a) => ({ value: a.supplierId, label: `${a.supplierId} ${a.supplierName}` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="body" label={t('stmt.notices.body')} style={{ marginBottom: 12 }}>
            <Input.TextArea rows={3} maxLength={SUPPLIER_NOTICE_BODY_MAX} data-testid="notice-body" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
            <label>
              {t('stmt.notices.attachment')}{' '}
              <input type="file" data-testid="notice-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </label>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="notice-publish">{t('stmt.notices.publish')}</Button>
          </div>
        </Form>
      </Card>
      <Typography.Title level={5}>{t('stmt.notices.list')}</Typography.Title>
      <ErrorAlert error={notices.error} />
      <Table<SupplierConsoleNotice>
        data-testid="notices-table"
        rowKey="id"
        size="small"
        loading={notices.loading}
        dataSource={notices.data?.notices ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (n) => <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>, rowExpandable: (n) => n.body.length > 0 }}
        columns={[
          {
            title: t('stmt.notices.title'),
            dataIndex: 'title',
            render: (title: string, n) => (n.withdrawnAt ? <Typography.Text delete type="secondary">{title}</Typography.Text> : title),
          },
          { title: t('stmt.notices.kind'), dataIndex: 'kind', width: 90, render: (k: 'notice' | 'document') => <Tag>{t(`stmt.notices.kinds.${k}`)}</Tag> },
          { title: t('stmt.notices.audience'), key: 'audience', render: (_: unknown, n) => (n.audience === 'all' ? t('stmt.notices.allSuppliers') : n.supplierIds.join(', ')) },
          {
            title: t('stmt.notices.document'),
            key: 'document',
            render: (_: unknown, n) => (n.document ? <a href={supplierConsoleRoutes.noticeDocument(n.id)} download>{n.document.fileName}</a> : '—'),
          },
          { title: t('stmt.notices.publishedAt'), dataIndex: 'publishedAt', width: 170, render: (v: string, n) => `${dateTime(v)} · ${n.publishedBy}` },
          {
            title: '',
            key: 'withdraw',
            width: 110,
            render: (_: unknown, n) =>
              n.withdrawnAt ? (
                <Tag>{t('stmt.notices.withdrawn')}</Tag>
              ) : (
                <Popconfirm title={t('stmt.notices.withdrawConfirm', { title: n.title })} okText={t('stmt.notices.withdraw')} cancelText={t('common.cancel')} onConfirm={() => withdraw(n)}>
                  <Button size="small" danger>{t('stmt.notices.withdraw')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
