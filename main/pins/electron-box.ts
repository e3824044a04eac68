import { safeStorage } from 'electron';
import { plainBox, type SecretBox } from './secret-box.js';

/**
 * safeStorage, when the OS offers it (ask only after the app is ready: on Linux the answer depends on the
 * session's secret service). Without it the verifiers are kept like the device token: 0600 in the profile.
 * On Linux without a keyring Electron may report the "basic_text" backend, which only obfuscates; that is said in
 * docs/ARCHITECTURE.md rather than hidden.
 */
export function electronSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plainBox;
  return {
    kind: 'safeStorage',
    seal: (text) => safeStorage.encryptString(text).toString('base64'),
    open: (payload) => safeStorage.decryptString(Buffer.from(payload, 'base64')),
  };
}
