/**
 * A gamepad drives the same focus as the arrow keys (the browser Gamepad API, standard mapping):
 *
 *   D-pad (buttons 12-15) or left stick (past a 0.5 dead zone)  the arrow keys (focus moves, the
 *                                                                player seeks), repeating while held
 *                                                                (after 400 ms, then every 120 ms)
 *   A (0)                      clicks the focused element (as Enter would)
 *   B (1), Back/Select (8)     Back: an Escape keydown, so each screen's Back handler runs
 *   Start (9)                  the menu: a ContextMenu keydown (Home opens Settings)
 *
 * Pads are polled on requestAnimationFrame only while one is connected; nothing runs otherwise.
 */
import type { Direction } from './navigation';

export const BUTTON = { A: 0, B: 1, BACK: 8, START: 9, UP: 12, DOWN: 13, LEFT: 14, RIGHT: 15 } as const;
export const DEAD_ZONE = 0.5;
export const REPEAT_DELAY_MS = 400;
export const REPEAT_EVERY_MS = 120;

type Action = Direction | 'a' | 'back' | 'start';

/** What the poller needs from the page (tests pass fakes). */
export interface GamepadEnv {
  getGamepads: () => readonly (Gamepad | null)[];
  requestFrame: (cb: () => void) => number;
  cancelFrame: (id: number) => void;
  now: () => number;
  /** Where gamepadconnected/gamepaddisconnected arrive (window). */
  events: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  move: (direction: Direction) => void;
  /** The document whose focused element A clicks and Back/Start keys go to. */
  doc: Document;
}

function defaultEnv(): GamepadEnv {
  return {
    getGamepads: () => (typeof navigator.getGamepads === 'function' ? navigator.getGamepads() : []),
    requestFrame: (cb) => window.requestAnimationFrame(cb),
    cancelFrame: (id) => window.cancelAnimationFrame(id),
    now: () => performance.now(),
    events: window,
    // The arrow key itself, not a bare focus move: a screen that gives arrows a meaning of its
    // own (the player seeks with Left/Right) gets the pad exactly as it gets the keyboard.
    move: (d) => sendKey(document, ARROW_KEYS[d]),
    doc: document,
  };
}

const ARROW_KEYS: Readonly<Record<Direction, string>> = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };

const pressed = (pad: Gamepad, i: number) => Boolean(pad.buttons[i]?.pressed);

/** The actions held on the pads right now (any pad counts). */
export function readActions(pads: readonly (Gamepad | null)[]): Set<Action> {
  const held = new Set<Action>();
  for (const pad of pads) {
    if (!pad || pad.connected === false) continue;
    const x = pad.axes[0] ?? 0;
    const y = pad.axes[1] ?? 0;
    if (pressed(pad, BUTTON.UP) || y < -DEAD_ZONE) held.add('up');
    if (pressed(pad, BUTTON.DOWN) || y > DEAD_ZONE) held.add('down');
    if (pressed(pad, BUTTON.LEFT) || x < -DEAD_ZONE) held.add('left');
    if (pressed(pad, BUTTON.RIGHT) || x > DEAD_ZONE) held.add('right');
    if (pressed(pad, BUTTON.A)) held.add('a');
    if (pressed(pad, BUTTON.B) || pressed(pad, BUTTON.BACK)) held.add('back');
    if (pressed(pad, BUTTON.START)) held.add('start');
  }
  return held;
}

const DIRECTIONS: readonly Direction[] = ['up', 'down', 'left', 'right'];

/** Sends a key to the focused element (bubbling to the document), as a remote's key would. */
function sendKey(doc: Document, key: string): void {
  const target = doc.activeElement instanceof HTMLElement ? doc.activeElement : doc.body ?? doc;
  const init = { key, code: key, bubbles: true, cancelable: true };
  target.dispatchEvent(new KeyboardEvent('keydown', init));
  target.dispatchEvent(new KeyboardEvent('keyup', init));
}

/**
 * Starts listening for gamepads; returns a function that stops everything. Safe to call once at
 * startup whether or not a pad is (ever) connected.
 */
export function startGamepad(overrides: Partial<GamepadEnv> = {}): () => void {
  const env = { ...defaultEnv(), ...overrides };
  let frame: number | null = null;
  let previous = new Set<Action>();
  /** The direction being held, and when it next repeats. */
  let repeat: { direction: Direction; at: number } | null = null;

  const anyConnected = () => env.getGamepads().some((p) => p !== null && p.connected !== false);

  const poll = () => {
    frame = null;
    const pads = env.getGamepads();
    const held = readActions(pads);
    const now = env.now();
    const fresh = (a: Action) => held.has(a) && !previous.has(a);

    const direction = DIRECTIONS.find(fresh);
    if (direction) {
      env.move(direction);
      repeat = { direction, at: now + REPEAT_DELAY_MS };
    } else if (repeat && held.has(repeat.direction)) {
      if (now >= repeat.at) {
        env.move(repeat.direction);
        repeat.at += REPEAT_EVERY_MS;
        // Slow frames: one step per frame at most, then back to the cadence.
        if (repeat.at <= now) repeat.at = now + REPEAT_EVERY_MS;
      }
    } else {
      // Released (or another direction still held from before): start over on the next press.
      repeat = null;
    }
    if (fresh('a')) {
      const el = env.doc.activeElement;
      if (el instanceof HTMLElement && el !== env.doc.body) el.click();
    }
    if (fresh('back')) sendKey(env.doc, 'Escape');
    if (fresh('start')) sendKey(env.doc, 'ContextMenu');
    previous = held;

    if (anyConnected()) frame = env.requestFrame(poll);
    else {
      previous = new Set();
      repeat = null;
    }
  };

  const ensurePolling = () => {
    if (frame === null) frame = env.requestFrame(poll);
  };

  const onConnected = () => ensurePolling();
  env.events.addEventListener('gamepadconnected', onConnected);
  // A pad already connected before the page loaded shows up on its first button press, as a
  // gamepadconnected event; one that did so already is polled straight away.
  if (anyConnected()) ensurePolling();

  return () => {
    env.events.removeEventListener('gamepadconnected', onConnected);
    if (frame !== null) env.cancelFrame(frame);
    frame = null;
  };
}
