import type { RendererCrash, RendererLogEntry, SupportBundleInput, SupportBundleResult } from '../contract.js';
import type { TerminalLogs } from '../logs/index.js';
import type { SettingsStore } from '../settings/index.js';
import { writeSupportBundle } from './bundle.js';
import { CrashNotes } from './crashes.js';

export interface SupportOptions {
  settings: SettingsStore;
  logs: TerminalLogs;
  app: { version: string; mode: 'electron' | 'web' };
  crashes: CrashNotes;
  now?: () => Date;
}

/** The contract's "logs and support" methods; service.ts spreads them into the one implementation. */
export function createSupportOps(opts: SupportOptions) {
  const now = opts.now ?? (() => new Date());
  return {
    // An answer with a body: over HTTP an undefined result would not survive JSON.
    log: async (entries: RendererLogEntry[]): Promise<{ written: number }> => {
      await opts.logs.renderer(entries);
      return { written: entries.length };
    },

    saveSupportBundle: async (input: SupportBundleInput): Promise<SupportBundleResult> => {
      // What was logged up to this moment belongs in the bundle.
      await opts.logs.flush();
      const result = await writeSupportBundle({
        dataDir: opts.settings.dataDir,
        app: opts.app,
        settings: await opts.settings.load(),
        logFiles: opts.logs.files(),
        input,
        now: now(),
      });
      opts.logs.main.info(`support bundle written: ${result.path} (${result.bytes} bytes)`);
      return result;
    },

    lastCrash: async (): Promise<RendererCrash | null> => opts.crashes.take(),
  };
}
