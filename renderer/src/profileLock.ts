/** Pure profile-lock helpers for the renderer: the PIN's length and the relock wording. */
import { RELOCK_CHOICES } from '../../shared/bridge';

/** A profile PIN is exactly this many digits. */
export const PROFILE_PIN_LENGTH = 4;

/** "Never", "5 minutes", "1 hour": a relock choice in words. */
export function relockLabel(minutes: number | null): string {
  if (minutes === null) return 'Never';
  if (minutes >= 60 && minutes % 60 === 0) {
    const h = minutes / 60;
    return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The choice shown as selected for a stored value: itself if offered, else the nearest (null stays "Never"). */
export function nearestRelockChoice(minutes: number | null): number | null {
  if (minutes === null || !(minutes > 0)) return null;
  let best: number | null = null;
  for (const c of RELOCK_CHOICES) {
    if (c === null) continue;
    if (best === null || Math.abs(c - minutes) < Math.abs(best - minutes)) best = c;
  }
  return best;
}

/** The idle time before going back to "Who's watching?", in ms (0 = never). */
export function relockMs(minutes: number | null | undefined): number {
  return typeof minutes === 'number' && minutes > 0 ? minutes * 60_000 : 0;
}
