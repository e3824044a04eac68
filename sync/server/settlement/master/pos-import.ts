import { createHash } from 'node:crypto';
import { periodOf } from '../../../model/money/periods.js';
import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import { MAX_POS_ERRORS, type PosImport, type PosImportResponse, type PosRefusalDetails, type PosRowError } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { loadPeriodRules } from '../../reports/period-rules.js';
import { ISO, num } from './common.js';
import { parsePosFile, type PosRow } from './pos-parse.js';

/** Rows per INSERT (sent as one JSON parameter). */
const CHUNK = 5000;

interface ImportRow {
  id: string | number;
  file_name: string;
  file_hash: string;
  rows: number;
  total: string | number;
  imported_by: string;
  imported_at: string;
}
const SELECT = `SELECT id, file_name, file_hash, rows, total, imported_by, ${ISO('imported_at')} AS imported_at FROM pos_imports`;
const view = (r: ImportRow): PosImport => ({
  id: num(r.id), fileName: r.file_name, fileHash: r.file_hash, rows: Number(r.rows), total: num(r.total), importedBy: r.imported_by, importedAt: r.imported_at,
});

export async function listPosImports(q: Queryable, limit = 100): Promise<PosImport[]> {
  return (await q.query<ImportRow>(`${SELECT} ORDER BY id DESC LIMIT $1`, [limit])).map(view);
}

function refused(code: 'POS_FILE_INVALID' | 'POS_TOTALS_MISMATCH', message: string, errors: PosRowError[]): ProtocolError {
  const details: PosRefusalDetails = { errors: errors.slice(0, MAX_POS_ERRORS), more: errors.length > MAX_POS_ERRORS };
  return new ProtocolError(code, message, 422, { ...details });
}

/**
 * What only the database can say about rows the file itself found sound: every counter exists; no counter and day
 * is already stored from another file (that day would count twice); no row falls in a period whose statement for
 * the counter is paid (common.ts assertNotSettled).
 */
async function databaseFaults(q: Queryable, rows: readonly PosRow[]): Promise<PosRowError[]> {
  const errors: PosRowError[] = [];
  const counterIds = [...new Set(rows.map((r) => r.counterId))];
  const known = new Set((await q.query<{ id: string }>('SELECT id FROM concession_counters WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))', [JSON.stringify(counterIds)])).map((r) => r.id));
  const days = [...new Set(rows.map((r) => `${r.counterId}\u0000${r.day}`))].map((k) => k.split('\u0000'));
  const stored = new Set(
    (await q.query<{ counter_id: string; day: string }>(
      `SELECT DISTINCT p.counter_id, to_char(p.day, 'YYYY-MM-DD') AS day FROM pos_sales p
       JOIN jsonb_to_recordset($1::jsonb) AS x(counter_id text, day date) ON x.counter_id = p.counter_id AND x.day = p.day`,
      [JSON.stringify(days.map(([counter_id, day]) => ({ counter_id, day })))],
    )).map((r) => `${r.counter_id}\u0000${r.day}`),
  );
  const rules = await loadPeriodRules(q);
  const periods = [...new Set(rows.map((r) => `${r.counterId}\u0000${periodOf(r.day, rules).from}`))].map((k) => k.split('\u0000'));
  const settled = new Set(
    (await q.query<{ counter_id: string; period_from: string }>(
      `SELECT DISTINCT s.counter_id, to_char(s.period_from, 'YYYY-MM-DD') AS period_from FROM statements s
       JOIN jsonb_to_recordset($1::jsonb) AS x(counter_id text, period_from date) ON x.counter_id = s.counter_id AND x.period_from = s.period_from
       WHERE s.status = 'paid'`,
      [JSON.stringify(periods.map(([counter_id, period_from]) => ({ counter_id, period_from })))],
    )).map((r) => `${r.counter_id}\u0000${r.period_from}`),
  );
  for (const r of rows) {
    if (errors.length > MAX_POS_ERRORS) break;
    if (!known.has(r.counterId)) errors.push({ line: r.line, column: 'counter', message: `counter "${r.counterId}" does not exist` });
    else if (stored.has(`${r.counterId}\u0000${r.day}`)) errors.push({ line: r.line, column: 'day', message: `counter ${r.counterId}'s till sales of ${r.day} were imported from another file already` });
    else if (settled.has(`${r.counterId}\u0000${periodOf(r.day, rules).from}`)) errors.push({ line: r.line, column: 'day', message: `counter ${r.counterId}'s statement for the period of ${r.day} is paid` });
  }
  return errors;
}

/**
 * Imports a till sales file all or nothing, in one transaction. The same file again (same sha256) changes nothing
 * and answers the import it was; a file with any fault is refused whole, with every fault by line. Imports are
 * serialized, so two files for one counter and day cannot both pass the check for the other.
 */
export async function importPosFile(db: Db, who: ConsoleUser, fileName: string, bytes: Uint8Array): Promise<PosImportResponse> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const parsed = parsePosFile(bytes);
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['settlement-pos-import']);
    const [same] = await q.query<ImportRow>(`${SELECT} WHERE file_hash = $1`, [hash]);
    if (same) {
      const [sums] = await q.query<{ qty: string | number | null; returns: string | number | null }>('SELECT sum(qty) AS qty, sum(returns) AS returns FROM pos_sales WHERE import_id = $1', [same.id]);
      return { outcome: 'unchanged', import: view(same), qty: num(sums?.qty ?? 0), returns: num(sums?.returns ?? 0) };
    }
    if (!parsed.ok) throw refused(parsed.code, parsed.message, parsed.errors);
    const faults = await databaseFaults(q, parsed.rows);
    if (faults.length > 0) throw refused('POS_FILE_INVALID', `the file has ${faults.length > MAX_POS_ERRORS ? `more than ${MAX_POS_ERRORS}` : faults.length} faults; nothing was stored`, faults);
    const [row] = await q.query<ImportRow>(
      `INSERT INTO pos_imports (file_hash, file_name, rows, total, imported_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, file_name, file_hash, rows, total, imported_by, ${ISO('imported_at')} AS imported_at`,
      [hash, fileName, parsed.rows.length, parsed.totals.amount, who.name],
    );
    const imported = view(row!);
    for (let i = 0; i < parsed.rows.length; i += CHUNK) {
      const chunk = parsed.rows.slice(i, i + CHUNK).map((r) => ({ counter_id: r.counterId, day: r.day, sku: r.sku, qty: r.qty, amount: r.amount, returns: r.returns }));
      await q.query(
        `INSERT INTO pos_sales (import_id, counter_id, day, sku, qty, amount, returns)
         SELECT $1, x.counter_id, x.day, x.sku, x.qty, x.amount, x.returns
         FROM jsonb_to_recordset($2::jsonb) AS x(counter_id text, day date, sku text, qty integer, amount bigint, returns bigint)`,
        [imported.id, JSON.stringify(chunk)],
      );
    }
    await audit(q, who, 'settlement.pos.import', String(imported.id), { fileName, hash, rows: imported.rows, total: imported.total });
    return { outcome: 'imported', import: imported, qty: parsed.totals.qty, returns: parsed.totals.returns };
  });
}
