/**
 * The pick screen's sounds: a low buzz for a refusal, a short tick otherwise. A picker at the shelf looks at the
 * goods, not the screen. Optional: without WebAudio (or before the page may play sound) it stays silent.
 */
let ctx: AudioContext | null = null;

export function beep(ok: boolean): void {
  try {
    if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return;
    ctx ??= new window.AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = ok ? 'sine' : 'square';
    osc.frequency.value = ok ? 1320 : 220;
    gain.gain.value = ok ? 0.08 : 0.25;
    osc.connect(gain).connect(ctx.destination);
    const t = ctx.currentTime;
    osc.start(t);
    osc.stop(t + (ok ? 0.06 : 0.45));
  } catch {
    // Sound is a help, never a requirement.
  }
}
