import type { StreamMessage } from '../protocol/sync.js';
import { syncRoutes } from '../protocol/sync.js';

export interface TestStream {
  status: number;
  messages: StreamMessage[];
  /** Comment lines seen (": ping"). */
  comments: number;
  /** Resolves with the first message (already received or future) that matches. */
  waitFor(pred: (m: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the live stream the way terminals do: fetch streaming with the Authorization header (not EventSource). */
export async function openTestStream(baseUrl: string, token: string): Promise<TestStream> {
  const ctrl = new AbortController();
  const res = await fetch(baseUrl + syncRoutes.stream(), { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
  const messages: StreamMessage[] = [];
  const waiters = new Set<() => void>();
  const stream: TestStream = {
    status: res.status,
    messages,
    comments: 0,
    async waitFor(pred, timeoutMs = 10_000) {
      return new Promise<StreamMessage>((resolve, reject) => {
        const check = () => {
          const hit = messages.find(pred);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching stream message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    ended: Promise.resolve(),
    close: () => ctrl.abort(),
  };
  if (!res.ok || !res.body) {
    await res.text();
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let idx: number;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) stream.comments += 1;
            else if (line.startsWith('data: ')) messages.push(JSON.parse(line.slice(6)) as StreamMessage);
          }
          for (const w of [...waiters]) w();
        }
      }
    } catch (err) {
      if (!ctrl.signal.aborted) throw err;
    }
  })();
  return stream;
}
