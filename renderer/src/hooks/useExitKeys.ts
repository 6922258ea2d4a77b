/**
 * The two ways to ask to leave kiosk mode: the Ctrl+Shift+K chord anywhere, and, for remotes
 * without a Ctrl key, Back (Escape/Backspace) pressed five times within three seconds on a
 * top-level screen (where Back has nowhere else to go).
 */
import { useEffect, useEffectEvent } from 'react';
import { BACK_PRESS_WINDOW_MS, BACK_PRESSES_TO_EXIT } from '../kiosk';
import { isTyping } from './useKeys';

export interface UseExitKeysOptions {
  /** Only in kiosk mode, and not while the exit dialog is already open. */
  enabled: boolean;
  /** True when the screen on top is a top-level one (sign-in, the picker, Home with nothing over it). */
  isTopLevel: () => boolean;
  onOpen: () => void;
  now?: () => number;
}

/** Keys a remote's Back button arrives as. */
export function isBackKey(key: string): boolean {
  return key === 'Escape' || key === 'Backspace' || key === 'BrowserBack' || key === 'GoBack';
}

/** True for Ctrl+Shift+K (any layout that produces K, or the K key itself). */
export function isExitChord(e: KeyboardEvent): boolean {
  return (
    e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k')
  );
}

export function useExitKeys({ enabled, isTopLevel, onOpen, now = Date.now }: UseExitKeysOptions): void {
  const open = useEffectEvent(() => onOpen());
  const topLevel = useEffectEvent(() => isTopLevel());
  const clock = useEffectEvent(() => now());
  useEffect(() => {
    if (!enabled) return;
    let presses: number[] = [];
    const onKey = (e: KeyboardEvent) => {
      if (isExitChord(e)) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat) open();
        return;
      }
      if (!isBackKey(e.key) || e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      // Backspace in a text field edits the text; it is not Back.
      if (e.key === 'Backspace' && isTyping(e)) return;
      if (!topLevel()) {
        presses = [];
        return;
      }
      const t = clock();
      presses = [...presses.filter((p) => t - p < BACK_PRESS_WINDOW_MS), t];
      if (presses.length >= BACK_PRESSES_TO_EXIT) {
        presses = [];
        e.preventDefault();
        open();
      }
    };
    // Capture phase on window: seen before any screen's own handling of Escape.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
