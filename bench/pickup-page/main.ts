// The kiosk's share of a release, in the browser: the slow hash of a typed code (sync/model/pickup-code.ts) and the
// signature check of a scanned QR (pickup-pass.ts), each timed ROUNDS times. bench/pickup.ts reads the results.
import { hashPassCode, passCodeMatches } from '../../sync/model/pickup-code.js';
import { verifyPassToken, type PassPublicKey } from '../../sync/model/pickup-pass.js';

declare global {
  interface Window {
    pickupBench?: (input: { rounds: number; token: string; keys: PassPublicKey[]; storeId: string }) => Promise<{ code: number[]; qr: number[] }>;
  }
}

window.pickupBench = async ({ rounds, token, keys, storeId }) => {
  const stored = await hashPassCode('12345678', crypto.getRandomValues(new Uint8Array(16)));
  const code: number[] = [];
  const qr: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    if (!(await passCodeMatches('12345678', stored))) throw new Error('the code did not match its hash');
    code.push(performance.now() - t0);
    const t1 = performance.now();
    if (!verifyPassToken(token, { storeId, keys, now: Date.now() }).ok) throw new Error('the pass did not verify');
    qr.push(performance.now() - t1);
  }
  return { code, qr };
};
