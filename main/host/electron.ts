import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './renderer-build.js';

export const ELECTRON_OUT = path.join(PROJECT_ROOT, 'dist-electron', 'main');

/**
 * Path of the Electron binary when the runtime is really installed. The npm package resolves to a path even when
 * its download failed (here it always does), so the file itself must exist.
 */
export function electronBinary(): { path: string } | { missing: string } {
  let resolved: unknown;
  try {
    resolved = createRequire(import.meta.url)('electron');
  } catch (err) {
    // The package throws "Electron failed to install correctly" when the binary is missing: browser mode then.
    return { missing: err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err) };
  }
  if (typeof resolved !== 'string' || !existsSync(resolved)) return { missing: `no Electron binary at ${String(resolved)}` };
  return { path: resolved };
}

/**
 * What a person reads when there is no Electron runtime: that the browser is the terminal, and where. The package's
 * own message ("delete node_modules/electron and install again") is wrong advice on machines that cannot download
 * the runtime at all, so it is not repeated.
 */
export function browserModeLine(url: string): string {
  return `No Electron runtime on this machine: the terminal is served to the browser at ${url} (open it there)`;
}

/** Bundles main/index.ts (ESM) and main/preload.ts (CommonJS, as sandboxed preloads require) into dist-electron/main. */
export async function buildElectronMain(): Promise<void> {
  const { build } = await import('esbuild');
  const common = { bundle: true, platform: 'node', target: 'node22', external: ['electron'], sourcemap: true, logLevel: 'warning' } as const;
  await build({ ...common, external: [...common.external], entryPoints: [path.join(PROJECT_ROOT, 'main/index.ts')], outfile: path.join(ELECTRON_OUT, 'index.js'), format: 'esm' });
  await build({ ...common, external: [...common.external], entryPoints: [path.join(PROJECT_ROOT, 'main/preload.ts')], outfile: path.join(ELECTRON_OUT, 'preload.cjs'), format: 'cjs' });
}

/** Starts the Electron shell on the project with the given data directory. */
export async function launchElectron(binary: string, dataDir: string, kiosk = false): Promise<ChildProcess> {
  if (!existsSync(path.join(ELECTRON_OUT, 'index.js')) || !existsSync(path.join(ELECTRON_OUT, 'preload.cjs'))) await buildElectronMain();
  return spawn(binary, [PROJECT_ROOT], { stdio: 'inherit', env: { ...process.env, STORE_OPS_DATA_DIR: dataDir, ...(kiosk ? { STORE_OPS_KIOSK: '1' } : {}) } });
}
