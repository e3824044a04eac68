/**
 * Notices and documents the chain publishes to suppliers, and the suppliers' feedback with finance's answers. The
 * supplier side reads only what is addressed to them (audience_all or their id listed, not withdrawn) and only
 * their own feedback, in SQL; the console side (admin, finance) reads and writes all of it.
 */
import { randomUUID } from 'node:crypto';
import { ProtocolError } from '../../protocol/errors.js';
import type { SupplierFeedback, SupplierFeedbackRequest, SupplierNotice, SupplierNoticeSummary } from '../../protocol/supplier.js';
import type { SupplierConsoleFeedback, SupplierConsoleNotice, SupplierPublishNoticeRequest } from '../../protocol/supplier-console.js';
import type { Queryable } from '../db/index.js';

interface NoticeRow {
  id: string;
  kind: 'notice' | 'document';
  title: string;
  body: string;
  audience_all: boolean;
  supplier_ids: string[];
  document_name: string | null;
  document_type: string | null;
  document_bytes: number | string | null;
  published_by: string;
  published_at: Date | string;
  withdrawn_at: Date | string | null;
}

const NOTICE_COLUMNS = `n.id, n.kind, n.title, n.body, n.audience_all, n.supplier_ids, n.document_name, n.document_type,
  octet_length(n.document) AS document_bytes, n.published_by, n.published_at, n.withdrawn_at`;
/** What a supplier may read: addressed to all or to them, and not withdrawn. $1 is the supplier. */
const VISIBLE = `n.withdrawn_at IS NULL AND (n.audience_all OR $1 = ANY(n.supplier_ids))`;

function summary(r: NoticeRow): SupplierNoticeSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    publishedAt: new Date(r.published_at).toISOString(),
    document: r.document_name === null ? null : { fileName: r.document_name, mediaType: r.document_type ?? 'application/octet-stream', bytes: Number(r.document_bytes ?? 0) },
  };
}
const noticeView = (r: NoticeRow): SupplierNotice => ({ ...summary(r), body: r.body });
const consoleNoticeView = (r: NoticeRow): SupplierConsoleNotice => ({
  ...noticeView(r),
  audience: r.audience_all ? 'all' : 'listed',
  supplierIds: r.audience_all ? [] : r.supplier_ids,
  publishedBy: r.published_by,
  withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at).toISOString(),
});

const likeOf = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null);

export async function supplierNotices(q: Queryable, supplierId: string, query: { q?: string; kind?: 'notice' | 'document' }, limit: number): Promise<SupplierNoticeSummary[]> {
  const rows = await q.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS} FROM supplier_notices n WHERE ${VISIBLE}
       AND ($2::text IS NULL OR n.title ILIKE $2 OR n.body ILIKE $2) AND ($3::text IS NULL OR n.kind = $3)
     ORDER BY n.published_at DESC, n.id LIMIT $4`,
    [supplierId, likeOf(query.q), query.kind ?? null, limit],
  );
  return rows.map(summary);
}

export async function supplierNotice(q: Queryable, supplierId: string, id: string): Promise<SupplierNotice> {
  const [row] = await q.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM supplier_notices n WHERE ${VISIBLE} AND n.id = $2`, [supplierId, id]);
  if (!row) throw new ProtocolError('NOT_FOUND', 'no such notice for you', 404, { id });
  return noticeView(row);
}

export interface NoticeDocument {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/** The document of a notice: for a supplier (supplierId given) only one addressed to them; for the console any. */
export async function noticeDocument(q: Queryable, supplierId: string | null, id: string): Promise<NoticeDocument> {
  const [row] = await q.query<{ document: Uint8Array | null; document_name: string | null; document_type: string | null }>(
    `SELECT n.document, n.document_name, n.document_type FROM supplier_notices n
     WHERE n.id = $2 AND ($1::text IS NULL OR (${VISIBLE.replaceAll('$1', '$1::text')}))`,
    [supplierId, id],
  );
  if (!row?.document || row.document_name === null) throw new ProtocolError('NOT_FOUND', 'no such document', 404, { id });
  return { fileName: row.document_name, mediaType: row.document_type ?? 'application/octet-stream', bytes: Buffer.from(row.document) };
}

export async function consoleNotices(q: Queryable): Promise<SupplierConsoleNotice[]> {
  return (await q.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM supplier_notices n ORDER BY n.published_at DESC, n.id`)).map(consoleNoticeView);
}

async function consoleNotice(q: Queryable, id: string): Promise<SupplierConsoleNotice> {
  const [row] = await q.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM supplier_notices n WHERE n.id = $1`, [id]);
  if (!row) throw new ProtocolError('NOT_FOUND', `no notice "${id}"`, 404, { id });
  return consoleNoticeView(row);
}

export async function publishNotice(q: Queryable, by: string, input: SupplierPublishNoticeRequest): Promise<SupplierConsoleNotice> {
  const listed = input.audience === 'listed';
  if (listed !== (input.supplierIds !== undefined)) {
    throw new ProtocolError('VALIDATION_FAILED', "supplierIds is required with audience 'listed' and not allowed with 'all'", 400, { path: 'body/supplierIds' });
  }
  const ids = input.supplierIds ?? [];
  if (ids.length > 0) {
    const known = await q.query<{ id: string }>('SELECT id FROM suppliers WHERE id = ANY($1::text[])', [ids]);
    const missing = ids.filter((id) => !known.some((k) => k.id === id));
    if (missing.length > 0) throw new ProtocolError('VALIDATION_FAILED', `unknown suppliers: ${missing.join(', ')}`, 400, { path: 'body/supplierIds', missing });
  }
  const id = randomUUID();
  await q.query('INSERT INTO supplier_notices (id, kind, title, body, audience_all, supplier_ids, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id, input.kind, input.title.trim(), input.body, !listed, ids, by,
  ]);
  return consoleNotice(q, id);
}

export async function attachNoticeDocument(q: Queryable, id: string, doc: NoticeDocument): Promise<SupplierConsoleNotice> {
  const rows = await q.query('UPDATE supplier_notices SET document = $2, document_name = $3, document_type = $4 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id', [
    id, doc.bytes, doc.fileName, doc.mediaType,
  ]);
  if (rows.length === 0) throw new ProtocolError('NOT_FOUND', `no notice "${id}" that is still published`, 404, { id });
  return consoleNotice(q, id);
}

export async function withdrawNotice(q: Queryable, id: string): Promise<SupplierConsoleNotice> {
  await q.query('UPDATE supplier_notices SET withdrawn_at = coalesce(withdrawn_at, now()) WHERE id = $1', [id]);
  return consoleNotice(q, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Feedback

interface FeedbackRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  subject: string;
  question: string;
  statement_number: string | null;
  asked_at: Date | string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | string | null;
}

const FEEDBACK_SELECT = `SELECT f.id, f.supplier_id, s.name AS supplier_name, f.subject, f.question, f.statement_number, f.asked_at,
  f.answer, f.answered_by, f.answered_at FROM supplier_feedback f JOIN suppliers s ON s.id = f.supplier_id`;

const feedbackView = (r: FeedbackRow): SupplierFeedback => ({
  id: r.id,
  subject: r.subject,
  question: r.question,
  statementNumber: r.statement_number,
  askedAt: new Date(r.asked_at).toISOString(),
  answer: r.answer,
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
});
const consoleFeedbackView = (r: FeedbackRow): SupplierConsoleFeedback => ({ ...feedbackView(r), supplierId: r.supplier_id, supplierName: r.supplier_name, answeredBy: r.answered_by });

export async function supplierFeedbackList(q: Queryable, supplierId: string, limit: number): Promise<SupplierFeedback[]> {
  return (await q.query<FeedbackRow>(`${FEEDBACK_SELECT} WHERE f.supplier_id = $1 ORDER BY f.asked_at DESC, f.id LIMIT $2`, [supplierId, limit])).map(feedbackView);
}

export async function supplierFeedbackItem(q: Queryable, supplierId: string, id: string): Promise<SupplierFeedback> {
  const [row] = await q.query<FeedbackRow>(`${FEEDBACK_SELECT} WHERE f.supplier_id = $1 AND f.id = $2`, [supplierId, id]);
  if (!row) throw new ProtocolError('NOT_FOUND', 'no feedback of yours with that id', 404, { id });
  return feedbackView(row);
}

/** A new question; a statement number it names must be one of the supplier's own (404 otherwise). */
export async function postFeedback(q: Queryable, supplierId: string, input: SupplierFeedbackRequest): Promise<SupplierFeedback> {
  if (input.statementNumber !== undefined) {
    const own = await q.query(
      `SELECT 1 FROM statements s JOIN concession_counters c ON c.id = s.counter_id AND c.supplier_id = $1 WHERE s.number = $2 AND s.issued_at IS NOT NULL LIMIT 1`,
      [supplierId, input.statementNumber],
    );
    if (own.length === 0) throw new ProtocolError('NOT_FOUND', 'no statement of yours with that number', 404, { statementNumber: input.statementNumber });
  }
  const id = randomUUID();
  await q.query('INSERT INTO supplier_feedback (id, supplier_id, subject, question, statement_number) VALUES ($1, $2, $3, $4, $5)', [
    id, supplierId, input.subject.trim(), input.question, input.statementNumber ?? null,
  ]);
  return supplierFeedbackItem(q, supplierId, id);
}

export async function consoleFeedback(q: Queryable, filter: { status?: 'open' | 'answered'; supplierId?: string }): Promise<SupplierConsoleFeedback[]> {
  const rows = await q.query<FeedbackRow>(
    `${FEEDBACK_SELECT} WHERE ($1::text IS NULL OR ($1 = 'open') = (f.answer IS NULL)) AND ($2::text IS NULL OR f.supplier_id = $2)
     ORDER BY (f.answer IS NOT NULL), f.asked_at, f.id LIMIT 5000`,
    [filter.status ?? null, filter.supplierId ?? null],
  );
  return rows.map(consoleFeedbackView);
}

export async function answerFeedback(q: Queryable, id: string, by: string, answer: string): Promise<SupplierConsoleFeedback> {
  const rows = await q.query('UPDATE supplier_feedback SET answer = $2, answered_by = $3, answered_at = now() WHERE id = $1 RETURNING id', [id, answer, by]);
  if (rows.length === 0) throw new ProtocolError('NOT_FOUND', `no feedback "${id}"`, 404, { id });
  const [row] = await q.query<FeedbackRow>(`${FEEDBACK_SELECT} WHERE f.id = $1`, [id]);
  if (!row) throw new ProtocolError('NOT_FOUND', `no feedback "${id}"`, 404, { id });
  return consoleFeedbackView(row);
}
