import {
  CONTRACT_METHODS,
  ContractError,
  type ContractErrorBody,
  type ContractErrorCode,
  type ContractMethod,
  type ContractResult,
  type ChangedBy,
  type EnrollInput,
  type IdleLockedInput,
  type TerminalChangeQuery,
  type StoreOpsContract,
  type VerifyPinInput,
} from './contract.js';
import { isLocale } from './settings/index.js';
import { toContractError } from './service.js';
import { parsePickListInput, parseToteLabelsInput } from './devices/printer/pick-list-input.js';
import { parseLockerBank, parseLockerBankId, parseLockerLogQuery, parseOpenCompartment } from './locker-input.js';
import { parseRunSheetInput } from './devices/printer/run-sheet-input.js';
import { parseZReportInput } from './devices/printer/z-report.js';
import { parseLogEntries, parseSupportBundleInput } from './support/input.js';
import { parsePrintLabelsInput, parsePrintLogQuery, parsePrinterConfig, parsePrinterId, parseReprintInput } from './printing-input.js';

/**
 * Arguments arrive from another process (IPC) or over HTTP as untrusted JSON. Each method gets a parser that
 * turns them into the contract's argument types or fails with INVALID_INPUT; the service then applies its own
 * semantic checks.
 */
type Handlers = { [M in ContractMethod]: (ops: StoreOpsContract, args: unknown[]) => Promise<ContractResult<M>> };

const HANDLERS: Handlers = {
  getSettings: (ops, args) => (noArgs('getSettings', args), ops.getSettings()),
  setLocale: (ops, args) => {
    const locale = oneArg('setLocale', args);
    if (!isLocale(locale)) throw new ContractError('INVALID_INPUT', `setLocale: unsupported locale ${JSON.stringify(locale)}`);
    return ops.setLocale(locale);
  },
  enroll: (ops, args) => ops.enroll(parseEnrollInput(oneArg('enroll', args))),
  getSyncCredential: (ops, args) => (noArgs('getSyncCredential', args), ops.getSyncCredential()),
  unenroll: (ops, args) => (noArgs('unenroll', args), ops.unenroll()),
  appInfo: (ops, args) => (noArgs('appInfo', args), ops.appInfo()),
  listPrinters: (ops, args) => (noArgs('listPrinters', args), ops.listPrinters()),
  savePrinter: (ops, args) => {
    const [config, by] = twoArgs('savePrinter', args);
    return ops.savePrinter(parsePrinterConfig(config), parseChangedBy('savePrinter', by));
  },
  deletePrinter: (ops, args) => {
    const [id, by] = twoArgs('deletePrinter', args);
    return ops.deletePrinter(parsePrinterId('deletePrinter', id), parseChangedBy('deletePrinter', by));
  },
  listTerminalChanges: (ops, args) => ops.listTerminalChanges(parseTerminalChangeQuery(args)),
  printLabels: (ops, args) => ops.printLabels(parsePrintLabelsInput(oneArg('printLabels', args))),
  reprintLabel: (ops, args) => ops.reprintLabel(parseReprintInput(oneArg('reprintLabel', args))),
  listPrintLog: (ops, args) => ops.listPrintLog(parsePrintLogQuery(args)),
  printPickList: (ops, args) => ops.printPickList(parsePickListInput(oneArg('printPickList', args))),
  printToteLabels: (ops, args) => ops.printToteLabels(parseToteLabelsInput(oneArg('printToteLabels', args))),
  printRunSheet: (ops, args) => ops.printRunSheet(parseRunSheetInput(oneArg('printRunSheet', args))),
  printZReport: (ops, args) => ops.printZReport(parseZReportInput(oneArg('printZReport', args))),
  verifyPin: (ops, args) => ops.verifyPin(parseVerifyPinInput(oneArg('verifyPin', args))),
  pinLockout: (ops, args) => ops.pinLockout(parseOperatorId('pinLockout', oneArg('pinLockout', args))),
  operatorsChanged: (ops, args) => (noArgs('operatorsChanged', args), ops.operatorsChanged()),
  listLockerBanks: (ops, args) => (noArgs('listLockerBanks', args), ops.listLockerBanks()),
  saveLockerBank: (ops, args) => {
    const [config, by] = twoArgs('saveLockerBank', args);
    return ops.saveLockerBank(parseLockerBank(config), parseChangedBy('saveLockerBank', by));
  },
  deleteLockerBank: (ops, args) => {
    const [id, by] = twoArgs('deleteLockerBank', args);
    return ops.deleteLockerBank(parseLockerBankId('deleteLockerBank', id), parseChangedBy('deleteLockerBank', by));
  },
  openCompartment: (ops, args) => ops.openCompartment(parseOpenCompartment(oneArg('openCompartment', args))),
  lockerStatus: (ops, args) => ops.lockerStatus(parseLockerBankId('lockerStatus', oneArg('lockerStatus', args))),
  listLockerLog: (ops, args) => ops.listLockerLog(parseLockerLogQuery(args)),
  // Updates from the centre (issue 13)
  getUpdateState: (ops, args) => (noArgs('getUpdateState', args), ops.getUpdateState()),
  idleLocked: (ops, args) => ops.idleLocked(parseIdleLockedInput(oneArg('idleLocked', args))),
  // Logs and support
  log: (ops, args) => ops.log(parseLogEntries(oneArg('log', args))),
  saveSupportBundle: (ops, args) => ops.saveSupportBundle(parseSupportBundleInput(oneArg('saveSupportBundle', args))),
  lastCrash: (ops, args) => (noArgs('lastCrash', args), ops.lastCrash()),
};

export function isContractMethod(name: string): name is ContractMethod {
  return (CONTRACT_METHODS as readonly string[]).includes(name);
}

/** Calls a contract method by name with untrusted arguments. Rejects only with ContractError. */
export async function invokeContract(ops: StoreOpsContract, method: string, args: unknown): Promise<unknown> {
  try {
    if (!isContractMethod(method)) throw new ContractError('UNKNOWN_METHOD', `Unknown contract method "${method}"`);
    if (!Array.isArray(args)) throw new ContractError('INVALID_INPUT', `${method}: args must be an array`);
    return await HANDLERS[method](ops, args);
  } catch (err) {
    throw toContractError(err);
  }
}

export function toErrorBody(err: unknown): ContractErrorBody {
  const e = toContractError(err);
  return { code: e.code, message: e.message };
}

export const HTTP_STATUS: Record<ContractErrorCode, number> = {
  INVALID_INPUT: 400,
  UNKNOWN_METHOD: 404,
  NOT_ENROLLED: 409,
  ENROLLMENT_FAILED: 422,
  SERVER_UNREACHABLE: 502,
  INTERNAL: 500,
  PRINTER_UNREACHABLE: 502,
  PRINTER_TIMEOUT: 504,
  PRINTER_NOT_FOUND: 404,
  PRINTER_CONFIG_INVALID: 422,
  LABEL_INVALID: 422,
  PRINT_JOB_NOT_FOUND: 404,
  PDF_HANDOFF_FAILED: 502,
  LOCKER_BANK_NOT_FOUND: 404,
  COMPARTMENT_NOT_FOUND: 404,
  LOCKER_CONFIG_INVALID: 422,
  LOCKER_UNREACHABLE: 502,
  LOCKER_TIMEOUT: 504,
  DOOR_DID_NOT_OPEN: 502,
  SERIAL_UNAVAILABLE: 501,
};

function noArgs(method: string, args: unknown[]): void {
  if (args.length !== 0) throw new ContractError('INVALID_INPUT', `${method} takes no arguments`);
}

function oneArg(method: string, args: unknown[]): unknown {
  if (args.length !== 1) throw new ContractError('INVALID_INPUT', `${method} takes exactly one argument`);
  return args[0];
}

function twoArgs(method: string, args: unknown[]): [unknown, unknown] {
  if (args.length !== 2) throw new ContractError('INVALID_INPUT', `${method} takes exactly two arguments`);
  return [args[0], args[1]];
}

/** Who makes a change to the terminal's set-up: `{operatorId}`, nothing else. */
function parseChangedBy(method: string, v: unknown): ChangedBy {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', `${method}: who changes it must be an object {operatorId}`);
  const extra = Object.keys(v).filter((k) => k !== 'operatorId');
  if (extra.length) throw new ContractError('INVALID_INPUT', `${method}: unknown field(s) ${extra.join(', ')}`);
  return { operatorId: parseOperatorId(method, (v as { operatorId?: unknown }).operatorId) };
}

function parseTerminalChangeQuery(args: unknown[]): TerminalChangeQuery | undefined {
  if (args.length > 1) throw new ContractError('INVALID_INPUT', 'listTerminalChanges takes at most one argument');
  // JSON turns an explicit undefined argument into null.
  if (args[0] === undefined || args[0] === null) return undefined;
  const v = args[0];
  if (typeof v !== 'object' || Array.isArray(v)) throw new ContractError('INVALID_INPUT', 'listTerminalChanges: query must be an object');
  const extra = Object.keys(v).filter((k) => k !== 'limit');
  if (extra.length) throw new ContractError('INVALID_INPUT', `listTerminalChanges: unknown field(s) ${extra.join(', ')}`);
  const { limit } = v as { limit?: unknown };
  if (limit === undefined) return {};
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ContractError('INVALID_INPUT', 'listTerminalChanges: limit must be an integer 1-1000');
  return { limit };
}

function parseEnrollInput(v: unknown): EnrollInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', 'enroll: input must be an object');
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !['serverUrl', 'code', 'deviceName'].includes(k));
  if (extra.length) throw new ContractError('INVALID_INPUT', `enroll: unknown field(s) ${extra.join(', ')}`);
  const { serverUrl, code, deviceName } = o;
  if (typeof serverUrl !== 'string' || typeof code !== 'string' || typeof deviceName !== 'string') {
    throw new ContractError('INVALID_INPUT', 'enroll: serverUrl, code and deviceName must be strings');
  }
  return { serverUrl, code, deviceName };
}

const OPERATOR_ID = /^[A-Za-z0-9._-]{1,64}$/;

function parseOperatorId(method: string, v: unknown): string {
  if (typeof v !== 'string' || !OPERATOR_ID.test(v)) throw new ContractError('INVALID_INPUT', `${method}: operatorId must be an operator id`);
  return v;
}

function parseVerifyPinInput(v: unknown): VerifyPinInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', 'verifyPin: input must be an object');
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !['operatorId', 'pin'].includes(k));
  if (extra.length) throw new ContractError('INVALID_INPUT', `verifyPin: unknown field(s) ${extra.join(', ')}`);
  // A malformed PIN is refused before the lock-out: it was never a PIN anyone could have, so it is not an attempt.
  if (typeof o.pin !== 'string' || !/^[0-9]{1,8}$/.test(o.pin)) throw new ContractError('INVALID_INPUT', 'verifyPin: pin must be 1 to 8 digits');
  return { operatorId: parseOperatorId('verifyPin', o.operatorId), pin: o.pin };
}

/** Updates (issue 13): the idle lock says whether a pick is open, nothing else. */
function parseIdleLockedInput(v: unknown): IdleLockedInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError('INVALID_INPUT', 'idleLocked: input must be an object');
  const extra = Object.keys(v).filter((k) => k !== 'pickInProgress');
  if (extra.length) throw new ContractError('INVALID_INPUT', `idleLocked: unknown field(s) ${extra.join(', ')}`);
  const { pickInProgress } = v as { pickInProgress?: unknown };
  if (typeof pickInProgress !== 'boolean') throw new ContractError('INVALID_INPUT', 'idleLocked: pickInProgress must be a boolean');
  return { pickInProgress };
}
