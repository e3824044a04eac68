// Reading the CSV files out of a provider's ZIP with yauzl. Alipay's ZIPs name their entries in GBK without the
// ZIP's UTF-8 flag (Chinese Windows tools do the same), so a name is decoded by that flag: UTF-8 when it is set,
// GBK otherwise; yauzl's own fallback (CP437) would turn 业务明细 into noise.
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { BillRefused, refuse } from './common.js';

/** A bill's CSV is a few tens of megabytes at most; an entry that claims more is refused rather than inflated. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
const UTF8_NAME_FLAG = 0x800;

export interface ZipEntryText {
  name: string;
  data: Buffer;
}

function nameOf(entry: yauzl.Entry): string {
  return entry.generalPurposeBitFlag & UTF8_NAME_FLAG ? entry.fileNameRaw.toString('utf8') : iconv.decode(entry.fileNameRaw, 'gbk');
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The names of all entries, and the contents of those `pick` wants. A file that is not a ZIP, or one cut short
 *  (its central directory is at the end, so a cut ZIP has none), is refused. */
export async function unzipEntries(bytes: Uint8Array, pick: (name: string) => boolean): Promise<{ names: string[]; picked: ZipEntryText[] }> {
  if (!isZip(bytes)) refuse('BILL_UNRECOGNISED', 'not a ZIP file');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, autoClose: false });
  } catch (err) {
    refuse('BILL_TRUNCATED', `the ZIP cannot be opened, it looks cut short: ${(err as Error).message}`);
  }
  const names: string[] = [];
  const picked: ZipEntryText[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const name = nameOf(entry);
      names.push(name);
      if (name.endsWith('/') || !pick(name)) continue;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) refuse('BILL_UNRECOGNISED', `${name} is larger than a bill can be`);
      picked.push({ name, data: await readEntry(zip, entry) });
    }
  } catch (err) {
    if (err instanceof BillRefused) throw err;
    refuse('BILL_TRUNCATED', `the ZIP is damaged: ${(err as Error).message}`);
  } finally {
    zip.close();
  }
  return { names, picked };
}
