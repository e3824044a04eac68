import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product, staff } from './support/fixtures.js';
import { dumpIndexedDb } from './support/indexeddb.js';
import { apiRoutes, type OrderStatusResponse } from '../sync/protocol/index.js';

describe('terminals of two stores, synced through one central server', () => {
  let system: System;
  let central: Central;
  let t1: TerminalPage;
  let t2: TerminalPage;
  let t3: TerminalPage;

  beforeAll(async () => {
    system = await startSystem(
      [
        { id: 'S001', name: 'Futian', products: [product('1001', 1), product('1002', 2)], operators: Object.values(staff('S001')) },
        { id: 'S002', name: 'Nanshan', products: [product('1001', 1)], operators: Object.values(staff('S002')) },
      ],
      [['S001', 't1'], ['S001', 't2'], ['S002', 't3']],
    );
    central = system.central;
    [t1, t2, t3] = system.pages as [TerminalPage, TerminalPage, TerminalPage];
    await Promise.all([t1, t2, t3].map((t) => t.waitOnline(true)));
    const [s1, s2] = [staff('S001').picker, staff('S002').picker];
    await Promise.all([t1.signIn(s1.id, s1.pin), t2.signIn(s1.id, s1.pin), t3.signIn(s2.id, s2.pin)]);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('shows an order posted to S001 on both S001 terminals and never on S002', async () => {
    const forS001 = order('S001');
    await central.postOrder(forS001);
    await t1.row(forS001.id).waitFor({ timeout: 30_000 });
    await t2.row(forS001.id).waitFor({ timeout: 30_000 });

    // S002's terminal has caught up past a later write of its own store, so absence is meaningful.
    const forS002 = order('S002');
    await central.postOrder(forS002);
    await t3.row(forS002.id).waitFor({ timeout: 30_000 });
    expect(await t3.row(forS001.id).count()).toBe(0);
    expect(await t1.row(forS002.id).count()).toBe(0);
    const s002Data = await dumpIndexedDb(t3.page);
    expect(s002Data).toContain(forS002.id);
    expect(s002Data).not.toContain(forS001.id);
  });

  it('keeps working while the server is down, loses nothing on reload, and converges after', async () => {
    const o = order('S001', 30);
    await central.postOrder(o);
    await t1.row(o.id).waitFor({ timeout: 30_000 });
    await t2.row(o.id).waitFor({ timeout: 30_000 });

    await central.stop();
    await t1.waitOnline(false);
    await t1.openOrder(o.id);
    await t1.act('accepted');
    await t1.waitDetailStatus('accepted');
    await t1.act('picking_started');
    await t1.waitDetailStatus('picking');
    await t1.waitPending(2);

    await t1.page.reload();
    await t1.page.getByTestId('sync-indicator').waitFor();
    // A reload signs the operator out; signing in again works offline against the synced PIN hash.
    await t1.signIn(staff('S001').picker.id, staff('S001').picker.pin);
    await t1.waitRowStatus(o.id, 'picking');
    await t1.waitPending(2);

    await central.start();
    await t1.waitOnline(true);
    await t1.waitPending(0);
    const res = await central.api<OrderStatusResponse>('GET', apiRoutes.order(o.id), 'platform');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('picking');
    expect(res.body.history.filter((h) => h.applied).map((h) => h.type)).toEqual(['accepted', 'picking_started']);
    await t2.waitRowStatus(o.id, 'picking');
  });
});
