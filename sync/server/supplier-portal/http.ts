/** Small pieces every portal route file shares: the export query, list truncation, the today of the portal. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JsonSchema } from '../../model/json-schema.js';
import { SUPPLIER_LIST_MAX } from '../../protocol/supplier.js';
import { sendExport, type ExportColumn, type ExportFormat, type ExportLang } from '../exports/index.js';

export interface ExportParams {
  format?: ExportFormat;
  lang?: ExportLang;
}

/** A list's query schema with the export's `format` and `lang` added. */
export function withExport<S extends { properties: Readonly<Record<string, JsonSchema>> }>(schema: S): S {
  return {
    ...schema,
    properties: { ...schema.properties, format: { type: 'string', enum: ['xlsx', 'csv'] }, lang: { type: 'string', enum: ['zh-CN', 'en'] } },
  };
}

/** Asks for one row more than a list shows: whether there was more is `truncated`. */
export const LIST_LIMIT = SUPPLIER_LIST_MAX + 1;
export function truncate<T>(rows: T[]): { rows: T[]; truncated: boolean } {
  return rows.length > SUPPLIER_LIST_MAX ? { rows: rows.slice(0, SUPPLIER_LIST_MAX), truncated: true } : { rows, truncated: false };
}

/** Takes at most SUPPLIER_LIST_MAX rows of a stream, and says whether it had more. */
export async function takeList<T>(rows: AsyncIterable<T>): Promise<{ rows: T[]; truncated: boolean }> {
  const out: T[] = [];
  for await (const r of rows) {
    if (out.length === SUPPLIER_LIST_MAX) return { rows: out, truncated: true };
    out.push(r);
  }
  return { rows: out, truncated: false };
}

export function exportReply<Row>(
  req: FastifyRequest,
  reply: FastifyReply,
  params: ExportParams,
  filename: Record<ExportLang, string>,
  columns: readonly ExportColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
): FastifyReply {
  const lang = params.lang ?? 'zh-CN';
  return sendExport(reply, { format: params.format ?? 'xlsx', lang, filename: filename[lang], columns, rows, onError: (err) => req.log.error({ err }, 'supplier export failed') });
}

/** Today in the chain's home zone (the periods a picker offers start from it). */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
