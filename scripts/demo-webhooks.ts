import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { verifySignature, WEBHOOK_EVENT_TYPES, webhookRoutes, type WebhookDelivery, type WebhookListResponse, type WebhookView } from '../sync/protocol/webhooks.js';

/** Where the demo's platform listens; webhooks registered at this path by an earlier run are replaced. */
const PATH = '/demo-platform/webhooks';

export interface DemoWebhookReceiver {
  webhook: WebhookView;
  close(): Promise<void>;
}

/**
 * The demo plays the platform's side of webhooks too: a receiver on 127.0.0.1 that checks each callback's signature
 * with sync/protocol's verifySignature and logs it, registered with the server for every event type. The demo's data
 * outlives a run, so an earlier run's registration (its receiver is gone) is removed first, with what it was owed.
 */
export async function startDemoWebhookReceiver(serverUrl: string, platformApiKey: string, log: (line: string) => void): Promise<DemoWebhookReceiver> {
  const secret = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifySignature(secret, String(req.headers['storeops-timestamp'] ?? ''), body, String(req.headers['storeops-signature'] ?? ''), new Date());
      if (!check.ok) {
        log(`Platform webhook refused: ${check.reason}`);
        res.writeHead(401).end();
        return;
      }
      const { type, data } = JSON.parse(body) as WebhookDelivery;
      const detail = [data.fact, data.payment ? `${data.payment.method} ${data.payment.amount} ${data.payment.currency}` : undefined].filter(Boolean).join(', ');
      log(`Platform webhook (signed): ${type} ${data.orderId} → ${data.status}${detail ? ` (${detail})` : ''}`);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${platformApiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const { webhooks } = (await call('GET', webhookRoutes.webhooks)) as WebhookListResponse;
  for (const old of webhooks.filter((w) => new URL(w.url).pathname === PATH)) await call('DELETE', webhookRoutes.webhook(old.id));
  const webhook = (await call('POST', webhookRoutes.webhooks, { url, events: [...WEBHOOK_EVENT_TYPES], secret })) as WebhookView;
  return {
    webhook,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
