import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temporary data directory and a one-page renderer, so host tests do not depend on the Vite build. */
export async function tempDirs(): Promise<{ dataDir: string; rendererDir: string; cleanup(): Promise<void> }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'store-ops-host-'));
  const rendererDir = path.join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Store Ops test page</title>');
  return { dataDir: path.join(base, 'data'), rendererDir, cleanup: () => rm(base, { recursive: true, force: true }) };
}
