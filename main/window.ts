import { BrowserWindow, protocol, screen, session, shell } from 'electron';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from './csp.js';
import { TERMINAL_APP_ORIGIN } from '../sync/protocol/sync.js';
import type { Logger } from './logs/index.js';
import type { CrashNotes } from './support/crashes.js';
import { AtomicFile } from './settings/atomic-file.js';
import { kioskDisplay, parseWindowState, terminalPlacement, type DisplayInfo, type SavedWindowState } from './window-placement.js';

/** The renderer is served from a private, standard scheme so that it has a real origin and CSP headers. */
export const APP_SCHEME = 'app';
/** `${APP_SCHEME}://terminal`; declared in the protocol because the central server's CORS allowlist needs it too. */
export const APP_ORIGIN = TERMINAL_APP_ORIGIN;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves dist/renderer under app://terminal/, with the CSP computed from the current settings on every load. */
export function serveRenderer(rendererDir: string, currentServerUrl: () => Promise<string | null>): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${rel}`);
    if (url.host !== 'terminal' || !file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      const headers = { ...securityHeaders(await currentServerUrl()), 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' };
      return new Response(body, { status: 200, headers });
    } catch (err) {
      return new Response(`Not found: ${String(err)}`, { status: 404 });
    }
  });
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** What the shell gives the windows: where to keep the staff window's bounds, the log, the crash notes. */
export interface WindowContext {
  preloadPath: string;
  dataDir: string;
  log: Logger;
  crashes: CrashNotes;
}

function displays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea }));
}

/**
 * The staff window: full screen on its display, where it was left last time (DATA_DIR/window-state.json); the
 * rules are main/window-placement.ts. Its normal bounds are saved as they change and when it closes.
 */
export async function createMainWindow(ctx: WindowContext): Promise<BrowserWindow> {
  const stateFile = new AtomicFile(ctx.dataDir, WINDOW_STATE_FILE);
  const saved = parseWindowState(await stateFile.read().catch(() => null));
  const place = terminalPlacement(saved, displays(), screen.getPrimaryDisplay().id);
  const win = new BrowserWindow({
    ...place.bounds,
    minWidth: 1024,
    minHeight: 640,
    fullscreen: place.fullScreen,
    show: false,
    title: 'Store Ops',
    webPreferences: webPreferences(ctx.preloadPath),
  });
  lockDown(win);
  reloadAfterCrash(win, 'terminal', ctx);
  let timer: NodeJS.Timeout | undefined;
  const stateNow = (): string | null => {
    if (win.isDestroyed()) return null;
    const bounds = win.getNormalBounds();
    const state: SavedWindowState = { version: 1, bounds, displayId: screen.getDisplayMatching(bounds).id, fullScreen: win.isFullScreen() };
    return `${JSON.stringify(state)}\n`;
  };
  const save = () => {
    const text = stateNow();
    if (text) void stateFile.write(text).catch((err: unknown) => ctx.log.warn('saving the window position failed', err));
  };
  // Moving a window fires many events: the position is saved once it has rested for a second.
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('enter-full-screen', later);
  win.on('leave-full-screen', later);
  // On close the app is about to quit and would not wait for an async write: this one is synchronous. A torn file
  // (power cut right then) reads as nothing saved, which only opens the window afresh.
  win.on('close', () => {
    clearTimeout(timer);
    const text = stateNow();
    try {
      if (text) writeFileSync(stateFile.file, text, { mode: 0o600 });
    } catch (err) {
      ctx.log.warn('saving the window position failed', err);
    }
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/**
 * The customer kiosk (issue 10): the same renderer at `?kiosk`, full screen in kiosk mode on the second display when
 * there is one (the customer-facing screen by the lockers), else on the first. Same origin and profile as the staff
 * window, so it reads the same database, which the staff window keeps in sync.
 */
export function createKioskWindow(ctx: WindowContext): BrowserWindow {
  const target = kioskDisplay(displays(), screen.getPrimaryDisplay().id);
  const win = new BrowserWindow({
    ...target.bounds,
    kiosk: true,
    show: false,
    title: 'Store Ops pickup',
    webPreferences: webPreferences(ctx.preloadPath),
  });
  lockDown(win);
  reloadAfterCrash(win, 'kiosk', ctx);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html?kiosk`);
  return win;
}

/**
 * A renderer that dies (a crash, out of memory, killed) leaves a blank window at a till. The page is reloaded,
 * unless it keeps dying (CrashNotes' limit); the crash is logged and the reloaded page tells the operator
 * (contract lastCrash()).
 */
function reloadAfterCrash(win: BrowserWindow, kind: 'terminal' | 'kiosk', ctx: WindowContext): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const crash = ctx.crashes.record({ at: new Date().toISOString(), window: kind, reason: details.reason, exitCode: details.exitCode });
    ctx.log.error(`the ${kind} page's renderer is gone (${details.reason}, exit code ${details.exitCode}); ${crash.reloaded ? 'reloading it' : 'not reloading: it crashed too often in a minute'}`);
    if (crash.reloaded && !win.isDestroyed()) win.webContents.reload();
  });
  win.webContents.on('unresponsive', () => ctx.log.warn(`the ${kind} page is not responding`));
  win.webContents.on('responsive', () => ctx.log.info(`the ${kind} page responds again`));
}

function webPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** No remote content: the window never leaves the app's origin, opens no windows and gets no permissions. */
function lockDown(win: BrowserWindow): void {
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Help links may open in the system browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
