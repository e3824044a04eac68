import {
  ContractError,
  type ChangedBy,
  type EnrollInput,
  type TerminalChangeQuery,
  type VerifyPinInput,
  type PickListInput,
  type RunSheetInput,
  type ZReportInput,
  type ToteLabelsInput,
  type PrintLabelsInput,
  type PrintLogQuery,
  type PrinterConfig,
  type ReprintInput,
  type StoreOpsContract,
  type TerminalSettings,
  type LockerBankConfig,
  type LockerLogQuery,
  type OpenCompartmentInput,
  type RendererLogEntry,
  type SupportBundleInput,
} from './contract.js';
import { SettingsError, isLocale, publicSettings, type SettingsStore } from './settings/index.js';
import { hashEnrollCode, requestEnrollment, validateEnrollInput } from './enroll.js';
import { PrinterError } from './devices/printer/errors.js';
import { LockerError } from './devices/locker/errors.js';
import { createLockerService, type LockerServiceOptions } from './devices/locker/service.js';
import { createPrinterService, type PrinterServiceOptions } from './devices/printer/service.js';
import { createPickListPrinter } from './devices/printer/pick-list.js';
import { createPinService } from './pins/pin-service.js';
import { TerminalChangeLog } from './settings/terminal-changes.js';
import type { SecretBox } from './pins/secret-box.js';
import { createUpdateService, type UpdateServiceOptions } from './updates/service.js';
import type { IdleLockedInput } from './contract.js';
import { createTerminalLogs, type TerminalLogs } from './logs/index.js';
import { createSupportOps } from './support/service.js';
import { CrashNotes } from './support/crashes.js';

export interface StoreOpsServiceOptions {
  settings: SettingsStore;
  mode: 'electron' | 'web';
  version: string;
  /** Injected so tests can point at a real server through a different stack; defaults to global fetch. */
  fetch?: typeof fetch;
  /** Printer driver options (PDF hand-off, raw-TCP timeouts); its data dir is always the terminal's. */
  printing?: Omit<PrinterServiceOptions, 'dataDir'>;
  /** Seals the PIN verifiers at rest (default: the settings' box, which seals the device credential). */
  secretBox?: SecretBox;
  /** How often the PIN verifiers are checked for changes (default a minute). */
  pinPollMs?: number;
  /** Locker driver options (timeouts, retries, polling); its data dir is always the terminal's. */
  lockers?: Omit<LockerServiceOptions, 'dataDir'>;
  /** Updates from the centre (main/updates/): absent, this host never updates itself (browser mode). */
  updates?: UpdateServiceOptions;
  /** The terminal's logs (DATA_DIR/logs); the host creates them so its own lines go there too. */
  logs?: TerminalLogs;
  /** The renderer's crashes, recorded by the Electron shell. */
  crashes?: CrashNotes;
}

/** The contract, plus what only the process that hosts it may call. */
export interface StoreOpsService extends StoreOpsContract {
  /**
   * Makes this process the terminal's main side: it fetches the PIN verifiers now, then every pinPollMs, and
   * after an enrollment. Called by the Electron shell and before the web host serves the page.
   */
  startBackground(): void;
  stopBackground(): void;
  /** Closes the locker buses (serial ports, serial-server connections). */
  closeDevices(): Promise<void>;
}

/**
 * The one implementation of the renderer↔main contract. The Electron IPC loop and the web host both expose this
 * object; neither adds behaviour of its own.
 */
export function createStoreOps(opts: StoreOpsServiceOptions): StoreOpsService {
  const { settings } = opts;
  const pins = createPinService({ settings, box: opts.secretBox ?? settings.box, fetch: opts.fetch, pollMs: opts.pinPollMs });
  // Only the process that serves the terminal holds verifiers: a launcher that provisions a data dir and hands it
  // to Electron must not leave an unsealed copy behind.
  let serving = false;
  // Printers, PDFs and the print audit log live beside the settings, so one data dir is one terminal.
  const printing = createPrinterService({ ...opts.printing, dataDir: settings.dataDir });
  // Pick lists take the PDF labels' route to the OS print system, with the same hand-off and font.
  // Who changed this terminal's set-up (printers), beside the print log.
  const changes = new TerminalChangeLog(settings.dataDir);
  let lastChange: Promise<unknown> = Promise.resolve();
  const changing = <T>(work: () => Promise<T>): Promise<T> => {
    const result = lastChange.then(work, work);
    lastChange = result.catch(() => undefined);
    return result;
  };
  // Locker banks, their buses and the locker audit log, beside the printers.
  const lockers = createLockerService({ ...opts.lockers, dataDir: settings.dataDir });
  // Logs, the support bundle and the crash notice (issue 13).
  const support = createSupportOps({ settings, logs: opts.logs ?? createTerminalLogs(settings.dataDir), app: { version: opts.version, mode: opts.mode }, crashes: opts.crashes ?? new CrashNotes() });
  const pickLists = createPickListPrinter({ dataDir: settings.dataDir, pdfHandoff: opts.printing?.pdfHandoff, cjkFont: opts.printing?.cjkFont });
  // Updates from the centre: checked in the background, installed only when no pick or locker release is under way.
  const updates = createUpdateService({ settings, version: opts.version, fetch: opts.fetch, updates: opts.updates });
  const ops = {
    getSettings: () => guard(async () => publicSettings(await settings.load())),

    setLocale: (locale: TerminalSettings['locale']) =>
      guard(async () => {
        if (!isLocale(locale)) throw new ContractError('INVALID_INPUT', `Unsupported locale ${JSON.stringify(locale)}`);
        return publicSettings(await settings.update((s) => ({ ...s, locale })));
      }),

    enroll: (input: EnrollInput) =>
      guard(async () => {
        if (typeof input !== 'object' || input === null) throw new ContractError('INVALID_INPUT', 'Enrollment input is required');
        const valid = validateEnrollInput(input);
        // Fail on a corrupt settings file before spending the single-use code.
        await settings.load();
        const res = await requestEnrollment(valid, opts.fetch);
        const next = await settings.update((s) => ({
          ...s,
          serverUrl: valid.serverUrl,
          device: { deviceId: res.deviceId, deviceName: valid.deviceName, storeId: res.storeId },
          token: res.token,
          // Absent from a server older than main keys: then main/pins claims one.
          mainKey: res.mainKey ?? null,
          enrollCodeHash: hashEnrollCode(valid.code),
        }));
        // The operators' PINs are there from the first sign-in on, even if the server goes away right after.
        if (serving) await pins.refresh();
        return publicSettings(next);
      }),

    getSyncCredential: () =>
      guard(async () => {
        const s = await settings.load();
        if (!s.device || !s.token || !s.serverUrl) throw new ContractError('NOT_ENROLLED', 'This terminal is not enrolled');
        return { serverUrl: s.serverUrl, deviceId: s.device.deviceId, storeId: s.device.storeId, token: s.token };
      }),

    unenroll: () =>
      guard(async () => {
        const next = await settings.update((s) => ({ ...s, device: null, token: null, mainKey: null, enrollCodeHash: null }));
        await pins.forget();
        return publicSettings(next);
      }),

    appInfo: () => guard(async () => ({ version: opts.version, dataDir: settings.dataDir, mode: opts.mode })),

    listPrinters: () => guard(() => printing.listPrinters()),
    // A change and its line in the change log, one at a time, so "before" is what the change replaced.
    savePrinter: (config: PrinterConfig, by: ChangedBy) =>
      guard(() =>
        changing(async () => {
          const before = (await printing.listPrinters()).find((p) => p.id === config.id);
          const list = await printing.savePrinter(config);
          const after = list.find((p) => p.id === config.id);
          await changes.record({ operatorId: by.operatorId, what: before ? 'printer.changed' : 'printer.added', subject: config.id, ...(before ? { before } : {}), ...(after ? { after } : {}) });
          return list;
        }),
      ),
    deletePrinter: (id: string, by: ChangedBy) =>
      guard(() =>
        changing(async () => {
          const before = (await printing.listPrinters()).find((p) => p.id === id);
          const list = await printing.deletePrinter(id);
          await changes.record({ operatorId: by.operatorId, what: 'printer.deleted', subject: id, ...(before ? { before } : {}) });
          return list;
        }),
      ),
    listTerminalChanges: (query?: TerminalChangeQuery) => guard(() => changes.list(query)),
    printLabels: (input: PrintLabelsInput) => guard(() => printing.printLabels(input)),
    reprintLabel: (input: ReprintInput) => guard(() => printing.reprintLabel(input)),
    listPrintLog: (query?: PrintLogQuery) => guard(() => printing.listPrintLog(query)),
    printPickList: (input: PickListInput) => guard(() => pickLists.print(input)),
    printToteLabels: (input: ToteLabelsInput) => guard(() => pickLists.printToteLabels(input)),
    printRunSheet: (input: RunSheetInput) => guard(() => pickLists.printRunSheet(input)),
    printZReport: (input: ZReportInput) => guard(() => pickLists.printZReport(input)),

    verifyPin: (input: VerifyPinInput) => guard(() => pins.verify(input)),
    pinLockout: (operatorId: string) => guard(() => pins.lockout(operatorId)),
    operatorsChanged: () => guard(() => pins.refresh()),

    listLockerBanks: () => guard(() => lockers.listLockerBanks()),
    saveLockerBank: (config: LockerBankConfig, by: ChangedBy) =>
      guard(() =>
        changing(async () => {
          const before = (await lockers.listLockerBanks()).find((b) => b.id === config.id);
          const list = await lockers.saveLockerBank(config);
          const after = list.find((b) => b.id === config.id);
          await changes.record({ operatorId: by.operatorId, what: before ? 'locker.changed' : 'locker.added', subject: config.id, ...(before ? { before } : {}), ...(after ? { after } : {}) });
          return list;
        }),
      ),
    deleteLockerBank: (id: string, by: ChangedBy) =>
      guard(() =>
        changing(async () => {
          const before = (await lockers.listLockerBanks()).find((b) => b.id === id);
          const list = await lockers.deleteLockerBank(id);
          await changes.record({ operatorId: by.operatorId, what: 'locker.deleted', subject: id, ...(before ? { before } : {}) });
          return list;
        }),
      ),
    openCompartment: (input: OpenCompartmentInput) => guard(() => updates.duringWork(() => lockers.openCompartment(input))),
    lockerStatus: (bankId: string) => guard(() => lockers.lockerStatus(bankId)),
    listLockerLog: (query?: LockerLogQuery) => guard(() => lockers.listLockerLog(query)),

    // Updates from the centre (issue 13)
    getUpdateState: () => guard(() => updates.getUpdateState()),
    idleLocked: (input: IdleLockedInput) => guard(() => updates.idleLocked(input)),
    // Logs and support
    log: (entries: RendererLogEntry[]) => guard(() => support.log(entries)),
    saveSupportBundle: (input: SupportBundleInput) => guard(() => support.saveSupportBundle(input)),
    lastCrash: () => guard(() => support.lastCrash()),
  } satisfies StoreOpsContract;
  return {
    ...ops,
    startBackground: () => {
      serving = true;
      pins.start();
      void updates.start();
    },
    stopBackground: () => {
      pins.stop();
      void updates.stop();
    },
    closeDevices: () => lockers.close(),
  };
}

/** Every failure leaves the service as a ContractError, so both transports can send a stable code. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toContractError(err);
  }
}

export function toContractError(err: unknown): ContractError {
  if (err instanceof ContractError) return err;
  // The settings message names the file and the problem: exactly what support needs to see.
  if (err instanceof SettingsError) return new ContractError('INTERNAL', `${err.code}: ${err.message}`);
  // Every printer code is also a contract code: the screen can tell "check the cable" from "fix the settings".
  if (err instanceof PrinterError) return new ContractError(err.code, err.message);
  // Likewise the locker's: "the door did not open" is not "the board is silent" to the person at the locker.
  if (err instanceof LockerError) return new ContractError(err.code, err.message);
  return new ContractError('INTERNAL', err instanceof Error ? err.message : String(err));
}
