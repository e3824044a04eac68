import { Socket } from 'node:net';
import { LockerError } from './errors.js';
import { BAUD_RATE } from './cu16.js';
import type { LockerTransport } from './types.js';

/** A byte pipe to an RS-485 bus: a serial port, or a TCP connection to a serial server. */
export interface ByteLink {
  /** Resolves once the bytes are handed to the OS (the socket or the serial driver took them). */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once, when the link ends for any reason; the bus opens a new one for its next command. */
  onClose(listener: (err?: Error) => void): void;
  close(): Promise<void>;
}

export interface LinkOptions {
  connectTimeoutMs?: number;
}

export function openLink(t: LockerTransport, opts: LinkOptions = {}): Promise<ByteLink> {
  return t.kind === 'tcp' ? openTcpLink(t.host, t.port, opts) : openSerialLink(t.path, t.baudRate ?? BAUD_RATE);
}

/** A raw TCP serial server (USR, Moxa "TCP server" mode, or the simulator): bytes in, bytes out, nothing else. */
export function openTcpLink(host: string, port: number, opts: LinkOptions = {}): Promise<ByteLink> {
  const timeoutMs = opts.connectTimeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    // Frames are a few bytes and each waits for its answer: Nagle would hold them back for nothing.
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new LockerError('LOCKER_UNREACHABLE', `Serial server ${host}:${port} did not accept a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    const failConnect = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new LockerError('LOCKER_UNREACHABLE', `Serial server ${host}:${port} is unreachable: ${err.code ?? err.message}`, { cause: err }));
    };
    socket.once('error', failConnect);
    socket.connect({ host, port }, () => {
      clearTimeout(timer);
      socket.off('error', failConnect);
      let lastError: Error | undefined;
      socket.on('error', (err) => (lastError = err));
      resolve({
        write: (bytes) =>
          new Promise((res, rej) => {
            socket.write(bytes, (err) => (err ? rej(new LockerError('LOCKER_UNREACHABLE', `Serial server ${host}:${port}: ${err.message}`, { cause: err })) : res()));
          }),
        onData: (listener) => socket.on('data', (c: Buffer) => listener(new Uint8Array(c))),
        onClose: (listener) => socket.once('close', () => listener(lastError)),
        close: () =>
          new Promise((res) => {
            if (socket.destroyed) return res();
            socket.once('close', () => res());
            socket.destroy();
          }),
      });
    });
  });
}

/** What this driver uses of serialport's SerialPort (v13), so its types need not be installed to compile. */
interface SerialPortLike {
  write(data: Uint8Array, cb: (err: Error | null | undefined) => void): boolean;
  on(event: 'data', cb: (chunk: Buffer) => void): unknown;
  on(event: 'error', cb: (err: Error) => void): unknown;
  once(event: 'close', cb: () => void): unknown;
  close(cb: (err: Error | null) => void): void;
  isOpen: boolean;
}
type SerialPortCtor = new (
  opts: { path: string; baudRate: number; dataBits: 8; stopBits: 1; parity: 'none'; autoOpen: boolean },
  cb: (err: Error | null) => void,
) => SerialPortLike;

/**
 * serialport's native binding is loaded by node-gyp-build from the prebuilds it ships, on first use only: a
 * terminal with TCP banks (or none) never needs it, and a machine where it cannot load says so with a stable code.
 */
async function loadSerialPort(): Promise<SerialPortCtor> {
  const name = 'serialport';
  try {
    const mod = (await import(name)) as { SerialPort?: unknown };
    if (typeof mod.SerialPort !== 'function') throw new Error('the serialport module has no SerialPort class');
    return mod.SerialPort as SerialPortCtor;
  } catch (err) {
    throw new LockerError('SERIAL_UNAVAILABLE', `Serial ports cannot be used on this machine (serialport did not load: ${err instanceof Error ? err.message : String(err)}); use a serial server's host:port instead`, { cause: err });
  }
}

export async function openSerialLink(path: string, baudRate: number): Promise<ByteLink> {
  const SerialPort = await loadSerialPort();
  const port = await new Promise<SerialPortLike>((resolve, reject) => {
    const p = new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: true }, (err) =>
      err ? reject(new LockerError('LOCKER_UNREACHABLE', `Serial port ${path} cannot be opened: ${err.message}`, { cause: err })) : resolve(p),
    );
  });
  let lastError: Error | undefined;
  port.on('error', (err) => (lastError = err));
  return {
    write: (bytes) =>
      new Promise((res, rej) => {
        port.write(bytes, (err) => (err ? rej(new LockerError('LOCKER_UNREACHABLE', `Serial port ${path}: ${err.message}`, { cause: err })) : res()));
      }),
    onData: (listener) => port.on('data', (c) => listener(new Uint8Array(c))),
    onClose: (listener) => port.once('close', () => listener(lastError)),
    close: () => new Promise((res) => (port.isOpen ? port.close(() => res()) : res())),
  };
}
