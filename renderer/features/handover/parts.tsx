import type { ReactNode } from 'react';

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
