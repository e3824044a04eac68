import { zonedParts } from '../../../sync/model/zoned-time.js';
/**
 * When the terminal last synced, short enough for the header, in the store's time zone: "06:47" today, "11-30 06:47"
 * on an earlier day, "2025-11-30 06:47" in an earlier year. A clock time rather than "5 minutes ago", so it never
 * reads as fresh: the figure stays what it was while the terminal is offline.
 */
export function formatLastSynced(iso: string, nowMs: number, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const then = zonedParts(at, timeZone);
  const now = zonedParts(new Date(nowMs), timeZone);
  const time = `${then.hour}:${then.minute}`;
  if (then.year !== now.year) return `${then.year}-${then.month}-${then.day} ${time}`;
  if (then.month !== now.month || then.day !== now.day) return `${then.month}-${then.day} ${time}`;
  return time;
}
