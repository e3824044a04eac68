import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendLog } from './append-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'append-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (file: string) => (await readFile(join(dir, file), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);

describe('append log', () => {
  it('keeps entries in call order across a reopen, and starts a fresh line after one torn by a crash', async () => {
    const file = join(dir, 'log.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":', 'utf8');
    const log = new AppendLog<{ n: number }>(file);
    await Promise.all([log.append({ n: 3 }), log.append({ n: 4 })]);
    expect((await log.all()).map((e) => e.n)).toEqual([1, 2, 3, 4]);
    expect((await new AppendLog<{ n: number }>(file).all()).map((e) => e.n)).toEqual([1, 2, 3, 4]);
  });

  it('starts a new file after its rotation size, nothing lost or doubled, and keeps the newest archives only', async () => {
    const file = join(dir, 'locker-log.jsonl');
    const log = new AppendLog<{ n: number }>(file, { entries: 3, keep: 2 });
    // Appended without waiting, as the locker bus records frames: the rotation must not let one slip between files.
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append({ n: i + 1 })));
    const archives = (await readdir(dir)).filter((f) => f !== 'locker-log.jsonl').sort();
    expect(archives).toHaveLength(2);
    expect(archives.every((f) => /^locker-log\.\d{4}-\d\d-\d\dT[\d-]+Z-\d{3}\.jsonl$/.test(f))).toBe(true);
    // Files of 3 entries: 1-3 was the oldest archive and is gone; 4-6 and 7-9 are kept; 10 is in the current file.
    expect(await Promise.all(archives.map(lines))).toEqual([[4, 5, 6], [7, 8, 9]]);
    expect(await lines('locker-log.jsonl')).toEqual([10]);
    expect((await log.all()).map((e) => e.n)).toEqual([10]);
  });
});
