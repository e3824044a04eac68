/**
 * The terminal's package: electron-builder's `dir` target, around a stand-in runtime, from the real project with
 * electron-builder.yml, into a temporary folder. What app.asar holds is checked by checkPackageContents, whose own
 * cases below show it fails on a file left out and on one that does not belong.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../main/host/renderer-build.js';
import { asarIn, buildInputs, packageApp } from './package-build.js';
import { checkPackageContents, MAIN_BUNDLE, missingRendererAssets, PRELOAD, readAsar, RENDERER_INDEX, type AsarContents } from './package-contents.js';

/**
 * app.asar's budget. Measured at 6,989,749 bytes (6.67 MiB: the renderer's 1.9 MB, the main bundle's 5.1 MB) when
 * this test was written; about 1.5× that, so ordinary growth passes and a package that starts carrying something
 * large (node_modules, maps, another web app) fails here even if the content rules missed it.
 */
const ASAR_BUDGET_BYTES = 10_500_000;

const GOOD = ['package.json', RENDERER_INDEX, 'dist/renderer/assets/index-abc.js', 'dist/renderer/assets/index-abc.css', MAIN_BUNDLE, PRELOAD];
const GOOD_PKG = { main: MAIN_BUNDLE, type: 'module' };

describe('checkPackageContents', () => {
  it('passes the renderer, the main bundle, the preload and package.json', () => {
    expect(checkPackageContents(GOOD, GOOD_PKG)).toEqual([]);
    expect(checkPackageContents(GOOD.map((f) => `/${f}`), { main: `./${MAIN_BUNDLE}`, type: 'module' })).toEqual([]);
  });

  it.each([RENDERER_INDEX, MAIN_BUNDLE, PRELOAD, 'package.json'])('fails when %s is left out', (file) => {
    expect(checkPackageContents(GOOD.filter((f) => f !== file), GOOD_PKG)).toContain(`missing ${file}`);
  });

  it("fails without the renderer's script", () => {
    expect(checkPackageContents(GOOD.filter((f) => !f.endsWith('.js') || f.startsWith('dist-electron')), GOOD_PKG)).toEqual([
      'missing the renderer script (dist/renderer/assets/*.js)',
    ]);
  });

  it.each([
    ['dist/bench/index.html', 'a bench page'],
    ['dist/bench-queue/assets/a.js', 'a bench page'],
    ['dist/console/index.html', "the centre's web apps"],
    ['dist/supplier/assets/a.js', "the centre's web apps"],
    ['dist/renderer/assets/index-abc.js.map', 'a source map'],
    ['dist-electron/main/index.js.map', 'a source map'],
    ['dist/renderer/assets/money.test.js', 'a test file'],
    ['node_modules/pg/lib/index.js', 'node_modules'],
    ['.data/terminal/settings.json', 'a data directory'],
    ['dist/stray.html', 'not part of the terminal'],
    ['main/index.ts', 'not part of the terminal'],
  ])('fails when %s comes in (%s)', (file, why) => {
    const problems = checkPackageContents([...GOOD, file], GOOD_PKG);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
    expect(problems[0]).toContain(why);
  });

  it('fails when package.json does not point at the main bundle, or the bundle would load as CommonJS', () => {
    expect(checkPackageContents(GOOD, { type: 'module' })).toEqual(['package.json has no "main"']);
    expect(checkPackageContents(GOOD, { main: 'main/index.ts', type: 'module' })).toEqual([`package.json "main" is main/index.ts, not the main bundle ${MAIN_BUNDLE}`]);
    expect(checkPackageContents(GOOD.filter((f) => f !== MAIN_BUNDLE), GOOD_PKG)).toContain(`package.json "main" points at ${MAIN_BUNDLE}, which the package does not hold`);
    expect(checkPackageContents(GOOD, { main: MAIN_BUNDLE })).toEqual(['package.json "type" is not "module" (the main bundle is ESM)']);
  });

  it("names the renderer's assets index.html loads but the package lacks", () => {
    const html = '<script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="stylesheet" href="./assets/index-abc.css">';
    expect(missingRendererAssets(html, GOOD)).toEqual([]);
    expect(missingRendererAssets(html, GOOD.filter((f) => !f.endsWith('.css')))).toEqual(['dist/renderer/assets/index-abc.css']);
  });
});

describe('the packaged terminal (electron-builder dir target, stand-in runtime)', () => {
  // Planted beside what the package takes, under names no one else uses, and removed afterwards: the package must
  // leave them out whatever else lies in dist/ (a bench run, the centre's web apps, a stray file).
  const tag = `package-test-${process.pid}`;
  const planted = [`dist/bench/${tag}.html`, `dist/bench-queue/${tag}.html`, `dist/supplier/${tag}.html`, `dist/${tag}.html`, `dist-electron/${tag}.js`];
  const createdDirs: string[] = [];
  let output = '';
  let asarPath = '';
  let contents: AsarContents;

  beforeAll(async () => {
    // `npm test` builds the renderer before vitest; the main bundle (and the renderer, run alone) is built if missing.
    await buildInputs(false, () => {});
    for (const file of planted) {
      const dir = path.join(PROJECT_ROOT, path.dirname(file));
      if (!existsSync(dir)) {
        await mkdir(dir, { recursive: true });
        createdDirs.push(dir);
      }
      await writeFile(path.join(PROJECT_ROOT, file), `planted by scripts/package.test.ts\n`);
    }
    output = await mkdtemp(path.join(tmpdir(), 'store-ops-package-'));
    try {
      const result = await packageApp({ dir: true, output });
      expect(result.appOutDirs).toHaveLength(1);
      asarPath = asarIn(result.appOutDirs[0] ?? '');
      contents = readAsar(asarPath);
    } finally {
      await Promise.all(planted.map((file) => rm(path.join(PROJECT_ROOT, file), { force: true })));
      for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  afterAll(async () => {
    if (output) await rm(output, { recursive: true, force: true });
  });

  it('holds the renderer, the main bundle and the preload, and nothing else; package.json points at the bundle', () => {
    expect(checkPackageContents(contents.files, contents.pkgJson)).toEqual([]);
    expect(contents.pkgJson.main).toBe(MAIN_BUNDLE);
    expect(contents.indexHtml).not.toBeNull();
    expect(missingRendererAssets(contents.indexHtml ?? '', contents.files)).toEqual([]);
  });

  it('left the planted files out, which the check would have refused', () => {
    expect(contents.files.filter((f) => planted.includes(f))).toEqual([]);
    const withPlanted = checkPackageContents([...contents.files, ...planted], contents.pkgJson);
    expect(withPlanted).toHaveLength(planted.length);
  });

  it(`stays under its size budget (${ASAR_BUDGET_BYTES} bytes)`, async () => {
    const { size } = await stat(asarPath);
    console.log(`app.asar: ${size} bytes (budget ${ASAR_BUDGET_BYTES})`);
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES);
  });
});
