import { useMemo, useRef } from 'react';
import { Button, Input, Spin, Tag } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useDeviceLabel } from '../../ui/device-label.js';
import { useObservable } from '../../ui/use-observable.js';
import { SCAN_PASSTHROUGH } from '../../ui/scan-router.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { formatStoreTime, orderIdTail } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { operators$ } from '../signin/operators.js';
import { activity$, filterActivity, type ActivityEntry } from './activity.js';
import { useActivityUi } from './ui-state.js';
import { useOlderActivity, type OlderState } from './older.js';

const ROW_HEIGHT = 64;
const COLUMNS = '1.4fr 1.3fr 1.5fr 1.6fr 1.3fr 1fr';
const selectStyle = { height: 48, fontSize: 18, padding: '0 12px', borderRadius: 6, border: '2px solid #8c8c8c', background: '#fff', color: '#141414' } as const;

/** Who did what, and when, on this store's terminals: order events and stock moves, newest first. */
export function ActivityView() {
  const { db, sync } = useSession();
  const { t } = useTranslation();
  const deviceLabel = useDeviceLabel();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const live = useObservable(() => activity$(db), [db]);
  const staff = useObservable(() => operators$(db), [db]);
  const operators = useMemo(() => (staff.status === 'ready' ? staff.value : []), [staff]);
  const names = useMemo(() => new Map(operators.map((o) => [o.id, o.name])), [operators]);
  const { filter, setFilter } = useActivityUi();
  const local = useMemo(() => (live.status === 'ready' ? filterActivity(live.value, filter) : []), [live, filter]);
  // Older days are not on the terminal (its window): they come from the centre, page by page, on request.
  const olderActivity = useOlderActivity(sync.history, local, filter.orderId.trim());
  const entries = useMemo(() => [...local, ...filterActivity(olderActivity.older, filter)], [local, olderActivity.older, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => entries[index]?.id ?? index,
  });

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;
  const nameOf = (id: string) => names.get(id) ?? id;
  const what = (e: ActivityEntry) => (e.source === 'order_event' ? t(`eventPast.${e.type}`) : t(`stockKind.${e.type}`));

  return (
    <div data-testid="activity-view" style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '12px 16px', background: '#f0f2f5', borderBottom: '2px solid #d9d9d9', flexWrap: 'wrap' }}>
        <label style={{ fontSize: 18, display: 'flex', alignItems: 'center', gap: 8 }}>
          {t('activity.operator')}
          <select data-testid="activity-filter-operator" value={filter.operatorId} onChange={(e) => setFilter({ operatorId: e.target.value })} style={selectStyle}>
            <option value="">{t('activity.allOperators')}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </label>
        <Input
          {...SCAN_PASSTHROUGH}
          data-testid="activity-filter-order"
          allowClear
          autoComplete="off"
          placeholder={t('activity.order')}
          value={filter.orderId}
          onChange={(e) => setFilter({ orderId: e.target.value })}
          style={{ maxWidth: 360, height: 48, fontSize: 20 }}
        />
        <span data-testid="activity-count" data-count={entries.length} style={{ fontSize: 18 }}>{t('activity.count', { count: entries.length })}</span>
      </div>
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '10px 16px', fontSize: 16, fontWeight: 700, background: '#fafafa', borderBottom: '2px solid #8c8c8c' }}>
        <span>{t('activity.time')}</span>
        <span>{t('activity.who')}</span>
        <span>{t('activity.what')}</span>
        <span>{t('activity.subject')}</span>
        <span>{t('activity.approvedBy')}</span>
        <span>{t('activity.device')}</span>
      </div>
      <div ref={scrollRef} data-testid="activity-list" style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#fff' }}>
        {live.status === 'loading' && <Spin size="large" style={{ display: 'block', marginTop: 48 }} />}
        {live.status === 'ready' && entries.length === 0 && (
          <div data-testid="activity-empty" style={{ padding: '48px 48px 16px', fontSize: 22, textAlign: 'center', color: '#434343' }}>{t('activity.empty')}</div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = entries[item.index];
            if (!e) return null;
            return (
              <div
                key={item.key}
                data-testid="activity-entry"
                data-id={e.id}
                data-source={e.source}
                data-type={e.type}
                data-operator-id={e.operatorId}
                data-approved-by={e.approvedBy ?? ''}
                data-order-id={e.orderId ?? ''}
                data-sku={e.sku ?? ''}
                data-from={e.fromCentre ? 'centre' : 'terminal'}
                style={{
                  position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)`,
                  display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, alignItems: 'center', padding: '0 16px', fontSize: 18, borderBottom: '1px solid #f0f0f0',
                }}
              >
                <span>
                  {formatStoreTime(e.at, timeZone)}
                  {e.fromCentre && <Tag color="blue" style={{ marginLeft: 8, fontSize: 14 }}>{t('activity.fromCentre')}</Tag>}
                </span>
                <strong data-testid="activity-operator-name">{nameOf(e.operatorId)}</strong>
                <span>{what(e)}</span>
                {/* What tells rows apart comes first (SKU and quantity, the order's serial); the full id is in the title. */}
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={[e.orderId, e.sku, e.detail].filter(Boolean).join(' · ')}>
                  {e.sku && <code data-testid="activity-sku">{e.sku} {e.qty !== undefined && e.qty > 0 ? `+${e.qty}` : e.qty}</code>}
                  {e.sku && e.orderId && ' '}
                  {e.orderId && <code data-testid="activity-order">{orderIdTail(e.orderId)}</code>}
                  {e.detail && <span style={{ color: '#434343' }}> · {e.detail}</span>}
                </span>
                <span data-testid="activity-approver-name">{e.approvedBy ? nameOf(e.approvedBy) : ''}</span>
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 15 }} title={e.deviceId}>{deviceLabel(e.deviceId)}</span>
              </div>
            );
          })}
        </div>
      </div>
      <OlderBar state={olderActivity.state} count={olderActivity.older.length} orderId={filter.orderId.trim()} onLoad={() => void olderActivity.loadMore()} />
    </div>
  );
}

/** The way to older days: a button that reads them from the centre, and a plain word when it cannot. */
function OlderBar({ state, count, orderId, onLoad }: { state: OlderState; count: number; orderId: string; onLoad: () => void }) {
  const { t } = useTranslation();
  const note =
    state.status === 'offline' ? t('activity.olderOffline')
    : state.status === 'done' ? (count > 0 ? `${t('activity.olderLoaded', { count })} ${t('activity.olderDone')}` : t('activity.olderDone'))
    : state.status === 'error' ? `${state.code}: ${state.message}`
    : count > 0 ? t('activity.olderLoaded', { count })
    : t('activity.olderHint');
  return (
    <div data-testid="activity-older" data-state={state.status} style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '10px 16px', borderTop: '2px solid #d9d9d9', background: '#fafafa', flexWrap: 'wrap' }}>
      <Button
        data-testid="activity-older-load"
        size="large"
        onClick={onLoad}
        loading={state.status === 'loading'}
        disabled={state.status === 'done'}
        style={{ height: 48, fontSize: 18 }}
      >
        {orderId ? t('activity.olderForOrder', { orderId }) : t('activity.olderLoad')}
      </Button>
      <span data-testid="activity-older-note" style={{ fontSize: 17, color: state.status === 'offline' || state.status === 'error' ? '#a8071a' : '#434343' }}>{note}</span>
    </div>
  );
}
