import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { SupportBundleInput, SupportBundleResult } from '../contract.js';
import type { StoredSettings } from '../settings/index.js';

export const BUNDLES_DIR = 'support-bundles';

export interface BundleSources {
  dataDir: string;
  app: { version: string; mode: 'electron' | 'web' };
  /** As stored, secrets included: only the allow-listed fields below leave this function. */
  settings: StoredSettings;
  /** Log files in the order they go into the zip; missing ones are skipped. */
  logFiles: string[];
  input: SupportBundleInput;
  now: Date;
}

/**
 * The settings a support person may see. An allow-list: a field added to settings.json later (another secret,
 * say) stays out until someone adds it here on purpose.
 */
export function supportSettings(s: StoredSettings) {
  return {
    serverUrl: s.serverUrl,
    locale: s.locale,
    device: s.device ? { deviceId: s.device.deviceId, deviceName: s.device.deviceName, storeId: s.device.storeId } : null,
    enrolled: s.token !== null,
    hasMainKey: s.mainKey !== null,
  };
}

/** The secret values main holds in settings; anything in the bundle that contains one has it replaced. */
function knownSecrets(s: StoredSettings): string[] {
  return [s.token, s.mainKey, s.enrollCodeHash].filter((v): v is string => typeof v === 'string' && v.length >= 8);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/**
 * Writes the bundle to DATA_DIR/support-bundles/store-ops-support-<time>.zip (through a temporary name, so a
 * half-written zip is never mistaken for a bundle) and returns its path, size and contents.
 */
export async function writeSupportBundle(src: BundleSources): Promise<SupportBundleResult> {
  const secrets = knownSecrets(src.settings);
  const entries: { name: string; text: string }[] = [
    {
      name: 'app.json',
      text: json({ ...src.app, dataDir: src.dataDir, createdAt: src.now.toISOString(), platform: process.platform, arch: process.arch, versions: { node: process.versions.node, electron: process.versions.electron ?? null } }),
    },
    { name: 'settings.json', text: json(supportSettings(src.settings)) },
    { name: 'sync-state.json', text: json(src.input.sync) },
    { name: 'quarantine.json', text: json(src.input.quarantine) },
  ];
  for (const file of src.logFiles) {
    const body = await readFile(file, 'utf8').catch(() => null);
    if (body !== null) entries.push({ name: `logs/${path.basename(file)}`, text: body });
  }

  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(scrub(e.text, secrets), 'utf8'), e.name, { mtime: src.now, mode: 0o100600 });
  zip.end();

  const dir = path.join(src.dataDir, BUNDLES_DIR);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = src.now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const target = path.join(dir, `store-ops-support-${stamp}.zip`);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp, { mode: 0o600 }));
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { path: target, bytes: (await stat(target)).size, files: entries.map((e) => e.name) };
}
