import { Select, Typography } from 'antd';
import { useState } from 'react';
import { supplierRoutes, type SupplierSuppliesQuery, type SupplierSuppliesRow } from '../../../sync/protocol/supplier.js';
import { yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { ExportButtons, Filters, PeriodSelect, ResponsiveRows, Truncated, usePickers, usePrintLabel } from '../parts.js';

/** 领用明细: what the counters drew from the stores, by accounting period and store code. */
export default function SuppliesPage() {
  const { t } = useT();
  const { periods, counters } = usePickers();
  const printLabel = usePrintLabel();
  const [filter, setFilter] = useState<SupplierSuppliesQuery>({});
  const r = useLoad(() => supplierApi.supplies(filter), [filter]);
  const rows = r.data?.rows ?? [];
  const stores = [...new Map(counters.map((c) => [c.storeId, c.storeName])).entries()];
  return (
    <>
      <Filters>
        <PeriodSelect periods={periods} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <Select<string>
          {...printLabel(t('supplies.storeCode'))}
          aria-label={t('supplies.storeCode')}
          placeholder={t('supplies.allStores')}
          allowClear
          style={{ minWidth: 180 }}
          value={filter.store}
          onChange={(store) => setFilter({ ...filter, store: store || undefined })}
          data-testid="filter-store"
          options={stores.map(([id, name]) => ({ value: id, label: `${id} ${name}` }))}
        />
        <ExportButtons route={supplierRoutes.suppliesExport} filters={filter} testId="supplies-export" />
      </Filters>
      <ErrorAlert error={r.error} />
      <Truncated truncated={r.data?.truncated} shown={rows.length} />
      {r.data && <Typography.Paragraph data-testid="supplies-total">{t('common.total')}: <strong>{yuan(r.data.total)}</strong></Typography.Paragraph>}
      <ResponsiveRows<SupplierSuppliesRow>
        testId="supplies"
        rows={rows}
        loading={r.loading}
        rowKey={(x) => x.id}
        columns={[
          { title: t('supplies.day'), dataIndex: 'day' },
          { title: t('common.period'), key: 'period', render: (_: unknown, x) => x.period.label },
          { title: t('supplies.storeCode'), dataIndex: 'storeId' },
          { title: t('common.counter'), dataIndex: 'counterId' },
          { title: t('supplies.item'), dataIndex: 'item' },
          { title: t('supplies.qty'), dataIndex: 'qty', align: 'right' },
          { title: t('supplies.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: number) => yuan(v) },
          { title: t('supplies.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        ]}
        card={(x) => ({ title: x.item, extra: yuan(x.amount), lines: [[t('supplies.day'), x.day], [t('supplies.storeCode'), x.storeId], [t('common.counter'), x.counterId], [t('supplies.qty'), `${x.qty} × ${yuan(x.unitPrice)}`]] })}
      />
    </>
  );
}
