/**
 * npm start: the whole system on one machine. A central server on embedded PGlite (./.data/demo/server) with the
 * demo store, its staff (names and PINs are printed), its catalogue and a trickle of orders, and a terminal enrolled to it: an Electron window where the
 * runtime exists, otherwise the web host, whose address is printed. Safe to restart; Ctrl-C stops everything.
 * A printer simulator (raw TCP, like a port-9100 label printer) keeps every label printed in ./.data/demo/labels, and
 * the terminal has it configured as its label printer unless one is already set up.
 * The shelves are stocked by deliveries booked in on that terminal (scripts/demo-stock.ts): one at start for whatever
 * is short, and one every DELIVERY_INTERVAL_MS while the orders keep coming.
 * A parcel-locker simulator (Kerong CU16 boards behind a TCP serial server, scripts/demo-locker.ts) is the terminal's
 * locker bank of 16 compartments of mixed sizes; its doors close on their own, and standard input takes its commands.
 * Env: PORT (server, 8787), TERMINAL_PORT (web host, 5180), PRINTER_PORT (simulator, 9100), LOCKER_PORT (4001),
 * LOCKER_AUTO_CLOSE_MS (20000; 0 keeps doors open until "close N"), ADMIN_TOKEN, PLATFORM_API_KEY
 * (32 characters at least), CORS_ORIGINS (the demo terminal's origins), ORDER_INTERVAL_MS (20000),
 * DELIVERY_INTERVAL_MS (600000).
 * The platform's side of webhooks (scripts/demo-webhooks.ts): a local receiver registered for every event type,
 * which checks each callback's signature and logs it.
 * The head-office console at /console/ (scripts/demo-console.ts): an admin, a finance clerk and the store's manager
 * (passwords printed), and today's WeChat Pay and Alipay bill files in ./.data/demo/bills to import and match.
 * Concession counters and the supplier portal at /supplier/ (scripts/demo-settlement.ts): two suppliers, three
 * counters, last month's statements issued; the suppliers' first passwords are printed (kept in suppliers.json).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { buildServer } from '../sync/server/app.js';
import { openDb } from '../sync/server/db/index.js';
import { DEFAULT_WINDOW } from '../sync/model/window.js';
import { apiRoutes } from '../sync/protocol/platform.js';
import { useBaselineWasmCompiler } from '../sync/server/db/pglite.js';
import { DEFAULT_CORS_ORIGINS, parseCorsOrigins } from '../sync/server/edge/cors.js';
import { TERMINAL_APP_ORIGIN } from '../sync/protocol/sync.js';
import { createStoreOps } from '../main/service.js';
import { SettingsStore } from '../main/settings/index.js';
import { provision } from '../main/host/provision.js';
import { startDemoWebhookReceiver } from './demo-webhooks.js';
import { startWebHost, type WebHost } from '../main/host/server.js';
import { browserModeLine, electronBinary, launchElectron } from '../main/host/electron.js';
import { ensureRendererBuilt, PROJECT_ROOT } from '../main/host/renderer-build.js';
import { createRng, DEMO_OPERATORS, DEMO_STORE, demoCatalogue, makeDemoBacklog, makeDemoOrder } from './demo-data.js';
import { PlatformClient } from './demo-api.js';
import { receiver, restockDemoStore } from './demo-stock.js';
import { startPrinterSimulator, type PrinterSimulator } from '../main/devices/printer/simulator.js';
import type { StoreOpsContract } from '../main/contract.js';
import { startDemoLocker, useDemoLocker, type DemoLocker } from './demo-locker.js';
import { orderWaitingInLocker } from './demo-pickup.js';
import { demoConsoleUsers, writeDemoBills, type DemoConsoleUser } from './demo-console.js';
import { demoSettlement, type DemoSettlement } from './demo-settlement.js';

const DATA = path.join(PROJECT_ROOT, '.data', 'demo');
const port = Number(process.env.PORT ?? 8787);
const terminalPort = Number(process.env.TERMINAL_PORT ?? 5180);
const orderIntervalMs = Number(process.env.ORDER_INTERVAL_MS ?? 20_000);
const printerPort = Number(process.env.PRINTER_PORT ?? 9100);
const deliveryIntervalMs = Number(process.env.DELIVERY_INTERVAL_MS ?? 600_000);
const lockerPort = Number(process.env.LOCKER_PORT ?? 4001);
const lockerAutoCloseMs = Number(process.env.LOCKER_AUTO_CLOSE_MS ?? 20_000);
const log = (line: string) => console.log(line);

/** A configured secret is used as it is (the server refuses one under 32 characters); else a long random one. */
function secret(name: 'ADMIN_TOKEN' | 'PLATFORM_API_KEY', prefix: string): { value: string; generated: boolean } {
  const given = process.env[name];
  return given ? { value: given, generated: false } : { value: `${prefix}-${randomBytes(32).toString('base64url')}`, generated: true };
}

/**
 * The only page that calls the demo's server is its own terminal: the Electron window (app://terminal) or the web
 * host on TERMINAL_PORT, whose renderer replicates from the server directly. CORS_ORIGINS overrides; with
 * TERMINAL_PORT=0 the port is not known before the host listens, so any loopback origin is let in.
 */
function corsOrigins(): readonly string[] {
  if (process.env.CORS_ORIGINS) return parseCorsOrigins(process.env.CORS_ORIGINS);
  if (terminalPort === 0) return DEFAULT_CORS_ORIGINS;
  return [TERMINAL_APP_ORIGIN, `http://127.0.0.1:${terminalPort}`, `http://localhost:${terminalPort}`];
}

/** The head-office console's pages (dist/console), built once like the terminal's renderer. */
async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(path.join(PROJECT_ROOT, 'dist', 'console', 'index.html'))) return;
  log('The console is not built yet; building it with Vite…');
  const { build } = await import('vite');
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.console.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  await ensureRendererBuilt(log);
  await ensureConsoleBuilt();

  const admin = secret('ADMIN_TOKEN', 'admin');
  const platformKey = secret('PLATFORM_API_KEY', 'platform');
  useBaselineWasmCompiler(); // the embedded database's memory (sync/server/db/pglite.ts)
  const db = await openDb({ dataDir: path.join(DATA, 'server') });
  // Terminal updates served from here (UPDATES_DIR of a real centre); empty until someone publishes a build.
  const updatesDir = path.join(DATA, 'updates');
  mkdirSync(updatesDir, { recursive: true });
  const server = await buildServer({ db, adminToken: admin.value, platformApiKey: platformKey.value, corsOrigins: corsOrigins(), updatesDir });
  await server.listen({ host: '127.0.0.1', port });
  const serverUrl = `http://127.0.0.1:${port}`;
  log(`Central server at ${serverUrl} (PGlite in ${path.join(DATA, 'server')}; API description at ${serverUrl}/openapi.json)`);
  if (admin.generated) log(`  ADMIN_TOKEN=${admin.value}`);
  if (platformKey.generated) log(`  PLATFORM_API_KEY=${platformKey.value}`);

  const api = new PlatformClient(serverUrl, admin.value, platformKey.value);
  const hooks = await startDemoWebhookReceiver(serverUrl, platformKey.value, log);
  log(`A demo platform receives signed webhooks at ${hooks.webhook.url} (webhook ${hooks.webhook.id}); each callback is logged`);
  await api.upsertStore(DEMO_STORE);
  const catalogue = demoCatalogue();
  await api.upsertProducts(DEMO_STORE.id, catalogue);
  log(`Store ${DEMO_STORE.id} "${DEMO_STORE.name}" with ${catalogue.length} products`);
  const staff = await api.upsertOperators(DEMO_STORE.id, DEMO_OPERATORS);
  log(`Operators of ${DEMO_STORE.id}: ${DEMO_OPERATORS.length} (${staff.upserted} written, ${staff.unchanged} already so)`);

  const runId = Date.now().toString(36).toUpperCase();
  const rng = createRng(Date.now());
  let seq = 0;
  const backlog = makeDemoBacklog(30, { catalogue, rng, runId, now: new Date() });
  for (const order of backlog) await api.postOrder(order);
  seq = backlog.length;
  log(`Posted ${backlog.length} orders; one more every ${Math.round(orderIntervalMs / 1000)} s`);
  log(
    `The terminal holds open orders and ${DEFAULT_WINDOW.historyDays} days of finished ones; older work stays at the centre ` +
      `(Activity, F3: "Older days from the centre"). Move finished work out now: ` +
      `curl -X POST -H "authorization: Bearer $ADMIN_TOKEN" ${serverUrl}${apiRoutes.windowSweep(DEMO_STORE.id)}`,
  );
  const consoleUsers = await demoConsoleUsers(db, DATA, DEMO_STORE.id);
  const bills = await writeDemoBills(backlog, path.join(DATA, 'bills'), new Date());
  const settlement = await settleDemoMonth(db, serverUrl, consoleUsers, catalogue);
  const showConsole = () => {
    log(`Head-office console at ${serverUrl}/console/ (zh-CN or English); sign in as:`);
    for (const u of consoleUsers) log(`  ${u.name.padEnd(8)} ${u.password}  (${u.role}${u.storeIds ? ` of ${u.storeIds.join(', ')}` : ''})`);
    log(`  Today's payment bills to import (Reconciliation › Import a bill), then Match on Exceptions for ${bills.day}:`);
    log(`    WeChat Pay: ${bills.wechat}`);
    log(`    Alipay:     ${bills.alipay}`);
    log('  The day close is F10 on the terminal; closed days show under Reports › Day closes.');
    log(`  Terminal updates: drop electron-builder's output (latest*.yml and its files) in ${updatesDir}; set who gets it under Administration › Terminal updates.`);
    if (settlement) showSupplierPortal(settlement);
  };
  const pickup = backlog.find((o) => o.fulfilment.type === 'pickup');
  if (pickup) {
    log(
      `Pickup order ${pickup.id}: once it is ready (Orders, F1), the platform fetches the code and QR to send its customer ` +
        `(409 PICKUP_NOT_READY until then): curl -H "authorization: Bearer $PLATFORM_API_KEY" ${serverUrl}${apiRoutes.pickupPass(pickup.id)}`,
    );
  }
  const trickle = setInterval(() => {
    const order = makeDemoOrder({ catalogue, rng, runId, placedAt: new Date(), seq: ++seq });
    api.postOrder(order).then(
      () => log(`New order ${order.id} (${order.fulfilment.type}, ${order.fulfilment.slot.kind}, ${order.payment.method}, ${order.lines.length} lines)`),
      (err: unknown) => console.error(`Could not post order ${order.id}: ${String(err)}`),
    );
  }, orderIntervalMs);

  const printer = await startPrinterSimulator({ port: printerPort, dir: path.join(DATA, 'labels') });
  log(`Label printer simulator at ${printer.host}:${printer.port}; labels land in ${path.join(DATA, 'labels')}`);
  const locker = await startDemoLocker(lockerPort, lockerAutoCloseMs, log);
  const terminal = await startTerminal(api, serverUrl, printer, locker);
  const goodsIn = receiver(DEMO_OPERATORS);
  const deliver = async (what: string) => {
    const { token } = await terminal.ops.getSyncCredential();
    const got = await restockDemoStore({ serverUrl, token, catalogue, operatorId: goodsIn.id });
    if (got.products > 0) log(`${what}: ${got.units} units of ${got.products} products booked in on the terminal by ${goodsIn.name}`);
  };
  await deliver('Delivery from the distribution centre');
  log(`Every product has stock available; a delivery every ${Math.round(deliveryIntervalMs / 60_000)} min tops up what orders took`);
  const deliveries = setInterval(() => {
    deliver('Delivery').catch((err: unknown) => console.error(`Could not book a delivery in: ${String(err)}`));
  }, deliveryIntervalMs);
  showConsole();
  logSignIn();
  await showKioskOrder(api, serverUrl, terminal.ops, makeDemoOrder({ catalogue, rng, placedAt: new Date(), seq: 999, runId })).catch((err: unknown) =>
    console.error(`Could not put the demo's pickup order in the locker: ${String(err)}`),
  );

  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: shutting down`);
    clearInterval(trickle);
    clearInterval(deliveries);
    terminal.electron?.kill('SIGTERM');
    await terminal.host?.close();
    await printer.close();
    await locker.close();
    await server.close();
    await hooks.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  terminal.electron?.on('exit', () => void shutdown('Terminal window closed'));
}

/**
 * The concession counters' month (scripts/demo-settlement.ts), made as the demo's finance user; a failure is
 * reported and the rest of the demo runs on without it.
 */
async function settleDemoMonth(db: Awaited<ReturnType<typeof openDb>>, serverUrl: string, users: readonly DemoConsoleUser[], catalogue: ReturnType<typeof demoCatalogue>): Promise<DemoSettlement | null> {
  const finance = users.find((u) => u.role === 'finance') ?? users.find((u) => u.role === 'admin');
  if (!finance) {
    log('No demo finance user whose password is known: the concession counters and the supplier portal are not set up');
    return null;
  }
  try {
    return await demoSettlement({ db, serverUrl, dataDir: DATA, storeId: DEMO_STORE.id, catalogue, finance, now: new Date() });
  } catch (err) {
    console.error(`Could not set up the concession counters' month: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

function showSupplierPortal(s: DemoSettlement): void {
  log(`Concession counters: statements of ${s.period.label} (${s.period.from} – ${s.period.to}) issued under Concessions › Statements.`);
  log(`Supplier portal at ${s.portal}; sign in with the supplier code and its first password (changed at the first sign-in):`);
  for (const sup of s.suppliers) log(`  ${sup.code.padEnd(8)} ${sup.password}  (${sup.name})`);
}

/** Last, so it is on screen when the terminal is: who can sign in, and how. */
function logSignIn(): void {
  const idle = DEMO_STORE.settings?.idleLockSeconds;
  log(`Sign in on the terminal (choose a name or type/scan the badge, then the PIN)${idle ? `; it locks after ${idle} s idle` : ''}:`);
  for (const o of DEMO_OPERATORS) log(`  PIN ${o.pin.padEnd(6)}  badge ${o.badge}  ${o.roles.join(', ').padEnd(8)}  ${o.name}`);
  log('  Stock adjustments by a picker, packer or counter need the manager\'s PIN on the same screen.');
  log('  Counter (F7) hands over ready pickup orders and takes cash on delivery; Couriers (F8) dispatches runs and takes');
  log(`  couriers back: scan the courier's badge (${DEMO_OPERATORS.filter((o) => o.roles.includes('courier')).map((o) => o.badge).join(', ')}). A different amount needs the manager's PIN.`);
}

/** A paid pickup order already in compartment 3 of the demo locker, with the code to type at the kiosk. */
async function showKioskOrder(api: PlatformClient, serverUrl: string, ops: StoreOpsContract, generated: ReturnType<typeof makeDemoOrder>): Promise<void> {
  const manager = DEMO_OPERATORS.find((o) => o.roles.includes('manager'));
  const { token, deviceId } = await ops.getSyncCredential();
  if (!manager) return;
  const order = { ...generated, fulfilment: { type: 'pickup' as const, slot: generated.fulfilment.slot }, payment: { ...generated.payment, method: 'online' as const, paid: true, provider: 'wechat' as const } };
  const compartment = { bankId: 'front', number: 3 };
  const code = await orderWaitingInLocker({ api, serverUrl, token, deviceId, operatorId: manager.id, order, compartment });
  log(`Kiosk: pickup order ${order.id} waits in compartment ${compartment.number} of the front locker; type its code ${code} at the kiosk (works with the server stopped too)`);
}

/**
 * The simulator as the terminal's label printer, unless someone has changed this terminal's printers (the change
 * log says so: they may have removed the demo's on purpose). Set up in the name of the store's manager.
 */
async function usePrinterSimulator(ops: StoreOpsContract, printer: PrinterSimulator): Promise<void> {
  if ((await ops.listPrinters()).length > 0 || (await ops.listTerminalChanges({ limit: 1 })).length > 0) return;
  const manager = DEMO_OPERATORS.find((o) => o.roles.includes('manager'));
  if (!manager) throw new Error('the demo store has no manager to set up its printer');
  await ops.savePrinter({ id: 'demo-zpl', name: 'Demo label printer (simulated)', kind: 'raw-tcp', host: printer.host, port: printer.port, language: 'zpl', size: '100x150', dpi: 203 }, { operatorId: manager.id });
}

async function startTerminal(api: PlatformClient, serverUrl: string, printer: PrinterSimulator, locker: DemoLocker): Promise<{ ops: StoreOpsContract; host?: WebHost; electron?: ChildProcess }> {
  const dataDir = path.join(DATA, 'terminal');
  const settings = new SettingsStore(dataDir);
  const runtime = electronBinary();
  const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const ops = createStoreOps({ settings, mode: 'path' in runtime ? 'electron' : 'web', version });

  const current = await settings.load();
  const valid = current.token !== null && current.serverUrl === serverUrl && (await api.tokenWorks(current.token));
  if (valid) {
    await provision(ops, settings, { server: serverUrl });
  } else {
    const { code } = await api.issueEnrollmentCode(DEMO_STORE.id);
    await provision(ops, settings, { server: serverUrl, enrollCode: code, name: 'Demo terminal' });
  }
  await usePrinterSimulator(ops, printer);
  const manager = DEMO_OPERATORS.find((o) => o.roles.includes('manager'));
  if (!manager) throw new Error('the demo store has no manager to set up its locker');
  await useDemoLocker(ops, locker, manager.id, log);
  const device = (await ops.getSettings()).device;
  log(`Terminal enrolled as ${device?.deviceName} (${device?.deviceId}) of ${device?.storeId}; data in ${dataDir}`);

  if ('path' in runtime) {
    const electron = await launchElectron(runtime.path, dataDir, true);
    log('Terminal opened in an Electron window, with the customer pickup kiosk as a second window (kiosk mode)');
    return { ops, electron };
  }
  // The web host's main side fetches and keeps the PIN verifiers (Electron's does the same in its own process).
  ops.startBackground();
  const host = await startWebHost({ ops, settings, rendererDir: await ensureRendererBuilt(log), port: terminalPort });
  log(browserModeLine(host.url));
  log(`Terminal ready at ${host.url}`);
  log(`Customer pickup kiosk at ${host.url}?kiosk (load a packed pickup order on Lockers, F9, then type its code here)`);
  log('Ctrl-C stops the demo.');
  return { ops, host };
}

main().catch((err: unknown) => {
  if ((err as { code?: unknown }).code === 'EADDRINUSE') {
    console.error(`Demo failed: ${(err as Error).message}. Is the demo already running? Otherwise set PORT / TERMINAL_PORT.`);
    process.exit(1);
  }
  console.error(`Demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
