/**
 * "Nobody has touched this for N seconds": the kiosk's idle timer (cursor hiding, demo reset).
 * Input events push the deadline back; the timer is re-armed lazily (one timeout in flight, not
 * one per mouse move). The clock is injectable so tests can drive it with fake timers.
 */
import { useEffect, useEffectEvent } from 'react';

/** The time source the idle timer uses. */
export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The browser's clock (read at call time, so fake timers installed later still apply). */
export const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Every kind of input that means someone is there: keys (remotes and gamepads send keys too), mouse, touch. */
export const INPUT_EVENTS: readonly string[] = [
  'keydown',
  'mousedown',
  'mousemove',
  'pointerdown',
  'wheel',
  'touchstart',
  'touchmove',
];

export interface UseIdleOptions {
  /** How long without input counts as idle; 0, negative or not finite means never. */
  timeoutMs: number;
  /** While false nothing is timed; turning it back on starts a full idle period. */
  enabled: boolean;
  /** Called once per idle period (again only after new input and another full period). */
  onIdle: () => void;
  /** Called on the first input after `onIdle` fired. */
  onActive?: () => void;
  /** Which events count as input (default: INPUT_EVENTS). */
  events?: readonly string[];
  /** Lets an event through as input or not (e.g. a mousemove that did not move). */
  isInput?: (e: Event) => boolean;
  /** Where to listen (default: window, in the capture phase so no handler can hide input). */
  target?: EventTarget;
  clock?: IdleClock;
}

export function useIdle(opts: UseIdleOptions): void {
  const { timeoutMs, enabled, events = INPUT_EVENTS, target, clock = realClock } = opts;
  const fireIdle = useEffectEvent(() => opts.onIdle());
  const fireActive = useEffectEvent(() => opts.onActive?.());
  const accept = useEffectEvent((e: Event) => (opts.isInput ? opts.isInput(e) : true));
  const eventsKey = events.join(' ');

  useEffect(() => {
    if (!enabled || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) return;
    const where = target ?? window;
    let last = clock.now();
    let handle: unknown = null;
    let idle = false;

    const arm = (ms: number) => {
      handle = clock.setTimeout(check, ms);
    };
    function check() {
      handle = null;
      const left = last + timeoutMs - clock.now();
      if (left > 0) {
        arm(left);
        return;
      }
      idle = true;
      fireIdle();
    }
    const onInput = (e: Event) => {
      if (!accept(e)) return;
      last = clock.now();
      if (idle) {
        idle = false;
        fireActive();
      }
      if (handle === null) arm(timeoutMs);
    };

    arm(timeoutMs);
    const names = eventsKey.split(' ').filter(Boolean);
    for (const name of names) where.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      if (handle !== null) clock.clearTimeout(handle);
      for (const name of names) where.removeEventListener(name, onInput, { capture: true });
    };
  }, [enabled, timeoutMs, eventsKey, target, clock]);
}

/**
 * A filter for mouse events that only lets real movement through: browsers also send a
 * mousemove when the page moves under a still pointer, which must not wake a hidden cursor.
 */
export function movedFilter(): (e: Event) => boolean {
  let lastX: number | null = null;
  let lastY: number | null = null;
  return (e) => {
    if (e.type !== 'mousemove' && e.type !== 'pointermove') return true;
    const m = e as MouseEvent;
    const moved = m.screenX !== lastX || m.screenY !== lastY;
    lastX = m.screenX;
    lastY = m.screenY;
    return moved;
  };
}
