import { afterEach, expect, it } from 'vitest';
import { webhookRoutes, type WebhookListResponse } from '../sync/protocol/webhooks.js';
import { makeOrderInput, startTestServer, type TestServer } from '../sync/server/testing.js';
import { waitFor } from '../sync/server/webhooks/receiver.testkit.js';
import { startDemoWebhookReceiver, type DemoWebhookReceiver } from './demo-webhooks.js';

let s: TestServer | undefined;
const receivers: DemoWebhookReceiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  await s?.close();
});

it("the demo's platform receives signed callbacks, and a restart replaces the earlier run's registration", async () => {
  s = await startTestServer({ webhooks: { pollMs: 50 } });
  const lines: string[] = [];
  receivers.push(await startDemoWebhookReceiver(s.url, s.platformApiKey, (l) => lines.push(l)));
  const second = await startDemoWebhookReceiver(s.url, s.platformApiKey, (l) => lines.push(l));
  receivers.push(second);
  const list = (await s.request<WebhookListResponse>('GET', webhookRoutes.webhooks, { token: s.platformApiKey })).body;
  expect(list.webhooks.map((w) => w.id)).toEqual([second.webhook.id]);

  await s.admin.seedStore('S001');
  const order = await s.admin.postOrder(makeOrderInput());
  await waitFor('the callback logged', () => lines.some((l) => l.includes(order.id)));
  expect(lines).toEqual([`Platform webhook (signed): order.status_changed ${order.id} → new`]);
});
