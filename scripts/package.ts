/**
 * Packages the store terminal: `npm run package -- --dir` builds the renderer and the main bundle, makes the
 * unpacked app (release/linux-unpacked, around a stand-in runtime when Electron's is not installed), checks what its
 * app.asar holds and prints it with its size. Without --dir it makes the installers electron-builder.yml configures
 * (deb and AppImage on Linux, nsis on Windows), which needs electron-builder's downloads.
 * Options: --out DIR (instead of release/), --no-build (package dist/ and dist-electron/ as they are).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { asarIn, buildInputs, packageApp } from './package-build.js';
import { checkPackageContents, missingRendererAssets, readAsar } from './package-contents.js';

const { values } = parseArgs({
  options: { dir: { type: 'boolean', default: false }, out: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});
const log = (line: string): void => console.log(line);
/** A path as a person would type it: relative to here when inside, absolute otherwise. */
const shown = (file: string): string => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file) || '.');

await buildInputs(!values['no-build'], log);
const options = { dir: values.dir, ...(values.out === undefined ? {} : { output: path.resolve(values.out) }) };
const result = await packageApp(options).catch((err: unknown) => {
  // The installers fail deep inside a download when the machine is offline; say what that means here.
  if (!values.dir) console.error('The installers need Electron and electron-builder\'s tools downloaded; where that is impossible, `npm run package -- --dir` still builds and checks the app.');
  throw err;
});

let failed = false;
for (const appOutDir of result.appOutDirs) {
  const asarPath = asarIn(appOutDir);
  const { size } = await stat(asarPath);
  const contents = readAsar(asarPath);
  log(`Made ${shown(appOutDir)}${result.standIn ? ' (around a stand-in Electron runtime: it cannot be started)' : ''}`);
  log(`  app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes), ${contents.files.length} files`);
  for (const file of contents.files) log(`    ${file}`);
  const problems = [
    ...checkPackageContents(contents.files, contents.pkgJson),
    ...(contents.indexHtml === null ? [] : missingRendererAssets(contents.indexHtml, contents.files).map((f) => `missing ${f} (index.html loads it)`)),
  ];
  for (const problem of problems) log(`  PROBLEM: ${problem}`);
  failed ||= problems.length > 0;
}
for (const artifact of result.artifacts) log(`Made ${shown(artifact)}`);
if (failed) process.exitCode = 1;
