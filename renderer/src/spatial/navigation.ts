/**
 * Spatial navigation for the 10-foot UI, on @noriginmedia/norigin-spatial-navigation: arrow keys
 * (and a gamepad's D-pad, see gamepad.ts) move one focus between the focusables of the screen on
 * top. The library moves real DOM focus (shouldFocusDOMNode), so screen readers, `:focus` styles
 * and Playwright's toBeFocused() all see the same focus a person does.
 *
 * Enter is deliberately NOT in the library's key map: the focused element is a real <button>
 * (or link, or input), so Enter activates it the native way, exactly like a mouse click or a
 * gamepad's A button (which clicks document.activeElement). One activation path, never two.
 * Back (Escape/Backspace) stays with each screen (useKeys), since only the screen knows where
 * "back" is.
 */
import {
  getCurrentFocusKey,
  init,
  navigateByDirection,
  setFocus,
  setKeyMap,
  doesFocusableExist,
  type Direction,
} from '@noriginmedia/norigin-spatial-navigation';

let initialised = false;

/** Starts spatial navigation once per page (idempotent: tests and hot paths may call it again). */
export function initSpatialNavigation(options: { debug?: boolean } = {}): void {
  if (initialised) return;
  initialised = true;
  init({
    shouldFocusDOMNode: true,
    // Rows and pages scroll the focused tile into view themselves (smoothly, with a margin).
    domNodeFocusOptions: { preventScroll: true },
    distanceCalculationMethod: 'center',
    throttle: 0,
    debug: options.debug ?? false,
    visualDebug: false,
  });
  // Enter is handled natively by the focused button (see above): an unmatchable code disables it.
  setKeyMap({ enter: ['Couchside:no-enter'] });
}

/** Moves focus one step, as an arrow key would (the gamepad uses this). */
export function move(direction: Direction): void {
  void navigateByDirection(direction, {});
}

/** Focuses a focusable (or a container: its last-focused child, else its preferred or first child). */
export function focusKey(key: string): void {
  if (doesFocusableExist(key)) void setFocus(key);
}

export { getCurrentFocusKey, doesFocusableExist };
export type { Direction };
