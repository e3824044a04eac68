/**
 * Packages the terminal with electron-builder. The `dir` target (an unpacked app folder holding resources/app.asar)
 * works on any machine: when Electron's runtime is not installed (it cannot be downloaded here), a stand-in runtime
 * folder takes its place, which is enough to build and check app.asar — the app around it just cannot be started.
 * The configured installer targets (deb, AppImage, nsis) need electron-builder's downloads and a real runtime.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Arch, build, Platform, type AfterPackContext, type Configuration } from 'electron-builder';
import { buildElectronMain, electronBinary, ELECTRON_OUT } from '../main/host/electron.js';
import { ensureRendererBuilt, PROJECT_ROOT, RENDERER_DIR } from '../main/host/renderer-build.js';

export interface PackageOptions {
  /** Only the unpacked `dir` target (linux x64), instead of the installers electron-builder.yml configures. */
  dir: boolean;
  /** Folder for electron-builder's output; electron-builder.yml's `directories.output` (release/) when absent. */
  output?: string;
  /** Electron runtime folder to package around; for `dir`, the installed runtime or else a stand-in. */
  electronDist?: string;
}

export interface PackageResult {
  /** The unpacked app folders electron-builder made (one per platform and arch). */
  appOutDirs: string[];
  /** Installer files, for the non-`dir` targets. */
  artifacts: string[];
  /** Whether the app was packaged around a stand-in runtime (so it cannot be started). */
  standIn: boolean;
}

/** The Electron version the project is built against, as electron-builder would read it from the installed package. */
export async function installedElectronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('node_modules/electron/package.json has no version: run npm ci');
  return pkg.version;
}

/**
 * A folder shaped like Electron's linux x64 distribution as far as electron-builder looks at it: it copies the
 * folder and renames the `electron` executable to the product's. The placeholder says what it is when run.
 */
export async function makeStandInRuntime(parent: string = tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'store-ops-electron-stand-in-'));
  const exe = path.join(dir, 'electron');
  await writeFile(exe, '#!/bin/sh\necho "Store Ops was packaged with a stand-in for the Electron runtime; install the real runtime and package again." >&2\nexit 1\n');
  await chmod(exe, 0o755);
  return dir;
}

/**
 * Builds what the package takes. `fresh` rebuilds both (a person packaging wants the current code); otherwise each
 * is built only when missing, so a test does not rewrite dist/renderer under other tests that serve it.
 */
export async function buildInputs(fresh: boolean, log: (line: string) => void): Promise<void> {
  if (fresh) {
    log('Building the renderer (vite build)…');
    const { build: viteBuild } = await import('vite');
    // The production build, whatever NODE_ENV the caller has (as main/host/renderer-build.ts explains).
    process.env.NODE_ENV = 'production';
    await viteBuild({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), root: path.join(PROJECT_ROOT, 'renderer'), logLevel: 'warn' });
  } else {
    await ensureRendererBuilt(log);
  }
  if (fresh || !existsSync(path.join(ELECTRON_OUT, 'index.js')) || !existsSync(path.join(ELECTRON_OUT, 'preload.cjs'))) {
    log('Bundling the main process and preload (esbuild)…');
    await buildElectronMain();
  }
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer/index.html is missing after the build');
}

/** Runs electron-builder on the project with electron-builder.yml and the given overrides. */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const appOutDirs: string[] = [];
  let electronDist = options.electronDist;
  let standIn = false;
  let standInDir: string | null = null;
  if (options.dir && electronDist === undefined) {
    const installed = electronBinary();
    if ('path' in installed) {
      electronDist = path.dirname(installed.path);
    } else {
      standInDir = await makeStandInRuntime();
      electronDist = standInDir;
      standIn = true;
    }
  }
  const config: Configuration = {
    // Never rebuild native modules: the main bundle needs none, and a rebuild would download Electron's headers.
    npmRebuild: false,
    nodeGypRebuild: false,
    ...(electronDist === undefined ? {} : { electronDist, electronVersion: await installedElectronVersion() }),
    ...(options.output === undefined ? {} : { directories: { output: options.output } }),
    afterPack: (context: AfterPackContext) => {
      appOutDirs.push(context.appOutDir);
    },
  };
  try {
    const artifacts = await build({
      projectDir: PROJECT_ROOT,
      ...(options.dir ? { targets: Platform.LINUX.createTarget('dir', Arch.x64) } : {}),
      config,
      publish: 'never',
    });
    return { appOutDirs, artifacts, standIn };
  } finally {
    if (standInDir !== null) await rm(standInDir, { recursive: true, force: true });
  }
}

/** The app.asar inside an unpacked app folder (linux and windows layout). */
export function asarIn(appOutDir: string): string {
  return path.join(appOutDir, 'resources', 'app.asar');
}
