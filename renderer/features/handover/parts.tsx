import { useEffect, useRef, type ReactNode } from 'react';
import { LoneKeys } from '../../ui/lone-keys.js';
import { isTypingTarget } from '../../ui/keys.js';

export const panel = { background: '#fff', border: '2px solid #d9d9d9', borderRadius: 8, padding: 16 } as const;

const TONES = { ok: '#135200', warn: '#ad4e00', bad: '#a8071a' } as const;

/** A figure staff must read from across the counter (the amount due, the change). */
export function Big(props: { label: string; value: string; tone: keyof typeof TONES; testId?: string }) {
  return (
    <div data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column' }}>
      <span style={{ fontSize: 16, color: '#595959' }}>{props.label}</span>
      <strong style={{ fontSize: 44, lineHeight: 1.1, color: TONES[props.tone] }}>{props.value}</strong>
    </div>
  );
}

/** A labelled form field. */
export function Field(props: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4, fontSize: 16, flex: props.wide ? 1 : undefined }}>
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

/**
 * The handover screens' keys. A character key is a command only when it stands alone (LoneKeys): a wedge scanner
 * types its code as key presses, and the P, F or 1 of a package label must not act before its Enter says it was a
 * scan. Other keys (Enter, arrows, Backspace) act at once, outside a field; Escape acts from a field too.
 * `onSpecial` returns whether it took the key.
 */
export function useHandoverKeys(onChar: (key: string) => void, onSpecial: (e: KeyboardEvent) => boolean): void {
  const ref = useRef({ onChar, onSpecial });
  ref.current = { onChar, onSpecial };
  useEffect(() => {
    const lone = new LoneKeys((key) => ref.current.onChar(key.toLowerCase()));
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      // A radio or checkbox (the header's language switch) holds no text: the screen keeps its keys there.
      const typing = isTypingTarget(e.target) && !(e.target instanceof HTMLInputElement && (e.target.type === 'radio' || e.target.type === 'checkbox'));
      if (typing && e.key !== 'Escape') return;
      if ([...e.key].length === 1) return lone.press(e.key, e.timeStamp);
      if (ref.current.onSpecial(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      lone.cancel();
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
