import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature, type WebhookDelivery } from '../../protocol/webhooks.js';

/** One POST as a receiver saw it, with what it answered (undefined: it never answered). */
export interface ReceivedCall {
  id: string;
  timestamp: string;
  signature: string;
  rawBody: string;
  delivery: WebhookDelivery;
  answered: number | undefined;
  receivedAt: number;
}

/** What the receiver answers a call: a status, or 'hang' (never answers; the sender's timeout must cut it). */
export type Answer = number | 'hang';

/**
 * A platform's webhook endpoint on 127.0.0.1: a real HTTP server that records every call and answers as told.
 * It can stop listening and come back on the same port, as a receiver that was down for a while.
 */
export class TestReceiver {
  readonly calls: ReceivedCall[] = [];
  answer: (call: ReceivedCall) => Answer = () => 200;
  onCall: ((call: ReceivedCall) => void) | undefined;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const call: ReceivedCall = {
          id: header(req.headers, 'storeops-webhook-id'),
          timestamp: header(req.headers, 'storeops-timestamp'),
          signature: header(req.headers, 'storeops-signature'),
          rawBody,
          delivery: JSON.parse(rawBody) as WebhookDelivery,
          answered: undefined,
          receivedAt: performance.now(),
        };
        this.calls.push(call);
        const answer = this.answer(call);
        if (answer !== 'hang') {
          call.answered = answer;
          res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'not now');
        }
        this.onCall?.(call);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections refused from now on), cutting any call left hanging. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Calls the receiver accepted (2xx), in arrival order. */
  accepted(): ReceivedCall[] {
    return this.calls.filter((c) => c.answered !== undefined && c.answered < 300);
  }

  /** Whether every call carries a valid signature under the secret. */
  allSigned(secret: string): boolean {
    return this.calls.every((c) => verifySignature(secret, c.timestamp, c.rawBody, c.signature, new Date(), 300).ok);
  }
}

function header(h: IncomingHttpHeaders, name: string): string {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v ?? '';
}

export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
