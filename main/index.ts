import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { pinnedServerUrl } from './csp.js';
import { createStoreOps } from './service.js';
import { SettingsStore } from './settings/index.js';
import { registerContract } from './ipc.js';
import { electronSecretBox } from './pins/electron-box.js';
import { electronInstaller } from './updates/electron-installer.js';
import { secretStoresOpenOrStop } from './secrets/electron-stop.js';
import { createKioskWindow, createMainWindow, registerAppScheme, serveRenderer } from './window.js';
import { createTerminalLogs } from './logs/index.js';
import { CrashNotes } from './support/crashes.js';

// A data dir given by `npm run terminal` (or an installer) also moves Chromium's profile, so the terminal's
// IndexedDB lives beside its settings and two terminals on one machine stay apart.
const dataDirOverride = process.env.STORE_OPS_DATA_DIR;
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

registerAppScheme();

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (err: unknown) => {
    console.error('Store Ops failed to start:', err);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // Main's own lines go to DATA_DIR/logs/main.log (and the console, for whoever started it from a shell).
  const logs = createTerminalLogs(dataDir, { echo: (line) => console.log(line) });
  const crashes = new CrashNotes();
  logs.main.info(`Store Ops ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}), data directory ${dataDir}`);
  // safeStorage is asked only now: before 'ready' it cannot tell whether the OS offers encryption.
  const secretBox = electronSecretBox();
  // A corrupt or undecryptable settings file or verifier cache stops the start with its message and a way to
  // re-enroll, never papered over with defaults; a plain token of an older version is sealed here.
  if (!(await secretStoresOpenOrStop(dataDir, secretBox))) return;
  const settings = new SettingsStore(dataDir, secretBox);
  const ops = createStoreOps({
    settings, mode: 'electron', version: app.getVersion(), secretBox, logs, crashes,
    // Updates from the centre (main/updates/): checked on start and every four hours, installed when idle.
    updates: { installer: electronInstaller() },
  });
  ops.startBackground();
  // The serial ports and serial-server connections of the locker buses go with the app.
  app.on('before-quit', () => void ops.closeDevices().catch((err: unknown) => logs.main.error('closing the locker buses failed', err)));
  registerContract(ops, logs.main);
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'), async () => pinnedServerUrl(await settings.load()));
  const windows = { preloadPath: path.join(import.meta.dirname, 'preload.cjs'), dataDir, log: logs.main, crashes };
  mainWindow = await createMainWindow(windows);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // `npm run terminal -- --kiosk` (or an installer's shortcut) adds the customer's pickup screen.
  if (process.env.STORE_OPS_KIOSK === '1') createKioskWindow(windows);
}
