const NOT_TYPED: ReadonlySet<string> = new Set(['radio', 'checkbox', 'button', 'submit', 'reset']);

/** Whether a key press is typing into a field, so single-letter shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A radio, a checkbox or a button input (the language switch is a radio group) takes no typing: a screen's Enter
  // must still work after a click on one.
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
