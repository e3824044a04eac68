import { Input, Tag } from 'antd';
import { useState } from 'react';
import { supplierRoutes, type SupplierPromotion, type SupplierPromotionsQuery } from '../../../sync/protocol/supplier.js';
import { percentOfBp } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { CounterSelect, ExportButtons, Filters, ResponsiveRows, Truncated, usePickers, usePrintLabel } from '../parts.js';

/** 买送活动 covering the supplier's counters: by counter, activity serial number and area code, with their rates. */
export default function PromotionsPage() {
  const { t } = useT();
  const { counters } = usePickers();
  const printLabel = usePrintLabel();
  const [filter, setFilter] = useState<SupplierPromotionsQuery>({});
  const r = useLoad(() => supplierApi.promotions(filter), [filter]);
  const rows = r.data?.promotions ?? [];
  const areas = [...new Set(counters.map((c) => c.areaCode))].sort();
  return (
    <>
      <Filters>
        <CounterSelect counters={counters} value={filter.counter} onChange={(counter) => setFilter({ ...filter, counter })} />
        <Input.Search {...printLabel(t('promotions.serial'))} allowClear aria-label={t('promotions.serial')} placeholder={t('promotions.serial')} style={{ width: 200 }} data-testid="filter-serial" onSearch={(v) => setFilter({ ...filter, serial: v.trim() || undefined })} />
        <Input.Search
          {...printLabel(t('promotions.area'))}
          allowClear
          aria-label={t('promotions.area')}
          placeholder={t('promotions.area')}
          list="area-codes"
          style={{ width: 180 }}
          data-testid="filter-area"
          onSearch={(v) => setFilter({ ...filter, area: v.trim() || undefined })}
        />
        <datalist id="area-codes">{areas.map((a) => <option key={a} value={a} />)}</datalist>
        <ExportButtons route={supplierRoutes.promotionsExport} filters={filter} testId="promotions-export" />
      </Filters>
      <ErrorAlert error={r.error} />
      <Truncated truncated={r.data?.truncated} shown={rows.length} />
      <ResponsiveRows<SupplierPromotion>
        testId="promotions"
        rows={rows}
        loading={r.loading}
        rowKey={(p) => p.id}
        columns={[
          { title: t('promotions.serial'), dataIndex: 'id' },
          { title: t('promotions.name'), dataIndex: 'name' },
          { title: t('promotions.days'), key: 'days', render: (_: unknown, p) => `${p.fromDay} – ${p.toDay}` },
          { title: t('promotions.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => <Tag color="blue">{percentOfBp(v)}</Tag> },
          { title: t('promotions.counters'), dataIndex: 'counterIds', render: (v: string[]) => v.join(', ') },
          { title: t('promotions.areas'), dataIndex: 'areaCodes', render: (v: string[]) => v.join(', ') || '—' },
        ]}
        card={(p) => ({
          title: `${p.id} ${p.name}`,
          extra: <Tag color="blue">{percentOfBp(p.rateBp)}</Tag>,
          lines: [[t('promotions.days'), `${p.fromDay} – ${p.toDay}`], [t('promotions.counters'), p.counterIds.join(', ')], [t('promotions.areas'), p.areaCodes.join(', ') || '—']],
        })}
      />
    </>
  );
}
