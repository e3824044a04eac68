import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rgb } from 'pdf-lib';
import type { PdfPrintResult, PickListInput, RunSheetInput, ToteLabelsInput, ZReportInput } from '../../contract.js';
import { batchNumber } from '../../../sync/model/batch.js';
import { CONFIRM_CODE, SHORT_REASONS, shortReasonCode, toteCode, type ShortReason } from '../../../sync/model/pick-state.js';
import { findCjkFont, systemPdfHandoff, type PdfHandoff } from './pdf-route.js';
import { parsePickListInput, parseToteLabelsInput } from './pick-list-input.js';
import { A4, a4Document, drawCode128, storeTime, type Box, type Painter } from './pdf-sheet.js';
import { renderToteLabels } from './tote-labels.js';
import { parseRunSheetInput } from './run-sheet-input.js';
import { renderRunSheet } from './run-sheet.js';
import { parseZReportInput, renderZReport } from './z-report.js';

export { A4, type Box } from './pdf-sheet.js';

/**
 * The paper pick list of one batch (A4): the stops in walking order, each with a Code 128 of the shelf and of the
 * product, the split into totes, a card of command codes and a Code 128 per tote for the put-wall, so a picker
 * works with the scanner alone. Drawn with pdf-lib like the PDF labels (Chinese as glyph outlines from the OS's
 * CJK font); times in the store's zone, the operator by name, the batch by its short number.
 */

/** Where the scannable and checkable parts landed. */
export interface PickListLayout {
  pages: number;
  stops: { name: Box; location: Box | null; product: Box | null }[];
  commands: { code: string; box: Box }[];
  totes: { tote: number; box: Box }[];
}

type Op =
  | { kind: 'text'; page: number; x: number; y: number; size: number; bold: boolean; text: string; align: 'left' | 'right' | 'center' }
  | { kind: 'code128'; box: Box; text: string }
  | { kind: 'rule'; page: number; y: number };

const MARGIN = 36;
const RIGHT = A4.width - MARGIN;
const BOTTOM = A4.height - MARGIN - 14;
const LEFT_COL = 262;
const CODE_X = MARGIN + LEFT_COL + 12;
const CODE_W = RIGHT - CODE_X;
const BAR_H = 28;
/** One barcode with its caption below. */
const CODE_BLOCK = BAR_H + 14;
const LINE = 12;
/** A tote's name, its order and its Code 128 with the caption. */
const TOTE_CARD = 18 + CODE_BLOCK + 10;

const REASON_TEXT: Record<ShortReason, string> = {
  out_of_stock: '缺货 Out of stock',
  damaged: '破损 Damaged',
  expired: '过期 Expired',
  not_found: '找不到 Not found',
};

/** Lays the list out top-down, page by page; drawing happens afterwards, when the page count is known. */
function layout(input: PickListInput, p: Painter): { ops: Op[]; layout: PickListLayout } {
  const ops: Op[] = [];
  const result: PickListLayout = { pages: 1, stops: [], commands: [], totes: [] };
  let page = 0;
  let y = MARGIN + 24;
  const text = (t: string, x: number, size: number, bold = false, align: 'left' | 'right' = 'left') => ops.push({ kind: 'text', page, x, y: y + size * 0.8, size, bold, text: t, align });
  const newPage = () => {
    page++;
    result.pages = page + 1;
    y = MARGIN + 24;
  };
  const ensure = (h: number) => {
    if (y + h > BOTTOM) newPage();
  };
  const code = (t: string, x: number, top: number, width: number): Box | null => {
    if (t === '') return null;
    const box = { page, x, y: top, width, height: BAR_H };
    ops.push({ kind: 'code128', box, text: t });
    ops.push({ kind: 'text', page, x: x + width / 2, y: top + BAR_H + 9, size: 8, bold: false, text: t, align: 'center' });
    return box;
  };
  const section = (title: string) => {
    ensure(LINE * 3 + CODE_BLOCK);
    y += 6;
    text(title, MARGIN, 13, true);
    y += 18;
    ops.push({ kind: 'rule', page, y });
    y += 6;
  };

  const units = input.stops.reduce((n, s) => n + s.qty, 0);
  text(input.storeName, MARGIN, 16, true);
  y += 22;
  text(`批次 Batch ${batchNumber(input.batchId)}`, MARGIN, 13, true);
  text(`${storeTime(input.createdAt, input.timeZone)} (${input.timeZone}) · ${input.operatorName}`, RIGHT, 10, false, 'right');
  y += 17;
  text(`${input.stops.length} stops · ${units} units · ${input.totes.length} orders`, MARGIN, 10);
  y += 12;

  section('拣货路线 Stops (walk in this order)');
  input.stops.forEach((stop, i) => {
    const nameLines = p.wrap(stop.name, 11, LEFT_COL, 2);
    const head = 18 + nameLines.length * 13 + LINE;
    ensure(Math.max(head + Math.min(stop.orders.length, 3) * LINE, 2 * CODE_BLOCK + 4));
    const top = y;
    text(`${i + 1}. ${stop.location || '— (no location)'}`, MARGIN, 14, true);
    text(`× ${stop.qty}`, MARGIN + LEFT_COL, 16, true, 'right');
    y += 18;
    const nameTop = y;
    for (const line of nameLines) {
      text(line, MARGIN, 11);
      y += 13;
    }
    const name = { page, x: MARGIN, y: nameTop, width: LEFT_COL, height: y - nameTop };
    text(`SKU ${stop.sku}`, MARGIN, 9);
    y += LINE;
    const location = code(stop.locationCode, CODE_X, top, CODE_W);
    const product = code(stop.barcode, CODE_X, top + CODE_BLOCK + 4, CODE_W);
    const codesBottom = top + 2 * CODE_BLOCK + 4;
    for (const a of stop.orders) {
      const before = page;
      ensure(LINE);
      if (page !== before) {
        text(`${i + 1}. ${stop.sku} (cont.)`, MARGIN, 9, true);
        y += LINE;
      }
      text(`  箱 Tote ${a.tote}   ${a.orderId}   × ${a.qty}`, MARGIN, 9);
      y += LINE;
    }
    if (page === location?.page || page === product?.page) y = Math.max(y, codesBottom);
    y += 6;
    ops.push({ kind: 'rule', page, y });
    y += 6;
    result.stops.push({ name, location, product });
  });

  section('指令卡 Command card (scan instead of typing)');
  const commands: { code: string; label: string }[] = [
    { code: CONFIRM_CODE, label: '确认 Confirm' },
    ...SHORT_REASONS.map((r) => ({ code: shortReasonCode(r), label: `缺拣 Short: ${REASON_TEXT[r]}` })),
  ];
  const cardW = (RIGHT - MARGIN - 16) / 2;
  for (let i = 0; i < commands.length; i += 2) {
    ensure(LINE + CODE_BLOCK + 6);
    commands.slice(i, i + 2).forEach((c, k) => {
      const x = MARGIN + k * (cardW + 16);
      text(c.label, x, 10, true);
      const box = code(c.code, x, y + LINE + 2, cardW);
      if (box) result.commands.push({ code: c.code, box });
    });
    y += LINE + 2 + CODE_BLOCK + 6;
  }

  section('周转箱 Totes (put-wall: scan the tote after its item)');
  const cols = 3;
  const gutter = 12;
  const colW = (RIGHT - MARGIN - (cols - 1) * gutter) / cols;
  const totes = [...input.totes].sort((a, b) => a.tote - b.tote);
  for (let i = 0; i < totes.length; i += cols) {
    ensure(TOTE_CARD);
    totes.slice(i, i + cols).forEach((t, k) => {
      const x = MARGIN + k * (colW + gutter);
      text(`箱 Tote ${t.tote}`, x, 14, true);
      text(t.orderId, x + colW, 9, false, 'right');
      const box = code(toteCode(t.tote), x, y + 18, colW);
      if (box) result.totes.push({ tote: t.tote, box });
    });
    y += TOTE_CARD;
  }
  return { ops, layout: result };
}

export interface PickListRenderOptions {
  /** A font with Chinese glyphs (see findCjkFont); without it Chinese prints as "?". */
  cjkFont?: Uint8Array;
}

export async function renderPickList(input: PickListInput, opts: PickListRenderOptions = {}): Promise<{ pdf: Uint8Array; layout: PickListLayout }> {
  const number = batchNumber(input.batchId);
  const { doc, painter } = await a4Document(`Pick list ${number} (${input.batchId})`, opts.cjkFont);
  const { ops, layout: placed } = layout(input, painter);
  const pages = Array.from({ length: placed.pages }, () => doc.addPage([A4.width, A4.height]));
  pages.forEach((page, i) => {
    // The full id for support, on every page; staff go by the number.
    painter.draw(page, `Pick list 拣货单 · ${number} · ${input.batchId}`, MARGIN, A4.height - MARGIN - 9, 9, true);
    const n = `${i + 1} / ${pages.length}`;
    painter.draw(page, n, RIGHT - painter.width(n, 9), A4.height - MARGIN - 9, 9);
  });
  for (const op of ops) {
    if (op.kind === 'code128') {
      const page = pages[op.box.page];
      if (page) drawCode128(page, op.box, op.text);
      continue;
    }
    const page = pages[op.page];
    if (!page) continue;
    if (op.kind === 'rule') {
      page.drawLine({ start: { x: MARGIN, y: A4.height - op.y }, end: { x: RIGHT, y: A4.height - op.y }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
      continue;
    }
    const w = painter.width(op.text, op.size, op.bold);
    const x = op.align === 'right' ? op.x - w : op.align === 'center' ? op.x - w / 2 : op.x;
    painter.draw(page, op.text, x, A4.height - op.y, op.size, op.bold);
  }
  return { pdf: await doc.save({ useObjectStreams: false }), layout: placed };
}

export interface PickListPrinterOptions {
  dataDir: string;
  pdfHandoff?: PdfHandoff;
  cjkFont?: () => Promise<Uint8Array | null>;
}

/**
 * printPickList, printToteLabels, printRunSheet and printZReport of the contract: validate, render, keep the file in DATA_DIR/pick-lists, hand
 * it to the OS, and say which (if any) print system took it.
 */
export function createPickListPrinter(opts: PickListPrinterOptions) {
  const handoff = opts.pdfHandoff ?? systemPdfHandoff();
  let font: Promise<Uint8Array | null> | null = null;
  const cjkFont = () => (font ??= (opts.cjkFont ?? (() => findCjkFont()))());
  const keep = async (name: string, pdf: Uint8Array): Promise<PdfPrintResult> => {
    const dir = join(opts.dataDir, 'pick-lists');
    await mkdir(dir, { recursive: true });
    // Short, so the screen can show the whole path to an operator who must print it by hand; the batch's full id
    // is inside the file.
    const path = join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${randomUUID().slice(0, 8)}.pdf`);
    await writeFile(path, pdf, { flag: 'wx' });
    // The file is kept whether or not a print system took it: the operator can print it by hand.
    return { path, handedTo: await handoff.submit(path) };
  };
  return {
    async print(raw: PickListInput): Promise<PdfPrintResult> {
      const input = parsePickListInput(raw);
      const { pdf } = await renderPickList(input, { cjkFont: (await cjkFont()) ?? undefined });
      return keep(`pick-list-${batchNumber(input.batchId)}`, pdf);
    },
    async printToteLabels(raw: ToteLabelsInput): Promise<PdfPrintResult> {
      const input = parseToteLabelsInput(raw);
      const { pdf } = await renderToteLabels(input, { cjkFont: (await cjkFont()) ?? undefined });
      return keep(`tote-labels-${input.from}-${input.to}`, pdf);
    },
    async printZReport(raw: ZReportInput): Promise<PdfPrintResult> {
      const input = parseZReportInput(raw);
      const { pdf } = await renderZReport(input, { cjkFont: (await cjkFont()) ?? undefined });
      return keep(`z-report-${input.businessDay}`, pdf);
    },
    async printRunSheet(raw: RunSheetInput): Promise<PdfPrintResult> {
      const input = parseRunSheetInput(raw);
      const { pdf } = await renderRunSheet(input, { cjkFont: (await cjkFont()) ?? undefined });
      return keep(`run-sheet-${input.courierId}`, pdf);
    },
  };
}
