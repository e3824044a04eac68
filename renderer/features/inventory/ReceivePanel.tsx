import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONFIRM_CODE, PERMISSIONS, type Product } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { KeyedEntry } from '../../ui/KeyedEntry.js';
import { LoneKeys } from '../../ui/lone-keys.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { EMPTY_RECEIVE, receiveScan, receiveTotal, receiveTyped } from './receive-draft.js';
import { recordReceipt } from './record-stock.js';
import { notice } from './stock-scan.js';
import { useInventoryUi } from './ui-state.js';
import { ScanFeedback } from './ScanFeedback.js';

const location = (p: Product | undefined) => (p ? [p.location.aisle, p.location.shelf, p.location.bin].join(' · ') : '');

/**
 * Receiving a delivery with the scanner: each scan of a product adds one unit to its line, a typed number + Enter
 * sets the current line, and Enter on an empty field (or the CONFIRM card) records one `receive` move per product.
 */
export function ReceivePanel(props: { products: readonly Product[] }) {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { receive: draft, receiveFeedback, setReceive } = useInventoryUi();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const qtyRef = useRef<InputRef>(null);
  const [keyed, setKeyed] = useState(false);
  // K alone in the quantity field opens the keyed entry; a K inside a scan's burst does not.
  const lone = useMemo(() => new LoneKeys((key) => key.toLowerCase() === 'k' && setKeyed(true)), []);
  useEffect(() => () => lone.cancel(), [lone]);
  const allowed = gateOf(actor.roles, 'stock.receive') !== 'forbidden';
  const bySku = new Map(props.products.map((p) => [p.sku, p]));

  useEffect(() => qtyRef.current?.focus(), []);

  const commit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      // The store's draft, not this render's: a CONFIRM scan may arrive before React re-rendered the last scan.
      const lines = useInventoryUi.getState().receive.lines;
      const result = await recordReceipt(db, lines, actor, createEventId);
      const { receive, setReceive: set } = useInventoryUi.getState();
      if (!result.ok) return set(receive, { ok: false, code: result.code, params: { message: result.message } });
      // Scans that arrived while the write ran stay in the draft: only what was recorded is taken off.
      const left = receive.lines.flatMap((l) => {
        const done = lines.find((d) => d.sku === l.sku)?.qty ?? 0;
        return l.qty > done ? [{ sku: l.sku, qty: l.qty - done }] : [];
      });
      set(left.length ? { lines: left, currentSku: left[left.length - 1]?.sku ?? null } : EMPTY_RECEIVE, notice('RECEIVED', { count: receiveTotal({ lines, currentSku: null }), lines: lines.length }));
    } catch (err) {
      console.error('recording a receipt failed', err);
      const e = toCodedError(err, 'INTERNAL');
      setReceive(useInventoryUi.getState().receive, { ok: false, code: e.code, params: { message: e.message } });
    } finally {
      setBusy(false);
      qtyRef.current?.focus();
    }
  };

  /** A scan, or a code typed into the keyed entry. */
  const onCode = (code: string) => {
    // The scan's characters were typed into the quantity field before its Enter: they are not a quantity.
    setTyped('');
    if (code === CONFIRM_CODE) return void commit();
    const step = receiveScan(useInventoryUi.getState().receive, code, props.products);
    setReceive(step.draft, step.feedback);
    qtyRef.current?.focus();
  };
  useScanHandler(onCode);
  useIncompleteScanHandler(() => setTyped(''));

  const enter = () => {
    if (typed.trim() === '') return void commit();
    const step = receiveTyped(draft, typed);
    setReceive(step.draft, step.feedback);
    if (step.feedback.ok) setTyped('');
  };

  return (
    <div data-testid="receive-mode" style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, height: '100%', minHeight: 0 }}>
      {!allowed && (
        <Alert data-testid="receive-forbidden" type="warning" showIcon title={<span style={{ fontSize: 18 }}>{t('stock.receive.forbidden', { roles: PERMISSIONS['stock.receive'].roles.map((r) => t(`role.${r}`)).join(', ') })}</span>} />
      )}
      <ScanFeedback testId="receive-feedback" feedback={receiveFeedback} idle={t('stock.receive.intro')} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <label style={{ fontSize: 18 }}>{t('stock.receive.qty')}</label>
        <Input
          ref={qtyRef}
          data-testid="receive-qty"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('stock.receive.qtyHint')}
          value={typed}
          onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
          onKeyDown={(e) => {
            if ([...e.key].length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) lone.press(e.key, e.timeStamp);
          }}
          onPressEnter={(e) => {
            e.preventDefault();
            enter();
          }}
          style={{ maxWidth: 420, height: 52, fontSize: 22 }}
        />
        <Button data-testid="receive-commit" type="primary" size="large" loading={busy} disabled={draft.lines.length === 0} onClick={() => void commit()} style={{ height: 52, fontSize: 20, fontWeight: 700 }}>
          {t('stock.receive.commit')}
        </Button>
        <Button data-testid="receive-discard" size="large" disabled={draft.lines.length === 0 || busy} onClick={() => setReceive(EMPTY_RECEIVE, null)} style={{ height: 52 }}>
          {t('stock.receive.discard')}
        </Button>
        <span data-testid="receive-total" style={{ fontSize: 18 }}>{t('stock.receive.total', { lines: draft.lines.length, count: receiveTotal(draft) })}</span>
      </div>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#fff', border: '1px solid #d9d9d9' }}>
        {draft.lines.length === 0 && <div style={{ padding: 32, fontSize: 20, textAlign: 'center', color: '#434343' }}>{t('stock.receive.empty')}</div>}
        {draft.lines.map((line) => {
          const p = bySku.get(line.sku);
          const current = line.sku === draft.currentSku;
          return (
            <div
              key={line.sku}
              data-testid={`receive-line-${line.sku}`}
              data-qty={line.qty}
              data-current={String(current)}
              style={{
                display: 'grid', gridTemplateColumns: '1.2fr 2.4fr 1.4fr 0.8fr', gap: 12, alignItems: 'center', padding: '10px 16px', fontSize: 20,
                borderBottom: '1px solid #f0f0f0', background: current ? '#e6f4ff' : '#fff', borderLeft: `6px solid ${current ? '#0b5cad' : 'transparent'}`,
              }}
            >
              <code>{line.sku}</code>
              <span>{p?.name ?? ''}</span>
              <span>{location(p)}</span>
              <strong style={{ textAlign: 'right', fontSize: 26 }}>{line.qty}</strong>
            </div>
          );
        })}
      </div>
      <div style={{ fontSize: 16, color: '#434343' }}>{t('stock.receive.keys')}</div>
      <KeyedEntry open={keyed} onClose={() => setKeyed(false)} onCode={onCode} />
    </div>
  );
}
