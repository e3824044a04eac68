import type { MouseEvent } from 'react';

/**
 * For buttons of the pick screen: clicking must not leave focus on the button, or the next Enter (meant as
 * "confirm" or "start") would click that button again instead.
 */
export const noFocus = {
  tabIndex: -1,
  onMouseDown: (e: MouseEvent) => e.preventDefault(),
} as const;
