/** Document-level key handling for the screen on top (10-foot UI: remotes send plain keys). */
import { useEffectEvent, useLayoutEffect } from 'react';

/**
 * Calls `handler` for every keydown on the document while `active` is true. The listener is in
 * place when the screen is committed (a layout effect), not some time after (a passive effect,
 * which React may run a frame later when the render came from a network answer): a key pressed
 * the moment a screen appears reaches that screen, on a busy machine too.
 */
export function useKeys(active: boolean, handler: (e: KeyboardEvent) => void): void {
  const onKey = useEffectEvent(handler);
  useLayoutEffect(() => {
    if (!active) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [active]);
}

/** True when the user asked the OS for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

/** True when a key event comes from a text field, where arrows and Backspace edit text. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target;
  return (
    t instanceof HTMLElement &&
    (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')
  );
}
