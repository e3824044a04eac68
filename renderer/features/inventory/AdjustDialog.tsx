import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { SCAN_PASSTHROUGH } from '../../ui/scan-router.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { MAX_REASON_LENGTH, recordStockAdjustment } from './adjust.js';
import { grantHolds, type AdjustGrant } from './open-adjust.js';

const QTY_PATTERN = /^[+-]?\d{1,7}$/;

/**
 * A stock adjustment: a signed quantity and a reason (Enter moves on, Enter again submits), then one stock move in
 * the ledger. It opens only with a grant, which for anyone but a manager names the manager who already approved
 * it with their PIN; the move records both people.
 */
export function AdjustDialog(props: {
  grant: AdjustGrant | null;
  product: Product | null;
  onHand: number | undefined;
  onClose: () => void;
  afterClose?: () => void;
}) {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CodedError | null>(null);
  const qtyRef = useRef<InputRef>(null);
  const reasonRef = useRef<InputRef>(null);
  const { grant } = props;
  const valid = grantHolds(grant, props.product?.sku, actor.operatorId);
  const product = valid ? props.product : null;
  const approvedBy = valid ? grant.approvedBy : null;

  useEffect(() => {
    setQty('');
    setReason('');
    setError(null);
  }, [product?.sku]);

  const delta = QTY_PATTERN.test(qty.trim()) ? Number(qty.trim()) : null;

  const submit = async () => {
    if (!product || busy) return;
    if (delta === null || delta === 0) {
      setError({ code: 'INVALID_QTY', message: t('adjust.badQty') });
      qtyRef.current?.focus();
      return;
    }
    if (!reason.trim()) {
      setError({ code: 'REASON_REQUIRED', message: t('adjust.needReason') });
      reasonRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await recordStockAdjustment(db, { sku: product.sku, qty: delta, reason }, actor, approvedBy?.id ?? null, createEventId);
      if (!result.ok) return setError({ code: result.code, message: result.message });
      void message.success(t('adjust.recorded', { sku: product.sku }));
      props.onClose();
    } catch (err) {
      console.error('recording a stock adjustment failed', err);
      setError(toCodedError(err, 'INTERNAL'));
    } finally {
      setBusy(false);
    }
  };

  const field = { height: 56, fontSize: 22 } as const;
  return (
    <Modal
      open={product !== null}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
      afterClose={props.afterClose}
      width={640}
      title={<span style={{ fontSize: 24 }}>{t('adjust.title')}</span>}
      afterOpenChange={(open) => open && qtyRef.current?.focus()}
    >
      {product && (
        <div data-testid="adjust-dialog" data-sku={product.sku} style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
          <div style={{ fontSize: 20 }}>
            <strong>{product.name}</strong> · <code>{product.sku}</code> · {t('inventory.onHand')}: <strong>{props.onHand ?? '…'}</strong>
          </div>
          {approvedBy && (
            <Alert
              data-testid="adjust-approved-by"
              data-operator-id={approvedBy.id}
              type="success"
              showIcon
              title={<span style={{ fontSize: 18 }}>{t('activity.approvedBy')} <strong>{approvedBy.name}</strong></span>}
            />
          )}
          {error && <Alert data-testid="adjust-error" data-code={error.code} type="error" showIcon title={<span style={{ fontSize: 18 }}>{error.message}</span>} />}
          <label style={{ fontSize: 18 }}>
            {t('adjust.qty')}
            <Input
              ref={qtyRef}
              {...SCAN_PASSTHROUGH}
              data-testid="adjust-qty"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('adjust.qtyHint')}
              value={qty}
              onChange={(e) => setQty(e.target.value.replace(/[^\d+-]/g, ''))}
              onPressEnter={(e) => {
                e.preventDefault();
                reasonRef.current?.focus();
              }}
              style={field}
            />
          </label>
          {delta !== null && props.onHand !== undefined && (
            <div data-testid="adjust-preview" style={{ fontSize: 18 }}>{t('adjust.preview', { from: props.onHand, to: props.onHand + delta })}</div>
          )}
          <label style={{ fontSize: 18 }}>
            {t('adjust.reason')}
            <Input
              ref={reasonRef}
              {...SCAN_PASSTHROUGH}
              data-testid="adjust-reason"
              autoComplete="off"
              maxLength={MAX_REASON_LENGTH}
              placeholder={t('adjust.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onPressEnter={(e) => {
                e.preventDefault();
                void submit();
              }}
              style={field}
            />
          </label>
          <Button data-testid="adjust-submit" type="primary" size="large" loading={busy} onClick={() => void submit()} style={{ height: 60, fontSize: 22, fontWeight: 700 }}>
            {t('adjust.submit')}
          </Button>
          <div style={{ fontSize: 16, color: '#434343' }}>{t('adjust.keys')}</div>
        </div>
      )}
    </Modal>
  );
}
