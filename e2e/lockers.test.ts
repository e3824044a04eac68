import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPlatform } from '../renderer/platform/index.js';
import type { StoreOpsContract } from '../main/contract.js';
import { startLockerSimulator, type LockerSimulator } from '../main/devices/locker/simulator.js';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { product } from './support/fixtures.js';

const manager = { id: 'mgr-7', name: '王芳', roles: ['manager' as const], pin: '61842957', badge: 'BADGE-0007', active: true };
const packer = { id: 'pak-8', name: 'Zhang Wei', roles: ['packer' as const], pin: '7351', badge: 'BADGE-0008', active: true };

/**
 * The Lockers screen against the CU16 simulator over TCP: a manager sets up the bank in the form, the picture shows
 * the doors as the board reads them, a door opens from the keyboard and the board confirms it, a silent board shows.
 */
describe('the locker health view, against the simulated lock board', () => {
  let system: System;
  let sim: LockerSimulator;
  let t: TerminalPage;
  let contract: StoreOpsContract;
  const cell = (n: number) => t.page.locator(`[data-testid="locker-cell"][data-number="${n}"]`);

  beforeAll(async () => {
    sim = await startLockerSimulator({ boards: 1, boardDelayMs: 5 });
    system = await startSystem([{ id: 'S001', name: 'Futian', products: [product('1001', 1)], operators: [manager, packer], stock: 0 }], [['S001', 'lockers']]);
    [t] = system.pages as [TerminalPage];
    const terminal = system.terminals[0];
    if (!terminal) throw new Error('no terminal started');
    contract = httpPlatform(terminal.url.replace(/\/$/, ''));
  });

  afterAll(async () => {
    await system?.stop();
    await sim?.close();
  });

  it('lets a manager wire a bank to the simulator and shows its 16 compartments, closed, with the board answering', async () => {
    await t.signIn(manager.id, manager.pin);
    await t.page.keyboard.press('F9');
    await t.page.getByTestId('lockers-empty').waitFor();
    await t.page.getByTestId('locker-add').click();
    await t.page.getByTestId('locker-form-name').fill('Front locker');
    await t.page.getByTestId('locker-form-host').fill(sim.host);
    await t.page.getByTestId('locker-form-port').fill(String(sim.port));
    // The default layout is one board of 16: 8 S, 5 M, 3 L. Enter saves.
    await t.page.getByTestId('locker-form-port').press('Enter');
    await t.page.locator('[data-testid="locker-board"][data-answering="true"]').waitFor();
    expect(await t.page.locator('[data-testid="locker-cell"][data-door="closed"]').count()).toBe(16);
    expect(await t.page.locator('[data-testid="locker-cell"][data-size="L"]').count()).toBe(3);
    const changes = await contract.listTerminalChanges({ limit: 1 });
    expect(changes[0]).toMatchObject({ what: 'locker.added', subject: 'front-locker', operatorId: manager.id });
  });

  it('opens compartment 14 from the keyboard, confirmed by the board, and shows it open; a closed door shows closed', async () => {
    await cell(14).focus();
    await t.page.keyboard.press('Enter');
    await t.page.getByTestId('locker-open-ok').click();
    await t.page.locator('[data-testid="locker-outcome"][data-ok="true"]').waitFor();
    expect(sim.isOpen(0, 14)).toBe(true);
    await t.page.locator('[data-testid="locker-cell"][data-number="14"][data-door="open"]').waitFor();
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.screenshot('lockers');
    }
    const log = await contract.listLockerLog({ limit: 200 });
    expect(log.find((e) => e.kind === 'open')).toMatchObject({ number: 14, operatorId: manager.id, reason: 'service' });
    expect(log.some((e) => e.kind === 'tx' && e.hex === '02 0d 31 03 43')).toBe(true);

    sim.closeDoor(0, 14);
    await t.page.keyboard.press('r');
    await t.page.locator('[data-testid="locker-cell"][data-number="14"][data-door="closed"]').waitFor();
  });

  it('says so when a door does not open after its retry, with the stable code', async () => {
    sim.faults.stuck.add('0:5');
    await cell(5).focus();
    await t.page.keyboard.press('Enter');
    await t.page.getByTestId('locker-open-ok').click();
    await t.page.locator('[data-testid="locker-outcome"][data-ok="false"] [data-testid="error-panel"][data-code="DOOR_DID_NOT_OPEN"]').waitFor({ timeout: 15_000 });
    expect(sim.commands().filter((c) => c.hex === '02 04 31 03 3a')).toHaveLength(2);
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.screenshot('lockers-door-stuck');
    }
    sim.faults.stuck.clear();
    await t.page.locator('[data-testid="locker-outcome"] [data-testid="error-panel"] button').click();
    await t.page.getByTestId('locker-outcome').waitFor({ state: 'detached' });
  });

  it('shows a board that stops answering, and its doors as unknown', async () => {
    sim.faults.silence = 1_000_000;
    await t.page.keyboard.press('r');
    await t.page.locator('[data-testid="locker-board"][data-answering="false"]').waitFor({ timeout: 15_000 });
    expect(await t.page.locator('[data-testid="locker-cell"][data-door="unknown"]').count()).toBe(16);
    for (const locale of ['en', 'zh-CN'] as const) {
      await t.setLocale(locale);
      await t.screenshot('lockers-board-silent');
    }
    sim.faults.silence = 0;
  });

  it('shows a packer the doors but no way to change the bank or open a door', async () => {
    await t.signOut();
    await t.signIn(packer.id, packer.pin);
    await t.page.keyboard.press('F9');
    await t.page.getByTestId('lockers-manager-only').waitFor();
    expect(await t.page.getByTestId('locker-add').isDisabled()).toBe(true);
    await cell(3).focus();
    await t.page.keyboard.press('Enter');
    expect(await t.page.getByTestId('locker-open-ok').count()).toBe(0);
    expect(sim.isOpen(0, 3)).toBe(false);
  });
});
