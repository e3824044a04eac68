import { Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { BILL_PROVIDERS, type BillProvider } from '../../../../sync/model/money/bill.js';
import { reconRoutes, type BillListResponse, type BillView } from '../../../../sync/protocol/reconciliation.js';
import { api } from '../../../shared/api.js';
import { useT } from '../../../shared/i18n/index.js';
import { dateTime, yuan } from '../../../shared/format.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';

export default function BillsPage() {
  const { t } = useT();
  const [provider, setProvider] = useState<BillProvider | undefined>(undefined);
  const bills = useLoad(() => api.get<BillListResponse>(reconRoutes.bills, { provider }).then((r) => r.bills), [provider]);
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <Select<BillProvider>
          aria-label={t('import.provider')}
          placeholder={t('import.provider')}
          allowClear
          value={provider}
          onChange={(v) => setProvider(v ?? undefined)}
          style={{ width: 200 }}
          options={BILL_PROVIDERS.map((p) => ({ value: p, label: t(`providers.${p}`) }))}
        />
      </div>
      <ErrorAlert error={bills.error} />
      <Table<BillView>
        data-testid="bills-table"
        rowKey="id"
        size="middle"
        loading={bills.loading}
        dataSource={bills.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('import.billDate'), dataIndex: 'billDate' },
          { title: t('import.provider'), dataIndex: 'provider', render: (p: BillProvider) => t(`providers.${p}`) },
          { title: t('import.items'), dataIndex: 'items', align: 'right' },
          { title: t('import.paid'), dataIndex: 'paid', align: 'right', render: yuan },
          { title: t('import.refunded'), dataIndex: 'refunded', align: 'right', render: yuan },
          { title: t('import.fees'), dataIndex: 'fees', align: 'right', render: yuan },
          { title: t('bills.importedAt'), dataIndex: 'importedAt', render: dateTime },
          { title: t('bills.importedBy'), dataIndex: 'importedBy' },
          { title: t('bills.state'), dataIndex: 'replacedBy', render: (r: string | null) => (r ? <Tag>{t('bills.replaced')}</Tag> : <Tag color="green">{t('bills.current')}</Tag>) },
        ]}
      />
    </>
  );
}
