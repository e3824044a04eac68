import { LockerBankStore } from './bank-store.js';
import { LockerBus, type BusOptions } from './bus.js';
import { Cu16Controller, type Cu16Options, type LockerController } from './controller.js';
import { LockerError } from './errors.js';
import { openLink, type ByteLink } from './link.js';
import { LockerLog } from './locker-log.js';
import type { LockerBankConfig, LockerBankStatus, LockerLogQuery, LockerTransport, OpenCompartmentInput, OpenCompartmentResult } from './types.js';

export interface LockerServiceOptions {
  dataDir: string;
  bus?: Omit<BusOptions, 'audit'>;
  controller?: Omit<Cu16Options, 'openBit' | 'now'>;
  now?: () => Date;
  /** How a transport becomes a byte link (tests inject; default serial or TCP as configured). */
  openLink?: (t: LockerTransport) => Promise<ByteLink>;
}

/**
 * The locker half of the renderer↔main contract: banks in settings, doors opened and confirmed through each
 * bank's CU16 bus, and the audit log. One controller (one bus, one queue) per bank, made on first use and
 * replaced when the bank's transport or wiring changes.
 */
export function createLockerService(opts: LockerServiceOptions) {
  const banks = new LockerBankStore(opts.dataDir);
  const log = new LockerLog(opts.dataDir);
  const now = opts.now ?? (() => new Date());
  const controllers = new Map<string, { key: string; controller: LockerController }>();

  async function controllerFor(bank: LockerBankConfig): Promise<LockerController> {
    const key = JSON.stringify([bank.transport, bank.openBit]);
    const held = controllers.get(bank.id);
    if (held?.key === key) return held.controller;
    // The new controller is in the map before anything is awaited: two callers must never get two buses.
    const bus = new LockerBus(() => (opts.openLink ?? openLink)(bank.transport), {
      ...opts.bus,
      audit: (kind, hex, note) => log.record({ at: now().toISOString(), bankId: bank.id, kind, hex, ...(note ? { note } : {}) }),
    });
    const controller = new Cu16Controller(bus, { ...opts.controller, openBit: bank.openBit, now });
    controllers.set(bank.id, { key, controller });
    if (held) await held.controller.close();
    return controller;
  }

  async function forget(bankId: string): Promise<void> {
    const held = controllers.get(bankId);
    controllers.delete(bankId);
    await held?.controller.close();
  }

  return {
    listLockerBanks: () => banks.list(),
    saveLockerBank: async (config: LockerBankConfig) => {
      const list = await banks.save(config);
      await forget(config.id);
      return list;
    },
    deleteLockerBank: async (id: string) => {
      const list = await banks.remove(id);
      await forget(id);
      return list;
    },

    async openCompartment(input: OpenCompartmentInput): Promise<OpenCompartmentResult> {
      const bank = await banks.get(input.bankId);
      const c = bank.compartments.find((x) => x.number === input.number);
      if (!c) throw new LockerError('COMPARTMENT_NOT_FOUND', `Locker bank ${bank.id} has no compartment ${input.number}`);
      const who = { bankId: bank.id, number: c.number, reason: input.reason, ...(input.operatorId ? { operatorId: input.operatorId } : {}) };
      try {
        const { attempts, confirmedAt } = await (await controllerFor(bank)).open(c.board, c.lock);
        log.record({ at: confirmedAt.toISOString(), kind: 'open', ...who, note: `board ${c.board} lock ${c.lock}, ${attempts} unlock(s)` });
        await log.flush();
        return { bankId: bank.id, number: c.number, board: c.board, lock: c.lock, attempts, confirmedAt: confirmedAt.toISOString() };
      } catch (err) {
        const code = err instanceof LockerError ? err.code : 'INTERNAL';
        log.record({ at: now().toISOString(), kind: 'open-failed', ...who, code, note: err instanceof Error ? err.message : String(err) });
        await log.flush();
        throw err;
      }
    },

    /** Reads every board of the bank once: each door open or closed, each board answering or not. */
    async lockerStatus(bankId: string): Promise<LockerBankStatus> {
      const bank = await banks.get(bankId);
      const controller = await controllerFor(bank);
      const byBoard = new Map<number, boolean[] | LockerError>();
      for (const board of bank.boards) {
        byBoard.set(
          board,
          await controller.boardStatus(board).catch((err: unknown) => {
            if (err instanceof LockerError) return err;
            throw err;
          }),
        );
      }
      await log.flush();
      const read = (board: number) => byBoard.get(board);
      return {
        bankId,
        at: now().toISOString(),
        boards: bank.boards.map((board) => {
          const r = read(board);
          return r instanceof LockerError ? { board, answering: false, errorCode: r.code } : { board, answering: true };
        }),
        compartments: bank.compartments.map((c) => {
          const r = read(c.board);
          return { ...c, open: Array.isArray(r) ? (r[c.lock - 1] ?? null) : null };
        }),
        droppedFrames: controller.droppedFrames(),
      };
    },

    listLockerLog: (q?: LockerLogQuery) => log.query(q),

    async close(): Promise<void> {
      for (const id of [...controllers.keys()]) await forget(id);
      await log.flush();
    },
  };
}

export type LockerService = ReturnType<typeof createLockerService>;
