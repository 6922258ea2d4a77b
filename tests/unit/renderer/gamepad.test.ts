// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUTTON, startGamepad, type GamepadEnv } from '../../../renderer/src/spatial/gamepad';

/** A fake pad: buttons by index, axes [x, y]. */
function pad(buttons: number[] = [], axes: [number, number] = [0, 0], connected = true): Gamepad {
  return {
    connected,
    axes,
    buttons: Array.from({ length: 17 }, (_, i) => ({ pressed: buttons.includes(i), touched: false, value: buttons.includes(i) ? 1 : 0 })),
  } as unknown as Gamepad;
}

/** Fake frames and clock: frames run only when the test says so. */
function harness() {
  let pads: (Gamepad | null)[] = [];
  let t = 0;
  let queued: (() => void) | null = null;
  const listeners = new EventTarget();
  const moves: string[] = [];
  const env: Partial<GamepadEnv> = {
    getGamepads: () => pads,
    requestFrame: (cb) => {
      queued = cb;
      return 1;
    },
    cancelFrame: () => {
      queued = null;
    },
    now: () => t,
    events: listeners as unknown as Window,
    move: (d) => moves.push(d),
    doc: document,
  };
  const stop = startGamepad(env);
  return {
    moves,
    stop,
    set pads(p: (Gamepad | null)[]) {
      pads = p;
    },
    connect(p: Gamepad) {
      pads = [p];
      listeners.dispatchEvent(new Event('gamepadconnected'));
    },
    polling: () => queued !== null,
    /** Advances the clock by `ms` and runs one frame. */
    frame(ms = 16) {
      t += ms;
      const cb = queued;
      queued = null;
      cb?.();
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('gamepad', () => {
  it('polls only while a pad is connected', () => {
    const h = harness();
    expect(h.polling()).toBe(false);
    h.connect(pad());
    expect(h.polling()).toBe(true);
    h.frame();
    expect(h.polling()).toBe(true);
    h.pads = [null];
    h.frame();
    expect(h.polling()).toBe(false);
    h.stop();
  });

  it('moves focus with the D-pad and the left stick, once per press', () => {
    const h = harness();
    h.connect(pad([BUTTON.RIGHT]));
    h.frame();
    h.frame();
    expect(h.moves).toEqual(['right']);
    h.pads = [pad()];
    h.frame();
    h.pads = [pad([BUTTON.DOWN])];
    h.frame();
    h.pads = [pad()];
    h.frame();
    // The stick counts past the dead zone only.
    h.pads = [pad([], [0, -0.4])];
    h.frame();
    expect(h.moves).toEqual(['right', 'down']);
    h.pads = [pad([], [0, -0.8])];
    h.frame();
    h.pads = [pad([], [-0.9, 0])];
    h.frame();
    expect(h.moves).toEqual(['right', 'down', 'up', 'left']);
    h.stop();
  });

  it('repeats a held direction after 400 ms, then every 120 ms', () => {
    const h = harness();
    h.connect(pad([BUTTON.LEFT]));
    h.frame(0);
    expect(h.moves).toHaveLength(1);
    h.frame(390);
    expect(h.moves).toHaveLength(1);
    h.frame(10); // 400 ms held
    expect(h.moves).toHaveLength(2);
    h.frame(100);
    expect(h.moves).toHaveLength(2);
    h.frame(20); // 120 ms later
    expect(h.moves).toHaveLength(3);
    h.frame(120);
    expect(h.moves).toHaveLength(4);
    // Released: no more moves; a new press moves at once.
    h.pads = [pad()];
    h.frame(500);
    expect(h.moves).toHaveLength(4);
    h.pads = [pad([BUTTON.LEFT])];
    h.frame();
    expect(h.moves).toEqual(['left', 'left', 'left', 'left', 'left']);
    h.stop();
  });

  it('A clicks the focused element; B and Back/Select send Escape; Start sends the menu key', () => {
    document.body.innerHTML = '<button id="b">Play</button>';
    const button = document.getElementById('b') as HTMLButtonElement;
    const clicked = vi.fn();
    button.addEventListener('click', clicked);
    button.focus();
    const keys: string[] = [];
    document.addEventListener('keydown', (e) => keys.push(e.key));

    const h = harness();
    h.connect(pad([BUTTON.A]));
    h.frame();
    h.frame(); // still held: one click only
    expect(clicked).toHaveBeenCalledTimes(1);
    h.pads = [pad([BUTTON.B])];
    h.frame();
    h.pads = [pad()];
    h.frame();
    h.pads = [pad([BUTTON.BACK])];
    h.frame();
    h.pads = [pad([BUTTON.START])];
    h.frame();
    expect(keys).toEqual(['Escape', 'Escape', 'ContextMenu']);
    expect(clicked).toHaveBeenCalledTimes(1);
    h.stop();
  });

  it('does nothing after stop', () => {
    const h = harness();
    h.connect(pad([BUTTON.UP]));
    h.stop();
    expect(h.polling()).toBe(false);
    h.frame();
    expect(h.moves).toEqual([]);
  });
});
