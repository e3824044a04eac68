import type { SlotKind } from './order.js';

export type DeadlineState = 'late' | 'at_risk' | 'on_time';

/** How long before the deadline an open order counts as at risk, per slot kind. */
const AT_RISK_MS: Record<SlotKind, number> = {
  '1h': 20 * 60_000,
  '2h': 30 * 60_000,
  '3h': 40 * 60_000,
  scheduled: 45 * 60_000,
};

export function deadlineState(dueAt: string, kind: SlotKind, nowMs: number): DeadlineState {
  const left = Date.parse(dueAt) - nowMs;
  if (left < 0) return 'late';
  return left <= AT_RISK_MS[kind] ? 'at_risk' : 'on_time';
}

/** "-0:05:12" / "1:02:03" — a countdown an operator can read at a glance. */
export function formatCountdown(dueAt: string, nowMs: number): string {
  const ms = Date.parse(dueAt) - nowMs;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const body = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return ms < 0 ? `-${body}` : body;
}
