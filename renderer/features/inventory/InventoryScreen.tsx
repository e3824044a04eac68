import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Alert, App as AntApp, Button, Input, Spin, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { isTypingTarget } from '../../ui/keys.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { useApproval } from '../approval/use-approval.js';
import { MAX_RESULTS, products$, searchProducts } from './inventory.js';
import { availabilityOf, onHandFrom$, reserved$ } from './stock-live.js';
import { INVENTORY_MODES, modeForKey, useInventoryUi, type InventoryMode } from './ui-state.js';
import { AdjustDialog } from './AdjustDialog.js';
import { ReceivePanel } from './ReceivePanel.js';
import { CountPanel } from './CountPanel.js';
import { LowStockPanel } from './LowStockPanel.js';
import { markResults } from './perf-marks.js';

const COLUMNS = '1.2fr 2.4fr 1.2fr 0.8fr 0.8fr 1.4fr';
/** A person's R is alone; a scanner sends the next character of its code within a few milliseconds. */
const SHORTCUT_SETTLE_MS = 80;

/**
 * Products by SKU, name or barcode (type, or scan), with their shelf, what is on hand by the ledger and what is
 * available after open orders' reservations. ↑/↓ pick a row, Enter opens the stock adjustment for it — for anyone
 * but a manager, only once a manager has approved it here, with their PIN. R, C and L open receiving, counting and
 * the low-stock list; Esc comes back.
 */
export function InventoryScreen() {
  const { db } = useSession();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const actor = useActor();
  const gate = gateOf(actor.roles, 'stock.adjust');
  const { search, selectedSku, pendingSku, adjust, mode, setMode, setSearch, select, requestAdjust, closeAdjust } = useInventoryUi();
  const { requestApproval, dialog: approvalDialog } = useApproval();
  const live = useObservable(() => products$(db), [db]);
  const all = useMemo(() => (live.status === 'ready' ? live.value : []), [live]);
  const shown = useMemo(() => searchProducts(all, search), [all, search]);
  const skuKey = shown.map((p) => p.sku).join('\n');
  // Reservations read the whole order queue: subscribed once, not again with every keystroke of the search.
  const held = useObservable(() => reserved$(db), [db]);
  const have = useObservable(() => onHandFrom$(db, skuKey ? skuKey.split('\n') : []), [db, skuKey]);
  const levels = useMemo(
    () => (have.status === 'ready' && held.status === 'ready' ? availabilityOf(have.value, held.value, skuKey ? skuKey.split('\n') : []) : null),
    [have, held, skuKey],
  );
  const searchRef = useRef<InputRef>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const pendingShortcut = useRef<number | null>(null);
  const selectedIndex = shown.findIndex((p) => p.sku === selectedSku);
  const adjusting = all.find((p) => p.sku === adjust?.sku) ?? null;
  const busy = pendingSku !== null || adjust !== null;

  // Before paint, so a draft left by the previous operator is never shown to the next one.
  useLayoutEffect(() => useInventoryUi.getState().claimFor(actor.operatorId), [actor.operatorId]);
  useEffect(() => {
    if (useInventoryUi.getState().mode === 'stock') searchRef.current?.focus();
  }, []);
  useLayoutEffect(() => {
    if (levels) markResults(search);
  }, [search, levels]);
  useEffect(() => () => {
    useInventoryUi.getState().dropPending();
    if (pendingShortcut.current !== null) window.clearTimeout(pendingShortcut.current);
  }, []);

  const enterMode = (next: InventoryMode) => {
    setMode(next);
    // Out of any field, so the mode letters work at once; the modes focus their own field when they mount.
    if (next === 'stock') screenRef.current?.focus();
  };

  const open = (sku: string | undefined) => {
    const product = all.find((p) => p.sku === sku);
    if (!product || gate === 'forbidden' || busy) return;
    const summary = `${t('inventory.adjust')}: ${product.name} (${product.sku})`;
    requestAdjust(db, actor, product, requestApproval, summary).then(
      (result) => {
        if (result.ok) return;
        if (result.code === 'NOT_APPROVED') void message.info(t('adjust.notApproved'));
        else void message.error(result.message);
      },
      (err: unknown) => {
        console.error('opening a stock adjustment failed', err);
        void message.error(toCodedError(err, 'INTERNAL').message);
      },
    );
  };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (pendingShortcut.current !== null) {
        window.clearTimeout(pendingShortcut.current);
        pendingShortcut.current = null;
      }
      if (e.defaultPrevented || busy || e.ctrlKey || e.altKey || e.metaKey) return;
      const inSearch = e.target === searchRef.current?.input;
      if (e.key === 'Escape' && mode !== 'stock') {
        e.preventDefault();
        return enterMode('stock');
      }
      const next = modeForKey(e.key);
      if (next && !isTypingTarget(e.target)) {
        pendingShortcut.current = window.setTimeout(() => {
          pendingShortcut.current = null;
          enterMode(next);
        }, SHORTCUT_SETTLE_MS);
        return;
      }
      if (mode !== 'stock' || (isTypingTarget(e.target) && !inSearch)) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const from = selectedIndex < 0 ? (e.key === 'ArrowDown' ? -1 : shown.length) : selectedIndex;
        const to = Math.max(0, Math.min(shown.length - 1, from + (e.key === 'ArrowDown' ? 1 : -1)));
        select(shown[to]?.sku ?? null);
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        open((shown[selectedIndex] ?? shown[0])?.sku);
      } else if (e.key === '/' && !inSearch) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape' && inSearch) {
        // First Esc clears the search, the next leaves the field so the mode letters work.
        if (search) setSearch('');
        else screenRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  useScanHandler((code) => {
    // The scan searches, whatever had focus; the first hit (an exact barcode or SKU is first) is highlighted.
    setSearch(code);
    select(searchProducts(all, code, 1)[0]?.sku ?? null);
    searchRef.current?.focus();
  }, mode === 'stock');

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;

  return (
    <div ref={screenRef} tabIndex={-1} data-testid="inventory" data-mode={mode} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, outline: 'none' }}>
      <div role="tablist" style={{ display: 'flex', gap: 8, padding: '8px 16px 0', background: '#f0f2f5' }}>
        {INVENTORY_MODES.map((m) => (
          <Button
            key={m}
            role="tab"
            aria-selected={mode === m}
            data-testid={`inventory-tab-${m}`}
            type={mode === m ? 'primary' : 'default'}
            size="large"
            disabled={busy}
            onClick={() => enterMode(m)}
            style={{ fontSize: 18, fontWeight: mode === m ? 700 : 400 }}
          >
            {t(`stock.tabs.${m}`)}
          </Button>
        ))}
      </div>
      {mode === 'receive' && <div style={{ flex: 1, minHeight: 0 }}><ReceivePanel products={all} /></div>}
      {mode === 'count' && <div style={{ flex: 1, minHeight: 0 }}><CountPanel products={all} /></div>}
      {mode === 'low' && <div style={{ flex: 1, minHeight: 0 }}><LowStockPanel products={all} /></div>}
      {mode === 'stock' && <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '12px 16px', background: '#f0f2f5', borderBottom: '2px solid #d9d9d9' }}>
        <Input
          ref={searchRef}
          data-testid="inventory-search"
          allowClear
          autoComplete="off"
          placeholder={t('inventory.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            select(null);
          }}
          style={{ maxWidth: 520, height: 48, fontSize: 20 }}
        />
        <span data-testid="inventory-count" style={{ fontSize: 18 }}>
          {t('inventory.count', { shown: shown.length, total: all.length })}
          {shown.length === MAX_RESULTS && ` · ${t('inventory.refine')}`}
        </span>
      </div>
      {gate === 'forbidden' && (
        <Alert
          data-testid="adjust-forbidden"
          type="warning"
          showIcon
          title={<span style={{ fontSize: 18 }}>{t('inventory.forbidden', { roles: PERMISSIONS['stock.adjust'].roles.map((r) => t(`role.${r}`)).join(', ') })}</span>}
        />
      )}
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '10px 16px', fontSize: 16, fontWeight: 700, background: '#fafafa', borderBottom: '2px solid #8c8c8c' }}>
        <span>{t('inventory.sku')}</span>
        <span>{t('inventory.name')}</span>
        <span>{t('inventory.location')}</span>
        <span style={{ textAlign: 'right' }}>{t('inventory.onHand')}</span>
        <span style={{ textAlign: 'right' }}>{t('stock.available')}</span>
        <span />
      </div>
      <div data-testid="inventory-list" style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#fff' }}>
        {live.status === 'loading' && <Spin size="large" style={{ display: 'block', marginTop: 48 }} />}
        {live.status === 'ready' && shown.length === 0 && (
          <div data-testid="inventory-empty" style={{ padding: 48, fontSize: 22, textAlign: 'center', color: '#434343' }}>{t('inventory.empty')}</div>
        )}
        {shown.map((p, i) => {
          const level = levels?.get(p.sku);
          const qty = level?.onHand;
          const selected = i === selectedIndex;
          return (
            <div
              key={p.sku}
              role="row"
              aria-selected={selected}
              data-testid={`inventory-row-${p.sku}`}
              data-on-hand={qty ?? ''}
              data-available={level?.available ?? ''}
              data-selected={String(selected)}
              onClick={() => select(p.sku)}
              ref={(el) => {
                if (selected) el?.scrollIntoView({ block: 'nearest' });
              }}
              style={{
                display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, alignItems: 'center', padding: '10px 16px', fontSize: 19,
                borderBottom: '1px solid #f0f0f0', background: selected ? '#e6f4ff' : '#fff', borderLeft: `6px solid ${selected ? '#0b5cad' : 'transparent'}`,
              }}
            >
              <code>{p.sku}</code>
              <span>{p.name}</span>
              <span>{[p.location.aisle, p.location.shelf, p.location.bin].join(' · ')}</span>
              <strong data-testid="inventory-on-hand" style={{ textAlign: 'right', fontSize: 22, color: qty !== undefined && qty < 0 ? '#c4161c' : undefined }}>{qty ?? '…'}</strong>
              <strong
                data-testid="inventory-available"
                title={level ? `${t('stock.reserved')}: ${level.reserved}` : undefined}
                style={{ textAlign: 'right', fontSize: 22, color: level && level.available <= 0 ? '#c4161c' : '#237804' }}
              >
                {level?.available ?? '…'}
              </strong>
              <Button
                data-testid={`adjust-open-${p.sku}`}
                data-gate={gate}
                disabled={gate === 'forbidden'}
                loading={pendingSku === p.sku}
                onClick={(e) => {
                  e.stopPropagation();
                  open(p.sku);
                }}
              >
                {gate === 'approval' ? t('inventory.adjustApproval') : t('inventory.adjust')}
              </Button>
            </div>
          );
        })}
      </div>
      <div style={{ padding: '6px 16px', fontSize: 16, color: '#434343', background: '#f0f2f5', borderTop: '1px solid #d9d9d9' }}>{t('inventory.keys')} · {t('stock.keys')}</div>
      </>}
      {approvalDialog}
      <AdjustDialog
        grant={adjust}
        product={adjusting}
        onHand={adjusting ? levels?.get(adjusting.sku)?.onHand : undefined}
        onClose={closeAdjust}
        afterClose={() => searchRef.current?.focus()}
      />
    </div>
  );
}
