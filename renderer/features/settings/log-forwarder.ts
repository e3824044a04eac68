import { LOG_BATCH_MAX, LOG_MESSAGE_MAX, type RendererLogEntry, type StoreOpsContract } from '../../../main/contract.js';

/** The page's errors and warnings reach DATA_DIR/logs/renderer.log through the contract, in batches. */
export const FLUSH_MS = 2000;
/** Characters per request: the web host takes bodies of 64 KB, and escaping can double a message's size. */
export const BATCH_CHARS = 24_000;
/** Lines kept while main does not answer; the oldest go first. */
export const BUFFER_MAX = 500;

function text(args: readonly unknown[]): string {
  const joined = args
    .map((a) => {
      if (a instanceof Error) return a.stack ?? `${a.name}: ${a.message}`;
      if (typeof a === 'string') return a;
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
  return joined.length > LOG_MESSAGE_MAX ? `${joined.slice(0, LOG_MESSAGE_MAX - 1)}…` : joined;
}

/** A buffer that sends at most LOG_BATCH_MAX lines at a time and never more than one request at once. */
export function createLogForwarder(platform: Pick<StoreOpsContract, 'log'>, now: () => Date = () => new Date()) {
  let buffer: RendererLogEntry[] = [];
  let sending = false;
  const flush = async (): Promise<void> => {
    if (sending || buffer.length === 0) return;
    sending = true;
    const batch: RendererLogEntry[] = [];
    let chars = 0;
    for (const e of buffer.slice(0, LOG_BATCH_MAX)) {
      if (batch.length > 0 && chars + e.message.length > BATCH_CHARS) break;
      batch.push(e);
      chars += e.message.length;
    }
    let sent = false;
    try {
      await platform.log(batch);
      // Lines added meanwhile may have pushed old ones out: drop exactly the ones sent, wherever they are now.
      buffer = buffer.filter((e) => !batch.includes(e));
      sent = true;
    } catch {
      // Main is not answering (restarting, or the host is gone): the lines wait for the next flush.
    } finally {
      sending = false;
    }
    if (sent && buffer.length > 0) await flush();
  };
  return {
    add(level: RendererLogEntry['level'], args: readonly unknown[]): void {
      buffer.push({ level, at: now().toISOString(), message: text(args) });
      if (buffer.length > BUFFER_MAX) buffer = buffer.slice(buffer.length - BUFFER_MAX);
    },
    flush,
    pending: () => buffer.length,
  };
}

/**
 * Copies console.error/warn and uncaught errors into the forwarder (the console still shows them) and flushes
 * every FLUSH_MS. Installed once, at start-up; the kiosk page too.
 */
export function installLogForwarding(platform: Pick<StoreOpsContract, 'log'>): void {
  const forwarder = createLogForwarder(platform);
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      forwarder.add(level, args);
    };
  }
  window.addEventListener('error', (e) => forwarder.add('error', ['uncaught', e.error ?? e.message]));
  window.addEventListener('unhandledrejection', (e) => forwarder.add('error', ['unhandled rejection', e.reason]));
  forwarder.add('info', [`page loaded: ${location.pathname}${location.search}`]);
  setInterval(() => void forwarder.flush(), FLUSH_MS);
  window.addEventListener('pagehide', () => void forwarder.flush());
}
