// `npm run bench pickup`: what checking a pickup pass costs the kiosk, offline, in headless Chromium and in Node:
// the slow hash of a typed code (scrypt, PASS_CODE_SCRYPT) and the Ed25519 check of a scanned QR. The release's
// budget is 300 ms from code to unlock frame, most of it the board's own time, so the hash must stay well under it.
import { resolve } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { build } from 'vite';
import { launchChromium } from '../e2e/support/chromium.js';
import { toBase64Url } from '../sync/model/base64url.js';
import { hashPassCode, PASS_CODE_SCRYPT, passCodeMatches } from '../sync/model/pickup-code.js';
import { encodePassPayload, passSigningMessage, passToken, verifyPassToken, type PassPublicKey } from '../sync/model/pickup-pass.js';
import { serveDir } from './static.js';
import { fmt, percentile } from './stats.js';

const ROUNDS = Number(process.env.BENCH_PICKUP_ROUNDS ?? 30);
const BUDGET_MS = 300;

function sample(): { token: string; keys: PassPublicKey[]; storeId: string } {
  const sk = ed25519.utils.randomSecretKey();
  const payload = encodePassPayload({ v: 1, passId: 'bench-pass-0000001', orderId: 'EO-BENCH-00001', storeId: 'S001', compartment: { bankId: 'bank-1', number: 7 }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), keyId: 'k-bench' });
  return { token: passToken(payload, ed25519.sign(passSigningMessage(payload), sk)), keys: [{ keyId: 'k-bench', publicKey: toBase64Url(ed25519.getPublicKey(sk)) }], storeId: 'S001' };
}

const line = (where: string, what: string, ms: number[]) =>
  `  ${where.padEnd(9)} ${what.padEnd(22)} p50 ${fmt(percentile(ms, 50))} ms  p99 ${fmt(percentile(ms, 99))} ms  (p99/budget ${fmt(percentile(ms, 99) / BUDGET_MS, 2)}x of ${BUDGET_MS} ms)`;

export async function benchPickup(): Promise<void> {
  const input = sample();
  const { N, r, p } = PASS_CODE_SCRYPT;
  console.log(`pickup pass checks, ${ROUNDS} rounds, scrypt N=2^${Math.log2(N)} r=${r} p=${p}`);
  const stored = await hashPassCode('12345678', crypto.getRandomValues(new Uint8Array(16)));
  const node = { code: [] as number[], qr: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await passCodeMatches('12345678', stored);
    node.code.push(performance.now() - t0);
    const t1 = performance.now();
    verifyPassToken(input.token, { ...input, now: Date.now() });
    node.qr.push(performance.now() - t1);
  }
  console.log(line('Node', 'typed code (scrypt)', node.code));
  console.log(line('Node', 'QR (Ed25519 verify)', node.qr));

  const root = resolve(import.meta.dirname, '..');
  const outDir = resolve(root, 'dist/bench-pickup');
  await build({ configFile: false, root: resolve(root, 'bench/pickup-page'), base: './', logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  const site = await serveDir(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => typeof window.pickupBench === 'function');
    const res = await page.evaluate((arg) => window.pickupBench!(arg), { rounds: ROUNDS, ...input });
    console.log(line('Chromium', 'typed code (scrypt)', res.code));
    console.log(line('Chromium', 'QR (Ed25519 verify)', res.qr));
  } finally {
    await browser.close();
    await site.close();
  }
}
