import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CONTRACT_METHODS, ipcChannel, type StoreOpsContract } from './contract.js';
import type { IpcReply } from './contract-client.js';
import { invokeContract, toErrorBody } from './dispatch.js';
import { APP_ORIGIN } from './window.js';
import type { Logger } from './logs/index.js';

/** One loop: every contract method, and nothing else, becomes an IPC handler. */
export function registerContract(ops: StoreOpsContract, log?: Logger): void {
  for (const method of CONTRACT_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcReply> => {
      if (!isOwnFrame(event)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Contract calls are accepted only from the app itself' } };
      }
      try {
        return { ok: true, result: await invokeContract(ops, method, args) };
      } catch (err) {
        const error = toErrorBody(err);
        // The code and message only: the arguments may hold a PIN.
        log?.[error.code === 'INTERNAL' ? 'error' : 'warn'](`contract ${method} failed: ${error.code} ${error.message}`);
        return { ok: false, error };
      }
    });
  }
}

export function unregisterContract(): void {
  for (const method of CONTRACT_METHODS) ipcMain.removeHandler(ipcChannel(method));
}

/** Navigation is blocked, but a frame that somehow loaded foreign content must still not reach the token. */
function isOwnFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}
