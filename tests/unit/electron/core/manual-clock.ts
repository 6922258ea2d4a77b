/** A clock and timers that move only when a test says so (for sign in with a code's polling). */
import type { CodeSignInClock } from '../../../../electron/core/code-sign-in';

export class ManualClock implements CodeSignInClock {
  private t: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.parse('2026-01-01T12:00:00.000Z')) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Milliseconds until the next timer fires (Infinity when none waits). */
  get nextInMs(): number {
    return Math.min(Infinity, ...[...this.timers.values()].map((t) => t.at - this.t));
  }

  /** Moves time on by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}
