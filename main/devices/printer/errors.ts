/** Stable codes for everything that can go wrong between "print this package" and paper. */
export type PrinterErrorCode =
  | 'PRINTER_UNREACHABLE'
  | 'PRINTER_TIMEOUT'
  | 'PRINTER_NOT_FOUND'
  | 'PRINTER_CONFIG_INVALID'
  | 'LABEL_INVALID'
  | 'PRINT_JOB_NOT_FOUND'
  | 'PDF_HANDOFF_FAILED';

export class PrinterError extends Error {
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrinterError';
  }
}
