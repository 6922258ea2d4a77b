/**
 * One navigation model for everything behind "Who's watching?": a stack of screens with Home at
 * the bottom. Opening a screen pushes it, Back pops it, switching profile (or kiosk mode coming on)
 * resets to Home. Every entry stays mounted under the ones above it ("covered"), so a screen keeps
 * its state and its focus, and Back lands on the element that opened the screen above.
 *
 * A new screen is one more Entry kind, one line in App's renderer, and pushes from its openers:
 * nobody's Back callback needs to know where it came from.
 */
import type { Title } from '../../shared/types';

export type Entry =
  | { name: 'home' }
  | { name: 'search' }
  /** A title page; `list`: the search results it was opened from (autoplay plays the next one). */
  | { name: 'title'; titleId: string; list?: Title[] }
  /**
   * The player: `resume` plays from where the profile stopped, else from the start. A series
   * plays `episodeId` (default: its next up); `quietEpisodes` counts the episodes before it that
   * played to their end in a row with no key pressed ("Are you still watching?").
   */
  | { name: 'player'; titleId: string; resume: boolean; list?: Title[]; episodeId?: string; quietEpisodes?: number }
  | { name: 'settings' }
  | { name: 'devices' }
  | { name: 'profile-locks' }
  | { name: 'manage-profiles' }
  | { name: 'kiosk' }
  | { name: 'sign-out-all' };

export type ScreenName = Entry['name'];

export type Stack = readonly [Entry, ...Entry[]];

export type StackAction =
  /** Opens one screen, or several at once (the hero's Play opens the title page with the player over it). */
  | { type: 'push'; entries: Entry[] }
  /** Back: closes the top screen (never Home). */
  | { type: 'pop' }
  /** Back to Home with nothing open. */
  | { type: 'reset' }
  /** Swaps the top `count` entries for others (autoplay: the next title's page and player). */
  | { type: 'replace'; count: number; entries: Entry[] };

export const HOME_ONLY: Stack = [{ name: 'home' }];

export function stackReducer(stack: Stack, action: StackAction): Stack {
  switch (action.type) {
    case 'push':
      return action.entries.length === 0 ? stack : [stack[0], ...stack.slice(1), ...action.entries];
    case 'pop':
      return stack.length > 1 ? (stack.slice(0, -1) as unknown as Stack) : stack;
    case 'reset':
      return stack.length === 1 ? stack : HOME_ONLY;
    case 'replace': {
      // Home stays at the bottom whatever the count.
      const keep = Math.max(1, stack.length - action.count);
      return [stack[0], ...stack.slice(1, keep), ...action.entries];
    }
  }
}

/**
 * The stack as far as it is allowed: it ends just under the first entry `allowed` refuses (a
 * screen that no longer applies, such as kiosk settings once kiosk mode came on from elsewhere,
 * takes the screens above it with it). The same stack when everything is allowed.
 */
export function allowedStack(stack: Stack, allowed: (entry: Entry) => boolean): Stack {
  const cut = stack.findIndex((e, i) => i > 0 && !allowed(e));
  return cut === -1 ? stack : (stack.slice(0, cut) as unknown as Stack);
}

/** The screen on top. */
export function top(stack: Stack): Entry {
  return stack[stack.length - 1] ?? stack[0];
}
