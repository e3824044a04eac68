import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PrinterError } from './errors.js';

/** Hands a written PDF to the OS print system. Behind an interface so tests and kiosks can substitute it. */
export interface PdfHandoff {
  /** Returns the tool that took the file, or null when nothing could (the operator prints the file by hand). */
  submit(path: string, osPrinter?: string): Promise<string | null>;
}

/** CUPS `lp` where it exists (Linux, macOS); elsewhere the path is reported back to the operator. */
export function systemPdfHandoff(): PdfHandoff {
  return {
    submit: (path, osPrinter) =>
      new Promise((resolve, reject) => {
        if (process.platform === 'win32') return resolve(null);
        const args = [...(osPrinter ? ['-d', osPrinter] : []), '--', path];
        execFile('lp', args, { timeout: 15_000 }, (err, _stdout, stderr) => {
          if (!err) return resolve('lp');
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(null);
          reject(new PrinterError('PDF_HANDOFF_FAILED', `lp could not print ${path}: ${stderr.trim() || err.message}`, { cause: err }));
        });
      }),
  };
}

/**
 * Fonts with Chinese glyphs that ship with common OSes, as TrueType/OpenType files or collections. The first that
 * exists is used for PDF labels; none ships in an npm package small enough to bundle.
 */
export const CJK_FONT_CANDIDATES = [
  'C:\\Windows\\Fonts\\simhei.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/Library/Fonts/Arial Unicode.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
];

export async function findCjkFont(candidates: readonly string[] = CJK_FONT_CANDIDATES): Promise<Uint8Array | null> {
  for (const path of candidates) {
    try {
      return new Uint8Array(await readFile(path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EACCES') throw err;
    }
  }
  return null;
}
