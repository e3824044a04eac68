import os from 'node:os';
import { ContractError, type StoreOpsContract, type TerminalSettings } from '../contract.js';
import { hashEnrollCode, normalizeServerUrl } from '../enroll.js';
import type { SettingsStore } from '../settings/index.js';

export interface ProvisionOptions {
  server?: string;
  enrollCode?: string;
  name?: string;
}

export type ProvisionOutcome = 'enrolled' | 'already-enrolled' | 'not-enrolled';

export const defaultDeviceName = () => os.hostname().slice(0, 64) || 'terminal';

/**
 * Brings a data directory to the state the command line asks for, without clicks. Running the same command
 * again is a no-op: a code that already produced the stored credential is not spent a second time.
 */
export async function provision(
  ops: StoreOpsContract,
  settings: SettingsStore,
  opts: ProvisionOptions,
): Promise<{ outcome: ProvisionOutcome; settings: TerminalSettings }> {
  const current = await settings.load();
  const serverUrl = opts.server !== undefined ? normalizeServerUrl(opts.server) : current.serverUrl;
  if (!serverUrl) throw new ContractError('INVALID_INPUT', '--server is required (this data directory has no server address yet)');

  if (opts.enrollCode !== undefined) {
    const sameCredential =
      current.device !== null && current.serverUrl === serverUrl && current.enrollCodeHash === hashEnrollCode(opts.enrollCode);
    if (sameCredential) return { outcome: 'already-enrolled', settings: await ops.getSettings() };
    const deviceName = opts.name ?? current.device?.deviceName ?? defaultDeviceName();
    return { outcome: 'enrolled', settings: await ops.enroll({ serverUrl, code: opts.enrollCode, deviceName }) };
  }

  if (current.device) {
    if (current.serverUrl !== serverUrl) {
      throw new ContractError(
        'INVALID_INPUT',
        `This data directory is enrolled with ${current.serverUrl}; pass --enroll-code to enroll it with ${serverUrl}`,
      );
    }
    return { outcome: 'already-enrolled', settings: await ops.getSettings() };
  }
  // Not enrolled and no code: remember the server so the enrollment screen starts from it.
  await settings.update((s) => ({ ...s, serverUrl }));
  return { outcome: 'not-enrolled', settings: await ops.getSettings() };
}
