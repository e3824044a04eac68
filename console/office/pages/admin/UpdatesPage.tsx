import { Alert, App, Button, Card, Form, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';
import { updatesApi, type ConsoleUpdateVersion } from '../../../shared/updates-api.js';

interface RolloutForm {
  storeIds: string[];
  percent: number;
}

/**
 * The versions the centre publishes (electron-builder's feeds in UPDATES_DIR) and each one's staged rollout: the
 * named stores get it, and any other store whose stable bucket is under the percentage. No rollout: no store.
 */
export default function UpdatesPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const versions = useLoad(() => updatesApi.rollouts(), []);
  const stores = useLoad(() => authApi.stores(), []);
  const [editing, setEditing] = useState<ConsoleUpdateVersion | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RolloutForm>();

  const open = (v: ConsoleUpdateVersion) => {
    setError(null);
    form.setFieldsValue({ storeIds: v.rollout?.storeIds ?? [], percent: v.rollout?.percent ?? 0 });
    setEditing(v);
  };

  const save = async (values: RolloutForm) => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    try {
      await updatesApi.setRollout(editing.version, { storeIds: values.storeIds, percent: values.percent });
      void message.success(t('updates.saved', { version: editing.version }));
      setEditing(null);
      versions.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const storeName = (id: string) => stores.data?.find((s) => s.id === id)?.name ?? id;

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('updates.intro')}</Typography.Paragraph>
      {versions.data && !versions.data.updatesDir && <Alert style={{ marginBottom: 16 }} type="info" title={t('updates.noFolder')} />}
      <ErrorAlert error={editing ? null : (error ?? versions.error ?? stores.error)} />
      <Table<ConsoleUpdateVersion>
        data-testid="updates-table"
        rowKey="version"
        size="middle"
        loading={versions.loading}
        dataSource={versions.data?.versions ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('updates.none') }}
        columns={[
          { title: t('updates.version'), dataIndex: 'version' },
          {
            title: t('updates.published'),
            key: 'published',
            render: (_: unknown, v: ConsoleUpdateVersion) => (v.published ? <Tag color="blue">{v.feeds.join(', ')}</Tag> : <Tag>{t('updates.notPublished')}</Tag>),
          },
          {
            title: t('updates.stores'),
            key: 'stores',
            render: (_: unknown, v: ConsoleUpdateVersion) =>
              v.rollout === null ? <Typography.Text type="secondary">{t('updates.noRollout')}</Typography.Text> : v.rollout.storeIds.length ? v.rollout.storeIds.map((id) => <Tag key={id}>{storeName(id)}</Tag>) : '—',
          },
          { title: t('updates.percent'), key: 'percent', render: (_: unknown, v: ConsoleUpdateVersion) => (v.rollout === null ? '—' : `${v.rollout.percent}%`) },
          { title: t('updates.updatedAt'), key: 'updatedAt', render: (_: unknown, v: ConsoleUpdateVersion) => (v.rollout ? new Date(v.rollout.updatedAt).toLocaleString() : '—') },
          {
            title: '',
            key: 'set',
            render: (_: unknown, v: ConsoleUpdateVersion) => <Button size="small" onClick={() => open(v)} data-testid={`rollout-${v.version}`}>{t('updates.set')}</Button>,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('updates.setTitle', { version: editing.version }) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <ErrorAlert error={error} />
        <Form<RolloutForm> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="storeIds" label={t('updates.stores')} extra={t('updates.storesHelp')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="rollout-stores"
              loading={stores.loading}
              optionFilterProp="label"
              options={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.id} ${s.name}` }))}
            />
          </Form.Item>
          <Form.Item name="percent" label={t('updates.percent')} extra={t('updates.percentHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0} max={100} precision={0} suffix="%" data-testid="rollout-percent" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
