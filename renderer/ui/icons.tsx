/**
 * Icons drawn as SVG, not emoji: a store PC (and Debian's Chromium) may have no emoji font, and an emoji then shows
 * as an empty box.
 */
export function PrinterIcon(props: { size?: number; title: string }) {
  const size = props.size ?? 24;
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={props.title} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round">
      <title>{props.title}</title>
      <path d="M6 9V3h12v6" />
      <rect x="2" y="9" width="20" height="9" rx="2" />
      <path d="M6 14h12v7H6z" fill="#fff" />
    </svg>
  );
}

/** A warning triangle in the given colour, its mark in the background's colour (the sync light's problem mark). */
export function WarningIcon(props: { color: string; markColor: string; size?: number }) {
  const size = props.size ?? 18;
  return (
    <svg aria-hidden width={size} height={(size * 16) / 18} viewBox="0 0 18 16" style={{ flexShrink: 0 }}>
      <path d="M9 1 L17 15 L1 15 Z" fill={props.color} />
      <rect x="8" y="5.5" width="2" height="5" fill={props.markColor} />
      <rect x="8" y="12" width="2" height="2" fill={props.markColor} />
    </svg>
  );
}
