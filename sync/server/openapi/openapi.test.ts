import { BaseResolver, createConfig, lintDocument, Source, type NormalizedProblem } from '@redocly/openapi-core';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, API_VERSION, apiRoutes } from '../../protocol/platform.js';
import { startTestServer, type TestServer } from '../testing.js';
import { installResponseCheck, type ResponseViolation } from './conformance.js';
import { addSharedSchemas, describe as describeRoute } from './describe.js';

let s: TestServer;
let doc: { info: { version: string }; servers?: unknown[]; paths: Record<string, Record<string, Operation>> };

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

beforeAll(async () => {
  s = await startTestServer();
  doc = (await s.request<typeof doc>('GET', apiRoutes.openapi)).body;
});
afterAll(async () => s.close());

const where = (p: NormalizedProblem) => p.location.map((l) => l.pointer).join(' ');

describe('the served OpenAPI description', () => {
  it("passes Redocly's recommended lint with no error", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintDocument({
      document: { source: new Source('openapi.json', JSON.stringify(doc)), parsed: doc },
      config: config.styleguide,
      externalRefResolver: new BaseResolver(),
    });
    const warnings = problems.filter((p) => p.severity !== 'error');
    // Printed, not failed: a warning is a nudge, an error is a broken description.
    for (const p of warnings) console.warn(`openapi lint warning ${p.ruleId}: ${p.message} at ${where(p)}`);
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${where(p)}`)).toEqual([]);
  });

  it('states the API version and a relative server; every Platform API operation is complete', () => {
    expect(doc.info.version).toBe(API_VERSION);
    expect(doc.servers).toEqual([{ url: '/' }]);
    const ops = Object.entries(doc.paths).filter(([path]) => path.startsWith(API_BASE)).flatMap(([path, m]) => Object.entries(m).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThanOrEqual(17);
    const ids = new Set<string>();
    for (const { path, method, op } of ops) {
      const at = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, at).toMatch(/^[a-z][A-Za-z]+$/);
      ids.add(op.operationId!);
      expect(op.tags?.length, at).toBeGreaterThan(0);
      expect(op.summary, at).toBeTruthy();
      const success = Object.keys(op.responses).filter((c) => c.startsWith('2'));
      expect(success.length, at).toBeGreaterThan(0);
      for (const [code, r] of Object.entries(op.responses)) if (code !== '204') expect(r.content?.['application/json']?.schema, `${at} ${code}`).toBeDefined();
      // Every route can fail inside the server; a route with a credential can refuse it.
      expect(op.responses['500'], at).toBeDefined();
      if (!(Array.isArray(op.security) && op.security.length === 0)) expect(op.responses['401'], at).toBeDefined();
      if (op.requestBody) {
        const media = op.requestBody.content['application/json'];
        expect(media?.example ?? media?.examples, `${at} example`).toBeDefined();
      }
    }
    expect(ids.size).toBe(ops.length);
  });
});

describe('response conformance', () => {
  it('reports an answer whose body or status the route does not describe', async () => {
    const violations: ResponseViolation[] = [];
    const app = Fastify();
    addSharedSchemas(app);
    installResponseCheck(app, (v) => violations.push(v));
    const schema = describeRoute({
      operationId: 'probe',
      tags: ['probe'],
      summary: 'probe',
      access: 'open',
      querystring: { type: 'object', properties: { mode: { type: 'string' } } },
      responses: { 200: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } },
      errors: { 404: ['NOT_FOUND'] },
    });
    app.get<{ Querystring: { mode?: string } }>('/probe', { schema }, async (req, reply) => {
      if (req.query.mode === 'teapot') return reply.status(418).send({ n: 1 });
      if (req.query.mode === 'gone') return reply.status(404).send({ code: 'UNKNOWN_ORDER', message: 'gone' });
      // A body sent as text skips the serializer, so only the check sees that it lacks a field.
      if (req.query.mode === 'missing') return reply.type('application/json').send('{}');
      return { n: 1 };
    });
    await app.ready();
    expect((await app.inject('/probe')).statusCode).toBe(200);
    expect(violations).toEqual([]);
    await app.inject('/probe?mode=missing');
    await app.inject('/probe?mode=teapot');
    await app.inject('/probe?mode=gone');
    await app.close();
    expect(violations.map((v) => [v.status, v.problem.split(' ').slice(0, 4).join(' ')])).toEqual([
      [200, '/ must have required'],
      [418, 'status 418 is not'],
      [404, 'code UNKNOWN_ORDER is not'],
    ]);
  });
});
