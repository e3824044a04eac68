/**
 * When the terminal last synced, short enough for the header, in the store's time zone: "06:47" today, "11-30 06:47"
 * on an earlier day, "2025-11-30 06:47" in an earlier year. A clock time rather than "5 minutes ago", so it never
 * reads as fresh: the figure stays what it was while the terminal is offline.
 */
export function formatLastSynced(iso: string, nowMs: number, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const then = parts(at, timeZone);
  const now = parts(new Date(nowMs), timeZone);
  const time = `${then.hour}:${then.minute}`;
  if (then.year !== now.year) return `${then.year}-${then.month}-${then.day} ${time}`;
  if (then.month !== now.month || then.day !== now.day) return `${then.month}-${then.day} ${time}`;
  return time;
}

function parts(date: Date, timeZone?: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const list = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => list.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}
