import { lockedUntil, PIN_FAILURES_BEFORE_LOCK, verifyPin as checkPinHash, type PinHash } from '../../sync/model/pin.js';
import type { PinLockout, PinVerifierState, VerifyPinInput, VerifyPinResult } from '../contract.js';
import type { SettingsStore, StoredSettings } from '../settings/index.js';
import { LockoutStore, NO_FAILURES, type PinFailures } from './lockouts.js';
import type { SecretBox } from './secret-box.js';
import { claimMainKey, fetchVerifiers } from './server.js';
import { VerifierCache, type HeldVerifiers } from './verifier-cache.js';

export interface PinServiceOptions {
  settings: SettingsStore;
  box: SecretBox;
  fetch?: typeof fetch;
  now?: () => number;
  /** How often the main side asks the server whether the verifiers changed (a 304 when they did not). */
  pollMs?: number;
  /** The longest a sign-in waits for the server when it names an operator this terminal has no verifier for. */
  refreshWaitMs?: number;
  /** The slow hash check; tests count how often it really runs. */
  checkPin?: (pin: string, hash: PinHash) => Promise<boolean>;
}

export interface PinService {
  verify(input: VerifyPinInput): Promise<VerifyPinResult>;
  lockout(operatorId: string): Promise<PinLockout>;
  /** Fetches the verifiers if they changed; never throws (a failure is kept as the state's problem). */
  refresh(): Promise<PinVerifierState>;
  /** Refreshes now and then every pollMs, until stop(). The timer never keeps the process alive. */
  start(): void;
  stop(): void;
  /** Drops the held verifiers (the terminal was unenrolled). Lock-outs stay: they are about people, not devices. */
  forget(): Promise<void>;
}

const DEFAULT_POLL_MS = 60_000;
const DEFAULT_REFRESH_WAIT_MS = 3_000;

/**
 * PIN sign-in on the main side (docs/ARCHITECTURE.md, "Operators and permissions"). The verifiers come from the
 * server with the main key, which the renderer never sees, and stay here; the renderer can only ask whether a PIN
 * is right, and every question passes the lock-out, which lives here too. So devtools, a reload or a copied
 * IndexedDB give no way to test PINs faster than the back-off allows.
 */
export function createPinService(opts: PinServiceOptions): PinService {
  const { settings } = opts;
  const fetchImpl = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const now = opts.now ?? Date.now;
  const check = opts.checkPin ?? checkPinHash;
  const cache = new VerifierCache(settings.dataDir, opts.box);
  const lockouts = new LockoutStore(settings.dataDir);
  let problem: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function state(): Promise<PinVerifierState> {
    const held = await heldFor(await settings.load());
    return { held: held !== null, operators: held?.operators.length ?? 0, fetchedAt: held?.fetchedAt ?? null, problem };
  }

  /** The verifiers held for the device enrolled now; a set fetched for an earlier enrollment counts as none. */
  async function heldFor(s: StoredSettings): Promise<HeldVerifiers | null> {
    const held = await cache.load();
    return held && s.device && held.deviceId === s.device.deviceId && held.storeId === s.device.storeId ? held : null;
  }

  async function refreshOnce(): Promise<void> {
    const s = await settings.load();
    if (!s.device || !s.token || !s.serverUrl) {
      problem = 'this terminal is not enrolled';
      return;
    }
    const device = s.device;
    let mainKey = s.mainKey;
    if (!mainKey) {
      const claim = await claimMainKey(s.serverUrl, s.token, fetchImpl);
      if (claim.kind === 'refused') {
        problem = `the server refused this terminal a main key (${claim.code}: ${claim.message})`;
        return;
      }
      mainKey = claim.mainKey;
      // Kept only if the terminal is still the device that claimed it (an unenroll may have happened meanwhile).
      await settings.update((cur) => (cur.device?.deviceId === device.deviceId && cur.token === s.token ? { ...cur, mainKey: claim.mainKey } : cur));
    }
    const held = await heldFor(s);
    const res = await fetchVerifiers(s.serverUrl, mainKey, held?.etag ?? null, fetchImpl);
    if (res.kind === 'refused') {
      problem = `the server refused the verifiers (${res.code}: ${res.message})`;
      // Unknown or revoked: what is held may no longer be true, and this device may no longer sign anyone in.
      if (res.status === 401 || res.status === 403) await cache.clear();
      return;
    }
    if (res.kind === 'changed') {
      if (res.body.storeId !== device.storeId) throw new Error(`the server sent verifiers of store ${res.body.storeId}, this terminal is of ${device.storeId}`);
      await cache.save({ deviceId: device.deviceId, storeId: device.storeId, etag: res.etag, fetchedAt: new Date(now()).toISOString(), operators: res.body.operators });
    }
    problem = null;
  }

  // One refresh at a time; a request during one runs one more afterwards, since the running one may have asked
  // the server before the change it was told about.
  let running: Promise<void> | null = null;
  let again = false;
  function refreshSoon(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await refreshOnce();
        } catch (err) {
          problem = `the verifiers could not be fetched: ${err instanceof Error ? err.message : String(err)}`;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  // One PIN check at a time on this terminal: a burst of requests cannot slip several tries under the limit.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function operatorOf(operatorId: string) {
    let held = await heldFor(await settings.load());
    let op = held?.operators.find((o) => o.id === operatorId);
    if (!op) {
      // New staff, or a terminal that has not fetched yet: ask the server, briefly, before saying no.
      await Promise.race([refreshSoon(), new Promise((r) => setTimeout(r, opts.refreshWaitMs ?? DEFAULT_REFRESH_WAIT_MS).unref())]);
      held = await heldFor(await settings.load());
      op = held?.operators.find((o) => o.id === operatorId);
    }
    return { held, op };
  }

  function lockoutOf(operatorId: string, f: PinFailures): PinLockout {
    const until = lockedUntil(f.failures, f.lastFailureAtMs);
    return { operatorId, failures: f.failures, lockedUntil: until > now() ? new Date(until).toISOString() : null };
  }

  return {
    verify: ({ operatorId, pin }) =>
      serialized(async (): Promise<VerifyPinResult> => {
        const { held, op } = await operatorOf(operatorId);
        if (!held) return { ok: false, code: 'NOT_SYNCED' };
        if (!op) return { ok: false, code: 'UNKNOWN_OPERATOR' };
        if (!op.active) return { ok: false, code: 'INACTIVE' };
        if (!op.pin) return { ok: false, code: 'NO_PIN' };
        const before = await lockouts.read(operatorId);
        const lock = lockoutOf(operatorId, before);
        if (lock.lockedUntil) return { ok: false, code: 'LOCKED_OUT', failures: before.failures, until: lock.lockedUntil };
        // Counted before the slow check and on disk before it starts: stopping the process mid-check (or a crash)
        // cannot give an attempt back. A right PIN clears the count again.
        const after = { failures: before.failures + 1, lastFailureAtMs: now() };
        await lockouts.write(operatorId, after);
        if (await check(pin, op.pin)) {
          await lockouts.write(operatorId, NO_FAILURES);
          return { ok: true };
        }
        const locked = lockoutOf(operatorId, after);
        if (locked.lockedUntil) return { ok: false, code: 'LOCKED_OUT', failures: after.failures, until: locked.lockedUntil };
        return { ok: false, code: 'WRONG_PIN', failures: after.failures, attemptsLeft: Math.max(0, PIN_FAILURES_BEFORE_LOCK - after.failures) };
      }),

    lockout: async (operatorId) => lockoutOf(operatorId, await lockouts.read(operatorId)),

    refresh: async () => {
      await refreshSoon();
      return state();
    },

    start() {
      if (timer) return;
      void refreshSoon();
      timer = setInterval(() => void refreshSoon(), opts.pollMs ?? DEFAULT_POLL_MS);
      timer.unref();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },

    forget: async () => {
      await running;
      await cache.clear();
      problem = null;
    },
  };
}
