/**
 * A statement version as a spreadsheet (its lines) and as a printable PDF. These are thin wrappers so the portal can
 * take the settlement's own printer and export (sync/server/settlement) once they exist without touching its routes.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { fenToYuan } from '../../model/money/yuan.js';
import type { StatementBody } from '../../protocol/settlement.js';
import type { ExportColumn } from '../exports/index.js';

export interface StatementLineRow {
  section: string;
  item: string;
  rateBp: number | null;
  sales: number | null;
  returns: number | null;
  net: number | null;
  amount: number;
}

export const STATEMENT_LINE_COLUMNS: readonly ExportColumn<StatementLineRow>[] = [
  { key: 'section', header: { 'zh-CN': '类别', en: 'Section' }, kind: 'text', width: 12 },
  { key: 'item', header: { 'zh-CN': '项目', en: 'Item' }, kind: 'text', width: 28 },
  { key: 'rateBp', header: { 'zh-CN': '扣点(基点)', en: 'Rate (bp)' }, kind: 'integer' },
  { key: 'sales', header: { 'zh-CN': '销售额', en: 'Sales' }, kind: 'fen' },
  { key: 'returns', header: { 'zh-CN': '退货', en: 'Returns' }, kind: 'fen' },
  { key: 'net', header: { 'zh-CN': '净销售', en: 'Net sales' }, kind: 'fen' },
  { key: 'amount', header: { 'zh-CN': '金额', en: 'Amount' }, kind: 'fen' },
];

/** The statement's lines in the order the paper shows them: groups, minimum shortfall, totals, deductions, payable. */
export function statementLineRows(body: StatementBody, lang: 'zh-CN' | 'en'): StatementLineRow[] {
  const zh = lang === 'zh-CN';
  const t = body.totals;
  const rows: StatementLineRow[] = body.groups.map((g) => ({
    section: zh ? '销售' : 'Sales',
    item: g.kind === 'regular' ? (zh ? '正常销售' : 'Regular') : `${zh ? '促销' : 'Promotion'} ${g.promotionId ?? ''} ${g.promotionName ?? ''}`.trim(),
    rateBp: g.rateBp,
    sales: g.sales,
    returns: -g.returns,
    net: g.net,
    amount: g.commission,
  }));
  const total = (item: [string, string], amount: number, section: [string, string] = ['合计', 'Totals']): StatementLineRow => ({
    section: zh ? section[0] : section[1], item: zh ? item[0] : item[1], rateBp: null, sales: null, returns: null, net: null, amount,
  });
  if (t.minimumShortfall !== 0) rows.push(total(['保底补差', 'Guaranteed minimum shortfall'], t.minimumShortfall));
  rows.push(
    { ...total(['扣点合计', 'Commission'], t.commission), sales: t.grossSales, returns: -t.returns, net: t.netSales },
    total(['供应商开票金额', 'Invoice amount'], t.invoiceAmount),
  );
  for (const d of body.deductions) rows.push(total([`${d.code} ${d.name}`.trim(), `${d.code} ${d.name}`.trim()], d.amount, ['其他扣款', 'Other deductions']));
  rows.push(total(['其他扣款合计', 'Other deductions'], t.deductions), total(['应付金额', 'Payable'], t.payable));
  return rows;
}

/**
 * A plain printable statement, Latin letters only (a standard PDF font has no Chinese): what the portal answers
 * until the settlement's printer (Chinese font, Code 128 barcode) is merged and takes its place.
 */
export async function printStatementFallback(number: string, version: number, body: StatementBody): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
  let y = 800;
  const line = (text: string) => {
    page.drawText(ascii(text), { x: 40, y, size: 11, font });
    y -= 18;
  };
  line(`Statement ${number} (version ${version})`);
  line(`Counter ${body.counter.id}  Supplier ${body.supplier.id}  Period ${body.period.from} .. ${body.period.to}`);
  for (const r of statementLineRows(body, 'en')) line(`${r.section}: ${r.item}  ${fenToYuan(r.amount)}`);
  return doc.save();
}
