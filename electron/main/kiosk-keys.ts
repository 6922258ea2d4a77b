/**
 * Which key presses are the usual ways out of an app (reload, devtools, close, quit, new window,
 * history navigation, fullscreen), blocked in kiosk mode. No electron import. The renderer's own
 * keys pass: arrows, Enter, Escape, Backspace, digits, and the admin chord Ctrl+Shift+K.
 */

/** The fields of Electron's `before-input-event` Input that matter here. */
export interface KeyInput {
  key: string;
  code?: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

/** With Ctrl (or Cmd), with or without Shift: reload, close, quit, new window, new tab, hide, minimize. */
const MOD_KEYS = new Set(['r', 'w', 'q', 'n', 't', 'h', 'm']);
/** With Ctrl/Cmd+Shift (or Cmd+Option on macOS): the devtools (I, J) and the element picker (C). */
const MOD_SHIFT_KEYS = new Set(['i', 'j', 'c']);
/** Alone or with anything: reload, fullscreen, devtools, browser keys. */
const ALWAYS = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome']);
/** With Alt: history back/forward, close the window. */
const ALT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'F4', 'Home']);

/** The letter a key press stands for, from `code` when there is one (so it works on any layout). */
function letter(input: KeyInput): string {
  const m = /^Key([A-Z])$/.exec(input.code ?? '');
  return m ? m[1]!.toLowerCase() : input.key.toLowerCase();
}

/** True when the key press is one of the usual escape shortcuts kiosk mode must swallow. */
export function isEscapeShortcut(input: KeyInput): boolean {
  if (ALWAYS.has(input.key)) return true;
  if (input.alt && ALT_KEYS.has(input.key)) return true;
  const mod = !!(input.control || input.meta);
  if (!mod) return false;
  const l = letter(input);
  if (MOD_KEYS.has(l)) return true;
  return !!(input.shift || input.alt) && MOD_SHIFT_KEYS.has(l);
}
