import { describe, expect, it } from 'vitest';
import { FrameReader, checksum, locksOpen, statusFrame, statusReplyFrame, toHex, unlockFrame, type Cu16Frame, type DropReason } from './cu16.js';

function read(chunks: number[][]): { frames: Cu16Frame[]; dropped: DropReason[] } {
  const frames: Cu16Frame[] = [];
  const dropped: DropReason[] = [];
  const reader = new FrameReader((f) => frames.push(f), (_b, why) => dropped.push(why));
  for (const c of chunks) reader.push(c);
  return { frames, dropped };
}

describe('CU16 frames', () => {
  it('match the golden frames of the design', () => {
    expect(toHex(unlockFrame(0, 1))).toBe('02 00 31 03 36');
    expect(toHex(statusFrame(1))).toBe('02 10 30 03 45');
  });

  it('put the board in the high nibble and lock-1 in the low one', () => {
    expect(toHex(unlockFrame(2, 16))).toBe('02 2f 31 03 65');
    expect(checksum([0x02, 0x2f, 0x31, 0x03])).toBe(0x65);
    expect(() => unlockFrame(0, 0)).toThrow(RangeError);
    expect(() => unlockFrame(16, 1)).toThrow(RangeError);
  });

  it('read a status reply as one bit per lock, lock 1 in the lowest bit, low byte first', () => {
    // Locks 1, 3 and 16 set: B0 = 0b00000101, B1 = 0b10000000.
    const reply = statusReplyFrame(0x10, 0b1000_0000_0000_0101);
    expect(toHex(reply)).toBe('02 10 35 05 80 03 cf');
    const [f] = read([[...reply]]).frames;
    if (!f) throw new Error('no frame');
    expect(f.board).toBe(1);
    const open1 = locksOpen(f, 1);
    expect(open1.flatMap((o, i) => (o ? [i + 1] : []))).toEqual([1, 3, 16]);
    // The other wiring: a set bit means the door is closed.
    const open0 = locksOpen(f, 0);
    expect(open0.flatMap((o, i) => (o ? [] : [i + 1]))).toEqual([1, 3, 16]);
    expect(open0.filter(Boolean)).toHaveLength(13);
  });

  it('reassembles a reply split across reads, byte by byte', () => {
    const reply = [...statusReplyFrame(0x00, 0x0001)];
    const { frames, dropped } = read(reply.map((b) => [b]));
    expect(frames.map((f) => toHex(f.bytes))).toEqual([toHex(reply)]);
    expect(dropped).toEqual([]);
  });

  it('drops a frame with a bad checksum and still finds the good one after it', () => {
    const bad = [...statusReplyFrame(0x00, 0x0002)];
    bad[bad.length - 1] = ((bad[bad.length - 1] ?? 0) + 1) & 0xff;
    const good = [...statusReplyFrame(0x00, 0x0004)];
    const { frames, dropped } = read([[0xff, ...bad.slice(0, 4)], [...bad.slice(4), ...good]]);
    expect(frames.map((f) => toHex(f.bytes))).toEqual([toHex(good)]);
    expect(dropped.filter((d) => d === 'bad-frame')).toHaveLength(1);
  });
});
