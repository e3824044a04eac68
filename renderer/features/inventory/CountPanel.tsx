import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Product } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { KeyedEntry } from '../../ui/KeyedEntry.js';
import { LoneKeys } from '../../ui/lone-keys.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { countRecorded, countScan, countTyped } from './count-draft.js';
import { recordCount } from './record-stock.js';
import { useInventoryUi } from './ui-state.js';
import { ScanFeedback } from './ScanFeedback.js';

/**
 * Counting shelves: scan a shelf label (its products become the lines) or a product, type what is on the shelf
 * and press Enter; each count is one `count` move stating the shelf quantity, and the next product comes up.
 * The ledger's figure is not shown here: a blind count is not steered towards the number the system expects.
 */
export function CountPanel(props: { products: readonly Product[] }) {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { count: draft, countFeedback, setCount } = useInventoryUi();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const qtyRef = useRef<InputRef>(null);
  const [keyed, setKeyed] = useState(false);
  // K alone in the quantity field opens the keyed entry; a K inside a scan's burst does not.
  const lone = useMemo(() => new LoneKeys((key) => key.toLowerCase() === 'k' && setKeyed(true)), []);
  useEffect(() => () => lone.cancel(), [lone]);
  const allowed = gateOf(actor.roles, 'stock.count') !== 'forbidden';
  const bySku = new Map(props.products.map((p) => [p.sku, p]));

  useEffect(() => qtyRef.current?.focus(), []);

  /** A scan, or a code typed into the keyed entry. */
  const onCode = (code: string) => {
    // The scan's characters landed in the count field before its Enter: they are not a count.
    setTyped('');
    const step = countScan(useInventoryUi.getState().count, code, props.products);
    setCount(step.draft, step.feedback);
    qtyRef.current?.focus();
  };
  useScanHandler(onCode);
  useIncompleteScanHandler(() => setTyped(''));

  const enter = async () => {
    if (busy) return;
    const step = countTyped(draft, typed);
    if (!step.record) return setCount(step.draft, step.feedback);
    const { sku, qty } = step.record;
    setBusy(true);
    try {
      const result = await recordCount(db, { sku, qty }, actor, createEventId);
      const now = useInventoryUi.getState().count;
      if (!result.ok) return setCount(now, { ok: false, code: result.code, params: { message: result.message } });
      const done = countRecorded(now, sku, qty);
      setCount(done.draft, done.feedback);
      setTyped('');
    } catch (err) {
      console.error('recording a count failed', err);
      const e = toCodedError(err, 'INTERNAL');
      setCount(useInventoryUi.getState().count, { ok: false, code: e.code, params: { message: e.message } });
    } finally {
      setBusy(false);
      qtyRef.current?.focus();
    }
  };

  const current = draft.currentSku ? bySku.get(draft.currentSku) : undefined;
  return (
    <div data-testid="count-mode" data-location={draft.location ?? ''} style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, height: '100%', minHeight: 0 }}>
      {!allowed && (
        <Alert data-testid="count-forbidden" type="warning" showIcon title={<span style={{ fontSize: 18 }}>{t('stock.count.forbidden', { roles: PERMISSIONS['stock.count'].roles.map((r) => t(`role.${r}`)).join(', ') })}</span>} />
      )}
      <ScanFeedback testId="count-feedback" feedback={countFeedback} idle={t('stock.count.intro')} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', fontSize: 20 }}>
        {draft.location && <strong data-testid="count-location">{t('stock.count.location', { location: draft.location.slice('LOC:'.length) })}</strong>}
        <label style={{ fontSize: 18 }}>{t('stock.count.qty')}{current && <> · <strong>{current.name}</strong> <code>{current.sku}</code></>}</label>
        <Input
          ref={qtyRef}
          data-testid="count-qty"
          data-sku={draft.currentSku ?? ''}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('stock.count.qtyHint')}
          value={typed}
          onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
          onKeyDown={(e) => {
            if ([...e.key].length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) lone.press(e.key, e.timeStamp);
          }}
          onPressEnter={(e) => {
            e.preventDefault();
            void enter();
          }}
          style={{ maxWidth: 240, height: 52, fontSize: 22 }}
        />
      </div>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#fff', border: '1px solid #d9d9d9' }}>
        {draft.skus.length === 0 && <div style={{ padding: 32, fontSize: 20, textAlign: 'center', color: '#434343' }}>{t('stock.count.empty')}</div>}
        {draft.skus.map((sku) => {
          const p = bySku.get(sku);
          const counted = draft.counted[sku];
          const isCurrent = sku === draft.currentSku;
          return (
            <div
              key={sku}
              data-testid={`count-line-${sku}`}
              data-current={String(isCurrent)}
              data-counted={counted ?? ''}
              onClick={() => setCount({ ...draft, currentSku: sku }, countFeedback)}
              style={{
                display: 'grid', gridTemplateColumns: '1.2fr 2.4fr 1.4fr 1fr', gap: 12, alignItems: 'center', padding: '10px 16px', fontSize: 20,
                borderBottom: '1px solid #f0f0f0', background: isCurrent ? '#e6f4ff' : '#fff', borderLeft: `6px solid ${isCurrent ? '#0b5cad' : 'transparent'}`,
              }}
            >
              <code>{sku}</code>
              <span>{p?.name ?? ''}</span>
              <span>{p ? [p.location.aisle, p.location.shelf, p.location.bin].join(' · ') : ''}</span>
              <span style={{ color: counted === undefined ? '#ad6800' : '#237804', fontWeight: 700 }}>
                {counted === undefined ? t('stock.count.toCount') : t('stock.count.counted', { qty: counted })}
              </span>
            </div>
          );
        })}
      </div>
      <div style={{ fontSize: 16, color: '#434343' }}>{t('stock.count.keys')}</div>
      <KeyedEntry open={keyed} onClose={() => setKeyed(false)} onCode={onCode} />
    </div>
  );
}
