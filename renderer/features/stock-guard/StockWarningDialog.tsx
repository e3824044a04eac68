import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Gate } from '../approval/authorize.js';
import type { ShortLine } from './shortages.js';

export interface StockWarning {
  what: 'accept' | 'pick';
  /** The order being accepted; for a batch, absent. */
  orderId?: string;
  short: readonly ShortLine[];
  /** allowed: the operator may go ahead alone; approval: a manager approves on this screen; forbidden: neither. */
  gate: Gate;
}

/**
 * The warning before an order is accepted or a batch picked short of stock: what is short and by how much. Cancel
 * has the focus, so an Enter out of habit changes nothing; going ahead is one Tab away, and for anyone but a manager
 * it asks for a manager's PIN next.
 */
export function StockWarningDialog(props: { warning: StockWarning | null; onDecide: (go: boolean) => void }) {
  const { t } = useTranslation();
  const { warning, onDecide } = props;
  const action = warning?.what === 'pick' ? t('stockGuard.goPick') : t('stockGuard.goAccept');
  const goLabel = warning?.gate === 'approval' ? t('stockGuard.goApproval', { action }) : action;
  const cell = { padding: '8px 12px', borderBottom: '1px solid #f0f0f0' } as const;
  return (
    <Modal
      open={warning !== null}
      onCancel={() => onDecide(false)}
      destroyOnHidden
      width={900}
      title={<span style={{ fontSize: 24, color: '#a8071a' }}>{t('stockGuard.title')}</span>}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 12 }}>
          <Button data-testid="stock-warning-cancel" size="large" autoFocus onClick={() => onDecide(false)} style={{ height: 52, fontSize: 20 }}>
            {t('stockGuard.cancel')}
          </Button>
          <Button
            data-testid="stock-warning-go"
            data-gate={warning?.gate ?? ''}
            size="large"
            danger
            type="primary"
            disabled={warning?.gate === 'forbidden'}
            onClick={() => onDecide(true)}
            style={{ height: 52, fontSize: 20 }}
          >
            {goLabel}
          </Button>
        </div>
      }
    >
      <div data-testid="stock-warning" data-what={warning?.what ?? ''} style={{ display: 'flex', flexDirection: 'column', gap: 12, fontSize: 18 }}>
        <span>{warning?.what === 'pick' ? t('stockGuard.introPick') : t('stockGuard.introAccept', { id: warning?.orderId ?? '' })}</span>
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr style={{ textAlign: 'left', background: '#fafafa' }}>
              <th style={cell}>{t('stockGuard.colProduct')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('stockGuard.colNeeded')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('stockGuard.colOnHand')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('stockGuard.colAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {warning?.short.slice(0, 8).map((s) => (
              <tr key={s.sku} data-testid={`stock-warning-row-${s.sku}`} data-available-after={s.availableAfter}>
                <td style={cell}>
                  <div style={{ fontWeight: 700 }}>{s.name}</div>
                  <code style={{ fontSize: 14, color: '#595959' }}>{s.sku}</code>
                </td>
                <td style={{ ...cell, textAlign: 'right' }}>{s.needed}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{s.onHand}</td>
                <td style={{ ...cell, textAlign: 'right', color: '#c4161c', fontWeight: 700, fontSize: 22 }}>{s.availableAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {warning && warning.short.length > 8 && <span>+{warning.short.length - 8}</span>}
        <span style={{ color: '#434343' }}>{t('stockGuard.advice')}</span>
        <span style={{ fontSize: 16, color: '#434343' }}>{t('stockGuard.keys', { action: goLabel })}</span>
      </div>
    </Modal>
  );
}
