import { useCallback, useEffect, useState } from 'react';
import type { HistoryClient } from '../../../sync/client/history.js';
import type { HistoryCursor } from '../../../sync/protocol/history.js';
import { ProtocolError } from '../../../sync/protocol/errors.js';
import { compareNewestFirst, fromOrderEvent, fromStockMove, type ActivityEntry } from './activity.js';

export type OlderState =
  | { status: 'idle' }
  | { status: 'loading' }
  /** Nothing older at the centre. */
  | { status: 'done' }
  /** The centre cannot be reached: older days are not on this terminal. */
  | { status: 'offline' }
  | { status: 'error'; code: string; message: string };

/** The oldest of the entries, where the centre's older page starts. */
export function oldestCursor(entries: readonly ActivityEntry[]): HistoryCursor | null {
  const last = entries.at(-1);
  return last ? { at: last.at, id: last.id } : null;
}

/**
 * Older activity, page by page from the centre (the terminal holds only its window). `orderId` narrows it to one
 * order, exactly as typed. Starts over when the order or the local trail's oldest entry changes.
 */
export function useOlderActivity(history: HistoryClient, local: readonly ActivityEntry[], orderId: string) {
  const [older, setOlder] = useState<ActivityEntry[]>([]);
  const [cursor, setCursor] = useState<HistoryCursor | null>(null);
  const [state, setState] = useState<OlderState>({ status: 'idle' });
  const start = oldestCursor(local);
  const startKey = `${orderId}|${start?.at ?? ''}|${start?.id ?? ''}`;
  useEffect(() => {
    setOlder([]);
    setCursor(null);
    setState({ status: 'idle' });
  }, [startKey]);

  const loadMore = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const page = await history.activity({ before: cursor ?? start, ...(orderId ? { orderId } : {}) });
      const known = new Set(local.map((e) => e.id));
      const entries = [...page.events.map(fromOrderEvent), ...page.moves.map(fromStockMove)].filter((e) => !known.has(e.id)).map((e): ActivityEntry => ({ ...e, fromCentre: true }));
      entries.sort(compareNewestFirst);
      setOlder((prev) => [...prev, ...entries]);
      setCursor(page.next);
      setState(page.next ? { status: 'idle' } : { status: 'done' });
    } catch (err) {
      if (err instanceof ProtocolError && (err.code === 'NETWORK' || err.code === 'REQUEST_TIMEOUT')) setState({ status: 'offline' });
      else setState({ status: 'error', code: err instanceof ProtocolError ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
    }
  }, [history, cursor, start, orderId, local]);

  return { older, state, loadMore };
}
