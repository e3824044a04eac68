/**
 * Days the schemas' YYYY-MM-DD pattern lets through but the calendar has not (2026-02-30) are a 400 on every route
 * that takes one, portal and console, never a `::date` error and a 500; and a range or period touching 29 February
 * of a leap year is an ordinary one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlementRoutes } from '../../protocol/settlement.js';
import { supplierRoutes as r } from '../../protocol/supplier.js';
import { startTestServer, type TestServer } from '../testing.js';
import { A, readySupplier, seedPortalWorld, type PortalWorld, type SupplierClient } from './supplier-portal.testkit.js';

let s: TestServer;
let w: PortalWorld;
let a: SupplierClient;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedPortalWorld(s);
  a = await readySupplier(s.url, w.admin, A.code);
});
afterAll(async () => {
  await s.close();
});
const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
const BAD = '2026-02-30';

const SALES = [r.counterDailySales, r.counterDailySalesExport, r.dailySales, r.dailySalesExport, r.periodSales, r.periodSalesExport];

describe('days on the portal and the console', () => {
  it('answers 400 VALIDATION_FAILED for 2026-02-30 in every day parameter', async () => {
    const portal = [
      q(r.statements, { period: BAD }), q(r.statementsExport, { period: BAD }),
      q(r.feeBills, { period: BAD }), q(r.feeBillsExport, { period: BAD }),
      q(r.promotions, { from: BAD }), q(r.promotions, { to: BAD }), q(r.promotionsExport, { from: BAD }),
      q(r.supplies, { period: BAD }), q(r.suppliesExport, { period: BAD }),
      ...SALES.flatMap((p) => [q(p, { from: BAD, to: '2026-03-01' }), q(p, { from: '2026-02-01', to: BAD }), q(p, { period: BAD })]),
    ];
    for (const path of portal) {
      const res = await a.request<{ code: string }>('GET', path);
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
    const console = [
      ['GET', q(settlementRoutes.statements, { period: BAD })],
      ['GET', q(settlementRoutes.exportList, { period: BAD })],
      ['GET', q(settlementRoutes.periodStatus, { period: BAD })],
    ] as const;
    for (const [method, path] of console) {
      const res = await w.admin.request<{ code: string }>(method, path);
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
    const draft = await w.admin.request<{ code: string }>('POST', settlementRoutes.draft, { periodFrom: BAD });
    expect([draft.status, draft.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('answers 200 for a range and a period touching 29 February 2024', async () => {
    const portal = [
      ...SALES.flatMap((p) => [q(p, { from: '2024-02-29', to: '2024-02-29' }), q(p, { from: '2024-02-29', to: '2024-03-01' }), q(p, { period: '2024-02-01' })]),
      q(r.statements, { period: '2024-02-01' }), q(r.feeBills, { period: '2024-02-01' }), q(r.supplies, { period: '2024-02-01' }),
      q(r.promotions, { from: '2024-02-29', to: '2024-02-29' }),
    ];
    for (const path of portal) expect([path, (await a.request('GET', path)).status]).toEqual([path, 200]);
    expect((await w.admin.request('GET', q(settlementRoutes.statements, { period: '2024-02-01' }))).status).toBe(200);
    const draft = await w.admin.request('POST', settlementRoutes.draft, { periodFrom: '2024-02-01' });
    expect(draft.status).toBe(200);
  });
});
