import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Spin, type InputRef } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { isTypingTarget } from '../../ui/keys.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { useApproval } from '../approval/use-approval.js';
import { products$, searchProducts } from './inventory.js';
import { onHandFrom$, reserved$ } from './stock-live.js';
import { INVENTORY_MODES, modeForKey, useInventoryUi, type InventoryMode } from './ui-state.js';
import { AdjustDialog } from './AdjustDialog.js';
import { ReceivePanel } from './ReceivePanel.js';
import { CountPanel } from './CountPanel.js';
import { LowStockPanel } from './LowStockPanel.js';
import { StockRow, STOCK_COLUMNS, STOCK_ROW_HEIGHT } from './StockRow.js';
import { markResults } from './perf-marks.js';

/** A person's R is alone; a scanner sends the next character of its code within a few milliseconds. */
const SHORTCUT_SETTLE_MS = 80;

/**
 * Products by SKU, name or barcode (scan, or / and type), with their shelf, what is on hand by the ledger and what
 * is available after open orders' reservations. ↑/↓ pick a row, Enter opens the stock adjustment for it — for
 * anyone but a manager, only once a manager has approved it here, with their PIN. Outside the search box R, C and L
 * open receiving, counting and the low-stock list; Esc leaves the search box, and comes back from a mode.
 *
 * A keystroke costs one render of the search box: the list follows the deferred search (React renders it when the
 * typing leaves time), draws only the rows in view, and the figures are read once for every product, not per search.
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
  const listed = useDeferredValue(search);
  const shown = useMemo(() => searchProducts(all, listed), [all, listed]);
  // Both read every product once, and again only when stock or orders change: never per keystroke.
  const held = useObservable(() => reserved$(db), [db]);
  const have = useObservable(() => onHandFrom$(db, null), [db]);
  const ready = have.status === 'ready' && held.status === 'ready';
  const onHandOf = (sku: string) => (have.status === 'ready' ? (have.value.get(sku) ?? 0) : null);
  const reservedOf = (sku: string) => (held.status === 'ready' ? (held.value.get(sku) ?? 0) : null);
  const searchRef = useRef<InputRef>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [searchFocused, setSearchFocused] = useState(false);
  const pendingShortcut = useRef<number | null>(null);
  const selectedIndex = useMemo(() => shown.findIndex((p) => p.sku === selectedSku), [shown, selectedSku]);
  const adjusting = all.find((p) => p.sku === adjust?.sku) ?? null;
  const busy = pendingSku !== null || adjust !== null;
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => STOCK_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => shown[index]?.sku ?? index,
  });

  // Before paint, so a draft left by the previous operator is never shown to the next one.
  useLayoutEffect(() => useInventoryUi.getState().claimFor(actor.operatorId), [actor.operatorId]);
  // The list has the keyboard, not the search box: the shortcuts the hint bar shows work at once.
  useEffect(() => {
    if (useInventoryUi.getState().mode === 'stock') screenRef.current?.focus();
  }, []);
  useLayoutEffect(() => {
    if (ready && live.status === 'ready') markResults(listed);
  }, [listed, ready, live.status]);
  useEffect(() => () => {
    useInventoryUi.getState().dropPending();
    if (pendingShortcut.current !== null) window.clearTimeout(pendingShortcut.current);
  }, []);

  const enterMode = (next: InventoryMode) => {
    setMode(next);
    // Out of any field, so the mode letters work at once; the modes focus their own field when they mount.
    if (next === 'stock') screenRef.current?.focus();
  };

  // The rows keep one `open` (they are memoised); it reads what it needs now from here.
  const latest = useRef({ all, gate, busy, actor });
  latest.current = { all, gate, busy, actor };
  const open = useCallback(
    (sku: string | undefined) => {
      const { all: products, gate: g, busy: waiting, actor: who } = latest.current;
      const product = products.find((p) => p.sku === sku);
      if (!product || g === 'forbidden' || waiting) return;
      const summary = `${t('inventory.adjust')}: ${product.name} (${product.sku})`;
      requestAdjust(db, who, product, requestApproval, summary).then(
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
    },
    [db, requestAdjust, requestApproval, message, t],
  );

  const moveSelection = (delta: number) => {
    if (shown.length === 0) return;
    const from = selectedIndex < 0 ? (delta > 0 ? -1 : shown.length) : selectedIndex;
    const to = Math.max(0, Math.min(shown.length - 1, from + delta));
    select(shown[to]?.sku ?? null);
    virtualizer.scrollToIndex(to, { align: 'auto' });
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
      const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? STOCK_ROW_HEIGHT * 10) / STOCK_ROW_HEIGHT) - 1);
      const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
      if (e.key in steps) {
        e.preventDefault();
        moveSelection(steps[e.key] ?? 0);
      } else if ((e.key === 'Home' || e.key === 'End') && !inSearch) {
        e.preventDefault();
        moveSelection(e.key === 'Home' ? -shown.length : shown.length);
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        // What was typed or scanned, even if the list has not caught up with it yet.
        open(selectedSku ?? searchProducts(all, search, 1)[0]?.sku);
      } else if (e.key === '/' && !inSearch) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape' && inSearch) {
        // Out of the box, the search kept: the letters are shortcuts again, as the hint bar says.
        e.preventDefault();
        screenRef.current?.focus();
      } else if (e.key === 'Escape' && search) {
        setSearch('');
        select(null);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  useScanHandler((code) => {
    // The scan searches, whatever had focus; the first hit (an exact barcode or SKU is first) is highlighted, and
    // the list keeps the keyboard, so Enter adjusts it and R, C, L still switch.
    setSearch(code);
    const hit = searchProducts(all, code, 1)[0]?.sku ?? null;
    select(hit);
    screenRef.current?.focus();
    if (hit) virtualizer.scrollToIndex(0);
  }, mode === 'stock');
  // A scan read only in part typed its keys into the search: they are no product's code.
  useIncompleteScanHandler((partial) => {
    const { search: now } = useInventoryUi.getState();
    if (partial !== '' && now.endsWith(partial)) setSearch(now.slice(0, -partial.length));
  }, mode === 'stock');

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;

  return (
    <div ref={screenRef} tabIndex={-1} data-testid="inventory" data-mode={mode} data-search-focused={String(searchFocused)} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, outline: 'none' }}>
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
          onFocus={() => setSearchFocused(true)}
          onBlur={() => setSearchFocused(false)}
          style={{ maxWidth: 520, height: 48, fontSize: 20 }}
        />
        <span data-testid="inventory-count" data-shown={shown.length} style={{ fontSize: 18 }}>
          {t('inventory.count', { shown: shown.length, total: all.length })}
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
      <div role="row" style={{ display: 'grid', gridTemplateColumns: STOCK_COLUMNS, gap: 12, padding: '10px 16px 10px 22px', fontSize: 16, fontWeight: 700, background: '#fafafa', borderBottom: '2px solid #8c8c8c', overflow: 'hidden', scrollbarGutter: 'stable' }}>
        <span>{t('inventory.sku')}</span>
        <span>{t('inventory.name')}</span>
        <span>{t('inventory.location')}</span>
        <span style={{ textAlign: 'right' }}>{t('inventory.onHand')}</span>
        <span style={{ textAlign: 'right' }}>{t('stock.available')}</span>
        <span />
      </div>
      <div ref={listRef} data-testid="inventory-list" style={{ flex: 1, minHeight: 0, overflow: 'auto', scrollbarGutter: 'stable', background: '#fff' }}>
        {live.status === 'loading' && <Spin size="large" style={{ display: 'block', marginTop: 48 }} />}
        {live.status === 'ready' && shown.length === 0 && (
          <div data-testid="inventory-empty" style={{ padding: 48, fontSize: 22, textAlign: 'center', color: '#434343' }}>{t('inventory.empty')}</div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const p = shown[item.index];
            if (!p) return null;
            return (
              <StockRow
                key={item.key}
                product={p}
                onHand={onHandOf(p.sku)}
                reserved={reservedOf(p.sku)}
                selected={item.index === selectedIndex}
                gate={gate}
                pending={pendingSku === p.sku}
                onSelect={select}
                onOpen={open}
                top={item.start}
              />
            );
          })}
        </div>
      </div>
      <div data-testid="inventory-keys" style={{ padding: '6px 16px', fontSize: 16, color: '#434343', background: '#f0f2f5', borderTop: '1px solid #d9d9d9' }}>
        {searchFocused ? t('stock.keysSearch') : t('stock.keys')}
      </div>
      </>}
      {approvalDialog}
      <AdjustDialog
        grant={adjust}
        product={adjusting}
        onHand={adjusting ? (onHandOf(adjusting.sku) ?? undefined) : undefined}
        onClose={closeAdjust}
        afterClose={() => screenRef.current?.focus()}
      />
    </div>
  );
}
