import { useTranslation } from 'react-i18next';
import { formatCountdown, type OrderStatus } from '../../../sync/model/index.js';
import type { RowDeadline } from './queue.js';

/** Status colours chosen for contrast on white with white text; the text always says the status too. */
const STATUS_COLOURS: Record<OrderStatus, string> = {
  new: '#0b5cad',
  accepted: '#006d75',
  picking: '#531dab',
  picked: '#1d39c4',
  packed: '#1d39c4',
  ready: '#237804',
  dispatched: '#3f6600',
  delivered: '#595959',
  picked_up: '#595959',
  returned: '#595959',
  rejected: '#595959',
  cancelled: '#595959',
};

export function StatusBadge(props: { status: OrderStatus; large?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid={props.testId}
      data-status={props.status}
      style={{
        display: 'inline-block', padding: props.large ? '6px 16px' : '2px 10px', borderRadius: 6,
        background: STATUS_COLOURS[props.status], color: '#fff', fontWeight: 700,
        fontSize: props.large ? 24 : 17, whiteSpace: 'nowrap',
      }}
    >
      {t(`status.${props.status}`)}
    </span>
  );
}

export const DEADLINE_COLOURS: Record<RowDeadline, string> = {
  late: '#c4161c',
  at_risk: '#d46b08',
  on_time: 'transparent',
  none: 'transparent',
};

/** Countdown plus a worded mark, so late and at-risk do not depend on seeing red and orange. */
export function Countdown(props: { dueAt: string; now: number; deadline: RowDeadline }) {
  const { t } = useTranslation();
  if (props.deadline === 'none') return <span style={{ color: '#595959' }}>—</span>;
  const marked = props.deadline === 'late' || props.deadline === 'at_risk';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, whiteSpace: 'nowrap' }}>
      {marked && (
        <span
          data-testid="deadline-mark"
          style={{ background: DEADLINE_COLOURS[props.deadline], color: '#fff', fontWeight: 800, padding: '2px 8px', borderRadius: 4, fontSize: 16 }}
        >
          {props.deadline === 'late' ? '⚠ ' : ''}
          {t(`deadline.${props.deadline}`)}
        </span>
      )}
      <span
        style={{
          fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace', fontSize: 20, fontWeight: 700,
          color: props.deadline === 'late' ? '#c4161c' : props.deadline === 'at_risk' ? '#ad4e00' : '#141414',
        }}
      >
        {formatCountdown(props.dueAt, props.now)}
      </span>
    </span>
  );
}
