import { ContractError, httpPath, type ContractMethod, type StoreOpsContract } from '../../main/contract.js';
import { decodeErrorMessage, isContractErrorCode, makeContractClient } from '../../main/contract-client.js';

/**
 * The renderer's only way to the main side. In Electron the preload has put the contract on window.storeOps (IPC);
 * in a browser the web host answers the same contract over HTTP. Either way callers get a StoreOpsContract whose
 * failures are ContractError with a stable code.
 */
let platform: StoreOpsContract | null = null;

export function getPlatform(): StoreOpsContract {
  platform ??= typeof window !== 'undefined' && window.storeOps ? ipcPlatform(window.storeOps) : httpPlatform();
  return platform;
}

/** The preload can pass only a message across contextBridge; it carries the code, which is decoded here. */
export function ipcPlatform(bridge: StoreOpsContract): StoreOpsContract {
  return makeContractClient(async (method, args) => {
    try {
      return await callBridge(bridge, method, args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const body = decodeErrorMessage(message);
      throw body ? new ContractError(body.code, body.message) : new ContractError('INTERNAL', message);
    }
  });
}

function callBridge(bridge: StoreOpsContract, method: ContractMethod, args: unknown[]): Promise<unknown> {
  // Each method is called with the arguments its own client function received, so the types line up at runtime.
  const fn = bridge[method] as (...a: unknown[]) => Promise<unknown>;
  return fn(...args);
}

export function httpPlatform(baseUrl = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): StoreOpsContract {
  return makeContractClient(async (method, args) => {
    let res: Response;
    try {
      res = await fetchImpl(`${baseUrl}${httpPath(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-store-ops': '1' },
        body: JSON.stringify({ args }),
      });
    } catch (err) {
      throw new ContractError('INTERNAL', `The terminal host is not answering (${err instanceof Error ? err.message : String(err)})`);
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok && isObject(body) && 'result' in body) return body.result;
    if (isObject(body) && isObject(body.error) && typeof body.error.message === 'string') {
      const code = isContractErrorCode(body.error.code) ? body.error.code : 'INTERNAL';
      throw new ContractError(code, body.error.message);
    }
    throw new ContractError('INTERNAL', `Unexpected answer from the terminal host to ${method} (HTTP ${res.status})`);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
