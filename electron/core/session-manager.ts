/**
 * The session, owned by the main process (or the web host). It restores the stored session,
 * signs in and out, makes authenticated calls, and has ONE wipe path, clear(), that user sign-out
 * and every server revocation route (push, 401, reconnect) go through.
 */
import type { DeviceInfo } from '../../shared/api';
import type { BridgeError, HomeData, Result, SessionState, SignOutNotice } from '../../shared/bridge';
import { SIGN_OUT_MESSAGES, type AccountSummary, type Profile, type SignOutReason } from '../../shared/types';
import { ApiClient, ApiError, NetworkError, reasonFromError } from './api-client';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { Logger } from './log';
import { RevocationWatcher, type WatcherOptions } from './revocation-watcher';
import type { LoadedSession, LoadProblem, SessionStore } from './store';

export interface SessionManagerOptions {
  api: ApiClient;
  store: SessionStore;
  device: DeviceInfo;
  log: Logger;
  /** Open the device event stream while signed in (default true). */
  stream?: boolean;
  watcher?: WatcherOptions;
  /** Delays between tries when the server cannot be reached while restoring. */
  retry?: BackoffOptions;
  /** Set when the store file was damaged and had to be reset at open. */
  storeRecovered?: boolean;
}

/** Messages for the errors a user can cause or meet. */
export const ERROR_MESSAGES = {
  unreachable: "Can't reach the Couchside service. Check your connection and try again.",
  signedOut: 'You are signed out.',
  storeDamaged: 'Your saved sign-in could not be read, so please sign in again.',
} as const;

/** Turns anything thrown by the API client into an error the renderer can show. */
export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof NetworkError) return { code: 'server_unreachable', message: ERROR_MESSAGES.unreachable };
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'unknown_email':
      case 'wrong_password':
        return { code: err.code, message: err.message };
      case 'invalid_request':
        return { code: 'invalid_input', message: err.message };
      case 'not_found':
        return { code: 'not_found', message: err.message };
      case 'unauthorized':
      case 'session_revoked':
        return { code: 'signed_out', message: ERROR_MESSAGES.signedOut };
      default:
        return { code: 'failed', message: err.message };
    }
  }
  return { code: 'failed', message: 'Something went wrong. Please try again.' };
}

const fail = (error: BridgeError): { ok: false; error: BridgeError } => ({ ok: false, error });

/** The client core's session state machine. */
export class SessionManager {
  private session: LoadedSession | null = null;
  private state: SessionState = { status: 'restoring', offline: false };
  private readonly listeners = new Set<(s: SessionState) => void>();
  private watcher: RevocationWatcher | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryAttempt = 0;
  /** Bumped whenever the session changes, so late answers for an old session are ignored. */
  private generation = 0;
  private clears = 0;

  constructor(private readonly opts: SessionManagerOptions) {}

  /** The current state, as the renderer sees it. */
  getState(): SessionState {
    return this.state;
  }

  /** How many times clear() actually wiped a session (benchmarks and tests read this). */
  get clearCount(): number {
    return this.clears;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(cb: (s: SessionState) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Loads the stored session and checks it with the server before anything is shown. */
  async restore(): Promise<void> {
    const { session, problem } = this.opts.store.load();
    if (!session) {
      const damaged = problem ?? (this.opts.storeRecovered ? 'corrupt' : undefined);
      this.setState({ status: 'signed-out', notice: damaged ? this.damagedNotice(damaged) : null });
      return;
    }
    this.session = session;
    this.generation += 1;
    this.setState({ status: 'restoring', offline: false });
    await this.verify();
  }

  /**
   * Asks the server whether the session is still live (resume from sleep, window focus after a
   * long idle, reconnect). A refusal runs clear(); a network error only marks us offline.
   */
  async verify(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const gen = this.generation;
    try {
      const res = await this.opts.api.session(session.token);
      if (gen !== this.generation) return;
      this.retryAttempt = 0;
      this.opts.store.updateAccount(res.account);
      this.setState({ status: 'signed-in', account: res.account, offline: false });
      if (this.watcher) this.watcher.reconnectNow();
      else this.startWatcher(session);
    } catch (err) {
      if (gen !== this.generation) return;
      if (err instanceof ApiError && err.isAuthFailure) {
        this.clear(reasonFromError(err));
        return;
      }
      this.opts.log.warn('could not verify the session', { error: String(err) });
      this.scheduleRetry();
    }
  }

  /** Signs in with email and password and keeps the session. */
  async signIn(email: string, password: string): Promise<Result<AccountSummary>> {
    if (this.state.status === 'signed-in') return fail({ code: 'failed', message: 'Already signed in.' });
    try {
      const res = await this.opts.api.signIn(email, password, this.opts.device);
      const session: LoadedSession = { token: res.token, deviceId: res.deviceId, account: res.account };
      this.opts.store.save(session);
      this.session = session;
      this.generation += 1;
      this.setState({ status: 'signed-in', account: res.account, offline: false });
      this.startWatcher(session);
      return { ok: true, value: res.account };
    } catch (err) {
      return fail(toBridgeError(err));
    }
  }

  /** "Sign out" on this device: wipes locally at once, then tells the server (best effort). */
  async signOut(): Promise<Result<null>> {
    const session = this.session;
    this.clear('user');
    if (session) {
      await this.opts.api.signOut(session.token).catch((err: unknown) => {
        this.opts.log.warn('server sign-out failed; the local session is gone anyway', { error: String(err) });
      });
    }
    return { ok: true, value: null };
  }

  /** "Sign out of all devices": the server revokes every session; this device clears at once. */
  async signOutAllDevices(): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.signOutAll(token));
    if (r.ok) this.clear('all-devices');
    return r.ok ? { ok: true, value: null } : r;
  }

  /** The account's profiles. */
  async listProfiles(): Promise<Result<Profile[]>> {
    const r = await this.authed((token) => this.opts.api.profiles(token));
    return r.ok ? { ok: true, value: r.value.profiles } : r;
  }

  /** The home screen for one profile. */
  async getHome(profileId: string): Promise<Result<HomeData>> {
    const r = await this.authed((token) => this.opts.api.home(token, profileId));
    return r.ok ? { ok: true, value: { hero: r.value.hero, rows: r.value.rows } } : r;
  }

  /**
   * THE one wipe path: stops the stream, deletes the stored session, and tells every window once.
   * Idempotent: a push, a 401 and a reconnect arriving together still clear once.
   */
  clear(reason: SignOutReason): void {
    if (!this.session && this.state.status === 'signed-out') return;
    this.generation += 1;
    this.session = null;
    this.stopWatcher();
    this.cancelRetry();
    this.opts.store.clear();
    this.clears += 1;
    this.opts.log.info('session cleared', { reason });
    this.setState({ status: 'signed-out', notice: notice(reason) });
  }

  /** Stops timers and the stream (process exit, tests). Keeps the stored session. */
  dispose(): void {
    this.stopWatcher();
    this.cancelRetry();
    this.listeners.clear();
  }

  private async authed<T>(call: (token: string) => Promise<T>): Promise<Result<T>> {
    const session = this.session;
    if (!session || this.state.status !== 'signed-in') return fail({ code: 'signed_out', message: ERROR_MESSAGES.signedOut });
    const gen = this.generation;
    try {
      const value = await call(session.token);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiError && err.isAuthFailure && gen === this.generation) this.clear(reasonFromError(err));
      return fail(toBridgeError(err));
    }
  }

  private startWatcher(session: LoadedSession): void {
    if (this.opts.stream === false || this.watcher) return;
    const gen = this.generation;
    this.watcher = new RevocationWatcher(
      this.opts.api.streamUrl(),
      session.token,
      {
        onRevoked: (reason) => {
          if (gen === this.generation) this.clear(reason);
        },
        onOnline: () => this.setOffline(false),
        onOffline: () => this.setOffline(true),
      },
      this.opts.log,
      this.opts.watcher,
    );
    this.watcher.start();
  }

  private stopWatcher(): void {
    this.watcher?.stop();
    this.watcher = null;
  }

  private setOffline(offline: boolean): void {
    if (this.state.status === 'signed-in' && this.state.offline !== offline) {
      this.setState({ ...this.state, offline });
    }
  }

  private scheduleRetry(): void {
    this.cancelRetry();
    this.retryAttempt += 1;
    const ms = backoffDelay(this.retryAttempt, this.opts.retry);
    if (this.state.status === 'signed-in') this.setOffline(true);
    else this.setState({ status: 'restoring', offline: true, retryInSeconds: Math.ceil(ms / 1000) });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.verify();
    }, ms);
    this.retryTimer.unref?.();
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private damagedNotice(_problem: LoadProblem): SignOutNotice {
    return { reason: 'expired', message: ERROR_MESSAGES.storeDamaged, at: new Date().toISOString() };
  }

  private setState(next: SessionState): void {
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    for (const cb of [...this.listeners]) {
      try {
        cb(next);
      } catch (err) {
        this.opts.log.error('session listener threw', { error: String(err) });
      }
    }
  }
}

function notice(reason: SignOutReason): SignOutNotice {
  return { reason, message: SIGN_OUT_MESSAGES[reason], at: new Date().toISOString() };
}
