import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { batchNumber } from '../../../sync/model/index.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import type { PickController } from './controller.js';
import { waitingOrders, type PickSource } from './source.js';
import { usePickUi } from './ui-state.js';
import { noFocus } from './no-focus.js';

const big = { height: 64, fontSize: 24, padding: '0 32px' } as const;

/** Before a walk: how many orders wait, "build batch" (B), and the batch it would take (Enter starts it). */
export function BatchOverview(props: { source: PickSource; controller: PickController }) {
  const { t } = useTranslation();
  const stage = usePickUi((s) => s.stage);
  const busy = usePickUi((s) => s.busy);
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const { source, controller } = props;
  const byId = new Map(source.rows.map((r) => [r.order.id, r.order]));
  return (
    <div style={{ padding: 24, display: 'flex', flexDirection: 'column', gap: 20 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <h2 style={{ margin: 0, fontSize: 32 }}>{t('picking.title')}</h2>
        <span data-testid="pick-waiting" style={{ fontSize: 22 }}>{t('picking.waiting', { count: waitingOrders(source) })}</span>
        <Button data-testid="batch-build" type={stage.kind === 'preview' ? 'default' : 'primary'} style={big} disabled={busy} onClick={() => controller.build()} {...noFocus}>
          {t('picking.build')}
        </Button>
      </div>
      {stage.kind === 'preview' && (
        <div data-testid="batch-preview" data-batch-id={stage.batchId} style={{ border: '3px solid #1677ff', borderRadius: 8, padding: 16, background: '#f0f7ff' }}>
          <div style={{ fontSize: 26, fontWeight: 700, marginBottom: 12 }}>
            {t('picking.preview', { number: batchNumber(stage.batchId), orders: stage.batch.orderIds.length, lines: stage.batch.orderLineCount, stops: stage.batch.lines.length })}
          </div>
          <div role="table" style={{ display: 'grid', gridTemplateColumns: '0.6fr 2fr 1fr 2fr 0.8fr', gap: '8px 16px', fontSize: 22 }}>
            <b>{t('picking.colTote')}</b>
            <b>{t('picking.colOrder')}</b>
            <b>{t('picking.colSlot')}</b>
            <b>{t('picking.colDue')}</b>
            <b>{t('picking.colLines')}</b>
            {stage.batch.orderIds.map((id, i) => {
              const order = byId.get(id);
              return (
                <div key={id} data-testid={`batch-order-${id}`} role="row" style={{ display: 'contents' }}>
                  <span style={{ fontWeight: 700 }}>{i + 1}</span>
                  <span style={{ fontFamily: 'monospace' }}>{id}</span>
                  <span>{order ? t(`slot.${order.fulfilment.slot.kind}`) : ''}</span>
                  <span>{order ? formatStoreTime(order.dueAt, timeZone).slice(11, 16) : ''}</span>
                  <span>{order?.lines.length ?? ''}</span>
                </div>
              );
            })}
          </div>
          <div style={{ display: 'flex', gap: 16, marginTop: 20 }}>
            <Button data-testid="batch-start" type="primary" style={big} loading={busy} onClick={() => void controller.start()} {...noFocus}>
              {t('picking.start')}
            </Button>
            <Button data-testid="pick-list-print" style={big} onClick={() => void controller.print()} {...noFocus}>
              {t('picking.print')}
            </Button>
            <Button style={big} disabled={busy} onClick={() => controller.cancelPreview()} {...noFocus}>
              {t('picking.cancel')}
            </Button>
          </div>
        </div>
      )}
      <div style={{ fontSize: 18, color: '#434343' }}>{t('picking.keysOverview')}</div>
    </div>
  );
}
