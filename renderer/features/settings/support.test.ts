import { describe, expect, it } from 'vitest';
import { LOG_BATCH_MAX, LOG_MESSAGE_MAX, type RendererLogEntry } from '../../../main/contract.js';
import { createLogForwarder, BATCH_CHARS, BUFFER_MAX } from './log-forwarder.js';
import { supportInput } from './support-input.js';

describe('the log forwarder', () => {
  it('sends in batches the contract accepts, keeps lines while main does not answer, and drops the oldest past its buffer', async () => {
    const sent: RendererLogEntry[][] = [];
    let up = false;
    const f = createLogForwarder({ log: async (entries) => {
      if (!up) throw new Error('host gone');
      sent.push(entries);
      return { written: entries.length };
    } }, () => new Date('2026-12-03T07:00:00.000Z'));
    for (let i = 0; i < BUFFER_MAX + 20; i++) f.add('warn', [`line ${i}`, i % 50 === 0 ? 'y'.repeat(3000) : '']);
    f.add('error', [new Error('boom'), 'x'.repeat(LOG_MESSAGE_MAX)]);
    await f.flush();
    expect(sent).toEqual([]);
    expect(f.pending()).toBe(BUFFER_MAX);
    up = true;
    await f.flush();
    expect(sent.every((b) => b.length <= LOG_BATCH_MAX)).toBe(true);
    expect(sent.every((b) => b.length === 1 || b.reduce((n, e) => n + e.message.length, 0) <= BATCH_CHARS)).toBe(true);
    const all = sent.flat();
    expect(all).toHaveLength(BUFFER_MAX);
    expect(all[0]).toEqual({ level: 'warn', at: '2026-12-03T07:00:00.000Z', message: 'line 21 ' });
    expect(all.at(-1)!.message).toMatch(/^Error: boom/);
    expect(all.at(-1)!.message.length).toBe(LOG_MESSAGE_MAX);
    expect(f.pending()).toBe(0);
  });
});

describe('what the renderer hands to a support bundle', () => {
  it('copies the named fields only: no refused document, newest quarantine entries first', () => {
    const q = (id: string, at: string) => ({ id: `orders:${id}`, collectionName: 'orders', documentId: id, code: 'FORBIDDEN', message: 'no', document: '{"phone":"13800000000"}', at });
    const input = supportInput(
      { online: false, inSync: false, pending: 2, lastSyncedAt: null, quarantined: 2, error: { code: 'UNAUTHORIZED', message: 'revoked' }, resyncing: false },
      [q('a', '2026-12-01T00:00:00.000Z'), q('b', '2026-12-02T00:00:00.000Z')],
    );
    expect(input.quarantine.map((e) => e.documentId)).toEqual(['b', 'a']);
    expect(JSON.stringify(input)).not.toContain('13800000000');
    expect(input.sync).toEqual({ online: false, inSync: false, pending: 2, lastSyncedAt: null, quarantined: 2, resyncing: false, error: { code: 'UNAUTHORIZED', message: 'revoked' } });
  });
});
