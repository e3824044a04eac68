/**
 * How the main side protects what it keeps at rest beyond file permissions: the device credential (settings.json)
 * and the PIN verifiers, each as a `{box, payload}` envelope (main/secrets/envelope.ts). In Electron that is the OS's secret
 * store through `safeStorage` (DPAPI, the macOS Keychain, libsecret/kwallet), so a copied profile is unreadable on
 * another machine or account (main/pins/electron-box.ts). The web host has no such store: its files rely on
 * being 0600 in the data directory, which `plainBox` names honestly rather than pretending to encrypt.
 */
export interface SecretBox {
  readonly kind: 'plain' | 'safeStorage';
  seal(text: string): string;
  /** Throws when the payload was not sealed by this box (another machine, another account, tampering). */
  open(payload: string): string;
}

export const plainBox: SecretBox = {
  kind: 'plain',
  seal: (text) => text,
  open: (payload) => payload,
};
