import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../sync/protocol/index.js';
import { findCode128s, rasterizePdf } from '../main/devices/printer/test-support.js';
import { DEMO_OPERATORS, DEMO_STORE, demoCatalogue } from '../scripts/demo-data.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order } from './support/fixtures.js';
import { eventually } from './support/processes.js';

const DPI = 200;
/** Taller than any text on a pick list (16 pt at most), shorter than its bars (28 pt). */
const PICK_LIST_BAR_PX = Math.round((20 * DPI) / 72);
/** The tote labels' bars are 56 pt; their big numbers' strokes are under 40 pt. */
const TOTE_LABEL_BAR_PX = Math.round((48 * DPI) / 72);
/** This terminal's scanner is set up (in Settings) to send this before every code. */
const PREFIX = '~';

const role = (r: string) => {
  const found = DEMO_OPERATORS.find((o) => o.roles.includes(r as never));
  if (!found) throw new Error(`the demo store has no ${r}`);
  return found;
};
const [manager, picker, packer] = [role('manager'), role('picker'), role('packer')];
const catalogue = demoCatalogue();
const [X, Y, Z] = [catalogue[3], catalogue[23], catalogue[43]].map((p) => {
  if (!p) throw new Error('the demo catalogue is smaller than the test assumes');
  return p;
}) as [(typeof catalogue)[number], (typeof catalogue)[number], (typeof catalogue)[number]];
const line = (p: typeof X, qty: number) => ({ sku: p.sku, name: p.name, qty, unitPrice: p.unitPrice });
const barcode = (p: typeof X) => p.barcodes[0] ?? p.sku;

/** Every Code 128 of every page of a PDF, in reading order, read off a 200 dpi raster. */
async function printedCodes(path: string, barPx: number, maxGapPx?: number): Promise<string[]> {
  const pdf = new Uint8Array(await readFile(path));
  const { stdout } = await promisify(execFile)('pdfinfo', [path]);
  const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? '1');
  const codes: string[] = [];
  for (let p = 0; p < pages; p++) codes.push(...findCode128s(await rasterizePdf(pdf, DPI, p), barPx, maxGapPx).map((c) => c.text));
  return codes;
}

/** Switches the language with the header's switch, then gives the keyboard back to the screen. */
async function switchTo(t: TerminalPage, locale: 'en' | 'zh-CN'): Promise<void> {
  await t.setLocale(locale);
  // The switch keeps the focus, and a focused field takes the screen's keys.
  await t.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
}

/** Both languages at 1366×768, ending in English. */
async function screenshots(t: TerminalPage, name: string): Promise<void> {
  for (const locale of ['en', 'zh-CN'] as const) {
    await switchTo(t, locale);
    await t.screenshot(name);
  }
  await switchTo(t, 'en');
}

describe('a new store finishes a batch with only what is printed', () => {
  let system: System;
  let t: TerminalPage;
  // A: X×2 · B: Y×1 · C: X×1, Z×1 — X is split between two totes.
  const a = order(DEMO_STORE.id, 30, { lines: [line(X, 2)] });
  const b = order(DEMO_STORE.id, 40, { lines: [line(Y, 1)] });
  const c = order(DEMO_STORE.id, 50, { lines: [line(X, 1), line(Z, 1)] });
  const orders = [a, b, c];
  /** The pick list's codes, as the scanner reads them off the paper. */
  let paper: string[] = [];

  beforeAll(async () => {
    system = await startSystem(
      [{ id: DEMO_STORE.id, name: DEMO_STORE.name, products: catalogue, operators: [...DEMO_OPERATORS] }],
      [[DEMO_STORE.id, 'wall-1']],
    );
    [t] = system.pages as [TerminalPage];
    for (const o of orders) await system.central.postOrder(o);
    await t.page.getByTestId(`signin-operator-${manager.id}`).waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('a manager sets the scanner up (prefix ~) in Settings and prints the tote labels for the wall', async () => {
    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F4');
    await t.page.getByTestId('scanner-settings').waitFor();
    await t.page.getByTestId('scanner-mode-prefix').click();
    await t.page.getByTestId('scanner-prefix').fill(PREFIX);
    await t.page.getByTestId('scanner-save').click();
    await t.waitAttr('scanner-settings', 'data-prefix', PREFIX);
    // The test field reads a scan whose keys come slower than any timing rule would accept: the prefix says it is one.
    await t.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await t.wedge('TOTE:12', { prefix: PREFIX, delayMs: 60 });
    await t.waitAttr('scanner-test', 'data-code', 'TOTE:12');

    // By default as many totes as the store's biggest batch (8).
    await t.page.getByTestId('tote-labels-print').click();
    await t.page.locator('[data-testid="tote-labels"]:not([data-path=""])').waitFor();
    const sheet = (await t.attr('tote-labels', 'data-path')) ?? '';
    expect(await printedCodes(sheet, TOTE_LABEL_BAR_PX, 30)).toEqual(Array.from({ length: 8 }, (_, i) => `TOTE:${i + 1}`));
    await screenshots(t, 'settings-scanner-totes');
  });

  it('counts the shelves it picks from, one barcode keyed in by hand (K)', async () => {
    await t.page.keyboard.press('F2');
    for (const p of [X, Y, Z]) {
      await t.page.getByTestId('inventory-search').fill(p.sku);
      await t.page.getByTestId(`inventory-row-${p.sku}`).waitFor({ timeout: 60_000 });
    }
    await t.page.getByTestId('inventory-search').fill('');
    await t.page.getByTestId('inventory-tab-count').click();
    await t.page.getByTestId('count-mode').waitFor();
    const count = async (p: typeof X, how: 'scan' | 'keyed') => {
      if (how === 'scan') await t.wedge(barcode(p), { prefix: PREFIX });
      else {
        await t.page.getByTestId('count-qty').press('k');
        await t.page.getByTestId('keyed-input').waitFor();
        await t.page.getByTestId('keyed-input').pressSequentially(barcode(p));
        await t.page.getByTestId('keyed-input').press('Enter');
      }
      await t.waitAttr('count-qty', 'data-sku', p.sku);
      await t.page.getByTestId('count-qty').fill('10');
      await t.page.getByTestId('count-qty').press('Enter');
      await t.waitAttr(`count-line-${p.sku}`, 'data-counted', '10');
    };
    await count(X, 'scan');
    await count(Y, 'keyed');
    await count(Z, 'scan');
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.page.getByTestId('count-qty').press('k');
      await t.page.getByTestId('keyed-input').fill(barcode(X));
      await t.screenshot('count-keyed-entry');
      await t.page.getByTestId('keyed-input').press('Escape');
      await t.page.getByTestId('keyed-input').waitFor({ state: 'detached' });
    }
    await t.setLocale('en');
    await t.signOut();
  });

  it('a picker accepts the orders, builds a batch and prints its pick list, whose every code reads back', async () => {
    await t.signIn(picker.id, picker.pin);
    await t.page.keyboard.press('F1');
    for (const o of orders) {
      await t.openOrder(o.id);
      await t.act('accepted');
      await t.waitDetailStatus('accepted');
      await t.page.keyboard.press('Escape');
    }
    await t.page.keyboard.press('F5');
    await t.page.getByTestId('batch-build').click();
    for (const o of orders) await t.page.getByTestId(`batch-order-${o.id}`).waitFor();
    const preview = await t.attr('batch-preview', 'data-batch-id');
    await screenshots(t, 'picking-preview');
    // Switching the language keeps what is on screen (it once restarted the terminal's boot and dropped the preview).
    expect(await t.attr('batch-preview', 'data-batch-id')).toBe(preview);
    await t.page.getByTestId('batch-start').click();
    await t.waitAttr('pick-phase', 'data-phase', 'walk');
    await t.page.getByTestId('pick-list-print').click();
    await t.page.locator('[data-testid="pick-note"][data-path]').waitFor();
    // No print system on this machine: the note says the list was saved, and where, rather than "sent to printer".
    expect(await t.attr('pick-note', 'data-kind')).toMatch(/^(printSaved|printed)$/);
    paper = await printedCodes((await t.attr('pick-note', 'data-path')) ?? '', PICK_LIST_BAR_PX);
    const stops = paper.filter((code) => code.startsWith('LOC:'));
    expect(stops).toHaveLength(3);
    expect(paper).toContain('CMD:CONFIRM');
    expect(paper.filter((code) => code.startsWith('TOTE:'))).toEqual(['TOTE:1', 'TOTE:2', 'TOTE:3']);
    for (const p of [X, Y, Z]) expect(paper).toContain(barcode(p));
  });

  it('walks the stops with the codes off the paper: shelf, product, confirm', async () => {
    const stops = paper.flatMap((code, i) => (code.startsWith('LOC:') ? [{ location: code, product: paper[i + 1] ?? '' }] : []));
    for (const [i, stop] of stops.entries()) {
      // The paper walks in the screen's order.
      await t.waitAttr('pick-stop', 'data-location', stop.location.slice('LOC:'.length));
      await t.wedge(stop.location, { prefix: PREFIX });
      const qty = Number(await t.attr('pick-stop', 'data-qty'));
      for (let u = 1; u <= qty; u++) {
        await t.wedge(stop.product, { prefix: PREFIX });
        await t.waitAttr('pick-stop', 'data-counted', String(u));
      }
      if (i === 0) await screenshots(t, 'picking-walk');
      await t.wedge('CMD:CONFIRM', { prefix: PREFIX });
      if (i < stops.length - 1) await t.waitAttr('pick-stop', 'data-location', stops[i + 1]?.location.slice('LOC:'.length) ?? '');
    }
    await t.waitAttr('pick-phase', 'data-phase', 'put');
  });

  it('sorts every item into its tote with the tote barcodes off the paper, one tote typed by its number', async () => {
    const toteCodes = paper.filter((code) => code.startsWith('TOTE:'));
    const units = [barcode(X), barcode(X), barcode(X), barcode(Y), barcode(Z)];
    for (const [i, code] of units.entries()) {
      await t.wedge(code, { prefix: PREFIX });
      await t.waitAttr('pick-feedback', 'data-code', 'PUT_TO_TOTE');
      const tote = (await t.attr('put-target', 'data-tote')) ?? '';
      if (i === 0) {
        // The tote's label is out of reach: its number, typed, does the same.
        await t.page.keyboard.type(tote, { delay: 150 });
        await t.waitAttr('put-typed', 'data-draft', tote);
        await screenshots(t, 'picking-put-wall');
        await t.page.keyboard.press('Enter');
      } else {
        const printed = toteCodes.find((c) => c === `TOTE:${tote}`);
        if (!printed) throw new Error(`tote ${tote} has no barcode on the pick list`);
        await t.wedge(printed, { prefix: PREFIX });
      }
      await eventually(async () => (await t.snapshotAttr('pick-feedback', 'data-code')) !== 'PUT_TO_TOTE' || (await t.snapshotAttr('pick-summary', 'data-batch-id')) !== null, `unit ${i + 1} in tote ${tote}`);
    }
    await t.page.getByTestId('pick-summary').waitFor({ timeout: 30_000 });
    for (const o of orders) await t.waitAttr(`pick-summary-order-${o.id}`, 'data-short', 'false');
    await screenshots(t, 'picking-summary');
    await t.waitPending(0);
    for (const o of orders) {
      await eventually(async () => {
        const res = await system.central.api<{ status: string }>('GET', apiRoutes.order(o.id), 'platform');
        return res.body.status === 'picked';
      }, `${o.id} picked at the centre`);
    }
  });

  it('a packer keys in a barcode that will not scan (K), and the package takes it', async () => {
    await t.page.getByTestId('pick-summary-done').click();
    await t.signOut();
    await t.signIn(packer.id, packer.pin);
    await t.page.keyboard.press('F6');
    await t.page.getByTestId(`pack-candidate-${b.id}`).waitFor({ timeout: 30_000 });
    await t.wedge(b.id, { prefix: PREFIX });
    await t.waitAttr('pack-order', 'data-order-id', b.id);
    await t.waitAttr('pack-remaining', 'data-units', '1');
    const openKeyed = async () => {
      await t.page.keyboard.press('k');
      await t.page.getByTestId('keyed-input').waitFor();
      await t.page.getByTestId('keyed-input').pressSequentially(barcode(Y));
    };
    for (const locale of ['zh-CN', 'en'] as const) {
      await switchTo(t, locale);
      await openKeyed();
      await t.screenshot('packing-keyed-entry');
      await t.page.getByTestId('keyed-input').press('Escape');
      await t.page.getByTestId('keyed-input').waitFor({ state: 'detached' });
    }
    await openKeyed();
    await t.page.getByTestId('keyed-input').press('Enter');
    await t.waitAttr('pack-remaining', 'data-units', '0');
    await screenshots(t, 'packing-pack');
  });
});
