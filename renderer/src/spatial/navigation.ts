/**
 * Spatial navigation for the 10-foot UI, on @noriginmedia/norigin-spatial-navigation: arrow keys
 * (and a gamepad's D-pad, see gamepad.ts) move one focus between the focusables of the screen on
 * top. The library moves real DOM focus (shouldFocusDOMNode), so screen readers, `:focus` styles
 * and Playwright's toBeFocused() all see the same focus a person does; it also marks the focused
 * element `data-focused` (the CSS draws the same ring for both).
 *
 * Enter is deliberately NOT in the library's key map: the focused element is a real <button>
 * (or link, or input), so Enter activates it the native way, exactly like a mouse click or a
 * gamepad's A button (which clicks document.activeElement). One activation path, never two.
 * Back (Escape/Backspace) stays with each screen (useKeys), since only the screen knows where
 * "back" is.
 *
 * Arrow keys: the library runs with native events (it would otherwise preventDefault every arrow,
 * including Left/Right in a text field, before asking the field). Our own listener prevents the
 * browser's default (scrolling) for every arrow except Left/Right in a text field, where they move
 * the caret (the field's onArrowPress returns false, so the library leaves focus there).
 */
import {
  getCurrentFocusKey,
  GetBoundingClientRectAdapter,
  init,
  navigateByDirection,
  setFocus,
  setKeyMap,
  doesFocusableExist,
  type Direction,
  type LayoutAdapter,
} from '@noriginmedia/norigin-spatial-navigation';

let initialised = false;

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

/** True for an element where Left/Right move a caret (text-like inputs and text areas). */
export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'image', 'color', 'file'].includes(type);
}

function preventArrowDefault(e: KeyboardEvent): void {
  if (!ARROWS.has(e.key) || e.defaultPrevented) return;
  if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && isTextField(e.target)) return;
  e.preventDefault();
}

export interface SpatialNavigationOptions {
  debug?: boolean;
  /** Tests pass a layout adapter (jsdom has no layout); the app measures with getBoundingClientRect. */
  layoutAdapter?: (new (...args: never[]) => LayoutAdapter) | Partial<LayoutAdapter>;
}

/** Starts spatial navigation once per page (idempotent: tests and hot paths may call it again). */
export function initSpatialNavigation(options: SpatialNavigationOptions = {}): void {
  if (initialised) return;
  initialised = true;
  init({
    shouldFocusDOMNode: true,
    // Rows and pages scroll the focused element into view themselves (smoothly, with a margin).
    domNodeFocusOptions: { preventScroll: true },
    shouldUseNativeEvents: true,
    // Viewport boxes: right for tiles in horizontally scrolled rows and in a scrolled page.
    layoutAdapter: (options.layoutAdapter ?? GetBoundingClientRectAdapter) as never,
    distanceCalculationMethod: 'center',
    // A component mounting under a key that had focus once (a remounted screen's fixed keys)
    // must not take focus by itself; focus follows the DOM (see useFocusTarget) and screens.
    focusOnPresetKey: false,
    throttle: 0,
    debug: options.debug ?? false,
    visualDebug: false,
  });
  // Enter is handled natively by the focused button (see above): an unmatchable code disables it.
  setKeyMap({ enter: ['Couchside:no-enter'] });
  window.addEventListener('keydown', preventArrowDefault);
}

/** Moves focus one step, as an arrow key would (the gamepad uses this). */
export function move(direction: Direction): Promise<void> {
  return navigateByDirection(direction, {});
}

/** Focuses a focusable (or a container: its last-focused child, else its preferred or first child). */
export function focusKey(key: string): Promise<void> {
  return doesFocusableExist(key) ? setFocus(key) : Promise.resolve();
}

export { getCurrentFocusKey, doesFocusableExist };
export type { Direction };
