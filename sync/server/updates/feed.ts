import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { FEED_NAMES, type FeedName } from '../../protocol/updates.js';

/** What the centre needs from a feed electron-builder wrote: its version and the files it names. */
export interface Feed {
  name: FeedName;
  text: string;
  version: string;
  files: string[];
}

/** Reads and parses a feed in the folder; undefined when there is none. A feed without a version is a broken publish. */
export async function readFeed(dir: string, name: FeedName): Promise<Feed | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const doc: unknown = parse(text);
  if (typeof doc !== 'object' || doc === null) throw new Error(`${name} in the updates folder is not a mapping`);
  const o = doc as { version?: unknown; path?: unknown; files?: unknown };
  if (typeof o.version !== 'string') throw new Error(`${name} in the updates folder has no version`);
  const files = new Set<string>();
  if (typeof o.path === 'string') files.add(o.path);
  if (Array.isArray(o.files)) {
    for (const f of o.files as unknown[]) {
      const url = (f as { url?: unknown } | null)?.url;
      if (typeof url === 'string') files.add(url);
    }
  }
  return { name, text, version: o.version, files: [...files] };
}

export async function readFeeds(dir: string): Promise<Feed[]> {
  const feeds = await Promise.all(FEED_NAMES.map((n) => readFeed(dir, n)));
  return feeds.filter((f): f is Feed => f !== undefined);
}

/** A file name a feed may name: one path segment, no hidden files, nothing that climbs out of the folder. */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._ +-]{0,200}$/.test(name) && !name.includes('..');
}

/** The file's size, or undefined when it is not a regular file in the folder. */
export async function fileSize(dir: string, name: string): Promise<number | undefined> {
  try {
    const s = await stat(path.join(dir, name));
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}
