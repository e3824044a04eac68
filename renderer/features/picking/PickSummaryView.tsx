import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { batchNumber } from '../../../sync/model/index.js';
import type { PickSummary } from './record.js';
import { noFocus } from './no-focus.js';

/** What the finished batch recorded: each order complete or short (with the reasons), and what goes back. */
export function PickSummaryView(props: { summary: PickSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const { summary } = props;
  return (
    <div data-testid="pick-summary" data-batch-id={summary.batchId} style={{ padding: 24, display: 'flex', flexDirection: 'column', gap: 14, fontSize: 22 }}>
      <h2 style={{ margin: 0, fontSize: 32 }}>{t('picking.summary', { number: batchNumber(summary.batchId), units: summary.units })}</h2>
      {summary.orders.map((o) => (
        <div key={o.orderId} data-testid={`pick-summary-order-${o.orderId}`} data-short={String(o.short)} style={{ padding: '10px 16px', borderRadius: 6, border: `2px solid ${o.short ? '#fa8c16' : '#52c41a'}` }}>
          <b>{t('picking.tote', { tote: o.tote })}</b> · <span style={{ fontFamily: 'monospace' }}>{o.orderId}</span> ·{' '}
          <b style={{ color: o.short ? '#d46b08' : '#389e0d' }}>{t(o.short ? 'picking.summaryShort' : 'picking.summaryComplete')}</b>
          {o.shortLines.map((l) => (
            <div key={l.sku} data-testid={`pick-summary-short-${o.orderId}-${l.sku}`} data-reason={l.reason ?? ''} style={{ marginLeft: 24 }}>
              {l.sku} − {l.missing} · {l.reason ? t(`picking.reason.${l.reason}`) : ''}
            </div>
          ))}
        </div>
      ))}
      {summary.withdrawn.length > 0 && <div data-testid="pick-summary-withdrawn">{t('picking.summaryWithdrawn', { orders: summary.withdrawn.join(', ') })}</div>}
      {summary.putBack.length > 0 && <div>{t('picking.putBack', { items: summary.putBack.map((p) => `${p.sku} × ${p.qty}`).join(', ') })}</div>}
      <div>
        <Button data-testid="pick-summary-done" type="primary" style={{ height: 60, fontSize: 22 }} onClick={props.onDone} {...noFocus}>
          {t('picking.done')}
        </Button>
      </div>
    </div>
  );
}
