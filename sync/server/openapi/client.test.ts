import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../protocol/platform.js';
import { makeOrderInput, startTestServer, type TestServer } from '../testing.js';
import { platformApi } from './client.js';
import { CLIENT_TYPES_PATH, generateClientTypes } from './client-gen.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s.close());

describe('the generated client', () => {
  it('is what the live description generates: regenerate with `npm run api:client` when this fails', async () => {
    const doc = (await s.request('GET', apiRoutes.openapi)).body;
    expect(await generateClientTypes(doc)).toBe(await readFile(CLIENT_TYPES_PATH, 'utf8'));
  });

  it('submits and reads an order with types from the description', async () => {
    await s.admin.seedStore('S001');
    const api = platformApi(s.url, s.platformApiKey);
    const input = makeOrderInput({ storeId: 'S001' });
    const created = await api.POST('/api/v1/orders', { body: input });
    expect(created.response.status).toBe(201);
    expect(created.data?.id).toBe(input.id);
    const read = await api.GET('/api/v1/orders/{id}', { params: { path: { id: input.id } } });
    expect(read.data?.status).toBe('new');
    const missing = await api.GET('/api/v1/orders/{id}', { params: { path: { id: 'nope' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('NOT_FOUND');
  });
});
