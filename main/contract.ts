/**
 * The one contract between the renderer and the main side (the Electron main process, or the web host in
 * browser mode). Written first; the preload, the IPC registration and the HTTP host implement it with
 * `satisfies`, and the renderer's client derives its types from it.
 */

import type { PrinterErrorCode } from './devices/printer/errors.js';
import type { PrintLabelsInput, PrintLogEntry, PrintLogQuery, PrintResult, PrinterConfig, ReprintInput } from './devices/printer/types.js';
import type { LockerErrorCode } from './devices/locker/errors.js';
import type { LockerBankConfig, LockerBankStatus, LockerLogEntry, LockerLogQuery, OpenCompartmentInput, OpenCompartmentResult } from './devices/locker/types.js';
import type { UpdateState } from './updates/types.js';

// Types only: the renderer imports this file, so it must never pull Node code of the printer driver along.
export type { PrintLabelsInput, PrintLogEntry, PrintLogQuery, PrintResult, PrinterConfig, PrinterLanguage, ReprintInput } from './devices/printer/types.js';
export type { LockerErrorCode } from './devices/locker/errors.js';
export type {
  BoardHealth, CompartmentConfig, CompartmentSize, CompartmentState, LockerBankConfig, LockerBankStatus, LockerLogEntry, LockerLogQuery, LockerTransport,
  OpenCompartmentInput, OpenCompartmentResult,
} from './devices/locker/types.js';
export type { UpdateErrorCode, UpdateState, UpdateStatus } from './updates/types.js';

export interface TerminalSettings {
  /** Central server base URL, e.g. http://127.0.0.1:8787. */
  serverUrl: string | null;
  /** Present once the terminal is enrolled. */
  device: EnrolledDevice | null;
  /** UI language the operator chose; null follows the system locale. */
  locale: 'zh-CN' | 'en' | null;
}

export interface EnrolledDevice {
  deviceId: string;
  deviceName: string;
  storeId: string;
}

/** What the replication client needs to talk to the server. The token never leaves main except through this. */
export interface SyncCredential {
  serverUrl: string;
  deviceId: string;
  storeId: string;
  token: string;
}

export interface EnrollInput {
  serverUrl: string;
  code: string;
  deviceName: string;
}

export interface VerifyPinInput {
  operatorId: string;
  /** As typed: digits only, at most 8. */
  pin: string;
}

/**
 * Why a PIN was not accepted. A refusal is an answer, not an error: WRONG_PIN and LOCKED_OUT carry what the
 * lock-out screen shows; NO_PIN, INACTIVE and UNKNOWN_OPERATOR describe the operator as the main side's verifiers
 * know them (UNKNOWN_OPERATOR even after asking the server again); NOT_SYNCED means this terminal has no
 * verifiers yet (never reached the server since it was enrolled).
 */
export type PinRefusal =
  | { ok: false; code: 'WRONG_PIN'; failures: number; attemptsLeft: number }
  | { ok: false; code: 'LOCKED_OUT'; failures: number; until: string }
  | { ok: false; code: 'NO_PIN' | 'INACTIVE' | 'UNKNOWN_OPERATOR' | 'NOT_SYNCED' };
export type PinRefusalCode = PinRefusal['code'];
export type VerifyPinResult = { ok: true } | PinRefusal;

/** One operator's lock-out on this terminal, as the main side keeps it. */
export interface PinLockout {
  operatorId: string;
  failures: number;
  /** ISO time until which every attempt is refused; null when the operator may try now. */
  lockedUntil: string | null;
}

/** The verifiers the main side holds: never their content, only whether and since when, for screens and support. */
export interface PinVerifierState {
  held: boolean;
  operators: number;
  /** When the held set was fetched; null when none is held. */
  fetchedAt: string | null;
  /** Why the last refresh did not succeed; null when it did. */
  problem: string | null;
}

/**
 * Who changes this terminal's set-up. The renderer asks only for an operator the permission table lets do it
 * (terminal.configure: a manager); the main side writes their id into the change log.
 */
export interface ChangedBy {
  operatorId: string;
}

/** One line of the terminal's change log (DATA_DIR/terminal-changes.jsonl), append-only like the print log. */
export interface TerminalChange {
  id: string;
  at: string;
  operatorId: string;
  what: 'printer.added' | 'printer.changed' | 'printer.deleted' | 'locker.added' | 'locker.changed' | 'locker.deleted';
  /** The printer's or the locker bank's id. */
  subject: string;
  before?: PrinterConfig | LockerBankConfig;
  after?: PrinterConfig | LockerBankConfig;
}

export interface TerminalChangeQuery {
  /** Newest first; default 50. */
  limit?: number;
}

/** Errors crossing the contract carry a stable code. */
export type ContractErrorCode =
  | 'NOT_ENROLLED'
  | 'ENROLLMENT_FAILED'
  | 'SERVER_UNREACHABLE'
  | 'INVALID_INPUT'
  | 'UNKNOWN_METHOD'
  | 'INTERNAL'
  // The printer's and the locker's own codes cross the contract unchanged.
  | PrinterErrorCode
  | LockerErrorCode;

export interface ContractErrorBody {
  code: ContractErrorCode;
  message: string;
}

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export interface StoreOpsContract {
  getSettings(): Promise<TerminalSettings>;
  setLocale(locale: TerminalSettings['locale']): Promise<TerminalSettings>;
  /** Exchanges a single-use enrollment code for a device credential and keeps it in the data directory. */
  enroll(input: EnrollInput): Promise<TerminalSettings>;
  getSyncCredential(): Promise<SyncCredential>;
  /** Forgets the credential (the operator re-enrolls). Local data stays. */
  unenroll(): Promise<TerminalSettings>;
  /** Where this terminal keeps its data, for support. */
  appInfo(): Promise<{ version: string; dataDir: string; mode: 'electron' | 'web' }>;

  /** The label printers configured on this terminal (DATA_DIR/printers.json). */
  listPrinters(): Promise<PrinterConfig[]>;
  /** Adds a printer, or replaces the one with the same id; returns the whole list. Kept in the change log. */
  savePrinter(config: PrinterConfig, by: ChangedBy): Promise<PrinterConfig[]>;
  /** Kept in the change log, with the printer as it was. */
  deletePrinter(id: string, by: ChangedBy): Promise<PrinterConfig[]>;
  /** Who changed this terminal's set-up, and how: newest first. */
  listTerminalChanges(query?: TerminalChangeQuery): Promise<TerminalChange[]>;
  /** One job per label, in order; stops at the first failure. Every attempt lands in the print log. */
  printLabels(input: PrintLabelsInput): Promise<PrintResult[]>;
  /** Prints the last label of a package again, with a reason kept in the audit log. */
  reprintLabel(input: ReprintInput): Promise<PrintResult>;
  /** The print audit log, newest first. */
  listPrintLog(query?: PrintLogQuery): Promise<PrintLogEntry[]>;
  /** Renders a batch's paper pick list (A4 PDF) into the data dir and hands it to the OS print system. */
  printPickList(input: PickListInput): Promise<PdfPrintResult>;
  /** Renders a sheet of tote labels (A4 PDF, one Code 128 `TOTE:n` per label) for the put-wall, like a pick list. */
  printToteLabels(input: ToteLabelsInput): Promise<PdfPrintResult>;
  /** Renders a courier's run sheet (A4 PDF: the orders, addresses and the money to collect, with the total), like a pick list. */
  printRunSheet(input: RunSheetInput): Promise<PdfPrintResult>;
  /** Renders a drawer's day-close report (Z report, A4 PDF: figures, variance, who counted and approved), like a pick list. */
  printZReport(input: ZReportInput): Promise<PdfPrintResult>;

  /**
   * Checks an operator's PIN against the verifiers only the main side holds, with its lock-out (a growing
   * back-off after 3 wrong PINs, kept in the data dir). Sign-in and a manager's approval both use it.
   */
  verifyPin(input: VerifyPinInput): Promise<VerifyPinResult>;
  /** The operator's lock-out now, so the screen can show a countdown before anyone types. */
  pinLockout(operatorId: string): Promise<PinLockout>;
  /** The renderer saw the operators collection change: the main side asks the server for new verifiers. */
  operatorsChanged(): Promise<PinVerifierState>;

  /** The parcel-locker banks wired to this terminal (DATA_DIR/lockers.json). */
  listLockerBanks(): Promise<LockerBankConfig[]>;
  /** Adds a bank, or replaces the one with the same id; returns the whole list. A manager's change, in the change log. */
  saveLockerBank(config: LockerBankConfig, by: ChangedBy): Promise<LockerBankConfig[]>;
  deleteLockerBank(id: string, by: ChangedBy): Promise<LockerBankConfig[]>;
  /**
   * Unlocks a compartment and resolves once the board's status reads its door open. Fails with a stable code:
   * DOOR_DID_NOT_OPEN (unlocked, retried, still closed), LOCKER_TIMEOUT (the board is silent), LOCKER_UNREACHABLE,
   * SERIAL_UNAVAILABLE, LOCKER_BANK_NOT_FOUND, COMPARTMENT_NOT_FOUND. Every frame and the outcome are audited.
   */
  openCompartment(input: OpenCompartmentInput): Promise<OpenCompartmentResult>;
  /** Each door open or closed and each board answering or not, read from the boards now. */
  lockerStatus(bankId: string): Promise<LockerBankStatus>;
  /** The locker audit log (frames as hex, opens with who and why), newest first. */
  listLockerLog(query?: LockerLogQuery): Promise<LockerLogEntry[]>;

  // --- Updates from the centre (issue 13; main/updates/) ---
  /**
   * The terminal's update: none, downloading, ready (installs at the next idle lock or restart) or an error with a
   * stable code (UPDATE_CHECKSUM_MISMATCH, ...). The renderer polls it for its "update ready" notice.
   */
  getUpdateState(): Promise<UpdateState>;
  /** The screen locked for idleness: main installs a ready update now, unless a pick or a locker release is in progress. */
  idleLocked(input: IdleLockedInput): Promise<UpdateState>;

  // ── Logs and support (issue 13, helper "support") ──
  /**
   * The renderer's log lines, sent in batches (at most LOG_BATCH_MAX, each message at most LOG_MESSAGE_MAX
   * characters); main writes them to DATA_DIR/logs/renderer.log, rotated by size.
   */
  log(entries: RendererLogEntry[]): Promise<{ written: number }>;
  /**
   * Writes a zip into DATA_DIR/support-bundles for support: the logs, the settings without any secret (an allow-list
   * of fields), and what the renderer hands over (sync state, the last quarantine entries). Returns where it is.
   */
  saveSupportBundle(input: SupportBundleInput): Promise<SupportBundleResult>;
  /** The renderer's last crash (Electron reloads the page after it), once: asking clears it. Null when none. */
  lastCrash(): Promise<RendererCrash | null>;
}

/** What the renderer knows at its idle lock: whether a pick is open (main knows its own locker releases). */
export interface IdleLockedInput {
  pickInProgress: boolean;
}

// ── Logs and support (issue 13, helper "support") ──
export const LOG_BATCH_MAX = 100;
export const LOG_MESSAGE_MAX = 4000;
export const SUPPORT_QUARANTINE_MAX = 50;

export interface RendererLogEntry {
  level: 'error' | 'warn' | 'info';
  /** The renderer's clock (ISO-8601). */
  at: string;
  message: string;
}

/** What the header's sync light knows (sync/client SyncState), as the renderer hands it over. */
export interface SupportSyncState {
  online: boolean;
  inSync: boolean;
  pending: number;
  lastSyncedAt: string | null;
  quarantined: number;
  resyncing: boolean;
  error: { code: string; message: string } | null;
}

/** A quarantined document, without the document itself: its code and reason are what support needs. */
export interface SupportQuarantineEntry {
  collectionName: string;
  documentId: string;
  code: string;
  message: string;
  at: string;
}

export interface SupportBundleInput {
  sync: SupportSyncState | null;
  /** Newest first, at most SUPPORT_QUARANTINE_MAX. */
  quarantine: SupportQuarantineEntry[];
}

export interface SupportBundleResult {
  path: string;
  bytes: number;
  /** The names inside the zip. */
  files: string[];
}

export interface RendererCrash {
  at: string;
  window: 'terminal' | 'kiosk';
  /** Electron's reason: crashed, oom, killed, … */
  reason: string;
  exitCode: number;
  /** False when the page crashed too often in a row and was left alone. */
  reloaded: boolean;
}

/** A pick batch as the paper pick list shows it; the stops come in walking (aisle) order. */
export interface PickListInput {
  operatorId: string;
  /** The operator's name as staff know it, printed on the list. */
  operatorName: string;
  batchId: string;
  storeName: string;
  /** ISO time the batch was built. */
  createdAt: string;
  /** The store's IANA time zone: the list prints its times there, as the screens do. */
  timeZone: string;
  stops: { location: string; locationCode: string; sku: string; name: string; barcode: string; qty: number; orders: { orderId: string; tote: number; qty: number }[] }[];
  /** The put-wall: which tote holds which order. */
  totes: { tote: number; orderId: string }[];
}

/** A courier's run as the paper run sheet shows it: the orders in the order they were scanned. */
export interface RunSheetInput {
  storeName: string;
  timeZone: string;
  courierId: string;
  courierName: string;
  /** Who dispatched the run. */
  operatorName: string;
  /** ISO time of the dispatch. */
  dispatchedAt: string;
  orders: {
    orderId: string;
    customerName: string;
    /** As the screens show it (masked). */
    phone: string;
    address: string;
    dueAt: string;
    /** Cash on delivery to collect, in fen (0: paid online). */
    collect: number;
    currency: string;
  }[];
}

/**
 * A drawer's closed day as the Z report prints it (the terminal's fold, sync/model/money/day-close.ts). Amounts in
 * fen; names as staff know them, ids beside them.
 */
export interface ZReportInput {
  storeName: string;
  timeZone: string;
  deviceName: string;
  businessDay: string;
  closeId: string;
  closedAt: string;
  closedBy: string;
  countedBy: string;
  approvedBy?: string;
  reason?: string;
  float: number;
  cashTaken: number;
  paidIn: number;
  paidOut: number;
  refunds: number;
  expected: number;
  counted: number;
  variance: number;
  tolerance: number;
  denominations: { fen: number; qty: number }[];
  cardBatches: { batch: string; slipCount: number; slipTotal: number; recordedCount: number; recordedTotal: number }[];
  /** Cash-on-delivery orders paid into the drawer, and refunds the platform owes (amount per order). */
  codOrders: number;
  refundsOwed: { orderId: string; amount: number }[];
}

/** Tote labels `from`..`to` (at most 100 per sheet run). */
export interface ToteLabelsInput {
  storeName: string;
  from: number;
  to: number;
}

/**
 * A PDF written for the OS print system. `handedTo` names the tool that took it (e.g. "lp"); null means no print
 * system took it, and the file at `path` must be printed by hand.
 */
export interface PdfPrintResult {
  path: string;
  handedTo: string | null;
}

export type ContractMethod = keyof StoreOpsContract;
export type ContractArgs<M extends ContractMethod> = Parameters<StoreOpsContract[M]>;
export type ContractResult<M extends ContractMethod> = Awaited<ReturnType<StoreOpsContract[M]>>;

/** The method list, so IPC registration and the HTTP host can loop over it and the preload exposes nothing more. */
export const CONTRACT_METHODS = [
  'getSettings',
  'setLocale',
  'enroll',
  'getSyncCredential',
  'unenroll',
  'appInfo',
  'listPrinters',
  'savePrinter',
  'deletePrinter',
  'listTerminalChanges',
  'printLabels',
  'reprintLabel',
  'listPrintLog',
  'printPickList',
  'printToteLabels',
  'printRunSheet',
  'printZReport',
  'verifyPin',
  'pinLockout',
  'operatorsChanged',
  'listLockerBanks',
  'saveLockerBank',
  'deleteLockerBank',
  'openCompartment',
  'lockerStatus',
  'listLockerLog',
  // Updates from the centre (issue 13)
  'getUpdateState',
  'idleLocked',
  // Logs and support
  'log',
  'saveSupportBundle',
  'lastCrash',
] as const satisfies readonly ContractMethod[];

/** IPC channel name of a method. */
export const ipcChannel = (m: ContractMethod) => `store-ops:${m}`;
/** HTTP path of a method in browser mode. */
export const httpPath = (m: ContractMethod) => `/contract/${m}`;

declare global {
  interface Window {
    storeOps?: StoreOpsContract;
  }
}

// Compile-time proof that CONTRACT_METHODS lists every method of the contract.
type _MissingMethods = Exclude<ContractMethod, (typeof CONTRACT_METHODS)[number]>;
export const _contractMethodsComplete: _MissingMethods extends never ? true : never = true;
