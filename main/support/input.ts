import {
  ContractError,
  LOG_BATCH_MAX,
  LOG_MESSAGE_MAX,
  SUPPORT_QUARANTINE_MAX,
  type RendererLogEntry,
  type SupportBundleInput,
  type SupportQuarantineEntry,
  type SupportSyncState,
} from '../contract.js';

/**
 * The renderer's side of logs and the support bundle arrives as untrusted JSON. Only the named fields are copied
 * (an allow-list: whatever else a caller sends, a token included, never reaches the disk), with bounded sizes, so
 * a runaway page cannot fill the disk through the log or the bundle.
 */

type Obj = Record<string, unknown>;

function object(method: string, what: string, v: unknown): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', `${method}: ${what} must be an object`);
  return v as Obj;
}

function text(method: string, field: string, v: unknown, max: number): string {
  if (typeof v !== 'string' || v.length > max) throw new ContractError('INVALID_INPUT', `${method}: ${field} must be a string of at most ${max} characters`);
  return v;
}

function count(method: string, field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ContractError('INVALID_INPUT', `${method}: ${field} must be a non-negative integer`);
  return v;
}

function flag(method: string, field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ContractError('INVALID_INPUT', `${method}: ${field} must be true or false`);
  return v;
}

const LEVELS = ['error', 'warn', 'info'] as const;

export function parseLogEntries(v: unknown): RendererLogEntry[] {
  if (!Array.isArray(v) || v.length > LOG_BATCH_MAX) throw new ContractError('INVALID_INPUT', `log: entries must be an array of at most ${LOG_BATCH_MAX}`);
  return v.map((e: unknown, i) => {
    const o = object('log', `entry ${i}`, e);
    const level = o.level;
    if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) throw new ContractError('INVALID_INPUT', `log: entry ${i} level must be one of ${LEVELS.join(', ')}`);
    return { level: level as RendererLogEntry['level'], at: text('log', `entry ${i} at`, o.at, 40), message: text('log', `entry ${i} message`, o.message, LOG_MESSAGE_MAX) };
  });
}

function parseSyncState(v: unknown): SupportSyncState | null {
  if (v === null) return null;
  const m = 'saveSupportBundle';
  const o = object(m, 'sync', v);
  let error: SupportSyncState['error'] = null;
  if (o.error !== null && o.error !== undefined) {
    const e = object(m, 'sync.error', o.error);
    error = { code: text(m, 'sync.error.code', e.code, 64), message: text(m, 'sync.error.message', e.message, 2000) };
  }
  return {
    online: flag(m, 'sync.online', o.online),
    inSync: flag(m, 'sync.inSync', o.inSync),
    pending: count(m, 'sync.pending', o.pending),
    lastSyncedAt: o.lastSyncedAt === null ? null : text(m, 'sync.lastSyncedAt', o.lastSyncedAt, 40),
    quarantined: count(m, 'sync.quarantined', o.quarantined),
    resyncing: flag(m, 'sync.resyncing', o.resyncing),
    error,
  };
}

function parseQuarantine(v: unknown): SupportQuarantineEntry[] {
  const m = 'saveSupportBundle';
  if (!Array.isArray(v) || v.length > SUPPORT_QUARANTINE_MAX) throw new ContractError('INVALID_INPUT', `${m}: quarantine must be an array of at most ${SUPPORT_QUARANTINE_MAX}`);
  return v.map((e: unknown, i) => {
    const o = object(m, `quarantine ${i}`, e);
    return {
      collectionName: text(m, `quarantine ${i} collectionName`, o.collectionName, 64),
      documentId: text(m, `quarantine ${i} documentId`, o.documentId, 128),
      code: text(m, `quarantine ${i} code`, o.code, 64),
      message: text(m, `quarantine ${i} message`, o.message, 2000),
      at: text(m, `quarantine ${i} at`, o.at, 40),
    };
  });
}

export function parseSupportBundleInput(v: unknown): SupportBundleInput {
  const o = object('saveSupportBundle', 'input', v);
  return { sync: parseSyncState(o.sync ?? null), quarantine: parseQuarantine(o.quarantine ?? []) };
}
