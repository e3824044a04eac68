import type { ContractArgs, ContractErrorBody, ContractErrorCode, ContractMethod, ContractResult, StoreOpsContract } from './contract.js';

/**
 * Shared by the preload (IPC) and the renderer's HTTP client. Pure: no Node, no Electron, no DOM, so both
 * bundles can include it.
 */
export type ContractTransport = (method: ContractMethod, args: unknown[]) => Promise<unknown>;

export function makeContractClient(transport: ContractTransport): StoreOpsContract {
  // The main side validated and produced the value; the transport only carried it, so the contract's type holds.
  const call =
    <M extends ContractMethod>(m: M) =>
    (...args: ContractArgs<M>) =>
      transport(m, args) as Promise<ContractResult<M>>;
  return {
    getSettings: call('getSettings'),
    setLocale: call('setLocale'),
    enroll: call('enroll'),
    getSyncCredential: call('getSyncCredential'),
    unenroll: call('unenroll'),
    appInfo: call('appInfo'),
    listPrinters: call('listPrinters'),
    savePrinter: call('savePrinter'),
    deletePrinter: call('deletePrinter'),
    listTerminalChanges: call('listTerminalChanges'),
    printLabels: call('printLabels'),
    reprintLabel: call('reprintLabel'),
    listPrintLog: call('listPrintLog'),
    printPickList: call('printPickList'),
    printToteLabels: call('printToteLabels'),
    printRunSheet: call('printRunSheet'),
    printZReport: call('printZReport'),
    verifyPin: call('verifyPin'),
    pinLockout: call('pinLockout'),
    operatorsChanged: call('operatorsChanged'),
    listLockerBanks: call('listLockerBanks'),
    saveLockerBank: call('saveLockerBank'),
    deleteLockerBank: call('deleteLockerBank'),
    openCompartment: call('openCompartment'),
    lockerStatus: call('lockerStatus'),
    listLockerLog: call('listLockerLog'),
    // Updates from the centre (issue 13)
    getUpdateState: call('getUpdateState'),
    idleLocked: call('idleLocked'),
    // Logs and support
    log: call('log'),
    saveSupportBundle: call('saveSupportBundle'),
    lastCrash: call('lastCrash'),
  } satisfies StoreOpsContract;
}

/** What an ipcMain handler resolves with: errors travel as data because Electron drops custom Error fields. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ContractErrorBody };

// A record, so adding a code to ContractErrorCode without listing it here fails to compile.
const CODES: Record<ContractErrorCode, true> = {
  NOT_ENROLLED: true,
  ENROLLMENT_FAILED: true,
  SERVER_UNREACHABLE: true,
  INVALID_INPUT: true,
  UNKNOWN_METHOD: true,
  INTERNAL: true,
  PRINTER_UNREACHABLE: true,
  PRINTER_TIMEOUT: true,
  PRINTER_NOT_FOUND: true,
  PRINTER_CONFIG_INVALID: true,
  LABEL_INVALID: true,
  PRINT_JOB_NOT_FOUND: true,
  PDF_HANDOFF_FAILED: true,
  LOCKER_BANK_NOT_FOUND: true,
  COMPARTMENT_NOT_FOUND: true,
  LOCKER_CONFIG_INVALID: true,
  LOCKER_UNREACHABLE: true,
  LOCKER_TIMEOUT: true,
  DOOR_DID_NOT_OPEN: true,
  SERIAL_UNAVAILABLE: true,
};

export function isContractErrorCode(v: unknown): v is ContractErrorCode {
  return typeof v === 'string' && Object.hasOwn(CODES, v);
}

export function isIpcReply(v: unknown): v is IpcReply {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r.ok === true) return 'result' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as Record<string, unknown>;
  return isContractErrorCode(e.code) && typeof e.message === 'string';
}

/**
 * contextBridge copies only an Error's message into the page, so the preload puts the code into the message
 * and the renderer's client reads it back out.
 */
export const encodeErrorMessage = (e: ContractErrorBody) => `[store-ops:${e.code}] ${e.message}`;

export function decodeErrorMessage(message: string): ContractErrorBody | null {
  const m = /\[store-ops:([A-Z_]+)\] ([\s\S]*)$/.exec(message);
  if (!m || !isContractErrorCode(m[1])) return null;
  return { code: m[1], message: m[2] ?? '' };
}
