/**
 * A value that listeners watch (session state, kiosk state, code sign-in state): it tells them
 * only when it really changes (compared as JSON, since these are plain data), and one throwing
 * listener neither stops the others nor the caller.
 */
import type { Logger } from './log';

export class StateCell<T> {
  private readonly listeners = new Set<(value: T) => void>();
  /** The current value as JSON once it was needed, so each set() serializes at most the new value. */
  private json: string | null = null;

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
    // A new status is a change without comparing the rest (a sign-out-all reaches every device
    // at once, and this runs in each one's wipe); otherwise compare as JSON.
    let json: string | null = null;
    if (statusOf(next) === statusOf(this.value)) {
      json = JSON.stringify(next);
      if (json === (this.json ??= JSON.stringify(this.value))) return;
    }
    this.value = next;
    this.json = json;
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

/** The `status` of a state object (every cell's states have one), or undefined. */
function statusOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { status?: unknown }).status : undefined;
}
