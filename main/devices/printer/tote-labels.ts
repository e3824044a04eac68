import { rgb } from 'pdf-lib';
import type { ToteLabelsInput } from '../../contract.js';
import { toteCode } from '../../../sync/model/pick-state.js';
import { A4, a4Document, drawCode128, type Box } from './pdf-sheet.js';

/**
 * A sheet of tote labels for the put-wall (A4, 8 to a page, cut along the dashed lines): each with the tote's
 * number big enough to read across the wall and a Code 128 of `TOTE:n`, the code the put-wall asks for once an
 * item is in the tote. Bars are wider than the pick list's, to scan from arm's length.
 */

const MARGIN = 36;
const GUTTER = 16;
const COLS = 2;
const ROWS = 4;
const HEADER = 20;
const CELL_W = (A4.width - 2 * MARGIN - (COLS - 1) * GUTTER) / COLS;
const CELL_H = (A4.height - 2 * MARGIN - HEADER - (ROWS - 1) * GUTTER) / ROWS;
const BAR_H = 56;
const MAX_MODULE_PT = 1.8;

export interface ToteLabelsLayout {
  pages: number;
  labels: { tote: number; box: Box }[];
}

export async function renderToteLabels(input: ToteLabelsInput, opts: { cjkFont?: Uint8Array } = {}): Promise<{ pdf: Uint8Array; layout: ToteLabelsLayout }> {
  const { doc, painter } = await a4Document(`Tote labels ${input.from}-${input.to}`, opts.cjkFont);
  const perPage = COLS * ROWS;
  const count = input.to - input.from + 1;
  const pageCount = Math.ceil(count / perPage);
  const layout: ToteLabelsLayout = { pages: pageCount, labels: [] };
  const black = rgb(0, 0, 0);
  const centred = (page: Parameters<typeof painter.draw>[0], text: string, cx: number, top: number, size: number, bold = false) =>
    painter.draw(page, text, cx - painter.width(text, size, bold) / 2, A4.height - top - size * 0.8, size, bold);

  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage([A4.width, A4.height]);
    painter.draw(page, `周转箱标签 Tote labels · ${input.storeName} · ${p + 1} / ${pageCount}`, MARGIN, A4.height - MARGIN - 9, 9, true);
    for (let i = 0; i < perPage; i++) {
      const tote = input.from + p * perPage + i;
      if (tote > input.to) break;
      const x = MARGIN + (i % COLS) * (CELL_W + GUTTER);
      const top = MARGIN + HEADER + Math.floor(i / COLS) * (CELL_H + GUTTER);
      page.drawRectangle({ x, y: A4.height - top - CELL_H, width: CELL_W, height: CELL_H, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.75, borderDashArray: [4, 3] });
      const cx = x + CELL_W / 2;
      centred(page, String(tote), cx, top + 8, 54, true);
      centred(page, `周转箱 Tote ${tote}`, cx, top + 64, 13, true);
      const box: Box = { page: p, x: x + 8, y: top + 84, width: CELL_W - 16, height: BAR_H };
      drawCode128(page, box, toteCode(tote), MAX_MODULE_PT);
      centred(page, toteCode(tote), cx, top + 84 + BAR_H + 4, 10);
      page.drawLine({ start: { x: x + 8, y: A4.height - top - CELL_H + 16 }, end: { x: x + CELL_W - 8, y: A4.height - top - CELL_H + 16 }, thickness: 0.25, color: black });
      centred(page, input.storeName, cx, top + CELL_H - 14, 8);
      layout.labels.push({ tote, box });
    }
  }
  return { pdf: await doc.save({ useObjectStreams: false }), layout };
}
