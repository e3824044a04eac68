import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Central } from './support/central.js';
import type { TerminalPage } from './support/pages.js';
import { DEFAULT_SHELF_STOCK, startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { apiRoutes, type WindowSweepResponse } from '../sync/protocol/index.js';
import { dumpIndexedDb } from './support/indexeddb.js';
import { eventually } from './support/processes.js';
import { contractAnswers, everyPullableDocument, fetchVerifiers, heapSnapshot, pinDerivedSecrets, terminalSecrets } from './support/pin-leaks.js';

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
    // The opening stock (DEFAULT_SHELF_STOCK) and 6.
    await t1.page.locator(`[data-testid="inventory-row-1001"][data-on-hand="${DEFAULT_SHELF_STOCK + 6}"]`).waitFor();
    await t1.waitPending(2);

    await central.start();
    await t1.waitPending(0);

    await t2.signIn(manager.id, manager.pin);
    await t2.page.keyboard.press('F3');
    await t2.page.getByTestId('activity-view').waitFor();
    // F12 locks: the sign-in screen says it is locked and by whom, the same person's PIN returns to the same screen.
    await t2.page.keyboard.press('F12');
    await t2.page.getByTestId('signin-locked').waitFor();
    expect(await t2.page.getByTestId('signin-locked').textContent()).toContain(manager.name);
    for (const locale of ['zh-CN', 'en'] as const) {
      await t2.setLocale(locale);
      await t2.screenshot('signin-locked');
    }
    await t2.page.getByTestId('pin-input').fill(manager.pin);
    await t2.page.getByTestId('pin-input').press('Enter');
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

    // History online. The platform cancels the order and the store keeps no finished days: the sweep takes the order
    // and its facts off the terminals, and the activity view reads them from the centre when asked.
    expect((await central.api('POST', apiRoutes.cancel(o.id), 'platform', {})).status).toBe(200);
    await central.createStore({ id: 'S001', name: 'Futian', timezone: 'Asia/Shanghai', window: { historyDays: 0 } });
    expect((await central.api<WindowSweepResponse>('POST', apiRoutes.windowSweep('S001'), 'admin')).body.orders).toBe(1);
    await t2.page.locator('[data-testid="activity-count"][data-count="0"]').waitFor({ timeout: 30_000 });
    for (const locale of ['en', 'zh-CN'] as const) {
      await t2.setLocale(locale);
      await t2.page.getByTestId('activity-older-load').click();
      await t2.page.locator(`[data-testid="activity-entry"][data-order-id="${o.id}"][data-type="accepted"]`).waitFor();
      await t2.screenshot('activity-history-online');
      await t2.page.getByTestId('activity-filter-order').fill('');
      await t2.page.getByTestId('activity-filter-order').fill(o.id);
    }
    // Offline, the view says so plainly (the terminal holds nothing older: with no finished days kept, the sweep also
    // took the stock moves of before now).
    await central.stop();
    try {
      await t2.waitOnline(false);
      await t2.page.getByTestId('activity-filter-order').fill('');
      for (const locale of ['en', 'zh-CN'] as const) {
        await t2.setLocale(locale);
        await t2.page.getByTestId('activity-older-load').click();
        await t2.page.locator('[data-testid="activity-older"][data-state="offline"]').waitFor();
        await t2.screenshot('activity-history-offline');
        await t2.page.getByTestId('activity-filter-order').fill('x');
        await t2.page.getByTestId('activity-filter-order').fill('');
      }
      await t2.setLocale('en');
    } finally {
      // The tests after this one need the centre.
      await central.start();
    }
    await t2.waitOnline(true);
  });

  it('keeps nothing on a terminal that lets anyone test a PIN: not in IndexedDB, a pull, a contract answer or the page’s memory', async () => {
    for (const [i, t] of [t1, t2].entries()) {
      const where = `terminal ${i + 1}`;
      const { serverUrl, token, mainKey } = await terminalSecrets(system.terminals[i]!.dataDir);
      // The verifiers as the main side fetches them: with its main key. The token the renderer holds gets nothing.
      const held = await fetchVerifiers(serverUrl, mainKey);
      expect(held.status, where).toBe(200);
      expect((await fetchVerifiers(serverUrl, token)).status, where).toBe(401);
      const verifiers = held.body?.operators ?? [];
      expect(verifiers.filter((v) => v.pin).map((v) => v.id).sort(), where).toEqual([manager.id, picker.id].sort());
      const secrets = pinDerivedSecrets(verifiers, [manager.pin, picker.pin]);
      const clear = [manager.pin, picker.pin];

      const indexedDb = await dumpIndexedDb(t.page);
      expect(indexedDb, where).toContain(picker.id);
      const pulled = await everyPullableDocument(serverUrl, token);
      expect(pulled, where).toContain(picker.id);
      expect(pulled, where).not.toContain('pinHash');
      const answers = await contractAnswers(t.page, [manager.id, picker.id]);
      expect(answers, where).toContain(token); // getSyncCredential answered: the renderer does hold the token.
      for (const [what, text] of Object.entries({ indexedDb, pulled, answers })) {
        for (const secret of [...secrets, ...clear]) expect(text.includes(secret), `${where}: ${what} holds ${secret}`).toBe(false);
      }
      // The page's whole JavaScript heap. The PINs themselves may linger there (they were typed into it); what
      // would let one test a PIN, a verifier or a fast hash, must not.
      // A string that arrives as a verifier would (parsed from JSON) and that the page keeps: the snapshot must see
      // it, or it proves nothing. (Strings only: V8 shows a concatenation as its parts, and no buffer contents.)
      const probe = await t.page.evaluate(() => {
        const held = (JSON.parse(JSON.stringify({ salt: `probe-${crypto.randomUUID()}` })) as { salt: string }).salt;
        (globalThis as { probe?: string }).probe = held;
        return held;
      });
      const heap = await heapSnapshot(t.page);
      expect(heap, where).toContain(probe);
      for (const secret of secrets) expect(heap.includes(secret), `${where}: the page's heap holds ${secret}`).toBe(false);
    }
  });

  it('refuses sign-in to an operator deactivated at the centre once the terminal has synced', async () => {
    await central.putOperators('S001', [{ ...picker, active: false }]);
    await t2.page.getByTestId('signout').click();
    await t2.page.locator(`[data-testid="signin-operator-${picker.id}"][data-active="false"]`).waitFor({ timeout: 30_000 });
    await t2.page.getByTestId(`signin-operator-${picker.id}`).click();
    await t2.page.locator('[data-testid="pin-error"][data-code="INACTIVE"]').waitFor();
  });

  it('locks an operator out on this terminal after repeated wrong PINs; neither a reload nor calling the contract directly gets round it', async () => {
    // The picker signed in here was deactivated by the previous test, so this terminal is back at sign-in.
    await t1.page.getByTestId(`signin-operator-${manager.id}`).click();
    for (let failures = 1; failures <= 3; failures++) {
      await t1.page.getByTestId('pin-input').fill('00000000');
      await t1.page.getByTestId('pin-input').press('Enter');
      await t1.page.locator(`[data-testid="pin-error"][data-failures="${failures}"]`).waitFor();
    }
    await t1.page.locator('[data-testid="pin-error"][data-code="LOCKED_OUT"]').waitFor();
    await t1.page.reload();
    await t1.page.getByTestId(`signin-operator-${manager.id}`).click({ timeout: 60_000 });
    await t1.page.locator('[data-testid="pin-error"][data-code="LOCKED_OUT"]').waitFor();
    expect(Number(await t1.page.getByTestId('pin-error').getAttribute('data-seconds'))).toBeGreaterThan(0);
    // What devtools could do: ask the main side directly, with the right PIN. The lock-out is there, not here.
    const direct = await t1.page.evaluate(async (args) => {
      const res = await fetch('/contract/verifyPin', { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args: [args] }) });
      return (await res.json()) as { result: { ok: boolean; code?: string } };
    }, { operatorId: manager.id, pin: manager.pin });
    expect(direct.result).toMatchObject({ ok: false, code: 'LOCKED_OUT' });
    // The other terminal keeps its own count: the manager signs in there.
    await t2.signIn(manager.id, manager.pin);
  });
});
