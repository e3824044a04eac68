import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TestRelease {
  version: string;
  file: string;
  bytes: Buffer;
  sha512: string;
}

/**
 * Writes what electron-builder publishes for Linux into `dir`: the AppImage (here a few KiB of known bytes) and a
 * latest-linux.yml naming it with its base64 sha512. `sha512` overrides the digest, to publish a broken feed.
 */
export async function writeRelease(dir: string, version: string, opts: { sha512?: string; size?: number } = {}): Promise<TestRelease> {
  const file = `store-ops-${version}.AppImage`;
  const bytes = Buffer.alloc(opts.size ?? 64 * 1024, `Store Ops ${version} `);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const stated = opts.sha512 ?? sha512;
  await writeFile(path.join(dir, file), bytes);
  const yml = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${stated}`,
    `    size: ${bytes.length}`,
    `path: ${file}`,
    `sha512: ${stated}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'latest-linux.yml'), yml);
  return { version, file, bytes, sha512 };
}
