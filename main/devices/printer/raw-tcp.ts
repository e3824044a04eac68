import { Socket } from 'node:net';
import { PrinterError } from './errors.js';

export const RAW_PORT = 9100;

export interface PrintRawOptions {
  /** Connecting and sending must finish within this. */
  timeoutMs?: number;
  /**
   * After our data is flushed, how long to wait for the printer to close its side. Many printers keep port 9100
   * open, so not closing in time is not an error: the bytes are already in the printer's TCP stack.
   */
  closeGraceMs?: number;
}

/** Sends one job to a raw (JetDirect / port 9100) printer. Resolves once the printer has the bytes. */
export function printRaw(host: string, port: number, bytes: Uint8Array, opts: PrintRawOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const closeGraceMs = opts.closeGraceMs ?? 2_000;
  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let settled = false;
    const finish = (err?: PrinterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new PrinterError('PRINTER_TIMEOUT', `Printer ${host}:${port} did not take the job within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // Refused, no route, unknown host, reset mid-job: all mean "check the printer and its cable/IP".
      const code = err.code === 'ETIMEDOUT' ? 'PRINTER_TIMEOUT' : 'PRINTER_UNREACHABLE';
      finish(new PrinterError(code, `Printer ${host}:${port} is unreachable: ${err.code ?? err.message}`, { cause: err }));
    });
    socket.on('close', () => finish());
    // Printers may answer status bytes; reading keeps the socket flowing so 'close' can fire.
    socket.on('data', () => undefined);
    socket.connect({ host, port }, () => {
      socket.end(bytes, () => {
        clearTimeout(timer);
        setTimeout(() => finish(), closeGraceMs).unref();
      });
    });
  });
}
