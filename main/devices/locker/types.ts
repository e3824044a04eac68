/**
 * Types of the locker part of the renderer↔main contract. Pure (no Node), so main/contract.ts re-exports them and
 * the renderer can import them without pulling the driver along.
 */

export type CompartmentSize = 'S' | 'M' | 'L';
export const COMPARTMENT_SIZES: readonly CompartmentSize[] = ['S', 'M', 'L'];

/** How the terminal reaches the bank's RS-485 bus: a local serial port, or a serial-to-TCP server (raw socket). */
export type LockerTransport =
  | { kind: 'serial'; path: string; /** Default 19200 (Kerong CU16). */ baudRate?: number }
  | { kind: 'tcp'; host: string; port: number };

/** One door: the number staff and customers see, and the board and lock that drive it (lock 1-16 on a CU16). */
export interface CompartmentConfig {
  number: number;
  board: number;
  lock: number;
  size: CompartmentSize;
}

export interface LockerBankConfig {
  /** Stable key chosen in settings, e.g. "front". */
  id: string;
  name: string;
  transport: LockerTransport;
  /**
   * Which bit value means "door open" in a status reply. Boards are wired either way (the lock's feedback switch
   * is normally open on some cabinets and normally closed on others), so it is set per bank.
   */
  openBit: 0 | 1;
  /** The board addresses (0-15) on the bus. */
  boards: number[];
  compartments: CompartmentConfig[];
}

export interface OpenCompartmentInput {
  bankId: string;
  number: number;
  operatorId?: string;
  /** Why the door is opened (load, release, return, service); kept in the audit log. */
  reason: string;
}

/** A door that was commanded open and then read open by a status poll. */
export interface OpenCompartmentResult {
  bankId: string;
  number: number;
  board: number;
  lock: number;
  /** Unlock commands it took (1 unless the first did not open the door). */
  attempts: number;
  /** ISO time the status poll first read the door open. */
  confirmedAt: string;
}

export interface BoardHealth {
  board: number;
  answering: boolean;
  /** Why not, as a stable code (LOCKER_TIMEOUT, LOCKER_UNREACHABLE, …). */
  errorCode?: string;
}

export interface CompartmentState extends CompartmentConfig {
  /** null when its board did not answer. */
  open: boolean | null;
}

export interface LockerBankStatus {
  bankId: string;
  at: string;
  boards: BoardHealth[];
  compartments: CompartmentState[];
  /** Frames dropped for a bad checksum or shape since the bus was opened. */
  droppedFrames: number;
}

/** One line of locker-log.jsonl: a frame as hex, or the outcome of an open. Append-only. */
export interface LockerLogEntry {
  at: string;
  bankId: string;
  kind: 'tx' | 'rx' | 'dropped' | 'timeout' | 'open' | 'open-failed';
  /** Frames as bytes in hex, e.g. "02 00 31 03 36". */
  hex?: string;
  number?: number;
  operatorId?: string;
  reason?: string;
  code?: string;
  note?: string;
}

export interface LockerLogQuery {
  bankId?: string;
  /** Newest first; default 200. */
  limit?: number;
}
