import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { ContractError } from '../contract.js';

/** A temporary data directory and a one-page renderer, so host tests do not depend on the Vite build. */
export async function tempDirs(): Promise<{ dataDir: string; rendererDir: string; cleanup(): Promise<void> }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'store-ops-host-'));
  const rendererDir = path.join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Store Ops test page</title>');
  return { dataDir: path.join(base, 'data'), rendererDir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** The ContractError a call rejects with; anything else (or success) fails the test. */
export async function contractError(p: Promise<unknown>): Promise<ContractError> {
  const err = await p.then(
    () => new Error('expected a ContractError'),
    (e: unknown) => e,
  );
  if (!(err instanceof ContractError)) throw err;
  return err;
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
