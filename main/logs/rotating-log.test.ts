import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalLogs, formatLine, redactLine } from './index.js';
import { RotatingLog } from './rotating-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'store-ops-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the rotating log', () => {
  it('rotates by size and keeps at most maxFiles files, newest in name.log', async () => {
    const log = new RotatingLog({ dir, name: 'main', maxBytes: 100, maxFiles: 3 });
    // 10 lines of 40 bytes: two lines fit a file, so the last two lines are in main.log, the two before in main.1.log.
    for (let i = 0; i < 10; i++) await log.write([`line ${String(i).padStart(2, '0')} ${'x'.repeat(31)}`]);
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(await readFile(log.file(0), 'utf8')).toMatch(/^line 08 x+\nline 09 x+\n$/);
    expect(await readFile(log.file(1), 'utf8')).toMatch(/^line 06 x+\nline 07 x+\n$/);
    expect(await readFile(log.file(2), 'utf8')).toMatch(/^line 04 x+\nline 05 x+\n$/);
    for (const f of log.files()) expect(Buffer.byteLength(await readFile(f, 'utf8'))).toBeLessThanOrEqual(100);
  });

  it('keeps writing after a restart where the file left off, and takes an oversized line whole', async () => {
    await new RotatingLog({ dir, name: 'r', maxBytes: 50 }).write(['a'.repeat(30)]);
    const again = new RotatingLog({ dir, name: 'r', maxBytes: 50 });
    await again.write(['b'.repeat(30)]);
    expect(await readFile(again.file(1), 'utf8')).toBe(`${'a'.repeat(30)}\n`);
    await again.write(['c'.repeat(200)]);
    expect(await readFile(again.file(0), 'utf8')).toBe(`${'c'.repeat(200)}\n`);
  });

  it('queues concurrent writes in order', async () => {
    const log = new RotatingLog({ dir, name: 'q' });
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.write([`n${i}`])));
    expect((await readFile(log.file(), 'utf8')).trim().split('\n')).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
  });
});

describe('log lines', () => {
  it('are one line each, with bearer tokens and secret-named JSON fields redacted', () => {
    expect(formatLine('2026-12-03T07:00:00.000Z', 'warn', 'main', 'a\nb')).toBe('2026-12-03T07:00:00.000Z WARN  main a\\nb');
    expect(redactLine('Authorization: Bearer abc.DEF-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactLine('{"token":"s3cr3t","mainKey":"k","deviceToken":"t","name":"Till"}')).toBe('{"token":"[redacted]","mainKey":"[redacted]","deviceToken":"[redacted]","name":"Till"}');
  });

  it('main and renderer go to their own files in DATA_DIR/logs', async () => {
    const logs = createTerminalLogs(dir, { now: () => new Date('2026-12-03T07:00:00.000Z') });
    logs.main.error('printer gone', new Error('ECONNREFUSED'));
    await logs.renderer([{ level: 'info', at: '2026-12-03T06:59:59.000Z', message: 'opened orders' }]);
    await logs.flush();
    expect(await readFile(path.join(dir, 'logs', 'main.log'), 'utf8')).toMatch(/^2026-12-03T07:00:00.000Z ERROR main printer gone: Error: ECONNREFUSED/);
    expect(await readFile(path.join(dir, 'logs', 'renderer.log'), 'utf8')).toBe('2026-12-03T07:00:00.000Z INFO  renderer@2026-12-03T06:59:59.000Z opened orders\n');
  });
});
