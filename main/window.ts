import { BrowserWindow, protocol, screen, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from './csp.js';
import { TERMINAL_APP_ORIGIN } from '../sync/protocol/sync.js';

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

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Store Ops',
    webPreferences: webPreferences(preloadPath),
  });
  lockDown(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/**
 * The customer kiosk (issue 10): the same renderer at `?kiosk`, full screen in kiosk mode on the second display when
 * there is one (the customer-facing screen by the lockers), else on the first. Same origin and profile as the staff
 * window, so it reads the same database, which the staff window keeps in sync.
 */
export function createKioskWindow(preloadPath: string): BrowserWindow {
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const target = displays.find((d) => d.id !== primary.id) ?? primary;
  const win = new BrowserWindow({
    x: target.bounds.x,
    y: target.bounds.y,
    width: target.bounds.width,
    height: target.bounds.height,
    kiosk: true,
    show: false,
    title: 'Store Ops pickup',
    webPreferences: webPreferences(preloadPath),
  });
  lockDown(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html?kiosk`);
  return win;
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
