/**
 * Spatial navigation for renderer tests, as main.tsx starts it for the app. jsdom lays nothing
 * out, so arrow moves cannot be judged here (the e2e specs do that in Chromium), but where focus
 * lands when a screen opens, and where it returns on Back, can.
 */
import { initSpatialNavigation } from '../../../renderer/src/spatial';

// jsdom ignores `inert` for focus; browsers never move focus into an inert subtree.
if (typeof HTMLElement !== 'undefined' && !('couchsideInertFocus' in HTMLElement.prototype)) {
  const focus = HTMLElement.prototype.focus;
  Object.defineProperty(HTMLElement.prototype, 'couchsideInertFocus', { value: true });
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    if (this.closest('[inert]')) return;
    focus.call(this, options);
  };
}

initSpatialNavigation();
