/**
 * What the terminal's app.asar must hold and must not: the renderer Vite builds (dist/renderer), the bundled main
 * process and preload (dist-electron/main), and package.json. Everything else in the working tree — the centre's web
 * apps beside the renderer in dist/, bench pages, source maps, tests, node_modules, a data directory — is either not
 * the terminal's or not needed at run time (the main bundle is self-contained: esbuild leaves out only `electron`).
 */
import asar from '@electron/asar';

export const MAIN_BUNDLE = 'dist-electron/main/index.js';
export const PRELOAD = 'dist-electron/main/preload.cjs';
export const RENDERER_INDEX = 'dist/renderer/index.html';

/** The only files a package may hold: an exact path, or everything under a folder (ending in "/"). */
const ALLOWED = ['package.json', MAIN_BUNDLE, PRELOAD, 'dist/renderer/'];

/**
 * Files that are wrong wherever they appear, even inside an allowed folder, each with why — so a failure names the
 * cause (a bench build, an enabled source map) rather than only "not allowed".
 */
const FORBIDDEN: Array<{ test: (file: string) => boolean; why: string }> = [
  { test: (f) => f.endsWith('.map'), why: 'a source map' },
  { test: (f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f), why: 'a test file' },
  { test: (f) => f.split('/').includes('node_modules'), why: 'node_modules (the main bundle needs none)' },
  { test: (f) => f.split('/').includes('.data'), why: 'a data directory (.data)' },
  { test: (f) => /^dist\/bench[^/]*\//.test(f), why: 'a bench page (dist/bench*)' },
  { test: (f) => /^dist\/(console|supplier)\//.test(f), why: "one of the centre's web apps, not the terminal's" },
];

export interface PackageJsonLike {
  main?: unknown;
  type?: unknown;
}

/**
 * Problems with a package's file list (paths relative to the asar root, files only, "/" separated) and the
 * package.json inside it; empty when the package is right.
 */
export function checkPackageContents(files: readonly string[], pkgJson: PackageJsonLike): string[] {
  const problems: string[] = [];
  const present = new Set(files.map(normalize));
  for (const needed of ['package.json', RENDERER_INDEX, MAIN_BUNDLE, PRELOAD]) {
    if (!present.has(needed)) problems.push(`missing ${needed}`);
  }
  if (![...present].some((f) => f.startsWith('dist/renderer/assets/') && f.endsWith('.js'))) {
    problems.push('missing the renderer script (dist/renderer/assets/*.js)');
  }
  for (const file of [...present].sort()) {
    const forbidden = FORBIDDEN.find((rule) => rule.test(file));
    if (forbidden) problems.push(`${file} does not belong: ${forbidden.why}`);
    else if (!ALLOWED.some((a) => (a.endsWith('/') ? file.startsWith(a) : file === a))) problems.push(`${file} does not belong: not part of the terminal`);
  }
  if (typeof pkgJson.main !== 'string') {
    problems.push('package.json has no "main"');
  } else {
    const main = normalize(pkgJson.main);
    if (main !== MAIN_BUNDLE) problems.push(`package.json "main" is ${pkgJson.main}, not the main bundle ${MAIN_BUNDLE}`);
    else if (!present.has(main)) problems.push(`package.json "main" points at ${main}, which the package does not hold`);
  }
  // The main bundle is ESM in a .js file: without "type": "module" Electron would load it as CommonJS and fail.
  if (pkgJson.type !== 'module') problems.push('package.json "type" is not "module" (the main bundle is ESM)');
  return problems;
}

/** Files the renderer's index.html loads (relative ./assets/… references) that the package does not hold. */
export function missingRendererAssets(indexHtml: string, files: readonly string[]): string[] {
  const present = new Set(files.map(normalize));
  const refs = [...indexHtml.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `dist/renderer/${m[1] ?? ''}`);
  return refs.filter((ref) => !present.has(ref));
}

export interface AsarContents {
  files: string[];
  pkgJson: PackageJsonLike;
  indexHtml: string | null;
}

/** Reads an app.asar: its files (not folders), its package.json and the renderer's index.html. */
export function readAsar(asarPath: string): AsarContents {
  const entries = asar.listPackage(asarPath, { isPack: false }).map(normalize);
  const files = entries.filter((entry) => !('files' in asar.statFile(asarPath, entry, false)));
  const text = (name: string): string | null => (files.includes(name) ? asar.extractFile(asarPath, name).toString('utf8') : null);
  const pkgText = text('package.json');
  const contents = { files, pkgJson: pkgText === null ? {} : (JSON.parse(pkgText) as PackageJsonLike), indexHtml: text(RENDERER_INDEX) };
  // @electron/asar keeps the archive's header and descriptor cached; release them so the folder can be removed.
  asar.uncache(asarPath);
  return contents;
}

function normalize(file: string): string {
  return file.replaceAll('\\', '/').replace(/^\.?\//, '');
}
