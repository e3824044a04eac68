import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Input, Spin, type InputRef } from 'antd';
import { map } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { indexProducts, type PackedPackage, type PackState, type Product } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { isTypingTarget } from '../../ui/keys.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { queueRows$ } from '../orders/live.js';
import type { OrderData, QueueRow } from '../orders/queue.js';
import { usePrintPackageLabels } from '../printing/use-print-labels.js';
import { usePrinters } from '../printing/use-printers.js';
import { PrintOutcome } from '../printing/PrintOutcome.js';
import { refusalBeep } from '../../ui/beep.js';
import { chooseOrder, decideFor, packCandidates } from './pack-order.js';
import { printPackedLabels } from './pack-print.js';
import { finishAndRecord, loadCurrentOrder, loadPrinterChoice, PackSaver } from './pack-store.js';
import { FeedbackBar, PrinterSelect, type ScreenFeedback, type ShowFeedback } from './parts.js';
import { PackView } from './PackView.js';
import { PrinterIcon } from '../../ui/icons.js';
import { useNow } from '../../ui/now.js';
import { Countdown, DEADLINE_COLOURS } from '../orders/labels.js';
import { rowDeadline } from '../orders/queue.js';
import { PutBackView } from './PutBackView.js';

/** The order just packed and how far its labels got. */
interface Done {
  order: OrderData;
  packages: PackedPackage[];
  printedIds: string[];
  print: 'printing' | 'printed' | 'failed' | 'no_printer';
  error: CodedError | null;
  pdfPath: string | null;
}

/**
 * Packing (F6): choose a picked order by scanning it (or from the list), scan every picked item into a package,
 * finish — the `packed` event is recorded first, then one label per package is printed. Everything by scanner and
 * keyboard; the packing in progress survives a crash or a restart.
 */
export function PackingScreen() {
  const { db, platform } = useSession();
  const actor = useActor();
  const rowsLive = useObservable(() => queueRows$(db), [db]);
  const productsLive = useObservable(() => db.products.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Product))), [db]);
  const products = useMemo(() => (productsLive.status === 'ready' ? productsLive.value : []), [productsLive]);
  const index = useMemo(() => indexProducts(products), [products]);
  const names = useMemo(() => new Map(products.map((p) => [p.sku, p.name])), [products]);
  const rows = rowsLive.status === 'ready' ? rowsLive.value : null;

  const [feedback, setFeedback] = useState<ScreenFeedback | null>(null);
  const seq = useRef(0);
  const show: ShowFeedback = useCallback((f) => {
    setFeedback({ ok: f.ok, code: f.code, params: f.params ?? {}, seq: ++seq.current });
    if (!f.ok) refusalBeep();
  }, []);
  const saver = useMemo(
    () =>
      new PackSaver(db, (err) => {
        console.error('saving the packing failed', err);
        show({ ok: false, code: 'SAVE_FAILED', params: { message: toCodedError(err, 'INTERNAL').message } });
      }),
    [db, show],
  );

  const [booted, setBooted] = useState(false);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const finishing = useRef(false);
  // The order the screen reopened by itself: if it was packed elsewhere meanwhile, drop it without a refusal.
  const restored = useRef<string | null>(null);

  const { state: printersState } = usePrinters();
  const printers = useMemo(() => (printersState.status === 'ready' ? printersState.printers : []), [printersState]);
  const [printerChoice, setPrinterChoice] = useState<string | null>(null);
  const printer = printers.find((p) => p.id === printerChoice) ?? printers[0] ?? null;
  const choosePrinter = useCallback(
    (id: string) => {
      setPrinterChoice(id);
      void saver.savePrinter(id);
    },
    [saver],
  );
  const nextPrinter = () => {
    if (printers.length < 2) return;
    const i = printers.findIndex((p) => p.id === printer?.id);
    const next = printers[(i + 1) % printers.length];
    if (next) choosePrinter(next.id);
  };

  useEffect(() => {
    let live = true;
    Promise.all([loadCurrentOrder(db), loadPrinterChoice(db)]).then(
      ([current, chosen]) => {
        if (!live) return;
        restored.current = current;
        setOrderId(current);
        setPrinterChoice(chosen);
        setBooted(true);
      },
      (err: unknown) => {
        console.error('reading the saved packing failed', err);
        if (live) setBooted(true);
      },
    );
    return () => {
      live = false;
    };
  }, [db]);

  const open = useCallback(
    (id: string) => {
      restored.current = null;
      setDone(null);
      setOrderId(id);
      void saver.saveCurrent(id);
    },
    [saver],
  );
  const leave = useCallback(() => {
    setOrderId(null);
    void saver.saveCurrent(null);
  }, [saver]);

  const choose = (code: string) => {
    const choice = chooseOrder(rows ?? [], code);
    if (choice.ok) open(choice.orderId);
    else show({ ok: false, code: choice.code, params: choice.params });
  };

  const row = orderId && rows ? (rows.find((r) => r.order.id === orderId) ?? null) : null;
  const decision = row ? decideFor(row) : null;
  // The order on the bench stopped being packable (packed on another terminal, cancelled before any pick…).
  const stale = booted && orderId !== null && rows !== null && !finishing.current && (decision === null || !decision.ok);
  useEffect(() => {
    if (!stale || !orderId) return;
    void saver.clearState(orderId);
    if (orderId !== restored.current) {
      if (decision && !decision.ok) show({ ok: false, code: decision.code, params: decision.params });
      else show({ ok: false, code: 'UNKNOWN_ORDER', params: { code: orderId } });
    }
    leave();
  }, [stale]);

  // A packing in progress is moot once the order is cancelled: its goods go back to the shelf instead.
  const putBackOf = decision?.ok && decision.mode === 'putback' ? decision.orderId : null;
  useEffect(() => {
    if (putBackOf) void saver.clearState(putBackOf);
  }, [putBackOf, saver]);

  const print = usePrintPackageLabels();
  const runPrint = async (d: Done, printerId: string) => {
    setDone({ ...d, print: 'printing', error: null });
    const outcome = await printPackedLabels(print, (q) => platform.listPrintLog(q), d.order, d.packages, d.printedIds, printerId, actor.operatorId);
    const next: Done = outcome.ok
      ? { ...d, printedIds: outcome.printedIds, print: 'printed', error: null, pdfPath: outcome.pdfPath }
      : { ...d, printedIds: outcome.printedIds, print: 'failed', error: outcome.error };
    if (!outcome.ok) {
      console.error('printing package labels failed', outcome.error);
      refusalBeep();
    }
    setDone((current) => (current && current.order.id === d.order.id ? next : current));
  };
  const finish = async (state: PackState) => {
    if (!row) return;
    finishing.current = true;
    try {
      const outcome = await finishAndRecord(db, row, state, actor, createEventId);
      if (!outcome.ok) {
        show({ ok: false, code: outcome.code, params: { message: outcome.message } });
        return;
      }
      void saver.clearState(row.order.id);
      void saver.saveCurrent(null);
      const d: Done = { order: row.order, packages: outcome.packages, printedIds: [], print: printer ? 'printing' : 'no_printer', error: null, pdfPath: null };
      setFeedback(null);
      setDone(d);
      setOrderId(null);
      if (printer) void runPrint(d, printer.id);
    } catch (err) {
      console.error('finishing the packing failed', err);
      show({ ok: false, code: 'INTERNAL', params: { message: toCodedError(err, 'INTERNAL').message } });
    } finally {
      finishing.current = false;
    }
  };

  if (rowsLive.status === 'error') return <ErrorPanel error={toCodedError(rowsLive.error, 'UNKNOWN')} />;

  const printerBar = <PrinterSelect printers={printers} value={printer?.id ?? null} onChange={choosePrinter} />;
  let body;
  if (!booted || rows === null) body = <Spin size="large" style={{ display: 'block', marginTop: 48 }} />;
  else if (done) {
    body = (
      <DoneView
        done={done}
        printerBar={printerBar}
        canRetry={printer !== null}
        onRetry={() => printer && void runPrint(done, printer.id)}
        onNextPrinter={nextPrinter}
        onNext={() => setDone(null)}
        onScan={(code) => {
          if (done.print !== 'printing') choose(code);
        }}
      />
    );
  } else if (row && decision?.ok && decision.mode === 'pack') {
    body = (
      <PackView
        key={row.order.id}
        row={row}
        rows={rows}
        index={index}
        names={names}
        saver={saver}
        show={show}
        printerBar={printerBar}
        onNextPrinter={nextPrinter}
        onLeave={leave}
        onFinish={finish}
      />
    );
  } else if (row && decision?.ok && (decision.mode === 'putback' || decision.mode === 'return')) {
    body = <PutBackView key={row.order.id} row={row} names={names} show={show} onLeave={leave} kind={decision.mode === 'putback' ? 'unpick' : 'return'} />;
  } else {
    body = <ChooseView rows={rows} onChoose={choose} onOpen={open} />;
  }

  return (
    <div data-testid="packing-screen" style={{ display: 'flex', flexDirection: 'column', gap: 16, padding: 16, height: '100%', minHeight: 0, background: '#f0f2f5', fontSize: 20 }}>
      {!done && <FeedbackBar feedback={feedback} names={names} />}
      {body}
    </div>
  );
}

/** The order prompt and the picked orders waiting for the bench. */
function ChooseView(props: { rows: readonly QueueRow[]; onChoose: (code: string) => void; onOpen: (orderId: string) => void }) {
  const { rows, onChoose: choose, onOpen } = props;
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const inputRef = useRef<InputRef>(null);
  const candidates = useMemo(() => packCandidates(rows), [rows]);
  const selectedIndex = candidates.findIndex((r) => r.order.id === selected);
  const now = useNow();

  useEffect(() => inputRef.current?.focus(), []);

  const latest = useRef({ choose, candidates, selectedIndex, text });
  useLayoutEffect(() => {
    latest.current = { choose, candidates, selectedIndex, text };
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      const inPrompt = e.target === inputRef.current?.input;
      if (isTypingTarget(e.target) && !inPrompt) return;
      const { candidates: list, selectedIndex: at, text: typed } = latest.current;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.length === 0) return;
        const from = at < 0 ? (e.key === 'ArrowDown' ? -1 : list.length) : at;
        const to = Math.max(0, Math.min(list.length - 1, from + (e.key === 'ArrowDown' ? 1 : -1)));
        setSelected(list[to]?.order.id ?? null);
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        const target = inPrompt && typed.trim() !== '' ? typed : list[at]?.order.id;
        if (target) latest.current.choose(target);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useScanHandler((code) => {
    // The wedge typed the code into the prompt before its Enter said it was a scan: take it back out.
    setText((typed) => (typed.endsWith(code) ? typed.slice(0, -code.length) : typed));
    choose(code);
  });
  // A scan read only in part typed its keys into the prompt: they are not an order id.
  useIncompleteScanHandler((partial) => setText((typed) => (typed.endsWith(partial) ? typed.slice(0, -partial.length) : typed)));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, minHeight: 0, flex: 1 }}>
      <label style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <span style={{ fontSize: 24, fontWeight: 700 }}>{t('packing.orderPrompt')}</span>
        <Input
          ref={inputRef}
          data-testid="pack-order-input"
          autoComplete="off"
          placeholder={t('packing.orderPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ maxWidth: 640, height: 60, fontSize: 28 }}
        />
      </label>
      <section style={{ background: '#fff', border: '2px solid #d9d9d9', borderRadius: 8, flex: 1, minHeight: 0, overflow: 'auto' }}>
        <h2 style={{ margin: 0, padding: '10px 16px', fontSize: 22, borderBottom: '2px solid #8c8c8c' }}>{t('packing.candidates')}</h2>
        {candidates.length === 0 && <div data-testid="pack-no-candidates" style={{ padding: 32, fontSize: 22, textAlign: 'center', color: '#434343' }}>{t('packing.noCandidates')}</div>}
        {candidates.map((r, i) => {
          const isSelected = i === selectedIndex;
          const deadline = rowDeadline(r, now);
          return (
            <div
              key={r.order.id}
              role="row"
              aria-selected={isSelected}
              data-testid={`pack-candidate-${r.order.id}`}
              data-selected={String(isSelected)}
              data-deadline={deadline}
              onClick={() => onOpen(r.order.id)}
              ref={(el) => {
                if (isSelected) el?.scrollIntoView({ block: 'nearest' });
              }}
              style={{
                display: 'grid', gridTemplateColumns: '2fr 1.6fr 0.8fr 1fr 1.2fr', gap: 12, alignItems: 'center', padding: '12px 16px', fontSize: 22, cursor: 'pointer',
                borderBottom: '1px solid #f0f0f0',
                // The same deadline colours as the queue: a late order stands out here too, selected or not.
                background: isSelected ? '#e6f4ff' : deadline === 'late' ? '#fff1f0' : deadline === 'at_risk' ? '#fff7e6' : '#fff',
                borderLeft: `6px solid ${isSelected ? '#0b5cad' : DEADLINE_COLOURS[deadline]}`,
              }}
            >
              <strong>{r.order.id}</strong>
              <Countdown dueAt={r.order.dueAt} now={now} deadline={deadline} />
              <span>{t(`slot.${r.order.fulfilment.slot.kind}`)}</span>
              <span>{t('packing.lines', { count: r.order.lines.length })}</span>
              <span>{r.order.customer.name}</span>
            </div>
          );
        })}
      </section>
      <div style={{ fontSize: 17, color: '#434343' }}>{t('packing.chooseKeys')}</div>
    </div>
  );
}

/** The packed order: its packages and how their labels printed; R prints the rest again. */
function DoneView(props: {
  done: Done;
  printerBar: ReactNode;
  canRetry: boolean;
  onRetry: () => void;
  onNextPrinter: () => void;
  onNext: () => void;
  /** The next order's id, scanned straight away. */
  onScan: (code: string) => void;
}) {
  const { done, canRetry } = props;
  const { t } = useTranslation();
  const printed = new Set(done.printedIds);
  const printedCount = done.packages.filter((p) => printed.has(p.id)).length;
  const allPrinted = printedCount === done.packages.length;
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      const p = latest.current;
      const key = e.key.toLowerCase();
      if (key === 'r' && p.canRetry && p.done.print !== 'printing') p.onRetry();
      else if (key === 'p') p.onNextPrinter();
      else if ((e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) || e.key === 'Escape') {
        e.preventDefault();
        if (p.done.print !== 'printing') p.onNext();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useScanHandler((code) => latest.current.onScan(code));

  return (
    <section
      data-testid="pack-done"
      data-order-id={done.order.id}
      data-packages={done.packages.length}
      data-printed={printedCount}
      data-print={done.print}
      style={{ background: '#fff', border: '3px solid #237804', borderRadius: 8, padding: 20, display: 'flex', flexDirection: 'column', gap: 14 }}
    >
      <h2 style={{ margin: 0, fontSize: 32, color: '#237804' }}>
        ✓ {t('packing.done', { orderId: done.order.id })} {t('packing.donePackages', { count: done.packages.length })}
      </h2>
      {done.packages.map((p) => (
        <div key={p.id} data-testid={`pack-done-package-${p.n}`} data-printed={String(printed.has(p.id))} style={{ display: 'flex', gap: 16, fontSize: 22 }}>
          <span style={{ width: 32, display: 'inline-flex', alignItems: 'center' }}>{printed.has(p.id) ? <PrinterIcon title={t('packing.labelPrinted')} /> : '·'}</span>
          <code style={{ fontSize: 22 }}>{p.id}</code>
          <span>
            {p.n}/{p.of}
          </span>
          <span>{t('packing.units', { count: p.items.reduce((n, i) => n + i.qty, 0) })}</span>
        </div>
      ))}
      <div style={{ fontSize: 22, fontWeight: 600 }}>
        {done.print === 'printing' && <Spin style={{ marginRight: 12 }} />}
        {done.print === 'printing' && t('packing.printing')}
        {done.print === 'no_printer' && t('packing.notPrinted')}
        {(done.print === 'printed' || done.print === 'failed') && t('packing.printed', { printed: printedCount, count: done.packages.length })}
      </div>
      {done.print === 'failed' && done.error && <PrintOutcome value={{ ok: false, title: t('packing.printFailed'), error: done.error }} testId="pack-print-result" />}
      {done.pdfPath && <code data-testid="pack-print-pdf">{done.pdfPath}</code>}
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        {!allPrinted && (
          <Button
            data-testid="pack-retry-print"
            size="large"
            disabled={!canRetry || done.print === 'printing'}
            onClick={(e) => {
              e.currentTarget.blur();
              props.onRetry();
            }}
            style={{ height: 56, fontSize: 20 }}
          >
            {t('packing.retry')}
          </Button>
        )}
        <Button
          data-testid="pack-next"
          type="primary"
          size="large"
          disabled={done.print === 'printing'}
          onClick={props.onNext}
          style={{ height: 56, fontSize: 22, fontWeight: 700 }}
        >
          {t('packing.next')}
        </Button>
        <div style={{ marginLeft: 'auto' }}>{props.printerBar}</div>
      </div>
      <div style={{ fontSize: 17, color: '#434343' }}>{t('packing.doneKeys')}</div>
    </section>
  );
}
