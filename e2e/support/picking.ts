import type { TerminalPage } from './pages.js';
import { eventually } from './processes.js';

/**
 * Walks the open batch on a terminal's pick screen with the scanner alone: every stop in full (or as `take` says),
 * then the put-wall, item by item into the tote the screen names. Returns the units taken per SKU.
 */
export async function walkBatch(
  t: TerminalPage,
  take: (sku: string, qty: number) => Promise<number | 'default'> = async () => 'default',
): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  for (let guard = 0; guard < 50; guard++) {
    if ((await t.snapshotAttr('pick-phase', 'data-phase')) !== 'walk') break;
    const sku = (await t.attr('pick-stop', 'data-sku')) ?? '';
    const qty = Number(await t.attr('pick-stop', 'data-qty'));
    const custom = await take(sku, qty);
    if (custom === 'default') {
      for (let i = 0; i < qty; i++) await t.scan(sku);
      await t.waitAttr('pick-stop', 'data-counted', String(qty));
      await t.scan('CMD:CONFIRM');
      taken.set(sku, (taken.get(sku) ?? 0) + qty);
    } else {
      taken.set(sku, (taken.get(sku) ?? 0) + custom);
    }
    await eventually(
      async () => (await t.snapshotAttr('pick-phase', 'data-phase')) !== 'walk' || (await t.snapshotAttr('pick-stop', 'data-sku')) !== sku,
      `stop ${sku} done`,
    );
  }
  if ((await t.snapshotAttr('pick-phase', 'data-phase')) === 'put') {
    for (const [sku, units] of taken) {
      for (let i = 0; i < units; i++) {
        await t.scan(sku);
        await t.waitAttr('pick-feedback', 'data-code', 'PUT_TO_TOTE');
        const tote = (await t.attr('put-target', 'data-tote')) ?? '';
        await t.scan(`TOTE:${tote}`);
        await eventually(async () => (await t.snapshotAttr('pick-feedback', 'data-code')) !== 'PUT_TO_TOTE', `${sku} put in tote ${tote}`);
      }
    }
  }
  await t.page.getByTestId('pick-summary').waitFor({ timeout: 30_000 });
  return taken;
}
