import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTRACT_METHODS, ContractError, ipcChannel, type StoreOpsContract } from './contract.js';

/**
 * The Electron binary cannot be downloaded here, so Electron's transport is replaced by an in-memory one: what
 * ipcMain.handle registers is what ipcRenderer.invoke reaches, and contextBridge keeps only an Error's message,
 * as the real one does. Everything behind it (dispatch, service, settings on disk) is real.
 */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const exposed = new Map<string, unknown>();
  let frameUrl = 'app://terminal/index.html';
  return {
    handlers,
    exposed,
    setFrameUrl: (url: string) => (frameUrl = url),
    module: {
      ipcMain: {
        handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, fn),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          const fn = handlers.get(channel);
          if (!fn) throw new Error(`No handler registered for '${channel}'`);
          // Structured clone, like Electron's IPC.
          return structuredClone(await fn({ senderFrame: { url: frameUrl } }, ...structuredClone(args)));
        },
      },
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      BrowserWindow: class {},
      protocol: {},
      session: {},
      shell: {},
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

let dataDir: string;
let bridge: StoreOpsContract;
let renderer: StoreOpsContract;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'electron-shell-'));
  const { registerContract } = await import('./ipc.js');
  const { createStoreOps } = await import('./service.js');
  const { SettingsStore } = await import('./settings/index.js');
  registerContract(createStoreOps({ settings: new SettingsStore(dataDir), mode: 'electron', version: '9.9.9' }));
  await import('./preload.js');
  bridge = electron.exposed.get('storeOps') as StoreOpsContract;
  // What the page sees: contextBridge drops everything of a rejected Error but its message.
  const { makeContractClient } = await import('./contract-client.js');
  const pageSide = makeContractClient((m, args) =>
    (bridge[m] as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: unknown) => {
      throw new Error(err instanceof Error ? err.message : String(err));
    }),
  );
  const { ipcPlatform } = await import('../renderer/platform/index.js');
  renderer = ipcPlatform(pageSide);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('Electron shell', () => {
  it('registers one IPC handler per contract method and nothing else', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(CONTRACT_METHODS.map(ipcChannel).sort());
  });

  it('exposes exactly the contract on window.storeOps', () => {
    expect([...electron.exposed.keys()]).toEqual(['storeOps']);
    expect(Object.keys(bridge).sort()).toEqual([...CONTRACT_METHODS].sort());
  });

  it('carries results from main to the page', async () => {
    expect(await renderer.appInfo()).toEqual({ version: '9.9.9', dataDir, mode: 'electron' });
    expect((await renderer.setLocale('en')).locale).toBe('en');
    expect((await renderer.getSettings()).locale).toBe('en');
  });

  it('carries error codes across the bridge', async () => {
    const err = await renderer.getSyncCredential().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ContractError);
    expect(err).toMatchObject({ code: 'NOT_ENROLLED' });
    await expect(renderer.enroll({ serverUrl: 'file:///etc/passwd', code: 'ABCD-1234', deviceName: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses calls from a frame that is not the app', async () => {
    electron.setFrameUrl('https://evil.example/');
    try {
      await expect(renderer.getSettings()).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/only from the app/) });
    } finally {
      electron.setFrameUrl('app://terminal/index.html');
    }
  });
});
