import { useEffect, useMemo, useRef } from 'react';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useIncompleteScanHandler, useScanHandler } from '../../ui/scan-router.js';
import { KeyedEntry } from '../../ui/KeyedEntry.js';
import { isTypingTarget } from '../../ui/keys.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { useOperator } from '../signin/current-operator.js';
import { actorOf } from '../approval/authorize.js';
import { pickSource$ } from './live.js';
import type { PickSource } from './source.js';
import { PickController } from './controller.js';
import { KeyBuffer } from './key-buffer.js';
import { resetPickUi, usePickUi } from './ui-state.js';
import { BatchOverview } from './BatchOverview.js';
import { WalkView } from './WalkView.js';
import { PickSummaryView } from './PickSummaryView.js';
import { useStockGuard } from '../stock-guard/use-stock-guard.js';

export const QTY_INPUT_ID = 'pick-qty';

/** Batch picking (F5): build a batch, walk it in aisle order with the scanner, sort it into totes. */
export function PickingScreen() {
  const { db, platform, device } = useSession();
  const operator = useOperator();
  const { t } = useTranslation();
  const live = useObservable(() => pickSource$(db, device.storeId), [db, device.storeId]);
  const sourceRef = useRef<PickSource | null>(null);
  sourceRef.current = live.status === 'ready' ? live.value : null;
  const rolesKey = operator.roles.join(',');
  const nameRef = useRef(operator.name);
  nameRef.current = operator.name;
  const { confirmStock, dialog: stockDialog } = useStockGuard();
  const confirmRef = useRef(confirmStock);
  confirmRef.current = confirmStock;
  const controller = useMemo(
    () =>
      new PickController({
        db, platform, actor: actorOf(operator, device), operatorName: () => nameRef.current, newId: createEventId, source: () => sourceRef.current,
        confirmStock: (orderIds) => {
          const byId = new Map(sourceRef.current?.rows.map((r) => [r.order.id, r.order]) ?? []);
          return confirmRef.current(orderIds.flatMap((id) => byId.get(id) ?? []), 'pick');
        },
      }),
    // The controller is per operator and device; a change of name or PIN hash is no reason to start over.
    [db, platform, operator.id, rolesKey, device.deviceId, device.storeId],
  );

  useEffect(() => {
    resetPickUi();
    controller.restore().catch((err: unknown) => {
      console.error('restoring the pick walk failed', err);
      usePickUi.setState({ stage: { kind: 'overview' }, note: { kind: 'saveFailed', params: { message: toCodedError(err, 'INTERNAL').message }, ok: false } });
    });
  }, [controller]);

  useEffect(() => {
    if (live.status === 'ready') controller.watch(live.value);
  }, [live, controller]);

  const buffer = useMemo(() => new KeyBuffer((keys) => controller.keys(keys)), [controller]);
  useEffect(() => () => buffer.drop(), [buffer]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      const inQty = e.target instanceof HTMLElement && e.target.dataset.testid === QTY_INPUT_ID;
      if (isTypingTarget(e.target) && !inQty) return;
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        buffer.flush();
        controller.enter();
      } else if (e.key === 'Escape') {
        buffer.drop();
        controller.escape();
        if (inQty) (e.target as HTMLElement).blur();
      } else if (e.key === 'Backspace' && !inQty) {
        buffer.flush();
        controller.keys(['Backspace']);
      } else if ([...e.key].length === 1) {
        // Held back: it may be the start of a scan (see key-buffer.ts). The qty field shows the digits once delivered.
        if (inQty) e.preventDefault();
        buffer.push(e.key, e.timeStamp);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [buffer, controller]);

  useScanHandler((code) => {
    buffer.drop();
    controller.scan(code);
  });
  useIncompleteScanHandler(() => {
    buffer.drop();
    controller.incompleteScan();
  });

  const stage = usePickUi((s) => s.stage);
  const note = usePickUi((s) => s.note);
  const keyed = usePickUi((s) => s.keyed);

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;

  return (
    <div data-testid="picking-screen" data-stage={stage.kind} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, fontSize: 22 }}>
      {note && (
        <Alert
          data-testid="pick-note"
          data-kind={note.kind}
          data-path={note.params.path}
          type={note.ok ? 'success' : 'warning'}
          showIcon
          title={<span style={{ fontSize: 20 }}>{t(`picking.${note.kind}`, note.params)}</span>}
          closable={{ onClose: () => usePickUi.setState({ note: null }) }}
        />
      )}
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {(stage.kind === 'loading' || live.status === 'loading') && stage.kind !== 'walk' && stage.kind !== 'finishing' && (
          <Spin size="large" description={t('picking.loading')} style={{ display: 'block', marginTop: 48 }}>
            <div style={{ height: 80 }} />
          </Spin>
        )}
        {live.status === 'ready' && (stage.kind === 'overview' || stage.kind === 'preview') && <BatchOverview source={live.value} controller={controller} />}
        {(stage.kind === 'walk' || stage.kind === 'finishing') && <WalkView controller={controller} />}
        {stage.kind === 'summary' && <PickSummaryView summary={stage.summary} onDone={() => usePickUi.setState({ stage: { kind: 'overview' } })} />}
      </div>
      <KeyedEntry open={keyed} onClose={() => controller.closeKeyed()} onCode={(code) => controller.keyedCode(code)} />
      {stockDialog}
    </div>
  );
}
