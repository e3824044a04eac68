import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = path.join(PROJECT_ROOT, 'dist', 'renderer');

const LOCK_DIR = path.join(PROJECT_ROOT, 'dist', '.renderer-build.lock');
const STALE_LOCK_MS = 10 * 60_000;

export class RendererBuildError extends Error {
  override name = 'RendererBuildError';
}

/**
 * Makes sure dist/renderer/index.html exists, building it with Vite when it does not. Several terminals started
 * together (the e2e tests start three) would otherwise run Vite into the same emptied directory at once, so one
 * process builds under a lock directory and the others wait for it.
 */
export async function ensureRendererBuilt(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const index = path.join(RENDERER_DIR, 'index.html');
  while (!existsSync(index)) {
    if (await tryLock()) {
      try {
        if (!existsSync(index)) await runVite(log);
      } finally {
        await rm(LOCK_DIR, { recursive: true, force: true });
      }
    } else {
      // Polling a file another process is writing: there is no event to wait on across processes.
      await delay(250);
    }
  }
  return RENDERER_DIR;
}

async function tryLock(): Promise<boolean> {
  await mkdir(path.dirname(LOCK_DIR), { recursive: true });
  try {
    await mkdir(LOCK_DIR);
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    const age = await stat(LOCK_DIR).then((s) => Date.now() - s.mtimeMs, () => 0);
    // A builder that crashed leaves its lock behind; take over once it is clearly abandoned.
    if (age > STALE_LOCK_MS) await rm(LOCK_DIR, { recursive: true, force: true });
    return false;
  }
}

async function runVite(log: (line: string) => void): Promise<void> {
  log('The renderer is not built yet (dist/renderer/index.html is missing); building it with Vite…');
  try {
    const { build } = await import('vite');
    // What a terminal runs is the production build, whatever NODE_ENV the host was started with (a test runner sets
    // "test", which Vite would honour with React's development build and RxDB's dev-mode).
    process.env.NODE_ENV = 'production';
    await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), root: path.join(PROJECT_ROOT, 'renderer'), logLevel: 'warn' });
  } catch (err) {
    throw new RendererBuildError(`Could not build the renderer (${err instanceof Error ? err.message : String(err)}). Run \`npm run build\` and try again.`);
  }
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new RendererBuildError('Vite finished but dist/renderer/index.html is missing. Run `npm run build` and check its output.');
  }
  log('Renderer built.');
}
