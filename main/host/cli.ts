/**
 * npm run terminal -- --server URL [--enroll-code CODE] [--reenroll] [--name NAME] [--web] [--kiosk] [--port N] [--data-dir DIR]
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
import { plainBox } from '../pins/secret-box.js';
import { isBrokenStore, moveBrokenStoresAside, openSecretStores, recoveryText } from '../secrets/recovery.js';
import { SettingsError, SettingsStore } from '../settings/index.js';
import { browserModeLine, electronBinary, launchElectron } from './electron.js';
import { provision } from './provision.js';
import { ensureRendererBuilt, PROJECT_ROOT, RendererBuildError } from './renderer-build.js';
import { startWebHost } from './server.js';
import { createTerminalLogs, type TerminalLogs } from '../logs/index.js';

const USAGE = `Usage: npm run terminal -- --server URL [--enroll-code CODE] [--reenroll] [--name NAME] [--web] [--kiosk] [--port N] [--data-dir DIR]
  --server URL        central server address, e.g. http://10.0.0.5:8787
  --enroll-code CODE  single-use enrollment code (needed once per data directory)
  --reenroll          the stored credential or PIN verifiers cannot be used: move the unusable files aside
                      (NAME.broken-TIMESTAMP) and enroll afresh with --enroll-code
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
        reenroll: { type: 'boolean', default: false },
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
  if (values.reenroll && values['enroll-code'] === undefined) throw new UsageError('--reenroll needs --enroll-code CODE (a new code from head office)');
  return {
    help: values.help,
    server: values.server,
    enrollCode: values['enroll-code'],
    reenroll: values.reenroll,
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
  const terminalLogs = createTerminalLogs(args.dataDir);
  logs = terminalLogs;
  const runtime = args.web ? null : electronBinary();
  const electron = runtime && 'path' in runtime ? runtime.path : null;
  // Browser mode has no OS secret store: the credential and the verifiers are plain 0600 files (README). An
  // Electron main side seals them with safeStorage itself; a plain file provisioned here is sealed on its start.
  const box = plainBox;
  if (args.reenroll) {
    const moved = await moveBrokenStoresAside(args.dataDir, box);
    log(moved.length ? `Moved aside: ${moved.join(', ')}` : 'Nothing unusable to move aside; enrolling afresh');
  }
  try {
    if ((await openSecretStores(args.dataDir, box)).migrated) log('settings.json of version 1 rewritten as version 2 (the credential in its own envelope)');
  } catch (err) {
    if (!isBrokenStore(err)) throw err;
    // Sealed by the Electron app's safeStorage, which only it can open: it checks the stores itself on start (and
    // shows its dialog if they are broken). Nothing is provisioned from here then.
    if (electron && !args.enrollCode && (err.code === 'CREDENTIAL_UNDECRYPTABLE' || err.code === 'PIN_VERIFIERS_UNDECRYPTABLE')) {
      log(`Data directory: ${args.dataDir} (sealed by the Electron app; it checks it on start)`);
      return runElectron(electron, args.dataDir, args.kiosk);
    }
    // Never served, never reset: the person reads what is wrong and the command that re-enrolls.
    log(`Error (${err.code}): ${recoveryText(err, args.dataDir, 'command')}`);
    return 1;
  }
  const settings = new SettingsStore(args.dataDir, box);
  const ops = createStoreOps({ settings, mode: electron ? 'electron' : 'web', version, secretBox: box, logs: terminalLogs });

  const { outcome, settings: state } = await provision(ops, settings, args);
  const where = state.device ? `device ${state.device.deviceName} (${state.device.deviceId}) of store ${state.device.storeId}` : '';
  if (outcome === 'enrolled') log(`Enrolled ${where} with ${state.serverUrl}`);
  if (outcome === 'already-enrolled') log(`Already enrolled: ${where} with ${state.serverUrl}`);
  if (outcome === 'not-enrolled') log('Not enrolled yet: enroll from the terminal screen, or pass --enroll-code');
  log(`Data directory: ${args.dataDir}`);

  // The Electron process has a main side of its own, which fetches the PIN verifiers and seals them.
  if (electron) return runElectron(electron, args.dataDir, args.kiosk);

  // STORE_OPS_RENDERER_DIR serves a renderer built elsewhere (tests use a stub page to stay independent of Vite).
  const rendererDir = process.env.STORE_OPS_RENDERER_DIR ? path.resolve(process.env.STORE_OPS_RENDERER_DIR) : await ensureRendererBuilt(log);
  // The PIN verifiers are fetched before the page is served, so the first sign-in can be offline.
  ops.startBackground();
  const host = await startWebHost({ ops, settings, rendererDir, port: args.port, log: terminalLogs.main });
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

async function runElectron(binary: string, dataDir: string, kiosk: boolean): Promise<number> {
  // From here the Electron process writes main.log: two writers would race each other's rotation.
  await logs?.flush();
  logs = null;
  const child = await launchElectron(binary, dataDir, kiosk);
  log('Terminal started in an Electron window');
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function isAddrInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';
}
