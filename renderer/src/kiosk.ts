/** Pure kiosk-mode helpers for the renderer: shape checks, wording, and the choices we offer. */
import type { BridgeError, KioskState } from '../../shared/bridge';
import * as v from 'valibot';
import { kioskState } from '../../shared/bridge-schemas';

/** The admin PIN's length, as the host accepts it. */
export const ADMIN_PIN_MIN = 4;
export const ADMIN_PIN_MAX = 8;

/** "Return to the start after": the idle times offered in Settings, in seconds. */
export const IDLE_CHOICES: readonly number[] = [60, 120, 300, 600];

/** Used before the host has answered, or when it cannot say: kiosk mode off. */
export const KIOSK_OFF: KioskState = {
  enabled: false,
  source: null,
  pinSet: false,
  demoMode: false,
  idleResetSeconds: 120,
  cursorHideSeconds: 3,
};

/** How many Back/Escape presses, within how long, open the exit dialog on a remote. */
export const BACK_PRESSES_TO_EXIT = 5;
export const BACK_PRESS_WINDOW_MS = 3000;

/** How to leave kiosk mode, in words for the screen (the chord and the remote's way). */
export const KIOSK_EXIT_HELP =
  'To leave kiosk mode, press Ctrl+Shift+K, or press Back five times within three seconds on the home screen, then enter the admin PIN.';

/** True when `value` is a `KioskState` (what a host answers to getKiosk), by the contract's schema. */
export function isKioskState(value: unknown): value is KioskState {
  return v.is(kioskState, value);
}

/** "1 minute", "10 minutes", "45 seconds". */
export function formatDuration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) {
    const m = seconds / 60;
    return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
  }
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** The choice shown as selected for a stored idle time: itself if offered, else the nearest. */
export function nearestIdleChoice(seconds: number): number {
  let best = IDLE_CHOICES[0]!;
  for (const c of IDLE_CHOICES) if (Math.abs(c - seconds) < Math.abs(best - seconds)) best = c;
  return best;
}

/** The lock-out line, counting down: "Too many tries. Try again in 58 seconds." */
export function lockedOutMessage(secondsLeft: number): string {
  const s = Math.max(1, Math.ceil(secondsLeft));
  return `Too many tries. Try again in ${s} ${s === 1 ? 'second' : 'seconds'}.`;
}

/** An error for the screen when a bridge call threw instead of answering. */
export const CALL_FAILED: BridgeError = { code: 'failed', message: 'Something went wrong. Please try again.' };
