/**
 * Where the terminal's windows go, as pure functions of the displays Electron reports and what was saved, so the
 * rules are tested without a screen. main/window.ts only feeds them `screen.getAllDisplays()` and applies the answer.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** The display minus task bars and docks. */
  workArea: Rect;
}

/** DATA_DIR/window-state.json: the staff window's normal (not full-screen) bounds, and whether it was full screen. */
export interface SavedWindowState {
  version: 1;
  bounds: Rect;
  displayId: number | null;
  fullScreen: boolean;
}

export interface Placement {
  bounds: Rect;
  displayId: number;
  fullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** Saved bounds count as still on a display when at least this much of them (each way, px) is inside its work area. */
export const MIN_VISIBLE = 100;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The display that shows most of `bounds`, when enough of it is visible there to grab the window; else null. */
export function displayShowing(bounds: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: { display: DisplayInfo; area: number } | null = null;
  for (const display of displays) {
    const o = overlap(bounds, display.workArea);
    if (o.width < MIN_VISIBLE || o.height < MIN_VISIBLE) continue;
    const area = o.width * o.height;
    if (!best || area > best.area) best = { display, area };
  }
  return best?.display ?? null;
}

/** The default size centred in a display's work area (smaller when the display is). */
export function centredOn(display: DisplayInfo): Rect {
  const width = Math.min(DEFAULT_SIZE.width, display.workArea.width);
  const height = Math.min(DEFAULT_SIZE.height, display.workArea.height);
  return {
    x: display.workArea.x + Math.floor((display.workArea.width - width) / 2),
    y: display.workArea.y + Math.floor((display.workArea.height - height) / 2),
    width,
    height,
  };
}

function primaryOf(displays: readonly DisplayInfo[], primaryId: number): DisplayInfo {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) throw new Error('no display');
  return primary;
}

/**
 * The staff window: full screen on the primary display the first time; after that where it was left. Saved bounds
 * that are no longer on any display (a monitor unplugged, a resolution changed) are not restored off-screen: the
 * window goes, centred, to the display it was on if that is still there, else to the primary one.
 */
export function terminalPlacement(saved: SavedWindowState | null, displays: readonly DisplayInfo[], primaryId: number): Placement {
  const primary = primaryOf(displays, primaryId);
  if (!saved) return { bounds: centredOn(primary), displayId: primary.id, fullScreen: true };
  const showing = displayShowing(saved.bounds, displays);
  if (showing) return { bounds: { ...saved.bounds }, displayId: showing.id, fullScreen: saved.fullScreen };
  const same = displays.find((d) => d.id === saved.displayId) ?? primary;
  return { bounds: centredOn(same), displayId: same.id, fullScreen: saved.fullScreen };
}

/** The customer kiosk: the first display that is not the primary one (the screen by the lockers), else the primary. */
export function kioskDisplay(displays: readonly DisplayInfo[], primaryId: number): DisplayInfo {
  return displays.find((d) => d.id !== primaryId) ?? primaryOf(displays, primaryId);
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** window-state.json as read from disk: anything malformed reads as nothing saved (the window then opens afresh). */
export function parseWindowState(text: string | null): SavedWindowState | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const b = v.bounds as Record<string, unknown> | undefined;
    if (v.version !== 1 || typeof b !== 'object' || b === null) return null;
    if (!isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return null;
    if (typeof v.fullScreen !== 'boolean' || (v.displayId !== null && !isInt(v.displayId))) return null;
    return { version: 1, bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, displayId: v.displayId, fullScreen: v.fullScreen };
  } catch {
    return null;
  }
}
