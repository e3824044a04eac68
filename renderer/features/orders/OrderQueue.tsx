import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { App as AntApp, Drawer, Spin } from 'antd';
import type { InputRef } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { isTypingTarget } from '../../ui/keys.js';
import { preloadQueuePage, queueView$ } from './live.js';
import { filterQueue } from './queue.js';
import { useQueueUi } from './ui-state.js';
import { QueueFilters } from './QueueFilters.js';
import { OrderRow, QUEUE_COLUMNS, ROW_HEIGHT } from './OrderRow.js';
import { OrderDetail } from './OrderDetail.js';
import { QUEUE_MARKS, markFrame } from './perf-marks.js';

/** The order queue: every order of the store, by deadline, filtered, driven by the keyboard and the scanner. */
export function OrderQueue() {
  const { db } = useSession();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  // First a page of the orders due around now, then every order: see queueView$ for what the page leaves out.
  // Started while rendering, not in useObservable's effect, so the read overlaps the first commit and paint.
  useMemo(() => preloadQueuePage(db), [db]);
  const live = useObservable(() => queueView$(db), [db]);
  const all = useMemo(() => (live.status === 'ready' ? live.value.rows : []), [live]);
  const complete = live.status === 'ready' && live.value.complete;
  const filter = useQueueUi((s) => s.filter);
  const rows = useMemo(() => filterQueue(all, filter), [all, filter]);
  const { selectedId, openId, select, open, close, setFilter } = useQueueUi();
  const selectedIndex = useMemo(() => rows.findIndex((r) => r.order.id === selectedId), [rows, selectedId]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<InputRef>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.order.id ?? index,
  });

  const moveSelection = useCallback(
    (delta: number) => {
      if (rows.length === 0) return;
      const from = selectedIndex < 0 ? (delta > 0 ? -1 : rows.length) : selectedIndex;
      const to = Math.max(0, Math.min(rows.length - 1, from + delta));
      select(rows[to]?.order.id ?? null);
      virtualizer.scrollToIndex(to, { align: 'auto' });
    },
    [rows, selectedIndex, select, virtualizer],
  );

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || openId !== null || e.ctrlKey || e.altKey || e.metaKey) return;
      const inSearch = e.target === searchRef.current?.input;
      const typing = isTypingTarget(e.target);
      const free = !typing || inSearch;
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
      const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
      if (e.key in steps && free) {
        e.preventDefault();
        moveSelection(steps[e.key] ?? 0);
      } else if ((e.key === 'Home' || e.key === 'End') && !typing) {
        e.preventDefault();
        moveSelection(e.key === 'Home' ? -rows.length : rows.length);
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Enter' && free && !(e.target instanceof HTMLButtonElement)) {
        const target = rows[selectedIndex] ?? (inSearch && rows.length > 0 ? rows[0] : undefined);
        if (target) {
          e.preventDefault();
          open(target.order.id);
        }
      } else if (e.key === 'Escape' && (!typing || inSearch)) {
        setFilter({ search: '' });
        searchRef.current?.blur();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [moveSelection, openId, open, rows, selectedIndex, setFilter]);

  // Performance marks for bench/queue.ts: the first rows on screen, and the commit a found scan leads to.
  const firstRowsMarked = useRef(false);
  const fullRowsMarked = useRef(false);
  const scanOpened = useRef(false);
  useLayoutEffect(() => {
    if (!firstRowsMarked.current && virtualizer.getVirtualItems().length > 0) {
      firstRowsMarked.current = true;
      markFrame(QUEUE_MARKS.firstRows);
    }
    if (!fullRowsMarked.current && complete) {
      fullRowsMarked.current = true;
      markFrame(QUEUE_MARKS.fullRows);
    }
    if (scanOpened.current) {
      scanOpened.current = false;
      markFrame(QUEUE_MARKS.scanFeedback);
    }
  });

  const byId = useMemo(() => new Map(all.map((r) => [r.order.id, r])), [all]);
  useScanHandler((code) => {
    // The scanner "typed" the code into whatever had focus; take it back out of the search box.
    const { search } = useQueueUi.getState().filter;
    if (search.endsWith(code)) setFilter({ search: search.slice(0, -code.length) });
    const hit = byId.get(code) ?? all.find((r) => r.order.id.toLowerCase() === code.toLowerCase());
    if (hit) {
      scanOpened.current = true;
      open(hit.order.id);
    } else if (!complete) {
      // Only the first page is loaded: the order may well exist. The detail looks it up itself and says so if not.
      scanOpened.current = true;
      open(code);
    } else void message.warning(t('queue.scanNotFound', { code }));
  });

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, position: 'relative' }}>
      <QueueFilters ref={searchRef} shown={rows.length} total={all.length} complete={complete} />
      <div
        role="row"
        style={{
          display: 'grid', gridTemplateColumns: QUEUE_COLUMNS, gap: 12, padding: '10px 16px 10px 18px',
          fontSize: 16, fontWeight: 700, color: '#262626', background: '#fafafa', borderBottom: '2px solid #8c8c8c',
          // Reserve the list's scrollbar width here too, so the header columns line up with the rows.
          overflow: 'hidden', scrollbarGutter: 'stable',
        }}
      >
        <span>{t('queue.colOrder')}</span>
        <span>{t('queue.colSlot')}</span>
        <span>{t('queue.colType')}</span>
        <span>{t('queue.colPayment')}</span>
        <span>{t('queue.colLines')}</span>
        <span>{t('queue.colStatus')}</span>
        <span>{t('queue.colDue')}</span>
      </div>
      <div ref={scrollRef} data-testid="order-list" role="grid" tabIndex={-1} style={{ flex: 1, minHeight: 0, overflow: 'auto', scrollbarGutter: 'stable', background: '#fff', outline: 'none' }}>
        {!complete && rows.length === 0 && <Spin size="large" description={t('queue.loading')} style={{ display: 'block', marginTop: 48 }} />}
        {complete && rows.length === 0 && (
          <div data-testid="order-empty" style={{ padding: 48, fontSize: 22, textAlign: 'center', color: '#434343' }}>
            {t('queue.empty')}
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <OrderRow
                key={item.key}
                row={row}
                selected={item.index === selectedIndex}
                onOpen={open}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              />
            );
          })}
        </div>
      </div>
      <div style={{ padding: '6px 16px', fontSize: 16, color: '#434343', background: '#f0f2f5', borderTop: '1px solid #d9d9d9' }}>
        {t('queue.keys')}
      </div>
      {/* Rendered inside the queue, below the header, so the sync indicator stays visible with the detail open. */}
      <Drawer open={openId !== null} onClose={close} size={880} destroyOnHidden getContainer={false} rootStyle={{ position: 'absolute' }} title={openId ? t('detail.title', { id: openId }) : ''} closable={{ 'aria-label': t('detail.close') }}>
        {openId !== null && <OrderDetail orderId={openId} />}
      </Drawer>
    </div>
  );
}
