/**
 * The scan screens' sounds. Pickers, packers and counters look at the goods, not the screen, so a refusal must be
 * heard: a low double buzz. An accepted scan gets a short tick. Optional: without WebAudio (or before the page may
 * play sound) the terminal stays silent and the red banner still says it.
 */
let context: AudioContext | null = null;

function tone(ctx: AudioContext, type: OscillatorType, hz: number, volume: number, start: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = hz;
  gain.gain.value = volume;
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + start);
  osc.stop(ctx.currentTime + start + seconds);
}

export function beep(ok: boolean): void {
  try {
    if (typeof AudioContext === 'undefined') return;
    context ??= new AudioContext();
    if (ok) tone(context, 'sine', 1320, 0.08, 0, 0.06);
    else for (const start of [0, 0.22]) tone(context, 'square', 220, 0.2, start, 0.15);
  } catch (err) {
    console.warn('scan sound unavailable', err);
  }
}

export const refusalBeep = (): void => beep(false);
