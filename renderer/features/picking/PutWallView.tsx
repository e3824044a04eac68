import { useTranslation } from 'react-i18next';
import { batchNumber, type PickState } from '../../../sync/model/index.js';
import { usePickUi } from './ui-state.js';

/** The put-wall: one cell per tote with its order and what is still owed; the tote for the scanned item, big. */
export function PutWallView(props: { state: PickState }) {
  const { t } = useTranslation();
  const lastTarget = usePickUi((s) => s.target);
  const draft = usePickUi((s) => s.draft);
  const { state } = props;
  const pending = state.pendingPut === null ? undefined : state.putTasks[state.pendingPut];
  const target = pending ? { tote: pending.tote, orderId: pending.orderId } : lastTarget;
  const left = state.putTasks.reduce((n, task) => n + task.qty - task.put, 0);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
      <div style={{ display: 'flex', gap: 24, alignItems: 'center' }}>
        <span style={{ fontSize: 26, fontWeight: 700 }}>{t('picking.putWall')}</span>
        <span data-testid="put-left" style={{ fontSize: 22 }}>{t('picking.putLeft', { left })}</span>
        <span data-testid="pick-batch-number" style={{ fontSize: 22, color: '#434343' }}>{t('picking.batch', { number: batchNumber(state.batchId) })}</span>
        {/* The tote number typed so far (digits + Enter put the item there, like scanning the tote's label). */}
        <span
          data-testid="put-typed"
          data-draft={draft}
          style={{ marginLeft: 'auto', fontSize: 26, fontFamily: 'monospace', minWidth: 200, padding: '4px 12px', border: '2px solid #595959', borderRadius: 6, background: '#fff' }}
        >
          <span style={{ fontSize: 18, fontFamily: 'inherit', color: '#434343' }}>{t('picking.putTyped')} </span>
          {draft || <span style={{ fontSize: 18, color: '#8c8c8c' }}>{t('picking.putTypedHint')}</span>}
        </span>
      </div>
      {target && (
        <div
          data-testid="put-target"
          data-tote={target.tote}
          data-order-id={target.orderId}
          data-pending={String(pending !== undefined)}
          style={{ fontSize: 96, fontWeight: 800, textAlign: 'center', padding: 12, borderRadius: 10, color: '#fff', background: pending ? '#1677ff' : '#8c8c8c' }}
        >
          {t('picking.putTarget', { tote: target.tote })}
          <div style={{ fontSize: 28, fontWeight: 400 }}>{t('picking.putTargetOrder', { orderId: target.orderId })}</div>
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 12 }}>
        {state.totes.map(({ tote, orderId }) => {
          const tasks = state.putTasks.filter((task) => task.tote === tote);
          const owed = tasks.reduce((n, task) => n + task.qty - task.put, 0);
          const out = state.withdrawn.includes(orderId);
          const active = target?.tote === tote && pending !== undefined;
          return (
            <div
              key={tote}
              data-testid={`put-tote-${tote}`}
              data-order-id={orderId}
              data-owed={owed}
              data-withdrawn={String(out)}
              style={{
                border: active ? '6px solid #1677ff' : '2px solid #595959', borderRadius: 8, padding: 12,
                background: out ? '#f5f5f5' : owed === 0 ? '#f6ffed' : '#fff', opacity: out ? 0.5 : 1,
              }}
            >
              <div style={{ fontSize: 40, fontWeight: 800 }}>{tote}</div>
              <div style={{ fontSize: 20, fontFamily: 'monospace' }}>{orderId}</div>
              <div style={{ fontSize: 20 }}>{out ? '—' : owed === 0 ? '✓' : `${owed}`}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
