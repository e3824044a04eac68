import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../protocol/errors.js';
import {
  settlementMasterRoutes as routes,
  type Contract,
  type ContractsResponse,
  type Counter,
  type CountersResponse,
  type CounterSkusResponse,
  type FeeBill,
  type FeeBillsResponse,
  type Promotion,
  type PromotionsResponse,
  type SetCounterSkusResponse,
  type Supplier,
  type SuppliersResponse,
  type SuppliesLine,
  type SuppliesResponse,
} from '../../../protocol/settlement-master.js';
import { seedConsoleUser, signInConsole, type ConsoleClient } from '../../console-auth/console-auth.testkit.js';
import { startTestServer, type TestServer } from '../../testing.js';
import { insertCounter, insertSupplier } from './master.testkit.js';

let s: TestServer;
let finance: ConsoleClient;
let admin: ConsoleClient;
let manager: ConsoleClient;

beforeEach(async () => {
  s = await startTestServer();
  await s.admin.createStore({ id: 'S001', timezone: 'Asia/Shanghai' });
  await s.admin.createStore({ id: 'S002', timezone: 'Asia/Shanghai' });
  await seedConsoleUser(s, { name: 'finance', role: 'finance' });
  await seedConsoleUser(s, { name: 'admin', role: 'admin' });
  await seedConsoleUser(s, { name: 'manager', role: 'manager', storeIds: ['S002'] });
  finance = await signInConsole(s.url, 'finance', 'test-password-finance');
  admin = await signInConsole(s.url, 'admin', 'test-password-admin');
  manager = await signInConsole(s.url, 'manager', 'test-password-manager');
});
afterEach(async () => {
  await s.close();
});

const auditOf = async (action: string) =>
  s.db.query<{ user_name: string; target: string; detail: Record<string, unknown> }>('SELECT user_name, target, detail FROM console_audit WHERE action = $1 ORDER BY id', [action]);

async function seedCounters() {
  await insertSupplier(s, { id: 'SUP-A' });
  await insertSupplier(s, { id: 'SUP-B' });
  await insertCounter(s, { id: 'C001', storeId: 'S001', supplierId: 'SUP-A', areaCode: 'A1' });
  await insertCounter(s, { id: 'C002', storeId: 'S002', supplierId: 'SUP-B', areaCode: 'B1' });
}

describe('suppliers', () => {
  it('are created, listed and updated by finance and admin, each write audited', async () => {
    const created = await finance.request<Supplier>('POST', routes.suppliers, { id: 'SUP-A', name: '甲服饰', contacts: [{ name: '王经理', phone: '138 0000 0000', email: '' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'SUP-A', name: '甲服饰', contacts: [{ name: '王经理', phone: '138 0000 0000' }], counters: 0 });
    const updated = await admin.request<Supplier>('PUT', routes.supplier('SUP-A'), { name: '甲服饰有限公司', contacts: [] });
    expect(updated.body).toMatchObject({ id: 'SUP-A', name: '甲服饰有限公司', contacts: [] });
    const list = await finance.request<SuppliersResponse>('GET', routes.suppliers);
    expect(list.body.suppliers.map((x) => `${x.id} ${x.name}`)).toEqual(['SUP-A 甲服饰有限公司']);
    expect((await auditOf('settlement.supplier.create')).map((a) => `${a.user_name} ${a.target}`)).toEqual(['finance SUP-A']);
    expect((await auditOf('settlement.supplier.update'))[0]).toMatchObject({ user_name: 'admin', detail: { before: { name: '甲服饰' } } });
  });

  it('refuse a taken code, a bad body, a manager, no session and no CSRF token', async () => {
    await finance.request('POST', routes.suppliers, { id: 'SUP-A', name: 'x' });
    expect((await finance.request<ErrorBody>('POST', routes.suppliers, { id: 'SUP-A', name: 'y' })).body.code).toBe('CONFLICT');
    for (const body of [{ id: '', name: 'x' }, { id: 'a b', name: 'x' }, { id: 'OK', name: '' }, { id: 'OK', name: 'x', extra: 1 }, { id: 'OK', name: 'x', contacts: [{ phone: '1' }] }]) {
      const res = await finance.request<ErrorBody>('POST', routes.suppliers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await finance.request<ErrorBody>('PUT', routes.supplier('NOPE'), { name: 'x' })).body.code).toBe('UNKNOWN_SUPPLIER');
    expect((await manager.request<ErrorBody>('GET', routes.suppliers)).body.code).toBe('CONSOLE_ROLE_FORBIDDEN');
    expect((await manager.request<ErrorBody>('POST', routes.suppliers, { id: 'M', name: 'm' })).status).toBe(403);
    expect((await fetch(s.url + routes.suppliers)).status).toBe(401);
    const noCsrf = await finance.fetch(routes.suppliers, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: JSON.stringify({ id: 'Z', name: 'z' }) });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as ErrorBody).code).toBe('CSRF_INVALID');
  });
});

describe('counters and their SKUs', () => {
  it('are created and updated; store and supplier must exist; a manager reads only their stores', async () => {
    await insertSupplier(s, { id: 'SUP-A' });
    const body = { id: 'C001', storeId: 'S001', supplierId: 'SUP-A', name: '甲专柜', areaCode: 'A1', category: '女装' };
    const created = await finance.request<Counter>('POST', routes.counters, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, supplierName: '供应商 SUP-A', skuCount: 0 });
    expect((await finance.request<ErrorBody>('POST', routes.counters, body)).body.code).toBe('CONFLICT');
    expect((await finance.request<ErrorBody>('POST', routes.counters, { ...body, id: 'C009', storeId: 'S404' })).body).toMatchObject({ code: 'UNKNOWN_STORE' });
    expect((await finance.request<ErrorBody>('POST', routes.counters, { ...body, id: 'C009', supplierId: 'NOPE' })).body).toMatchObject({ code: 'UNKNOWN_SUPPLIER' });
    expect((await finance.request<ErrorBody>('POST', routes.counters, { ...body, id: 'C009', areaCode: '' })).status).toBe(400);
    await finance.request('POST', routes.counters, { ...body, id: 'C002', storeId: 'S002' });

    const updated = await finance.request<Counter>('PUT', routes.counter('C001'), { name: '甲专柜二楼', areaCode: 'A2', category: '女装' });
    expect(updated.body).toMatchObject({ id: 'C001', storeId: 'S001', name: '甲专柜二楼', areaCode: 'A2' });
    expect((await finance.request<ErrorBody>('PUT', routes.counter('C001'), { name: 'x', areaCode: 'A', category: 'c', storeId: 'S002' })).status).toBe(400);

    expect((await finance.request<CountersResponse>('GET', `${routes.counters}?storeId=S001`)).body.counters.map((c) => c.id)).toEqual(['C001']);
    expect((await manager.request<CountersResponse>('GET', routes.counters)).body.counters.map((c) => c.id)).toEqual(['C002']);
    expect((await manager.request<ErrorBody>('GET', `${routes.counters}?storeId=S001`)).body.code).toBe('CONSOLE_ROLE_FORBIDDEN');
    expect((await manager.request<ErrorBody>('GET', routes.counter('C001'))).status).toBe(404);
    expect((await manager.request<Counter>('GET', routes.counter('C002'))).body.id).toBe('C002');
    expect((await manager.request<ErrorBody>('PUT', routes.counter('C002'), { name: 'x', areaCode: 'A', category: 'c' })).status).toBe(403);
    expect((await auditOf('settlement.counter.update'))).toHaveLength(1);
  });

  it('sets SKUs as a whole; a SKU another counter of the store has refuses the set', async () => {
    await seedCounters();
    await insertCounter(s, { id: 'C003', storeId: 'S001', supplierId: 'SUP-B' });
    const set = await finance.request<SetCounterSkusResponse>('PUT', routes.counterSkus('C001'), { skus: ['SKU-2', 'SKU-1', 'SKU-1', 'SKU-3'] });
    expect(set.body).toMatchObject({ counterId: 'C001', storeId: 'S001', skus: ['SKU-1', 'SKU-2', 'SKU-3'], added: 3, removed: 0 });
    const again = await finance.request<SetCounterSkusResponse>('PUT', routes.counterSkus('C001'), { skus: ['SKU-1', 'SKU-4'] });
    expect(again.body).toMatchObject({ skus: ['SKU-1', 'SKU-4'], added: 1, removed: 2 });

    const clash = await finance.request<ErrorBody>('PUT', routes.counterSkus('C003'), { skus: ['SKU-9', 'SKU-4', 'SKU-1'] });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'SKU_CLAIMED', details: { storeId: 'S001', count: 2, clashes: [{ sku: 'SKU-1', counterId: 'C001' }, { sku: 'SKU-4', counterId: 'C001' }] } });
    expect((await finance.request<CounterSkusResponse>('GET', routes.counterSkus('C003'))).body.skus).toEqual([]);
    // Another store's counter may sell the same SKU.
    expect((await finance.request('PUT', routes.counterSkus('C002'), { skus: ['SKU-1'] })).status).toBe(200);
    expect((await manager.request<CounterSkusResponse>('GET', routes.counterSkus('C002'))).body.skus).toEqual(['SKU-1']);
    expect((await manager.request('GET', routes.counterSkus('C001'))).status).toBe(404);
    expect((await finance.request<ErrorBody>('PUT', routes.counterSkus('NOPE'), { skus: [] })).body.code).toBe('UNKNOWN_COUNTER');
    expect((await finance.request<ErrorBody>('PUT', routes.counterSkus('C001'), { skus: ['has space'] })).status).toBe(400);
    expect((await finance.request<Counter>('GET', routes.counter('C001'))).body.skuCount).toBe(2);
  });

  it('lets only one of two counters racing for a SKU of their store have it', async () => {
    await seedCounters();
    await insertCounter(s, { id: 'C003', storeId: 'S001', supplierId: 'SUP-B' });
    const [a, b] = await Promise.all([
      finance.request('PUT', routes.counterSkus('C001'), { skus: ['SKU-RACE', 'SKU-A'] }),
      admin.request('PUT', routes.counterSkus('C003'), { skus: ['SKU-RACE', 'SKU-B'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const owners = await s.db.query<{ counter_id: string }>("SELECT counter_id FROM counter_skus WHERE store_id = 'S001' AND sku = 'SKU-RACE'");
    expect(owners).toHaveLength(1);
  });
});

describe('contracts', () => {
  it('are appended, never changed, and start on a period\'s first day', async () => {
    await seedCounters();
    const first = await finance.request<Contract>('POST', routes.counterContracts('C001'), { periodFrom: '2026-11-01', baseRateBp: 2500, minimumSales: 10_000_000, feeItems: [{ code: 'MGMT', name: '管理费', amount: 50_000 }], reason: '新签' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ counterId: 'C001', periodFrom: '2026-11-01', baseRateBp: 2500, minimumSales: 10_000_000, setBy: 'finance', reason: '新签' });
    await admin.request('POST', routes.counterContracts('C001'), { periodFrom: '2026-12-01', baseRateBp: 2300, minimumSales: null, reason: '续签降点' });
    const history = await finance.request<ContractsResponse>('GET', routes.counterContracts('C001'));
    expect(history.body.contracts.map((c) => `${c.periodFrom} ${c.baseRateBp} ${c.minimumSales} ${c.feeItems.length} ${c.setBy}`)).toEqual([
      '2026-11-01 2500 10000000 1 finance', '2026-12-01 2300 null 0 admin',
    ]);
    const notStart = await finance.request<ErrorBody>('POST', routes.counterContracts('C001'), { periodFrom: '2026-12-15', baseRateBp: 2500, reason: 'x' });
    expect(notStart).toMatchObject({ status: 422, body: { code: 'NOT_A_PERIOD_START', details: { periodFrom: '2026-12-01' } } });
    for (const bad of [{ periodFrom: '2026-12-01', baseRateBp: 10_001, reason: 'x' }, { periodFrom: '2026-12-01', baseRateBp: 2500 }, { periodFrom: '2026-12-01', baseRateBp: 25.5, reason: 'x' }, { periodFrom: '2026-02-30', baseRateBp: 1, reason: 'x' }]) {
      expect((await finance.request('POST', routes.counterContracts('C001'), bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await finance.request<ErrorBody>('GET', routes.counterContracts('NOPE'))).body.code).toBe('UNKNOWN_COUNTER');
    expect((await manager.request('GET', routes.counterContracts('C002'))).status).toBe(403);
    expect(await auditOf('settlement.contract.add')).toHaveLength(2);
  });
});

describe('promotions', () => {
  it('are created, listed by day and updated; what they name must exist', async () => {
    await seedCounters();
    const body = { id: 'P2026-01', name: '满300送100', fromDay: '2026-11-20', toDay: '2026-11-26', rateBp: 2000, counterIds: ['C001'], areaCodes: ['B1'] };
    const created = await finance.request<Promotion>('POST', routes.promotions, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, createdBy: 'finance' });
    expect((await finance.request<ErrorBody>('POST', routes.promotions, body)).body.code).toBe('CONFLICT');
    expect((await finance.request<PromotionsResponse>('GET', `${routes.promotions}?day=2026-11-26`)).body.promotions.map((p) => p.id)).toEqual(['P2026-01']);
    expect((await finance.request<PromotionsResponse>('GET', `${routes.promotions}?day=2026-11-27`)).body.promotions).toEqual([]);
    const updated = await finance.request<Promotion>('PUT', routes.promotion('P2026-01'), { ...body, id: undefined, toDay: '2026-11-30', rateBp: 1800, areaCodes: [] });
    expect(updated.body).toMatchObject({ toDay: '2026-11-30', rateBp: 1800, areaCodes: [] });
    expect((await finance.request<ErrorBody>('POST', routes.promotions, { ...body, id: 'P2', counterIds: ['C001', 'C404'] })).body).toMatchObject({ code: 'UNKNOWN_COUNTER', details: { counterIds: ['C404'] } });
    expect((await finance.request<ErrorBody>('POST', routes.promotions, { ...body, id: 'P2', toDay: '2026-11-01' })).status).toBe(400);
    expect((await finance.request<ErrorBody>('POST', routes.promotions, { ...body, id: 'P2', counterIds: [], areaCodes: [] })).status).toBe(400);
    expect((await finance.request<ErrorBody>('POST', routes.promotions, { ...body, id: 'P2', counterIds: ['C001', 'C001'] })).status).toBe(400);
    expect((await finance.request<ErrorBody>('PUT', routes.promotion('NOPE'), { ...body, id: undefined })).status).toBe(404);
    expect((await manager.request('GET', routes.promotions)).status).toBe(403);
    expect(await auditOf('settlement.promotion.update')).toHaveLength(1);
  });
});

describe('fee bills and supplies', () => {
  it('fee bills are numbered, totalled by the server and frozen once the period\'s statement is paid', async () => {
    await seedCounters();
    const items = [{ code: 'AD', name: '广告费', amount: 200_000 }, { code: 'POWER', name: '电费', amount: 66_000 }];
    const created = await finance.request<FeeBill>('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'FB20261101-C001-1', counterId: 'C001', storeId: 'S001', supplierId: 'SUP-A', total: 266_000, items });
    const second = await finance.request<FeeBill>('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items: [items[0]] });
    expect(second.body.id).toBe('FB20261101-C001-2');
    const updated = await finance.request<FeeBill>('PUT', routes.feeBill(second.body.id), { items: [{ code: 'AD', name: '广告费', amount: 1 }] });
    expect(updated.body.total).toBe(1);
    const list = await finance.request<FeeBillsResponse>('GET', `${routes.feeBills}?periodFrom=2026-11-01&counterId=C001`);
    expect(list.body.feeBills.map((b) => `${b.id} ${b.total}`)).toEqual(['FB20261101-C001-1 266000', 'FB20261101-C001-2 1']);

    expect((await finance.request<ErrorBody>('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-02', items })).body.code).toBe('NOT_A_PERIOD_START');
    expect((await finance.request<ErrorBody>('POST', routes.feeBills, { counterId: 'C404', periodFrom: '2026-11-01', items })).body.code).toBe('UNKNOWN_COUNTER');
    expect((await finance.request('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items: [] })).status).toBe(400);
    expect((await finance.request('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items: [{ code: 'X', name: 'x', amount: -1 }] })).status).toBe(400);
    expect((await finance.request('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items, total: 5 })).status).toBe(400);

    await s.db.query(
      `INSERT INTO statements (id, number, version, counter_id, supplier_id, store_id, period_from, period_to, status, body, payable, created_by, issued_at)
       VALUES ('st1', 'JS202611-C001', 1, 'C001', 'SUP-A', 'S001', '2026-11-01', '2026-11-30', 'issued', '{}', 0, 'finance', now())`,
    );
    // Issued: its figures are frozen in it, and a fix here reaches it through a corrected version.
    expect((await finance.request<FeeBill>('PUT', routes.feeBill(second.body.id), { items: [items[1]] })).body.total).toBe(66_000);
    await s.db.query("UPDATE statements SET status = 'paid' WHERE id = 'st1'");
    expect((await finance.request<ErrorBody>('PUT', routes.feeBill(second.body.id), { items })).body).toMatchObject({ code: 'PERIOD_SETTLED', details: { statement: 'JS202611-C001' } });
    expect((await finance.request<ErrorBody>('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-11-01', items })).status).toBe(409);
    expect((await finance.request('POST', routes.feeBills, { counterId: 'C001', periodFrom: '2026-12-01', items })).status).toBe(201);
    expect((await manager.request('GET', routes.feeBills)).status).toBe(403);
  });

  it('supplies lines are priced and put in their day\'s period by the server', async () => {
    await seedCounters();
    const created = await finance.request<SuppliesLine>('POST', routes.supplies, { counterId: 'C002', day: '2026-11-18', item: '购物袋（大）', qty: 200, unitPrice: 35 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ counterId: 'C002', storeId: 'S002', periodFrom: '2026-11-01', day: '2026-11-18', amount: 7000, createdBy: 'finance' });
    const updated = await admin.request<SuppliesLine>('PUT', routes.supply(created.body.id), { day: '2026-12-02', item: '购物袋（大）', qty: 300, unitPrice: 35 });
    expect(updated.body).toMatchObject({ periodFrom: '2026-12-01', amount: 10_500 });
    await finance.request('POST', routes.supplies, { counterId: 'C001', day: '2026-12-03', item: '价签', qty: 1000, unitPrice: 2 });
    const byStore = await finance.request<SuppliesResponse>('GET', `${routes.supplies}?periodFrom=2026-12-01&storeId=S002`);
    expect(byStore.body.supplies.map((l) => `${l.counterId} ${l.item} ${l.amount}`)).toEqual(['C002 购物袋（大） 10500']);
    for (const bad of [{ qty: 0 }, { qty: 1.5 }, { unitPrice: -1 }, { day: '2026-13-01' }, { item: '' }]) {
      expect((await finance.request('POST', routes.supplies, { counterId: 'C001', day: '2026-12-03', item: 'x', qty: 1, unitPrice: 1, ...bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await finance.request('PUT', routes.supply(9999), { day: '2026-12-02', item: 'x', qty: 1, unitPrice: 1 })).status).toBe(404);
    expect((await finance.request('PUT', `${routes.supplies}/abc`, { day: '2026-12-02', item: 'x', qty: 1, unitPrice: 1 })).status).toBe(400);
    expect((await manager.request('GET', routes.supplies)).status).toBe(403);
    expect(await auditOf('settlement.supplies.create')).toHaveLength(2);
  });
});
