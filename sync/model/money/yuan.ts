/**
 * Yuan text at the edges (bill files, screens, exports) to fen and back, exactly: no floating point anywhere.
 * The one rounding is in `roundExactToFen` (half up, away from zero for negatives), used for fees that a provider
 * gives finer than the fen.
 */

const AMOUNT = /^\s*(-)?\s*[¥￥]?\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/;

/** "128.50", "-2.5", "¥100" → fen; null when the text is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const m = AMOUNT.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] && fen !== 0 ? -fen : fen;
}

/** Fen → "1,234.56"-free plain yuan text ("1234.56", "-0.05"), as bills and exports write it. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const EXACT = /^\s*(-)?\s*(\d{1,12})(?:\.(\d{1,8}))?\s*$/;
/** Exact decimals are kept as an integer count of 10⁻⁸ yuan (10⁻⁶ fen) in a bigint, for summing and comparing. */
export const EXACT_SCALE = 8;

/** "0.0768" → 7_680_000n (units of 10⁻⁸ yuan); null when not a decimal. */
export function parseExactYuan(text: string): bigint | null {
  const m = EXACT.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const units = BigInt(m[2]!) * 10n ** BigInt(EXACT_SCALE) + BigInt((m[3] ?? '').padEnd(EXACT_SCALE, '0'));
  return m[1] ? -units : units;
}

/** Exact yuan (10⁻⁸ units) to fen, rounded half up (half away from zero for a negative fee): the stated rounding. */
export function roundExactToFen(units: bigint): number {
  const perFen = 10n ** BigInt(EXACT_SCALE - 2);
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const fen = (abs + perFen / 2n) / perFen;
  const n = Number(fen);
  return neg && n !== 0 ? -n : n;
}
