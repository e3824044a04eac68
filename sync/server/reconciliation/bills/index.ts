// The providers' bill parsers: a bill file, exactly as downloaded, in; a ParsedBill (sync/model/money/bill.ts) or a
// refusal with a stable code out. Nothing else of the server reads a bill file.
import { createHash } from 'node:crypto';
import { BILL_PROVIDERS, type BillParse, type BillProvider } from '../../../model/money/bill.js';
import { parseAlipay } from './alipay.js';
import { asParse, checkBillDate, refuse } from './common.js';
import { parseWechat } from './wechat.js';

/** WeChat bills are UTF-8 (a BOM is allowed); a file that is not is refused rather than read as noise. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Ok(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a provider's daily bill. `billDate` (YYYY-MM-DD, Beijing time) is the day the importer says the file is
 * for: rows outside it refuse the file. Without it the day comes from the file (Alipay's header, else the first row).
 * Never throws for a bad file: every fault is a `{ ok: false, refusal }` with a BILL_* code.
 */
export async function parseBill(provider: BillProvider, bytes: Uint8Array, opts: { billDate?: string } = {}): Promise<BillParse> {
  return asParse(async () => {
    if (!BILL_PROVIDERS.includes(provider)) refuse('BILL_UNRECOGNISED', `unknown provider ${String(provider)}`);
    const billDate = checkBillDate(opts.billDate);
    if (provider === 'alipay') return parseAlipay(bytes, { billDate });
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      // Cut in the middle of a character: the file reads as UTF-8 once its last incomplete character is dropped.
      const cutInCharacter = [1, 2, 3].some((n) => utf8Ok(bytes.subarray(0, bytes.length - n)));
      refuse(cutInCharacter ? 'BILL_TRUNCATED' : 'BILL_UNRECOGNISED', cutInCharacter ? 'the file ends in the middle of a character' : 'a WeChat Pay bill is UTF-8 and this file is not');
    }
    return parseWechat(text, { billDate });
  });
}

/** The file's identity for "the same file imported twice changes nothing": sha256 of its bytes, hex. */
export function billHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export { BillRefused } from './common.js';
