import { describe, expect, it } from 'vitest';
import { shouldReload, CrashNotes } from './support/crashes.js';
import { kioskDisplay, parseWindowState, terminalPlacement, type DisplayInfo, type SavedWindowState } from './window-placement.js';

const display = (id: number, x: number, width = 1920, height = 1080): DisplayInfo => ({ id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } });
const left = display(1, 0);
const right = display(2, 1920);
const saved = (over: Partial<SavedWindowState> = {}): SavedWindowState => ({ version: 1, bounds: { x: 2000, y: 100, width: 1300, height: 900 }, displayId: 2, fullScreen: false, ...over });

describe('the staff window', () => {
  it('opens full screen on the primary display the first time', () => {
    expect(terminalPlacement(null, [left, right], 2)).toEqual({ bounds: { x: 1920 + 320, y: 120, width: 1280, height: 800 }, displayId: 2, fullScreen: true });
  });

  it('comes back where it was left, on the display that shows it', () => {
    expect(terminalPlacement(saved(), [left, right], 1)).toEqual({ bounds: saved().bounds, displayId: 2, fullScreen: false });
    expect(terminalPlacement(saved({ fullScreen: true }), [left, right], 1)).toMatchObject({ displayId: 2, fullScreen: true });
    // Mostly on the left display, a little over the edge: the left one.
    expect(terminalPlacement(saved({ bounds: { x: 1000, y: 0, width: 1200, height: 800 } }), [left, right], 2).displayId).toBe(1);
  });

  it('never restores bounds that are off every display: centred on its display if it is still there, else on the primary', () => {
    // The right monitor was unplugged.
    expect(terminalPlacement(saved(), [left], 1)).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, displayId: 1, fullScreen: false });
    // The display is there, but a resolution change left the saved spot outside it (only a sliver still visible).
    expect(terminalPlacement(saved({ bounds: { x: 3800, y: 100, width: 1300, height: 900 } }), [left, right], 1)).toMatchObject({ displayId: 2, bounds: { x: 1920 + 320 } });
    // A small display gets a window that fits it.
    expect(terminalPlacement(null, [display(7, 0, 1024, 640)], 7).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });
});

describe('the kiosk window', () => {
  it('goes to the second display when there is one, else to the primary', () => {
    expect(kioskDisplay([left, right], 1).id).toBe(2);
    expect(kioskDisplay([left, right], 2).id).toBe(1);
    expect(kioskDisplay([left], 1).id).toBe(1);
  });
});

describe('window-state.json', () => {
  it('reads what was saved and nothing malformed', () => {
    expect(parseWindowState(JSON.stringify(saved()))).toEqual(saved());
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('{')).toBeNull();
    expect(parseWindowState(JSON.stringify({ ...saved(), bounds: { x: 0, y: 0, width: -5, height: 10 } }))).toBeNull();
    expect(parseWindowState(JSON.stringify({ ...saved(), fullScreen: 'yes' }))).toBeNull();
  });
});

describe('a renderer crash', () => {
  it('reloads the page, but not a fourth time within a minute', () => {
    expect(shouldReload([], 0)).toBe(true);
    expect(shouldReload([0, 1000], 2000)).toBe(true);
    expect(shouldReload([0, 1000, 2000], 3000)).toBe(false);
    expect(shouldReload([0, 1000, 2000], 62_000)).toBe(true);
  });

  it('is told once to the reloaded page, per window kind counted apart', () => {
    const notes = new CrashNotes();
    const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 7, 0, s)).toISOString();
    for (let s = 0; s < 3; s++) expect(notes.record({ at: at(s), window: 'terminal', reason: 'crashed', exitCode: 139 }).reloaded).toBe(true);
    expect(notes.record({ at: at(3), window: 'kiosk', reason: 'oom', exitCode: 0 }).reloaded).toBe(true);
    expect(notes.record({ at: at(4), window: 'terminal', reason: 'crashed', exitCode: 139 }).reloaded).toBe(false);
    expect(notes.take()).toEqual({ at: at(4), window: 'terminal', reason: 'crashed', exitCode: 139, reloaded: false });
    expect(notes.take()).toBeNull();
  });
});
