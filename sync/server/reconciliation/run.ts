import type { BillProvider } from '../../model/money/bill.js';
import type { ClosedDaySource } from '../../model/money/closed-day.js';
import { billDayOf, matchRange, type MatchException } from '../../model/money/matching.js';
import type { ExceptionType, MatchRunResponse } from '../../protocol/reconciliation.js';
import type { Db } from '../db/index.js';
import { loadAsOf, loadBillItems, loadExpectedOrders, loadRefunds } from './load.js';

export interface ReconciliationOptions {
  /** Where the stores' closed days come from (the day close's closedDaySource); none: cash on delivery stays held. */
  closedDays?: ClosedDaySource;
  /** The agreed fee rates in hundredths of a percent (60 = 0.60%); a provider without one has its fees unchecked. */
  feeRates?: Partial<Record<BillProvider, number>>;
}

const noCloses: ClosedDaySource = async () => [];

/**
 * Matches the bill days [from, to]: loads what the range needs, runs the pure matching (model/money/matching.ts),
 * and stores what it found in one transaction: each exception by its stable key (a resolution stays attached to it
 * run after run), exceptions of the range a run no longer finds stop being current, and each order's standing.
 */
export async function runMatching(db: Db, range: { from: string; to: string }, opts: ReconciliationOptions = {}): Promise<MatchRunResponse> {
  const orders = await loadExpectedOrders(db, range.from, range.to);
  const [refunds, items, asOf, closedDays] = await Promise.all([
    loadRefunds(db, orders.map((o) => o.orderId)),
    loadBillItems(db, range.from),
    loadAsOf(db),
    (opts.closedDays ?? noCloses)(range),
  ]);
  const result = matchRange({ ...range, orders, refunds, items, closedDays, asOf, ...(opts.feeRates ? { feeRates: opts.feeRates } : {}) });
  const asOfDay = [range.to, ...Object.values(asOf)].reduce((a, b) => (b > a ? b : a));
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['recon-run']);
    await saveExceptions(q, result.exceptions, asOfDay);
    await q.query(
      `UPDATE recon_exceptions SET current = false WHERE day >= $1 AND day <= $2 AND current AND NOT (key = ANY($3::text[]))`,
      [range.from, range.to, result.exceptions.map((e) => e.key)],
    );
    const standings = orders.map((o) => {
      const s = result.orders.get(o.orderId)!;
      return { order_id: o.orderId, store_id: o.storeId, provider: o.provider, standing: s.standing, exception_keys: s.exceptionKeys, day: billDayOf(o.paidAt) };
    });
    for (let i = 0; i < standings.length; i += 5000) {
      await q.query(
        `INSERT INTO recon_order_standings (order_id, store_id, provider, standing, exception_keys, day, run_at)
         SELECT x.order_id, x.store_id, x.provider, x.standing, x.exception_keys, x.day, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, store_id text, provider text, standing text, exception_keys jsonb, day text)
         ON CONFLICT (order_id) DO UPDATE SET store_id = EXCLUDED.store_id, standing = EXCLUDED.standing, exception_keys = EXCLUDED.exception_keys,
           day = EXCLUDED.day, run_at = EXCLUDED.run_at`,
        [JSON.stringify(standings.slice(i, i + 5000))],
      );
    }
  });
  const byType: Partial<Record<ExceptionType, number>> = {};
  for (const e of result.exceptions) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const standings = [...result.orders.values()];
  return {
    ...range,
    asOf,
    orders: orders.length,
    matched: standings.filter((s) => s.standing === 'reconciled').length,
    held: standings.filter((s) => s.standing === 'held').length,
    exceptions: result.exceptions.length,
    byType,
  };
}

async function saveExceptions(q: Parameters<Parameters<Db['tx']>[0]>[0], list: readonly MatchException[], asOf: string): Promise<void> {
  for (let i = 0; i < list.length; i += 5000) {
    const rows = list.slice(i, i + 5000).map((e) => ({
      key: e.key, type: e.type, amount: e.amount, ours: e.ours, theirs: e.theirs, order_id: e.orderId, store_id: e.storeId, provider: e.provider, day: e.day, detail: e.detail,
    }));
    await q.query(
      `INSERT INTO recon_exceptions (key, type, amount, ours, theirs, order_id, store_id, provider, day, detail, current, as_of)
       SELECT x.key, x.type, x.amount, x.ours, x.theirs, x.order_id, x.store_id, x.provider, x.day, x.detail, true, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, type text, amount bigint, ours bigint, theirs bigint, order_id text, store_id text, provider text, day text, detail text)
       ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, amount = EXCLUDED.amount, ours = EXCLUDED.ours, theirs = EXCLUDED.theirs,
         order_id = EXCLUDED.order_id, store_id = EXCLUDED.store_id, provider = EXCLUDED.provider, day = EXCLUDED.day, detail = EXCLUDED.detail,
         current = true, as_of = EXCLUDED.as_of, last_seen_at = now()`,
      [JSON.stringify(rows), asOf],
    );
  }
}
