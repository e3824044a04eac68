import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { dumpIndexedDb } from './support/indexeddb.js';
import { eventually } from './support/processes.js';

// Eight-digit PINs: long enough that finding one by chance in a dump of the database is out of the question.
const manager = { id: 'mgr-7', name: '王芳', roles: ['manager' as const], pin: '73915286', badge: 'BADGE-0007', active: true };
const picker = { id: 'pck-9', name: 'Li Lei', roles: ['picker' as const], pin: '46027391', badge: 'BADGE-0009', active: true };

describe('operators: offline sign-in, manager approval on the picker’s screen, and the activity trail', () => {
  let system: System;
  let central: Central;
  let t1: TerminalPage;
  let t2: TerminalPage;

  beforeAll(async () => {
    system = await startSystem(
      [{ id: 'S001', name: 'Futian', products: [product('1001', 1), product('1002', 2)], operators: [manager, picker] }],
      [['S001', 't1'], ['S001', 't2']],
    );
    central = system.central;
    [t1, t2] = system.pages as [TerminalPage, TerminalPage];
    await Promise.all([t1, t2].map((t) => t.page.getByTestId(`signin-operator-${picker.id}`).waitFor({ timeout: 60_000 })));
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('lets a picker work offline, with a manager approving a stock adjustment on the picker’s screen', async () => {
    const o = order('S001');
    await central.postOrder(o);
    // Nobody is signed in yet, so the queue is not on screen: look for the order in the terminal's database.
    await eventually(async () => (await dumpIndexedDb(t1.page)).includes(o.id), `${o.id} in terminal 1's database`);

    await central.stop();
    await t1.waitOnline(false);
    await t1.signIn(picker.id, picker.pin);
    await t1.row(o.id).waitFor({ timeout: 30_000 });
    await t1.openOrder(o.id);
    await t1.act('accepted');
    await t1.waitDetailStatus('accepted');
    await t1.page.keyboard.press('Escape');

    // The picker may not adjust stock alone: the adjustment opens only once a manager approves it here.
    await t1.page.keyboard.press('F2');
    await t1.page.getByTestId('inventory-search').fill('1001');
    await t1.page.getByTestId('adjust-open-1001').click();
    await t1.page.getByTestId('approval-dialog').waitFor();
    expect(await t1.page.getByTestId('adjust-dialog').count()).toBe(0);
    await t1.page.getByTestId(`approval-manager-${manager.id}`).click();
    await t1.page.getByTestId('approval-pin').fill(manager.pin);
    await t1.page.getByTestId('approval-pin').press('Enter');
    await t1.page.getByTestId('adjust-dialog').waitFor();
    await t1.page.getByTestId('adjust-qty').fill('6');
    await t1.page.getByTestId('adjust-reason').fill('found in back room');
    await t1.page.getByTestId('adjust-submit').click();
    await t1.page.locator('[data-testid="inventory-row-1001"][data-on-hand="6"]').waitFor();
    await t1.waitPending(2);

    await central.start();
    await t1.waitPending(0);

    await t2.signIn(manager.id, manager.pin);
    await t2.page.keyboard.press('F3');
    await t2.page.getByTestId('activity-view').waitFor();
    const accepted = t2.page.locator(`[data-testid="activity-entry"][data-type="accepted"][data-operator-id="${picker.id}"]`);
    await accepted.waitFor({ timeout: 30_000 });
    expect(await accepted.getByTestId('activity-operator-name').textContent()).toContain(picker.name);
    const adjusted = t2.page.locator(`[data-testid="activity-entry"][data-type="adjust"][data-operator-id="${picker.id}"][data-approved-by="${manager.id}"]`);
    await adjusted.waitFor();
    expect(await adjusted.getByTestId('activity-operator-name').textContent()).toContain(picker.name);
    expect(await adjusted.getByTestId('activity-approver-name').textContent()).toContain(manager.name);

    await t2.page.getByTestId('activity-filter-order').fill(o.id);
    await t2.page.locator('[data-testid="activity-count"][data-count="1"]').waitFor();
  });

  it('keeps no PIN on a terminal, neither in clear nor as a fast hash', async () => {
    for (const page of [t1.page, t2.page]) {
      const dump = await dumpIndexedDb(page);
      expect(dump).toContain(picker.id);
      for (const pin of [manager.pin, picker.pin]) {
        expect(dump).not.toContain(pin);
        for (const algo of ['md5', 'sha1', 'sha256', 'sha512']) {
          expect(dump).not.toContain(createHash(algo).update(pin).digest('hex'));
          expect(dump).not.toContain(createHash(algo).update(pin).digest('base64'));
        }
      }
    }
  });

  it('refuses sign-in to an operator deactivated at the centre once the terminal has synced', async () => {
    await central.putOperators('S001', [{ ...picker, active: false }]);
    await t2.page.getByTestId('signout').click();
    await t2.page.locator(`[data-testid="signin-operator-${picker.id}"][data-active="false"]`).waitFor({ timeout: 30_000 });
    await t2.page.getByTestId(`signin-operator-${picker.id}`).click();
    await t2.page.locator('[data-testid="pin-error"][data-code="INACTIVE"]').waitFor();
  });

  it('locks an operator out on this terminal after repeated wrong PINs, and a reload does not reset it', async () => {
    // The picker signed in here was deactivated by the previous test, so this terminal is back at sign-in.
    await t1.page.getByTestId(`signin-operator-${manager.id}`).click();
    for (let failures = 1; failures <= 3; failures++) {
      await t1.page.getByTestId('pin-input').fill('00000000');
      await t1.page.getByTestId('pin-input').press('Enter');
      await t1.page.locator(`[data-testid="pin-error"][data-failures="${failures}"]`).waitFor();
    }
    await t1.page.locator('[data-testid="pin-error"][data-code="LOCKED"]').waitFor();
    await t1.page.reload();
    await t1.page.getByTestId(`signin-operator-${manager.id}`).click({ timeout: 60_000 });
    await t1.page.locator('[data-testid="pin-error"][data-code="LOCKED"]').waitFor();
    expect(Number(await t1.page.getByTestId('pin-error').getAttribute('data-seconds'))).toBeGreaterThan(0);
  });
});
