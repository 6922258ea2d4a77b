/**
 * Sign in with a code, the device side of RFC 8628: ask the service for a code pair, show the
 * short user code, poll with the device code at the service's interval (slow_down honoured),
 * replace an expired code by itself, and hand an approved sign-in to the SessionManager's own
 * completion path. The device code stays in this object; renderers only see CodeSignInState.
 * No electron import: both hosts use it through the SessionManager.
 */
import type { SignInResponse } from '../../shared/api';
import type { BridgeError, CodeSignInState, Result } from '../../shared/bridge';
import { ApiError, NetworkError, type ApiClient } from './api-client';
import { backoffDelay, type BackoffOptions } from './backoff';
import { deviceInfo, type DeviceSource } from './device';
import type { Logger } from './log';
import { StateCell } from './state-cell';

/** Time and timers, injectable so tests can move time by hand. */
export interface CodeSignInClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock and timers (unref'd: a waiting code never keeps a process alive on its own). */
export const realClock: CodeSignInClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What a user reads about sign in with a code. */
export const CODE_SIGN_IN_MESSAGES = {
  denied: 'The sign-in was declined on the account page.',
} as const;

/** RFC 8628 §3.5: without a new interval in a slow_down answer, add 5 seconds. */
const SLOW_DOWN_STEP_SECONDS = 5;

export interface CodeSignInOptions {
  api: Pick<ApiClient, 'deviceCode' | 'deviceToken' | 'signOut'>;
  device: DeviceSource;
  log: Logger;
  /**
   * Adopts an approved sign-in exactly as a password sign-in does (the SessionManager's completion
   * path); false when it could not (the device got signed in another way meanwhile).
   */
  complete(res: SignInResponse): boolean;
  /** Turns an API failure into the error the renderer shows. */
  toError(err: unknown): BridgeError;
  clock?: CodeSignInClock;
  /** Delays between tries when a replacement code cannot be fetched (offline). */
  retry?: BackoffOptions;
}

type Waiting = Extract<CodeSignInState, { status: 'waiting' }>;

/** One sign-in-with-a-code flow at a time, with its timers. */
export class CodeSignIn {
  private readonly cell: StateCell<CodeSignInState>;
  private readonly clock: CodeSignInClock;
  /** Bumped on every start and stop, so late answers and timers of an old flow do nothing. */
  private run = 0;
  private timer: unknown = null;
  private deviceCode: string | null = null;
  private expiresAtMs = 0;
  private intervalSeconds = 5;
  private retryAttempt = 0;

  constructor(private readonly opts: CodeSignInOptions) {
    this.clock = opts.clock ?? realClock;
    this.cell = new StateCell<CodeSignInState>({ status: 'idle' }, opts.log, 'code sign-in');
  }

  private get state(): CodeSignInState {
    return this.cell.get();
  }

  /** The current state, as the renderer sees it. */
  getState(): CodeSignInState {
    return this.state;
  }

  /** True while a code is being fetched or waited on. */
  get running(): boolean {
    return this.state.status === 'requesting' || this.state.status === 'waiting';
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(cb: (s: CodeSignInState) => void): () => void {
    return this.cell.subscribe(cb);
  }

  /** Starts a flow (asks for a code), or answers with the running flow's state. */
  async start(): Promise<Result<CodeSignInState>> {
    if (this.running) return { ok: true, value: this.state };
    this.run += 1;
    this.retryAttempt = 0;
    return this.requestCode(this.run, true);
  }

  /** Stops polling and forgets the code (the user left the screen, signed in another way, or signed out). */
  cancel(): void {
    // Idle with no timer: nothing runs (a request under way shows 'requesting'), so nothing to
    // stop. Every sign-out calls this; on a household's sign-out-all that is every device at once.
    if (this.state.status === 'idle' && this.timer === null) return;
    this.stop({ status: 'idle' });
  }

  /** Stops timers and drops listeners (process exit, tests). */
  dispose(): void {
    this.cancel();
    this.cell.clear();
  }

  private stop(next: CodeSignInState): void {
    this.run += 1;
    this.clearTimer();
    this.deviceCode = null;
    this.setState(next);
  }

  private async requestCode(run: number, first: boolean): Promise<Result<CodeSignInState>> {
    this.deviceCode = null;
    // Still offline from the last try: keep saying so while this one is under way.
    const wasOffline = this.state.status === 'requesting' && this.state.offline === true;
    this.setState(wasOffline ? { status: 'requesting', offline: true } : { status: 'requesting' });
    try {
      const res = await this.opts.api.deviceCode(deviceInfo(this.opts.device));
      if (run !== this.run) return { ok: true, value: this.state };
      this.deviceCode = res.deviceCode;
      this.intervalSeconds = Math.max(1, res.interval);
      this.expiresAtMs = this.clock.now() + res.expiresIn * 1000;
      this.retryAttempt = 0;
      this.setState({
        status: 'waiting',
        userCode: res.userCode,
        verificationUri: res.verificationUri,
        verificationUriComplete: res.verificationUriComplete,
        expiresAt: new Date(this.expiresAtMs).toISOString(),
        intervalSeconds: this.intervalSeconds,
        offline: false,
      });
      this.schedulePoll(run);
      return { ok: true, value: this.state };
    } catch (err) {
      if (run !== this.run) return { ok: true, value: this.state };
      const error = this.opts.toError(err);
      if (err instanceof NetworkError) {
        // The service is out of reach (for the first code, or replacing an expired one): say so at
        // once and keep trying with backoff, so the screen recovers by itself when it is back.
        this.retryAttempt += 1;
        const ms = backoffDelay(this.retryAttempt, { baseMs: this.intervalSeconds * 1000, capMs: 60_000, ...this.opts.retry });
        this.opts.log.warn(first ? 'could not get a sign-in code; trying again' : 'could not get a new sign-in code; trying again', { inMs: ms, error: String(err) });
        this.setState({ status: 'requesting', offline: true });
        this.schedule(run, ms, () => void this.requestCode(run, false));
        return { ok: true, value: this.state };
      }
      this.opts.log.warn('could not get a sign-in code', { error: String(err) });
      this.stop({ status: 'failed', message: error.message });
      return { ok: false, error };
    }
  }

  private async poll(run: number): Promise<void> {
    const deviceCode = this.deviceCode;
    if (!deviceCode) return;
    let res: SignInResponse;
    try {
      res = await this.opts.api.deviceToken(deviceCode);
    } catch (err) {
      if (run === this.run) this.pollFailed(run, err);
      return;
    }
    // Cancelled while the answer was on its way, or signed in another way: that session is nobody's.
    const orphan = () => {
      this.opts.log.info('a code sign-in arrived after the flow ended; signing that session out');
      void this.opts.api.signOut(res.accessToken).catch(() => undefined);
    };
    if (run !== this.run) return orphan();
    this.run += 1;
    this.clearTimer();
    this.deviceCode = null;
    // The session goes signed-in first (the screen moves on), then the flow reads idle.
    let adopted: boolean;
    try {
      adopted = this.opts.complete(res);
    } catch (err) {
      this.opts.log.error('could not keep the session from a code sign-in', { error: String(err) });
      orphan();
      this.setState({ status: 'failed', message: this.opts.toError(err).message });
      return;
    }
    if (!adopted) orphan();
    this.setState({ status: 'idle' });
  }

  private pollFailed(run: number, err: unknown): void {
    const expired = this.clock.now() >= this.expiresAtMs;
    if (err instanceof ApiError) {
      switch (err.code) {
        case 'slow_down':
        case 'authorization_pending':
          // slow_down is still pending, with a longer interval from now on.
          if (err.code === 'slow_down') this.intervalSeconds = err.interval ?? this.intervalSeconds + SLOW_DOWN_STEP_SECONDS;
          if (expired) return void this.requestCode(run, false);
          this.updateWaiting({ offline: false, intervalSeconds: this.intervalSeconds });
          return this.schedulePoll(run);
        case 'expired_token':
        case 'invalid_request':
          // Expired, used, or unknown to the service (e.g. its data was reset): show a new code.
          return void this.requestCode(run, false);
        case 'access_denied':
          return this.stop({ status: 'failed', message: CODE_SIGN_IN_MESSAGES.denied });
        default:
          if (err.status >= 500 || err.status === 429) break;
          this.opts.log.warn('sign in with a code failed', { code: err.code, status: err.status });
          return this.stop({ status: 'failed', message: this.opts.toError(err).message });
      }
    }
    // Out of reach (or a passing server error): say so, keep polling, and replace the code once it is past its time.
    if (expired) return void this.requestCode(run, false);
    this.updateWaiting({ offline: true });
    this.schedulePoll(run);
  }

  private updateWaiting(changes: Partial<Waiting>): void {
    if (this.state.status === 'waiting') this.setState({ ...this.state, ...changes });
  }

  private schedulePoll(run: number): void {
    this.schedule(run, this.intervalSeconds * 1000, () => void this.poll(run));
  }

  private schedule(run: number, ms: number, fn: () => void): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (run === this.run) fn();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(next: CodeSignInState): void {
    this.cell.set(next);
  }
}
