import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../protocol/sync.js';
import { PageAhead } from './page-ahead.js';

describe('pull pages fetched ahead', () => {
  const cp = (position: number): Checkpoint => ({ position, id: `o${position}` });

  it('fetches the next page once, early, and hands it to the pull from that checkpoint', async () => {
    const asked: string[] = [];
    const pages = new PageAhead(async (checkpoint, limit) => {
      asked.push(`${checkpoint?.position ?? 'start'}/${limit}`);
      return `page after ${checkpoint?.position ?? 'start'}`;
    });
    expect(await pages.get(undefined, 2)).toBe('page after start');
    pages.prefetch(cp(2), 2);
    // Asked for before the next pull comes (while RxDB writes the first page)...
    expect(asked).toEqual(['start/2', '2/2']);
    // ...and not asked for again when it does.
    expect(await pages.get(cp(2), 2)).toBe('page after 2');
    expect(asked).toEqual(['start/2', '2/2']);
  });

  it('hands a failed early fetch to its pull as its error, and drops one fetched for another checkpoint or size', async () => {
    const asked: string[] = [];
    let fail = true;
    const pages = new PageAhead(async (checkpoint, limit) => {
      asked.push(`${checkpoint?.position ?? 'start'}/${limit}`);
      if (fail) throw new Error('offline');
      return checkpoint?.position ?? 0;
    });
    pages.prefetch(cp(4), 2);
    fail = false;
    await expect(pages.get(cp(4), 2)).rejects.toThrow('offline');
    pages.prefetch(cp(4), 2);
    expect(await pages.get(cp(1), 2)).toBe(1);
    pages.prefetch(cp(4), 2);
    expect(await pages.get(cp(4), 3)).toBe(4);
    expect(await pages.get(cp(4), 2)).toBe(4);
    expect(asked).toEqual(['4/2', '4/2', '1/2', '4/2', '4/3', '4/2']);
  });
});
