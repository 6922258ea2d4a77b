/**
 * The outage the control API can play, so tests and demos see how clients behave when the
 * service is down (every non-control request answers 503) or slow (every answer held back).
 */

/** What the service is playing right now. */
export type OutageMode = 'down' | 'slow' | 'normal';

/** The outage in force at one moment. */
export interface OutageState {
  mode: OutageMode;
  /** For 'slow': how long each response is held back. */
  delayMs: number;
  /** When it ends by itself (ISO), or null in normal mode. */
  until: string | null;
}

/** Defaults and limits of the control API's outage request. */
export const OUTAGE_LIMITS = {
  defaultForMs: 30_000,
  maxForMs: 10 * 60 * 1000,
  defaultDelayMs: 2000,
  maxDelayMs: 30_000,
} as const;

/** Holds the current outage; it ends by itself when its time is up (checked lazily, no timer). */
export class Outage {
  private mode: OutageMode = 'normal';
  private delayMs = 0;
  private untilMs = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts an outage ('down' or 'slow') for `forMs`, or ends it ('normal'). */
  set(mode: OutageMode, forMs: number = OUTAGE_LIMITS.defaultForMs, delayMs: number = OUTAGE_LIMITS.defaultDelayMs): OutageState {
    this.mode = mode;
    this.delayMs = mode === 'slow' ? delayMs : 0;
    this.untilMs = mode === 'normal' ? 0 : this.now() + forMs;
    return this.state();
  }

  /** The outage in force now ('normal' once its time is up). */
  state(): OutageState {
    if (this.mode !== 'normal' && this.now() >= this.untilMs) this.set('normal');
    return { mode: this.mode, delayMs: this.delayMs, until: this.mode === 'normal' ? null : new Date(this.untilMs).toISOString() };
  }

  /** Whole seconds until the outage ends (for Retry-After), at least 1. */
  secondsLeft(): number {
    return Math.max(1, Math.ceil((this.untilMs - this.now()) / 1000));
  }
}
