import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi, type ConsoleDevice } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';

/** Enrolled terminals; revoking one cuts it off at its next call (it must enroll again). */
export default function DevicesPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const devices = useLoad(() => authApi.devices(), []);
  const [error, setError] = useState<ApiError | null>(null);

  const revoke = async (d: ConsoleDevice) => {
    setError(null);
    try {
      await authApi.revokeDevice(d.id);
      void message.success(t('devices.revoked', { name: d.name }));
      devices.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <>
      <ErrorAlert error={error ?? devices.error} />
      <Table<ConsoleDevice>
        data-testid="devices-table"
        rowKey="id"
        size="middle"
        loading={devices.loading}
        dataSource={devices.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('devices.name'), dataIndex: 'name' },
          { title: t('common.store'), dataIndex: 'storeId' },
          { title: t('devices.enrolledAt'), dataIndex: 'enrolledAt', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('devices.lastPulledAt'), dataIndex: 'lastPulledAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
          {
            title: t('devices.status'),
            dataIndex: 'revokedAt',
            render: (at: string | null) => (at ? <Tag color="red">{t('devices.revokedTag')}</Tag> : <Tag color="green">{t('devices.active')}</Tag>),
          },
          {
            title: '',
            key: 'revoke',
            render: (_: unknown, d: ConsoleDevice) =>
              d.revokedAt ? null : (
                <Popconfirm title={t('devices.confirm', { name: d.name })} okText={t('devices.revoke')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke(d)}>
                  <Button danger size="small" data-testid={`revoke-${d.id}`}>{t('devices.revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
