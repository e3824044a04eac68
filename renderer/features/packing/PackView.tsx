import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  canFinish,
  finishPacking,
  newPackage,
  parsePackageId,
  remainingToPack,
  scanItem,
  selectPackage,
  skuOfCode,
  startPacking,
  unpackLast,
  type PackState,
  type ProductIndex,
} from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { KeyedEntry } from '../../ui/KeyedEntry.js';
import { isTypingTarget } from '../../ui/keys.js';
import { toCodedError } from '../../ui/errors.js';
import type { QueueRow } from '../orders/queue.js';
import { LoneKeys } from '../../ui/lone-keys.js';
import { FINISH_CODE, NEW_PACKAGE_CODE, packSource, units } from './pack-order.js';
import { loadPackState, type PackSaver } from './pack-store.js';
import { OrderHeader, panel, type ShowFeedback } from './parts.js';

export interface PackViewProps {
  row: QueueRow;
  /** Every order, to tell "that is another order's label" from an unknown code. */
  rows: readonly QueueRow[];
  index: ProductIndex;
  names: ReadonlyMap<string, string>;
  saver: PackSaver;
  show: ShowFeedback;
  printerBar: ReactNode;
  onNextPrinter: () => void;
  onLeave: () => void;
  /** Records the packing; resolves once it is recorded or refused (the refusal is shown by the caller). */
  onFinish: (state: PackState) => Promise<void>;
}

/**
 * One order on the packing bench: every scan goes through the packing reducer, which refuses a wrong item or one
 * too many before it reaches a package. The state is saved after every change and picked up again on return.
 */
export function PackView(props: PackViewProps) {
  const { row, rows, index, names, saver, show, onLeave, onFinish, onNextPrinter } = props;
  const { db } = useSession();
  const { t } = useTranslation();
  const orderId = row.order.id;
  const source = useMemo(() => packSource(row), [row]);
  const expectedKey = JSON.stringify(source.expected);
  const [pack, setPack] = useState<PackState | null>(null);
  const [busy, setBusy] = useState(false);
  const [keyed, setKeyed] = useState(false);
  // Scans can arrive faster than React renders: every handler works on the newest state, not its render's copy.
  const packRef = useRef<PackState | null>(null);

  const apply = useCallback(
    (next: PackState) => {
      packRef.current = next;
      setPack(next);
      void saver.saveState(next);
      show({ ok: next.feedback.ok, code: next.feedback.code, params: next.feedback.params });
    },
    [saver, show],
  );

  useEffect(() => {
    let live = true;
    const expected = source.expected;
    loadPackState(db, orderId, expected).then(
      (saved) => {
        if (!live) return;
        if (saved) {
          packRef.current = saved;
          setPack(saved);
          show({ ok: true, code: 'RESUMED', params: { orderId } });
        } else {
          apply(startPacking(orderId, expected));
          if (units(expected) === 0) show({ ok: false, code: 'NOTHING_PICKED' });
        }
      },
      (err: unknown) => {
        console.error('loading the saved packing failed', err);
        if (live) show({ ok: false, code: 'INTERNAL', params: { message: toCodedError(err, 'INTERNAL').message } });
      },
    );
    return () => {
      live = false;
    };
    // The expected items are compared by value: a new event on the order re-derives the row, not the pick.
  }, [db, orderId, expectedKey]);

  const remainingText = (s: PackState) =>
    remainingToPack(s)
      .map((r) => `${names.get(r.sku) ?? r.sku} ×${r.qty}`)
      .join(', ');

  const finish = async () => {
    const s = packRef.current;
    if (!s || busy) return;
    if (!canFinish(s)) {
      const result = finishPacking(s);
      show({ ok: false, code: result.ok ? 'NOT_ALL_PACKED' : result.code, params: { remaining: remainingText(s) } });
      return;
    }
    setBusy(true);
    try {
      await onFinish(s);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (key: string) => {
    const s = packRef.current;
    if (!s || busy) return;
    const lower = key.toLowerCase();
    if (lower === 'n') apply(newPackage(s));
    else if (lower === 'u') apply(unpackLast(s));
    else if (lower === 'f') void finish();
    else if (lower === 'p') onNextPrinter();
    else if (lower === 'k') setKeyed(true);
    else if (/^[1-9]$/.test(key)) apply(selectPackage(s, Number(key)));
  };

  const latest = useRef({ onKey, finish, onLeave, apply });
  useLayoutEffect(() => {
    latest.current = { onKey, finish, onLeave, apply };
  });

  useEffect(() => {
    const lone = new LoneKeys((key) => latest.current.onKey(key));
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      if ([...e.key].length === 1) {
        lone.press(e.key, e.timeStamp);
        return;
      }
      const s = packRef.current;
      if (e.key === 'Backspace' && s) {
        e.preventDefault();
        latest.current.apply(unpackLast(s));
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        void latest.current.finish();
      } else if (e.key === 'Escape') {
        latest.current.onLeave();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      lone.cancel();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  /** A scan, or a code typed into the keyed entry: the same step either way. */
  const onCode = (code: string) => {
    const s = packRef.current;
    if (!s || busy) return;
    const text = code.trim();
    if (text === NEW_PACKAGE_CODE) return apply(newPackage(s));
    if (text === FINISH_CODE) return void finish();
    const isItem = s.expected.some((e) => e.sku === text) || skuOfCode(index, text) !== null;
    if (!isItem) {
      const label = parsePackageId(text);
      if (label && label.orderId === orderId) return apply(selectPackage(s, label.n));
      const other = rows.find((r) => r.order.id !== orderId && (r.order.id === text || r.order.id === label?.orderId));
      if (other) return show({ ok: false, code: 'OTHER_ORDER', params: { orderId: other.order.id } });
    }
    apply(scanItem(s, text, index));
  };
  useScanHandler(onCode);

  const nameOf = (sku: string) => names.get(sku) ?? row.order.lines.find((l) => l.sku === sku)?.name ?? sku;
  const remaining = pack ? remainingToPack(pack) : source.expected;
  const left = new Map(remaining.map((r) => [r.sku, r.qty]));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, minHeight: 0, flex: 1 }}>
      <OrderHeader row={row} />
      {source.lines === undefined && <div data-testid="pack-by-hand" style={{ fontSize: 18, color: '#ad4e00' }}>{t('packing.byHand')}</div>}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.3fr', gap: 16, minHeight: 0, flex: 1 }}>
        <section data-testid="pack-remaining" data-units={units(remaining)} style={{ ...panel, overflow: 'auto' }}>
          <h2 style={{ margin: '0 0 8px', fontSize: 24 }}>
            {t('packing.remaining')} — {units(remaining) === 0 ? t('packing.allPacked') : t('packing.remainingUnits', { count: units(remaining) })}
          </h2>
          {source.expected.map((e) => {
            const qty = left.get(e.sku) ?? 0;
            return (
              <div
                key={e.sku}
                data-testid={`pack-remaining-${e.sku}`}
                data-qty={qty}
                style={{
                  display: 'grid', gridTemplateColumns: '1fr auto', gap: 12, alignItems: 'center', padding: '8px 4px', fontSize: 22,
                  borderBottom: '1px solid #f0f0f0', color: qty === 0 ? '#8c8c8c' : '#000', textDecoration: qty === 0 ? 'line-through' : undefined,
                }}
              >
                <span>
                  {nameOf(e.sku)} <code style={{ fontSize: 16 }}>{e.sku}</code>
                </span>
                <strong style={{ fontSize: 30 }}>{qty}</strong>
              </div>
            );
          })}
        </section>
        <section style={{ ...panel, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 10 }}>
          <h2 style={{ margin: 0, fontSize: 24 }}>{t('packing.packages')}</h2>
          {(pack?.packages ?? []).map((p, i) => {
            const current = i === pack?.current;
            const n = i + 1;
            return (
              <div
                key={n}
                data-testid={`pack-package-${n}`}
                data-units={units(p.items)}
                data-current={String(current)}
                style={{ border: `3px solid ${current ? '#0b5cad' : '#d9d9d9'}`, background: current ? '#e6f4ff' : '#fafafa', borderRadius: 8, padding: '8px 12px' }}
              >
                <div style={{ display: 'flex', gap: 12, alignItems: 'baseline', fontSize: 22, fontWeight: 700 }}>
                  <span>{t('packing.package', { n })}</span>
                  <span style={{ fontWeight: 400 }}>{t('packing.units', { count: units(p.items) })}</span>
                  {current && <span style={{ color: '#0b5cad' }}>◀ {t('packing.current')}</span>}
                </div>
                {p.items.length === 0 && <div style={{ fontSize: 18, color: '#595959' }}>{t('packing.emptyPackage')}</div>}
                {p.items.map((item) => (
                  <div key={item.sku} style={{ display: 'flex', justifyContent: 'space-between', fontSize: 20 }}>
                    <span>{nameOf(item.sku)}</span>
                    <strong>×{item.qty}</strong>
                  </div>
                ))}
              </div>
            );
          })}
        </section>
      </div>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button data-testid="pack-new-package" size="large" disabled={!pack || busy} onClick={(e) => {
            e.currentTarget.blur();
            if (packRef.current) apply(newPackage(packRef.current));
          }} style={{ height: 56, fontSize: 20 }}>
          {t('packing.newPackage')}
        </Button>
        <Button data-testid="pack-unpack" size="large" disabled={!pack || busy} onClick={(e) => {
            e.currentTarget.blur();
            if (packRef.current) apply(unpackLast(packRef.current));
          }} style={{ height: 56, fontSize: 20 }}>
          {t('packing.unpack')}
        </Button>
        <Button
          data-testid="pack-finish"
          data-ready={String(pack !== null && canFinish(pack))}
          type="primary"
          size="large"
          loading={busy}
          disabled={!pack}
          onClick={(e) => {
            e.currentTarget.blur();
            void finish();
          }}
          style={{ height: 56, fontSize: 22, fontWeight: 700 }}
        >
          {busy ? t('packing.finishing') : t('packing.finish')}
        </Button>
        <Button data-testid="pack-leave" size="large" disabled={busy} onClick={onLeave} style={{ height: 56, fontSize: 20 }}>
          {t('packing.leave')}
        </Button>
        <div style={{ marginLeft: 'auto' }}>{props.printerBar}</div>
      </div>
      <div style={{ fontSize: 17, color: '#434343' }}>{t('packing.keys')}</div>
      <KeyedEntry open={keyed} onClose={() => setKeyed(false)} onCode={onCode} />
    </div>
  );
}
