import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel } from './contract.js';
import { encodeErrorMessage, isIpcReply, makeContractClient } from './contract-client.js';

// Sandboxed preload: this file is bundled to CommonJS (scripts/build-electron.ts), as sandboxed preloads can
// require nothing but 'electron'. It exposes exactly the contract, nothing of ipcRenderer itself.
const storeOps = makeContractClient(async (method, args) => {
  const reply: unknown = await ipcRenderer.invoke(ipcChannel(method), ...args);
  if (!isIpcReply(reply)) throw new Error(encodeErrorMessage({ code: 'INTERNAL', message: `Malformed reply to ${method}` }));
  if (!reply.ok) throw new Error(encodeErrorMessage(reply.error));
  return reply.result;
});

contextBridge.exposeInMainWorld('storeOps', storeOps);
