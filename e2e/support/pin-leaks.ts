import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { SettingsStore } from '../../main/settings/index.js';
import { COLLECTION_NAMES } from '../../sync/model/collections.js';
import { pinRoutes, type OperatorVerifier, type OperatorVerifiersResponse } from '../../sync/protocol/pins.js';
import { supportedSchemaVersions, syncRoutes, type Checkpoint, type PullResponse } from '../../sync/protocol/sync.js';

/**
 * What would let someone test a PIN, as text to search for: each verifier's salt and hash (with them, every PIN
 * can be tried offline), and each PIN under every fast hash an implementation might reach for.
 */
export function pinDerivedSecrets(verifiers: readonly OperatorVerifier[], pins: readonly string[]): string[] {
  const fast = pins.flatMap((pin) =>
    ['md5', 'sha1', 'sha256', 'sha512'].flatMap((algo) => ['hex', 'base64'].map((enc) => createHash(algo).update(pin).digest(enc as 'hex' | 'base64'))),
  );
  return [...verifiers.flatMap((v) => (v.pin ? [v.pin.salt, v.pin.hash] : [])), ...fast];
}

/** The terminal's stored credentials, read from its data dir as the main side keeps them. */
export async function terminalSecrets(dataDir: string): Promise<{ serverUrl: string; token: string; mainKey: string }> {
  const s = await new SettingsStore(dataDir).load();
  if (!s.serverUrl || !s.token || !s.mainKey) throw new Error(`${dataDir} holds no enrolled terminal with a main key`);
  return { serverUrl: s.serverUrl, token: s.token, mainKey: s.mainKey };
}

export async function fetchVerifiers(serverUrl: string, bearer: string): Promise<{ status: number; body: OperatorVerifiersResponse | null }> {
  const res = await fetch(serverUrl + pinRoutes.operatorVerifiers(), { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: res.ok ? ((await res.json()) as OperatorVerifiersResponse) : null };
}

/** Every document a device can pull, from every collection, in every schema version the server speaks. */
export async function everyPullableDocument(serverUrl: string, token: string): Promise<string> {
  const pages: unknown[] = [];
  for (const collection of COLLECTION_NAMES) {
    for (const version of supportedSchemaVersions(collection)) {
      let checkpoint: Checkpoint | null = null;
      for (;;) {
        const q = new URLSearchParams({ schemaVersion: String(version), limit: '1000' });
        if (checkpoint) {
          q.set('position', String(checkpoint.position));
          q.set('id', checkpoint.id);
        }
        const res = await fetch(`${serverUrl}${syncRoutes.pull(collection)}?${q.toString()}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`pull ${collection} v${version}: HTTP ${res.status}`);
        const body = (await res.json()) as PullResponse;
        pages.push({ collection, version, documents: body.documents });
        if (body.documents.length < 1000) break;
        checkpoint = body.checkpoint;
      }
    }
  }
  return JSON.stringify(pages);
}

/** The answers the page gets from the contract's reading methods, called from inside the page as the app does. */
export function contractAnswers(page: Page, operatorIds: readonly string[]): Promise<string> {
  return page.evaluate(async (ids) => {
    const call = async (method: string, args: unknown[]) => {
      const res = await fetch(`/contract/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-store-ops': '1' }, body: JSON.stringify({ args }) });
      return { method, status: res.status, body: (await res.json()) as unknown };
    };
    const out = [];
    for (const m of ['getSettings', 'getSyncCredential', 'appInfo', 'listPrinters', 'listPrintLog', 'operatorsChanged']) out.push(await call(m, []));
    for (const id of ids) out.push(await call('pinLockout', [id]));
    return JSON.stringify(out);
  }, [...operatorIds]);
}

/** Every string on the page's JavaScript heap (a V8 heap snapshot over the DevTools protocol). */
export async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => void chunks.push(e.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}
