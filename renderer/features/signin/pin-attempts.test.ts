import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { verifyPin, type PinHash } from '../../../sync/model/index.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import { dumpAllIndexedDb } from '../../testing/dump.js';
import { checkPin, localFailureLog, lockedUntilMs } from './pin-attempts.js';

afterEach(closeTestDbs);

const PIN = '73915046';
const T0 = Date.parse('2026-11-27T09:00:00.000Z');

/** A clock the test moves by hand, and a verifier that counts how often the slow hash really ran. */
function harness() {
  let now = T0;
  let hashed = 0;
  return {
    opts: {
      now: () => now,
      verify: (pin: string, hash: PinHash) => {
        hashed++;
        return verifyPin(pin, hash);
      },
    },
    advance: (ms: number) => {
      now += ms;
    },
    hashed: () => hashed,
  };
}

describe('PIN attempts on one terminal', () => {
  it('signs in with the right PIN, and locks after three wrong ones with a growing back-off', async () => {
    const db = await openTestDb();
    const log = localFailureLog(db);
    const op = await operator('op-1', ['picker'], PIN);
    const h = harness();

    expect(await checkPin(log, op, PIN, h.opts)).toEqual({ ok: true });
    expect(await checkPin(log, op, '0000', h.opts)).toMatchObject({ ok: false, code: 'WRONG_PIN', failures: 1 });
    expect(await checkPin(log, op, '1111', h.opts)).toMatchObject({ ok: false, code: 'WRONG_PIN', failures: 2 });
    expect(await checkPin(log, op, '2222', h.opts)).toEqual({ ok: false, code: 'LOCKED', failures: 3, lockedUntilMs: T0 + 30_000 });

    // While locked even the right PIN is refused, and the slow hash is not run at all.
    const before = h.hashed();
    h.advance(29_000);
    expect(await checkPin(log, op, PIN, h.opts)).toMatchObject({ ok: false, code: 'LOCKED', failures: 3 });
    expect(h.hashed()).toBe(before);

    // After the wait one more wrong PIN locks again, twice as long.
    h.advance(1_000);
    expect(await checkPin(log, op, '3333', h.opts)).toEqual({ ok: false, code: 'LOCKED', failures: 4, lockedUntilMs: T0 + 30_000 + 60_000 });
    h.advance(60_000);
    expect(await checkPin(log, op, PIN, h.opts)).toEqual({ ok: true });
    expect(await log.read('op-1')).toEqual({ failures: 0, lastFailureAtMs: 0 });
  });

  it('keeps the lock-out across a restart of the terminal, per operator', async () => {
    const name = `pinpersist${Date.now()}`;
    const first = await openTestDb(name);
    const op = await operator('op-2', ['picker'], PIN);
    const other = await operator('op-3', ['picker'], '4321');
    const h = harness();
    for (const wrong of ['0000', '1111', '2222']) await checkPin(localFailureLog(first), op, wrong, h.opts);
    await first.close();

    const second = await openTestDb(name);
    const log = localFailureLog(second);
    expect(await checkPin(log, op, PIN, h.opts)).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(await checkPin(log, other, '4321', h.opts)).toEqual({ ok: true });
    const watched = await firstValueFrom(log.watch('op-2').pipe(filter((f) => f.failures > 0)));
    expect(lockedUntilMs(watched)).toBe(T0 + 30_000);
  });

  it('refuses inactive operators and operators without a PIN, without counting', async () => {
    const db = await openTestDb();
    const log = localFailureLog(db);
    const h = harness();
    expect(await checkPin(log, await operator('op-4', ['picker'], PIN, { active: false }), PIN, h.opts)).toMatchObject({ ok: false, code: 'INACTIVE' });
    expect(await checkPin(log, await operator('op-5', ['picker'], null), PIN, h.opts)).toMatchObject({ ok: false, code: 'NO_PIN' });
    expect(h.hashed()).toBe(0);
    expect(await log.read('op-4')).toEqual({ failures: 0, lastFailureAtMs: 0 });
  });

  it('serialises concurrent attempts, so a burst cannot slip past the limit', async () => {
    const db = await openTestDb();
    const log = localFailureLog(db);
    const op = await operator('op-6', ['picker'], PIN);
    const h = harness();
    const results = await Promise.all(['0001', '0002', '0003', '0004', '0005', PIN].map((pin) => checkPin(log, op, pin, h.opts)));
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['WRONG_PIN', 'WRONG_PIN', 'LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
    expect((await log.read('op-6')).failures).toBe(3);
  });

  it('never writes a PIN to the terminal database: not in clear, not as a fast hash; only counts and a time', async () => {
    const db = await openTestDb();
    const log = localFailureLog(db);
    const op = await operator('op-7', ['manager'], PIN);
    await db.operators.insert(op);
    const h = harness();
    await checkPin(log, op, '55501234', h.opts);
    await checkPin(log, op, PIN, h.opts);
    await checkPin(log, op, '55509876', h.opts);

    const stored = await db.getLocal('pin-failures:op-7');
    expect(Object.keys(stored?.toJSON().data ?? {}).sort()).toEqual(['failures', 'lastFailureAtMs']);

    const dump = await dumpAllIndexedDb();
    expect(dump).toContain('op-7'); // the dump does see this database
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PIN)));
    const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    const b64 = btoa(String.fromCharCode(...digest));
    for (const secret of [PIN, '55501234', '55509876', hex, b64]) expect(dump).not.toContain(secret);
  });
});
