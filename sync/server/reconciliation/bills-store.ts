import { randomUUID } from 'node:crypto';
import type { BillProvider, ParsedBill } from '../../model/money/bill.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { BillImportResponse, BillView } from '../../protocol/reconciliation.js';
import type { Db, Queryable } from '../db/index.js';
import { billHash, parseBill } from './parser.js';

/** Rows per INSERT of bill items (sent as one JSON parameter): a 100 000-row bill in twenty statements. */
const ITEM_CHUNK = 5000;

function answer(outcome: BillImportResponse['outcome'], id: string, bill: Pick<ParsedBill, 'provider' | 'billDate' | 'items' | 'totals'>, hash: string): BillImportResponse {
  const payments = bill.items.filter((i) => i.kind === 'payment').length;
  return {
    outcome,
    billId: id,
    provider: bill.provider,
    billDate: bill.billDate,
    hash,
    counts: { items: bill.items.length, payments, refunds: bill.items.length - payments },
    totals: { paid: bill.totals.paid, refunded: bill.totals.refunded, fees: bill.totals.fees },
  };
}

/**
 * Stores a parsed bill, all or nothing, in one transaction. The same file again (its hash already stored for the
 * provider) changes nothing; a different file of a provider and day already imported is a corrected bill: it
 * becomes the current one, the earlier is marked replaced (its items stay, for the audit), and the audit says who.
 */
export async function storeParsedBill(db: Db, bill: ParsedBill, hash: string, by: string): Promise<BillImportResponse> {
  return db.tx(async (q) => {
    // Serializes imports of one provider and day, so a re-import and a correction cannot race.
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`recon-bill:${bill.provider}:${bill.billDate}`]);
    const [same] = await q.query<{ id: string }>('SELECT id FROM recon_bills WHERE provider = $1 AND hash = $2', [bill.provider, hash]);
    if (same) return answer('unchanged', same.id, bill, hash);
    const id = randomUUID();
    const [earlier] = await q.query<{ id: string }>('SELECT id FROM recon_bills WHERE provider = $1 AND bill_date = $2 AND replaced_by IS NULL', [bill.provider, bill.billDate]);
    // Marked first: one current bill per provider and day (the unique index), and the transaction makes both one step.
    if (earlier) await q.query('UPDATE recon_bills SET replaced_by = $2 WHERE id = $1', [earlier.id, id]);
    await q.query(
      `INSERT INTO recon_bills (id, provider, bill_date, hash, merchant_id, items, paid, refunded, fees, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, bill.provider, bill.billDate, hash, bill.merchantId ?? null, bill.items.length, bill.totals.paid, bill.totals.refunded, bill.totals.fees, by],
    );
    await insertItems(q, id, bill);
    if (earlier) {
      await q.query(
        `INSERT INTO recon_audit (actor, action, subject, detail) VALUES ($1, 'bill.replaced', $2, $3)`,
        [by, earlier.id, JSON.stringify({ provider: bill.provider, billDate: bill.billDate, replacedBy: id, hash })],
      );
    }
    await q.query(`INSERT INTO recon_audit (actor, action, subject, detail) VALUES ($1, 'bill.imported', $2, $3)`, [by, id, JSON.stringify({ provider: bill.provider, billDate: bill.billDate, hash, items: bill.items.length })]);
    return answer(earlier ? 'replaced' : 'imported', id, bill, hash);
  });
}

async function insertItems(q: Queryable, billId: string, bill: ParsedBill): Promise<void> {
  for (let start = 0; start < bill.items.length; start += ITEM_CHUNK) {
    const rows = bill.items.slice(start, start + ITEM_CHUNK).map((i, k) => ({
      n: start + k + 1, kind: i.kind, at: i.at, transaction_id: i.transactionId, out_trade_no: i.outTradeNo, refund_id: i.refundId ?? null,
      out_refund_no: i.outRefundNo ?? null, amount: i.amount, fee: i.fee, fee_exact: i.feeExact, status: i.status, line: i.line,
    }));
    await q.query(
      `INSERT INTO recon_bill_items (bill_id, n, kind, at, transaction_id, out_trade_no, refund_id, out_refund_no, amount, fee, fee_exact, status, line)
       SELECT $1, x.n, x.kind, x.at, x.transaction_id, x.out_trade_no, x.refund_id, x.out_refund_no, x.amount, x.fee, x.fee_exact, x.status, x.line
       FROM jsonb_to_recordset($2::jsonb) AS x(n integer, kind text, at timestamptz, transaction_id text, out_trade_no text, refund_id text,
         out_refund_no text, amount bigint, fee bigint, fee_exact text, status text, line integer)`,
      [billId, JSON.stringify(rows)],
    );
  }
}

/** A file as downloaded: parsed (or refused whole, with the parser's BILL_* code and nothing stored), then stored. */
export async function importBillFile(db: Db, provider: BillProvider, bytes: Buffer, by: string, billDate?: string): Promise<BillImportResponse> {
  const hash = billHash(bytes);
  const parsed = await parseBill(provider, bytes, billDate !== undefined ? { billDate } : {});
  if (!parsed.ok) {
    const { code, message, line } = parsed.refusal;
    throw new ProtocolError(code, message, 422, line !== undefined ? { line } : undefined);
  }
  return storeParsedBill(db, parsed.bill, hash, by);
}

export async function listBills(q: Queryable, f: { provider?: BillProvider; from?: string; to?: string }): Promise<BillView[]> {
  const rows = await q.query<{
    id: string; provider: BillProvider; bill_date: string; hash: string; items: number; paid: string; refunded: string; fees: string;
    imported_at: Date | string; imported_by: string; replaced_by: string | null;
  }>(
    `SELECT * FROM recon_bills WHERE ($1::text IS NULL OR provider = $1) AND ($2::text IS NULL OR bill_date >= $2) AND ($3::text IS NULL OR bill_date <= $3)
     ORDER BY bill_date, provider, imported_at`,
    [f.provider ?? null, f.from ?? null, f.to ?? null],
  );
  return rows.map((r) => ({
    id: r.id, provider: r.provider, billDate: r.bill_date, hash: r.hash, items: Number(r.items), paid: Number(r.paid), refunded: Number(r.refunded),
    fees: Number(r.fees), importedAt: new Date(r.imported_at).toISOString(), importedBy: r.imported_by, replacedBy: r.replaced_by,
  }));
}
