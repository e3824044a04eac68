/** Stable codes for everything that can go wrong between "open compartment 7" and an open door. */
export type LockerErrorCode =
  | 'LOCKER_BANK_NOT_FOUND'
  | 'COMPARTMENT_NOT_FOUND'
  | 'LOCKER_CONFIG_INVALID'
  /** The serial port or the serial server cannot be opened or reached. */
  | 'LOCKER_UNREACHABLE'
  /** The board did not answer (silence, or only damaged frames) within the timeout, after the retries. */
  | 'LOCKER_TIMEOUT'
  /** The board took the unlock, but its status never read the door open. */
  | 'DOOR_DID_NOT_OPEN'
  /** The serialport package (native binding) cannot be loaded on this machine. */
  | 'SERIAL_UNAVAILABLE';

export class LockerError extends Error {
  constructor(
    readonly code: LockerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LockerError';
  }
}
