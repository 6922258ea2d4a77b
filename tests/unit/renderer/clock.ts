/** A clock for the idle timers that tests move by hand: timers fire only when `advance` passes them. */
import { act } from '@testing-library/react';
import type { IdleClock } from '../../../renderer/src/hooks/useIdle';

export function manualClock() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: IdleClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => {
      timers.delete(h as number);
    },
  };
  /** Moves time on by `ms`, firing every timer that falls due on the way (inside act). */
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      act(() => due[1].fn());
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}
