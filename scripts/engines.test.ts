import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
// npm's record of what `npm ci` actually installed here (platform-specific optional packages that were skipped are
// not in it), which is exactly the set npm checks for EBADENGINE.
const installed = JSON.parse(readFileSync(resolve(root, 'node_modules/.package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/** Every installed package whose `engines.node` does not admit the given Node version. */
function refusing(nodeVersion: string): string[] {
  const out: string[] = [];
  for (const [path, meta] of Object.entries(installed.packages)) {
    const range = meta.engines && !Array.isArray(meta.engines) ? meta.engines.node : undefined;
    if (range && !semver.satisfies(nodeVersion, range)) out.push(`${path.replace(/^.*node_modules\//, '')}@${meta.version} wants node ${range}`);
  }
  return out;
}

describe('supported Node', () => {
  const floor = semver.minVersion(pkg.engines.node)?.version;

  // 22.13 rather than 22.12: typescript-eslint's eslint-visitor-keys 5 wants ^22.13, and a floor that npm warns
  // about on its own first version would not be true.
  it('declares Node 22 as the floor', () => {
    expect(pkg.engines.node).toBe('>=22.13');
    expect(floor).toBe('22.13.0');
  });

  it('installs no dependency that refuses the floor Node (npm ci prints no EBADENGINE there)', () => {
    expect(refusing(floor!)).toEqual([]);
  });

  it('installs no dependency that refuses the Node running this test (24 in CI, and 22 in its floor run)', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    expect(refusing(process.versions.node)).toEqual([]);
  });
});
