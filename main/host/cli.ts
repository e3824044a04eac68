/**
 * npm run terminal -- --server URL [--enroll-code CODE] [--name NAME] [--web] [--kiosk] [--port N] [--data-dir DIR]
 *
 * Provisions a terminal without clicks and starts it. In browser mode (--web, or wherever the Electron runtime
 * is missing) stdout gets exactly one line, `Terminal ready at http://127.0.0.1:PORT/`; everything else goes to
 * stderr so scripts can parse stdout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContractError } from '../contract.js';
import { createStoreOps } from '../service.js';
import { SettingsError, SettingsStore } from '../settings/index.js';
import { browserModeLine, electronBinary, launchElectron } from './electron.js';
import { provision } from './provision.js';
import { ensureRendererBuilt, PROJECT_ROOT, RendererBuildError } from './renderer-build.js';
import { startWebHost } from './server.js';
import { createTerminalLogs, type TerminalLogs } from '../logs/index.js';

const USAGE = `Usage: npm run terminal -- --server URL [--enroll-code CODE] [--name NAME] [--web] [--kiosk] [--port N] [--data-dir DIR]
  --server URL        central server address, e.g. http://10.0.0.5:8787
  --enroll-code CODE  single-use enrollment code (needed once per data directory)
  --name NAME         device name shown to admins (default: host name)
  --web               serve the terminal to a browser instead of opening an Electron window
  --kiosk             also open the customer's pickup kiosk (Electron: a second window on the second display;
                      browser mode: printed as the terminal's address with ?kiosk)
  --port N            web host port on 127.0.0.1 (default 5180; 0 picks a free port)
  --data-dir DIR      where settings and the credential live (default ./.data/terminal)`;

// Once the data directory is known, what the host says also goes to DATA_DIR/logs/main.log.
let logs: TerminalLogs | null = null;
const log = (line: string) => {
  process.stderr.write(`${line}\n`);
  logs?.main.info(line);
};

class UsageError extends Error {}

function parseCli(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        'enroll-code': { type: 'string' },
        name: { type: 'string' },
        web: { type: 'boolean', default: false },
        kiosk: { type: 'boolean', default: false },
        port: { type: 'string', default: '5180' },
        'data-dir': { type: 'string', default: path.join('.data', 'terminal') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  return {
    help: values.help,
    server: values.server,
    enrollCode: values['enroll-code'],
    name: values.name,
    web: values.web,
    kiosk: values.kiosk,
    port,
    dataDir: path.resolve(values['data-dir']),
  };
}

async function main(): Promise<number> {
  const args = parseCli(process.argv.slice(2));
  if (args.help) {
    log(USAGE);
    return 0;
  }
  const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const settings = new SettingsStore(args.dataDir);
  logs = createTerminalLogs(args.dataDir);
  const runtime = args.web ? null : electronBinary();
  const electron = runtime && 'path' in runtime ? runtime.path : null;
  const ops = createStoreOps({ settings, mode: electron ? 'electron' : 'web', version, logs });

  const { outcome, settings: state } = await provision(ops, settings, args);
  const where = state.device ? `device ${state.device.deviceName} (${state.device.deviceId}) of store ${state.device.storeId}` : '';
  if (outcome === 'enrolled') log(`Enrolled ${where} with ${state.serverUrl}`);
  if (outcome === 'already-enrolled') log(`Already enrolled: ${where} with ${state.serverUrl}`);
  if (outcome === 'not-enrolled') log('Not enrolled yet: enroll from the terminal screen, or pass --enroll-code');
  log(`Data directory: ${args.dataDir}`);

  if (electron) {
    // The Electron process has a main side of its own, which fetches the PIN verifiers and seals them.
    // From here the Electron process writes main.log: two writers would race each other's rotation.
    await logs.flush();
    logs = null;
    const child = await launchElectron(electron, args.dataDir, args.kiosk);
    log('Terminal started in an Electron window');
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }

  // STORE_OPS_RENDERER_DIR serves a renderer built elsewhere (tests use a stub page to stay independent of Vite).
  const rendererDir = process.env.STORE_OPS_RENDERER_DIR ? path.resolve(process.env.STORE_OPS_RENDERER_DIR) : await ensureRendererBuilt(log);
  // The PIN verifiers are fetched before the page is served, so the first sign-in can be offline.
  ops.startBackground();
  const host = await startWebHost({ ops, settings, rendererDir, port: args.port, log: logs.main });
  if (runtime && 'missing' in runtime) log(browserModeLine(host.url));
  process.stdout.write(`Terminal ready at ${host.url}\n`);
  if (args.kiosk) process.stdout.write(`Pickup kiosk at ${host.url}?kiosk\n`);
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping the terminal`);
      host.close().then(() => ops.closeDevices()).then(() => logs?.flush()).then(
        () => resolve(0),
        (err: unknown) => {
          log(`Error while stopping: ${String(err)}`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

const exit = (code: number) => void (logs?.flush() ?? Promise.resolve()).finally(() => process.exit(code));

main().then(
  (code) => exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) log(`Error: ${err.message}\n\n${USAGE}`);
    else if (err instanceof ContractError) log(`Error (${err.code}): ${err.message}`);
    else if (err instanceof SettingsError) log(`Error (${err.code}): ${err.message}`);
    else if (err instanceof RendererBuildError) log(`Error: ${err.message}`);
    else if (isAddrInUse(err)) log(`Error: the port is already in use; pass --port N (or --port 0 for a free one)`);
    else log(`Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    exit(err instanceof UsageError ? 2 : 1);
  },
);

function isAddrInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';
}
