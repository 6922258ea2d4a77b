/**
 * A value that listeners watch (session state, kiosk state, code sign-in state): it tells them
 * only when it really changes (compared as JSON, since these are plain data), and one throwing
 * listener neither stops the others nor the caller.
 */
import type { Logger } from './log';

export class StateCell<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    private value: T,
    private readonly log: Logger,
    /** Names the cell in the log line when a listener throws. */
    private readonly name: string,
  ) {}

  get(): T {
    return this.value;
  }

  /** Stores `next` and tells every listener, unless it equals the current value. */
  set(next: T): void {
    if (JSON.stringify(next) === JSON.stringify(this.value)) return;
    this.value = next;
    for (const cb of [...this.listeners]) {
      try {
        cb(next);
      } catch (err) {
        this.log.error(`${this.name} listener threw`, { error: String(err) });
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(cb: (value: T) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** Drops every listener (dispose). */
  clear(): void {
    this.listeners.clear();
  }
}
