/**
 * The keys every modal dialog shares, for its root's onKeyDown: Escape (and Backspace outside a
 * text field) cancels; every other key stays with the dialog, except the arrows, which spatial
 * navigation handles on window (inside the dialog's focus boundary); Tab cycles inside.
 */
import type { KeyboardEvent, MouseEvent } from 'react';

const isTextField = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement;

export function handleDialogKey(e: KeyboardEvent<HTMLElement>, cancel: () => void): void {
  if (e.key === 'Escape' || (e.key === 'Backspace' && !isTextField(e.target))) {
    e.preventDefault();
    e.stopPropagation();
    cancel();
    return;
  }
  if (!e.key.startsWith('Arrow')) e.stopPropagation();
  if (e.key !== 'Tab') return;
  const stops = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input, textarea, button:not(:disabled)'));
  if (stops.length === 0) return;
  e.preventDefault();
  const at = stops.indexOf(document.activeElement as HTMLElement);
  stops[(at + (e.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
}

/** Tab and Shift+Tab cycle through a dialog's buttons (keypad and keyboard dialogs: no fields). */
export function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  e.preventDefault();
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  buttons[(at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length]?.focus();
}

/** A mouse-down anywhere but on a button keeps the focus where it is. */
export function keepFocus(e: MouseEvent): void {
  if (!(e.target instanceof HTMLElement && e.target.closest('button'))) e.preventDefault();
}
