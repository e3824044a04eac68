import { Button, Input, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { SHORT_REASONS, batchNumber, currentStop, substitutableShortfall, type PickFeedback, type PickState } from '../../../sync/model/index.js';
import type { PickController } from './controller.js';
import { locationLabel } from './pick-list.js';
import { usePickUi } from './ui-state.js';
import { noFocus } from './no-focus.js';
import { PutWallView } from './PutWallView.js';

const big = { height: 60, fontSize: 22, padding: '0 24px' } as const;

/** The walk and the put-wall of the open batch, with the model's feedback shown loud. */
export function WalkView(props: { controller: PickController }) {
  const { t } = useTranslation();
  const walk = usePickUi((s) => s.walk);
  const stage = usePickUi((s) => s.stage);
  const withdrawn = usePickUi((s) => s.withdrawn);
  if (!walk) return null;
  const { state } = walk;
  const phase = stage.kind === 'finishing' ? 'done' : state.phase;
  return (
    <div data-testid="pick-phase" data-phase={phase} data-batch-id={state.batchId} style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 14 }}>
      <Feedback feedback={state.feedback} />
      {withdrawn.map((w) => (
        <div key={w.orderId} data-testid={`pick-withdrawn-${w.orderId}`} style={{ fontSize: 22, padding: '8px 16px', background: '#fff7e6', border: '2px solid #fa8c16', borderRadius: 6 }}>
          {t(w.reason === 'cancelled' ? 'picking.withdrawnCancelled' : 'picking.withdrawnClaim', { orderId: w.orderId })}
        </div>
      ))}
      {state.putBack.length > 0 && (
        <div data-testid="pick-put-back" style={{ fontSize: 22, padding: '8px 16px', background: '#fffbe6', border: '2px solid #faad14', borderRadius: 6 }}>
          {t('picking.putBack', { items: state.putBack.map((p) => `${p.sku} × ${p.qty}`).join(', ') })}
        </div>
      )}
      {phase === 'walk' && <StopView state={state} controller={props.controller} />}
      {phase === 'put' && <PutWallView state={state} />}
      {phase === 'done' && <Finishing controller={props.controller} />}
      {phase !== 'done' && (
        <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
          <Button data-testid="pick-list-print" style={big} onClick={() => void props.controller.print()} {...noFocus}>
            {t('picking.print')}
          </Button>
          <span style={{ fontSize: 18, color: '#434343' }}>{t(phase === 'walk' ? 'picking.keysWalk' : 'picking.keysPut')}</span>
        </div>
      )}
    </div>
  );
}

function Feedback(props: { feedback: PickFeedback }) {
  const { t } = useTranslation();
  const seq = usePickUi((s) => s.feedbackSeq);
  const f = props.feedback;
  const text = f.ok ? t(`picking.notice.${f.code}`, f.params) : t(`picking.refusal.${f.code}`, f.params);
  return (
    <div
      key={seq}
      data-testid="pick-feedback"
      data-ok={String(f.ok)}
      data-code={f.code}
      role={f.ok ? 'status' : 'alert'}
      className={f.ok ? undefined : 'pick-refusal'}
      style={{
        fontSize: f.ok ? 28 : 36, fontWeight: 700, padding: '14px 20px', borderRadius: 8, color: '#fff',
        background: f.ok ? '#389e0d' : '#cf1322', border: f.ok ? 'none' : '6px solid #820014',
        animation: f.ok ? undefined : 'pick-flash 0.25s ease-in-out 3',
      }}
    >
      <style>{'@keyframes pick-flash { 50% { opacity: 0.35 } }'}</style>
      {text}
    </div>
  );
}

function StopView(props: { state: PickState; controller: PickController }) {
  const { t } = useTranslation();
  const draft = usePickUi((s) => s.draft);
  const reasonPrompt = usePickUi((s) => s.reasonPrompt);
  const { state, controller } = props;
  const stop = currentStop(state);
  if (!stop) return null;
  const cur = state.current;
  const toteOf = new Map(state.totes.map((x) => [x.orderId, x.tote]));
  const location = stop.location ? locationLabel(stop.location) : '';
  const reasonOpen = reasonPrompt || cur.mode === 'short';
  const subMax = cur.mode === 'substitute' ? substitutableShortfall(stop, cur.counted) : 0;
  return (
    <div
      data-testid="pick-stop"
      data-sku={stop.sku}
      data-location={location}
      data-qty={stop.qty}
      data-counted={cur.counted}
      data-mode={cur.mode}
      style={{ border: '3px solid #262626', borderRadius: 10, padding: 16, background: '#fff', display: 'flex', flexDirection: 'column', gap: 10 }}
    >
      <div style={{ fontSize: 22, color: '#434343' }}>
        {t('picking.stop', { n: state.stop + 1, m: state.stops.length })} · <span data-testid="pick-batch-number">{t('picking.batch', { number: batchNumber(state.batchId) })}</span>
      </div>
      <div style={{ display: 'flex', gap: 32, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <span data-testid="pick-location" style={{ fontSize: 64, fontWeight: 800, fontFamily: 'monospace', color: cur.atLocation ? '#389e0d' : '#000' }}>
          {location || t('picking.notListed')}
        </span>
        <span style={{ fontSize: 36, fontWeight: 700 }}>{stop.name}</span>
        <span style={{ fontSize: 28, fontFamily: 'monospace' }}>{stop.sku}</span>
      </div>
      <div style={{ display: 'flex', gap: 40, alignItems: 'baseline' }}>
        <span style={{ fontSize: 28 }}>{t('picking.take')}</span>
        <span style={{ fontSize: 80, fontWeight: 800, lineHeight: 1 }}>{stop.qty}</span>
        <span style={{ fontSize: 28 }}>{t('picking.counted')}</span>
        <span data-testid="pick-counted" style={{ fontSize: 80, fontWeight: 800, lineHeight: 1, color: cur.counted === stop.qty ? '#389e0d' : '#d46b08' }}>{cur.counted}</span>
        {cur.substituteSku && <span style={{ fontSize: 28 }}>{t('picking.substitute', { sku: cur.substituteSku, qty: cur.substituted })}</span>}
      </div>
      <div style={{ fontSize: 22 }}>
        <b>{t('picking.perOrder')}:</b>{' '}
        {stop.allocations.map((a) => (
          <span key={`${a.orderId}-${a.lineIndex}`} data-testid={`pick-split-${a.orderId}`} style={{ marginRight: 24 }}>
            {t('picking.tote', { tote: toteOf.get(a.orderId) ?? '?' })} · {a.orderId} × <b>{a.qty}</b>
          </span>
        ))}
      </div>
      {cur.mode === 'substitute' && subMax > 0 && (
        <div data-testid="pick-substitute" data-max={subMax} style={{ fontSize: 26, padding: 12, background: '#e6f4ff', border: '3px solid #1677ff', borderRadius: 8 }}>
          {t('picking.notice.SUBSTITUTION_OFFERED', { max: subMax })}
        </div>
      )}
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <Input
          data-testid="pick-qty"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('picking.qty')}
          value={draft}
          onChange={(e) => usePickUi.setState({ draft: e.target.value })}
          style={{ width: 280, height: 60, fontSize: 28 }}
        />
        <Button data-testid="pick-confirm" type="primary" style={big} onClick={() => controller.enter()} {...noFocus}>
          {t('picking.confirm')}
        </Button>
        <Button data-testid="pick-short" danger style={big} disabled={cur.mode === 'substitute'} onClick={() => usePickUi.setState({ reasonPrompt: true })} {...noFocus}>
          {t('picking.short')}
        </Button>
      </div>
      <div data-testid="pick-short-reasons" data-open={String(reasonOpen)} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', padding: reasonOpen ? 12 : 0, background: reasonOpen ? '#fff1f0' : undefined, borderRadius: 8 }}>
        {reasonOpen && <span style={{ fontSize: 24, fontWeight: 700 }}>{t('picking.shortPrompt')}</span>}
        {/* Shown once S asks for a reason: always on screen, they pushed the walk's own keys below 768 px. */}
        {reasonOpen && SHORT_REASONS.map((reason, i) => (
          <Button
            key={reason}
            data-testid={`pick-short-reason-${reason}`}
            danger
            style={big}
            disabled={cur.mode === 'substitute' || cur.counted >= stop.qty}
            onClick={() => {
              usePickUi.setState({ reasonPrompt: false });
              controller.apply({ type: 'short', reason });
            }}
            {...noFocus}
          >
            {i + 1} · {t(`picking.reason.${reason}`)}
          </Button>
        ))}
      </div>
    </div>
  );
}

function Finishing(props: { controller: PickController }) {
  const { t } = useTranslation();
  const stage = usePickUi((s) => s.stage);
  const error = stage.kind === 'finishing' ? stage.error : null;
  if (error === null) {
    return (
      <Spin size="large" description={t('picking.finishing')}>
        <div style={{ height: 80 }} />
      </Spin>
    );
  }
  return (
    <div data-testid="pick-finish-error" style={{ fontSize: 24, padding: 16, background: '#fff1f0', border: '3px solid #cf1322', borderRadius: 8 }}>
      {t('picking.finishFailed', { message: error })}{' '}
      <Button style={big} onClick={() => void props.controller.finish()} {...noFocus}>
        {t('picking.retry')}
      </Button>
    </div>
  );
}
