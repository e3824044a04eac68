/**
 * The head-office console in the demo: three console users (admin, finance, and the demo store's manager) and the
 * day's bill files from both payment providers, written as the providers' own files so finance can import them on
 * the console's Reconciliation › Import page and see the matching find what is wrong with them.
 *
 * The users' passwords are generated the first time and kept in .data/demo/console-users.json (a demo's
 * convenience: a real server prints a password once, from `npm run server -- create-admin NAME`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsoleRole } from '../sync/protocol/console.js';
import type { OrderInput } from '../sync/protocol/platform.js';
import type { Db } from '../sync/server/db/index.js';
import { createConsoleUser, listConsoleUsers } from '../sync/server/console-auth/users.js';
import { alipayBill, wechatBill, type BillFileItem } from '../sync/server/reconciliation/bills/bill-files.testkit.js';
import { businessDayOf } from '../sync/model/money/till.js';

export interface DemoConsoleUser {
  name: string;
  role: ConsoleRole;
  password: string;
  storeIds?: string[];
}

/** The demo's console users, made once; their passwords read back from the data dir on a restart. */
export async function demoConsoleUsers(db: Db, dataDir: string, storeId: string): Promise<DemoConsoleUser[]> {
  const file = path.join(dataDir, 'console-users.json');
  const kept: DemoConsoleUser[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoConsoleUser[]) : [];
  const existing = new Set((await listConsoleUsers(db)).map((u) => u.name));
  const wanted: Omit<DemoConsoleUser, 'password'>[] = [
    { name: 'admin', role: 'admin' },
    { name: 'finance', role: 'finance' },
    { name: 'manager', role: 'manager', storeIds: [storeId] },
  ];
  const users: DemoConsoleUser[] = [];
  for (const w of wanted) {
    const known = kept.find((k) => k.name === w.name);
    if (known && existing.has(w.name)) {
      users.push(known);
      continue;
    }
    if (existing.has(w.name)) continue; // made outside the demo: its password is not ours to print
    const made = await createConsoleUser(db, { id: null, name: 'npm start' }, { name: w.name, role: w.role, ...(w.storeIds ? { storeIds: w.storeIds } : {}) });
    if (made.generatedPassword) users.push({ ...w, password: made.generatedPassword });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(users, null, 2), { mode: 0o600 });
  return users;
}

/**
 * Today's WeChat Pay (ALL) and Alipay (业务明细) bills for the orders paid online, as the providers would send them,
 * with two things for finance to find: one WeChat order charged ¥1 too little, and one Alipay payment taken twice.
 */
export async function writeDemoBills(orders: readonly OrderInput[], dir: string, now: Date): Promise<{ day: string; wechat: string; alipay: string }> {
  const day = businessDayOf(now, 'Asia/Shanghai');
  const paid = orders.filter((o) => o.payment.method === 'online' && businessDayOf(new Date(o.placedAt), 'Asia/Shanghai') === day);
  const itemOf = (o: OrderInput): BillFileItem => ({ at: new Date(Date.parse(o.placedAt) + 30_000).toISOString(), outTradeNo: o.payment.outTradeNo ?? o.id, amount: o.payment.amount });
  const wechat = paid.filter((o) => o.payment.provider === 'wechat').map(itemOf);
  const alipay = paid.filter((o) => o.payment.provider === 'alipay').map(itemOf);
  const short = wechat[0];
  if (short) wechat[0] = { ...short, amount: short.amount - 100 };
  const twice = alipay[0];
  if (twice) alipay.push({ ...twice, at: new Date(Date.parse(twice.at) + 60_000).toISOString(), transactionId: `2026${Date.parse(twice.at)}9` });
  mkdirSync(dir, { recursive: true });
  const compact = day.replaceAll('-', '');
  const files = { wechat: path.join(dir, `wechat-ALL-${compact}.csv`), alipay: path.join(dir, `alipay-业务明细-${compact}.zip`) };
  writeFileSync(files.wechat, wechatBill(wechat));
  writeFileSync(files.alipay, await alipayBill(alipay, { billDate: day }));
  return { day, ...files };
}
