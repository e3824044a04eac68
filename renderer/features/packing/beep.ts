let context: AudioContext | null = null;

/**
 * A low double buzz for a refused scan: the packer looks at the box, not the screen, so a refusal must be heard.
 * A terminal without audio (or a browser that blocks it before the first key press) just stays silent.
 */
export function refusalBeep(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    for (const offset of [0, 0.22]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = 220;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.16);
    }
  } catch (err) {
    console.warn('refusal beep unavailable', err);
  }
}
