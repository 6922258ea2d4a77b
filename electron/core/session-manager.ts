/**
 * The session, owned by the main process (or the web host). It restores the stored session,
 * signs in and out, keeps the short-lived access token fresh (the refresh token rotates on every
 * use), makes authenticated calls, and has ONE wipe path, clear(), that user sign-out and every
 * revocation route (push, 401, failed refresh, reconnect, resume) go through.
 */
import type { DeviceSummary, PlaybackResponse, SignInResponse, TokenSet } from '../../shared/api';
import type { BridgeError, CodeSignInState, HomeData, Result, SessionState, SignOutNotice } from '../../shared/bridge';
import {
  SIGN_OUT_MESSAGES,
  type AccountSummary,
  type NewProfile,
  type Profile,
  type ProfileChanges,
  type SignOutReason,
  type Title,
  type TitleDetails,
} from '../../shared/types';
import { ApiClient, ApiError, NetworkError, reasonFromError } from './api-client';
import { backoffDelay, type BackoffOptions } from './backoff';
import { CodeSignIn, type CodeSignInClock } from './code-sign-in';
import { deviceInfo, type DeviceSource } from './device';
import type { Logger } from './log';
import { RevocationWatcher, type WatcherOptions } from './revocation-watcher';
import type { LoadedSession, LoadProblem, SessionStore } from './store';
import { StateCell } from './state-cell';

export interface SessionManagerOptions {
  api: ApiClient;
  store: SessionStore;
  /** What a sign-in says this device is; a DeviceIdentity also keeps a rename for the next sign-in. */
  device: DeviceSource;
  log: Logger;
  /** Open the device event stream while signed in (default true). */
  stream?: boolean;
  watcher?: WatcherOptions;
  /** Delays between tries when the server cannot be reached while restoring. */
  retry?: BackoffOptions;
  /** Set when the store file was damaged and had to be reset at open. */
  storeRecovered?: boolean;
  /** checkIfStale() re-verifies only when the last check is older than this (default 5 min). */
  staleAfterMs?: number;
  /** Refresh the access token this long before it expires (default 30 s). */
  refreshMarginMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Sign in with a code's clock and timers, for tests (default: the real ones). */
  codeSignInClock?: CodeSignInClock;
}

/** Messages for the errors a user can cause or meet. */
export const ERROR_MESSAGES = {
  unreachable: "Can't reach the Couchside service. Check your connection and try again.",
  signedOut: 'You are signed out.',
  storeDamaged: 'Your saved sign-in could not be read, so please sign in again.',
  alreadySignedIn: 'Already signed in.',
  stillRestoring: 'Still checking the saved sign-in. Try again in a moment.',
} as const;

/** Turns anything thrown by the API client into an error the renderer can show (with the field it is about, if any). */
export function toBridgeError(err: unknown): BridgeError {
  const error = bridgeErrorFor(err);
  return err instanceof ApiError && err.field && error.code !== 'signed_out' && error.code !== 'failed' ? { ...error, field: err.field } : error;
}

function bridgeErrorFor(err: unknown): BridgeError {
  if (err instanceof NetworkError) return { code: 'server_unreachable', message: ERROR_MESSAGES.unreachable };
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'unknown_email':
      case 'wrong_password':
        return { code: err.code, message: err.message };
      case 'wrong_current_password':
        return { code: 'wrong_password', message: err.message };
      case 'wrong_pin':
        return { code: 'wrong_pin', message: err.message };
      case 'rate_limited':
      case 'pin_locked_out':
        // The service's message says how long to wait ("Try again in 15 minutes.").
        return {
          code: 'locked_out',
          message: err.message,
          ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
        };
      case 'profile_locked':
        return { code: 'profile_locked', message: err.message };
      case 'password_required':
        // The service says what the password is for ("… to turn off Kids for Sam."): the app shows it over the field.
        return { code: 'password_required', message: err.message };
      case 'invalid_request':
        return { code: 'invalid_input', message: err.message };
      case 'not_found':
        return { code: 'not_found', message: err.message };
      case 'profile_limit':
        return { code: 'profile_limit', message: err.message };
      case 'last_profile':
        return { code: 'last_profile', message: err.message };
      case 'too_many_streams':
        // "Too many people are using your account right now.", with the devices streaming.
        return { code: 'too_many_streams', message: err.message, streams: err.streams ?? [] };
      case 'conflict':
        // A profile name already taken: the service's message names it ("There is already a profile called Sam.").
        return { code: 'invalid_input', message: err.message };
      case 'unauthorized':
      case 'session_revoked':
      case 'token_expired':
        return { code: 'signed_out', message: ERROR_MESSAGES.signedOut };
      default:
        // Any other 400 is still bad input (e.g. a body the service's schema refused).
        return err.status === 400 ? { code: 'invalid_input', message: err.message } : { code: 'failed', message: err.message };
    }
  }
  return { code: 'failed', message: 'Something went wrong. Please try again.' };
}

const fail = (error: BridgeError): { ok: false; error: BridgeError } => ({ ok: false, error });
const done = { ok: true, value: null } as const;

/** The client core's session state machine. */
export class SessionManager {
  private session: LoadedSession | null = null;
  private readonly cell: StateCell<SessionState>;
  private readonly deviceListeners = new Set<() => void>();
  private readonly libraryListeners = new Set<(profileId: string) => void>();
  private readonly clearListeners = new Set<() => void>();
  private watcher: RevocationWatcher | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryAttempt = 0;
  private refreshing: Promise<TokenSet> | null = null;
  /** Bumped whenever the session changes, so late answers for an old session are ignored. */
  private generation = 0;
  private clears = 0;
  private lastVerifiedAt = 0;
  private readonly now: () => number;
  /** Sign in with a code; it ends through this manager's own sign-in completion path. */
  private readonly codeSignIn: CodeSignIn;

  constructor(private readonly opts: SessionManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.cell = new StateCell<SessionState>({ status: 'restoring', offline: false }, opts.log, 'session');
    this.codeSignIn = new CodeSignIn({
      api: opts.api,
      device: opts.device,
      log: opts.log,
      clock: opts.codeSignInClock,
      toError: toBridgeError,
      complete: (res) => this.completeSignIn(res),
    });
  }

  /** The current state, as the renderer sees it. */
  getState(): SessionState {
    return this.state;
  }

  /** How many times clear() actually wiped a session (benchmarks and tests read this). */
  get clearCount(): number {
    return this.clears;
  }

  /** True while the device event stream is open (the live revocation channel). */
  get streamOpen(): boolean {
    return this.watcher?.isConnected ?? false;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(cb: (s: SessionState) => void): () => void {
    return this.cell.subscribe(cb);
  }

  /** Subscribes to "the account's devices changed" pushes; returns the unsubscribe function. */
  onDevicesChanged(cb: () => void): () => void {
    this.deviceListeners.add(cb);
    return () => this.deviceListeners.delete(cb);
  }

  /** Subscribes to "a profile's rows changed on another device" pushes; returns the unsubscribe function. */
  onLibraryChanged(cb: (profileId: string) => void): () => void {
    this.libraryListeners.add(cb);
    return () => this.libraryListeners.delete(cb);
  }

  /**
   * Subscribes to clear(): called inside the one wipe path, before any window hears the new state
   * (the playback sessions drop their tokens here). Returns the unsubscribe function.
   */
  onCleared(cb: () => void): () => void {
    this.clearListeners.add(cb);
    return () => this.clearListeners.delete(cb);
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
   * Asks the server whether the session is still live (start-up, resume from sleep, window focus
   * after a long idle). A refusal runs clear(); a network error only marks us offline and retries.
   */
  async verify(): Promise<void> {
    if (!this.session) return;
    const gen = this.generation;
    this.cancelRetry();
    const r = await this.authedRaw((token) => this.opts.api.session(token));
    if (gen !== this.generation || !this.session) return;
    if (r.ok) {
      this.retryAttempt = 0;
      this.lastVerifiedAt = this.now();
      this.opts.store.updateAccount(r.value.account);
      this.session.account = r.value.account;
      this.setState({ status: 'signed-in', account: r.value.account, offline: this.watcher ? !this.watcher.isConnected : false });
      if (this.watcher) this.watcher.reconnectNow();
      else this.startWatcher();
    } else if (r.network) {
      this.opts.log.warn('could not verify the session', { error: String(r.error) });
      this.scheduleRetry();
    }
  }

  /**
   * verify(), but only if the last successful check is older than `staleAfterMs`: for a window
   * regaining focus after a long idle, without a request on every focus change.
   */
  async checkIfStale(): Promise<void> {
    if (this.state.status !== 'signed-in') return;
    if (this.now() - this.lastVerifiedAt < (this.opts.staleAfterMs ?? 5 * 60_000)) return;
    await this.verify();
  }

  /** Signs in with email and password and keeps the session. */
  async signIn(email: string, password: string): Promise<Result<AccountSummary>> {
    if (this.state.status === 'signed-in') return fail({ code: 'failed', message: ERROR_MESSAGES.alreadySignedIn });
    try {
      const res = await this.opts.api.signIn(email, password, deviceInfo(this.opts.device));
      // A code on screen is moot now.
      this.codeSignIn.cancel();
      if (!this.completeSignIn(res)) return fail({ code: 'failed', message: ERROR_MESSAGES.alreadySignedIn });
      return { ok: true, value: res.account };
    } catch (err) {
      return fail(toBridgeError(err));
    }
  }

  /**
   * The one sign-in completion path (password and code alike): keeps the session, tells every
   * window, starts the revocation watcher. False when already signed in (nothing changes).
   */
  private completeSignIn(res: SignInResponse): boolean {
    if (this.state.status === 'signed-in') return false;
    const { deviceId, account, ...tokens } = res;
    const session: LoadedSession = { tokens, deviceId, account };
    this.opts.store.save(session);
    this.session = session;
    this.generation += 1;
    this.lastVerifiedAt = this.now();
    this.setState({ status: 'signed-in', account, offline: false });
    this.startWatcher();
    return true;
  }

  /** Sign in with a code: what the code screen shows now. */
  getCodeSignInState(): CodeSignInState {
    return this.codeSignIn.getState();
  }

  /** Subscribes to sign in with a code's progress; returns the unsubscribe function. */
  onCodeSignInChanged(cb: (s: CodeSignInState) => void): () => void {
    return this.codeSignIn.onChange(cb);
  }

  /**
   * Starts sign in with a code (or answers with the running flow's state): a code to show, then
   * polling until it is approved on the account page; approval signs this device in.
   */
  async startCodeSignIn(): Promise<Result<CodeSignInState>> {
    if (this.state.status === 'signed-in') return fail({ code: 'failed', message: ERROR_MESSAGES.alreadySignedIn });
    if (this.state.status === 'restoring') return fail({ code: 'failed', message: ERROR_MESSAGES.stillRestoring });
    return this.codeSignIn.start();
  }

  /** Stops sign in with a code (the user left the code screen). */
  cancelCodeSignIn(): void {
    this.codeSignIn.cancel();
  }

  /** "Sign out" on this device: wipes locally at once, then tells the server (best effort). */
  async signOut(): Promise<Result<null>> {
    const session = this.session;
    this.clear('user');
    if (session) {
      await this.opts.api.signOut(session.tokens.accessToken).catch((err: unknown) => {
        this.opts.log.warn('server sign-out failed; the local session is gone anyway', { error: String(err) });
      });
    }
    return done;
  }

  /** "Sign out of all devices": the server revokes every session; this device clears at once. */
  async signOutAllDevices(password?: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.signOutAll(token, password));
    if (r.ok) this.clear('all-devices');
    return r.ok ? done : r;
  }

  /** Checks the account password without changing anything (a flow that asks for it first). */
  async checkPassword(password: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.checkPassword(token, password));
    return r.ok ? done : r;
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

  /** Tells the service which profile this device is watching as. */
  async selectProfile(profileId: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.currentProfile(token, profileId));
    return r.ok ? done : r;
  }

  /** Opens a locked profile with its PIN for this device (the service limits wrong tries). */
  async unlockProfile(profileId: string, pin: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.unlockProfile(token, profileId, pin));
    return r.ok ? done : r;
  }

  /** Sets, changes or (pin null) removes a profile lock; the account password is checked by the service. */
  async setProfilePin(profileId: string, password: string, pin: string | null): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.setProfilePin(token, profileId, password, pin));
    return r.ok ? done : r;
  }

  /** A title page for one profile (not_found when it is rated above the profile's maturity level). */
  async getTitle(profileId: string, titleId: string): Promise<Result<TitleDetails>> {
    const r = await this.authed((token) => this.opts.api.title(token, profileId, titleId));
    return r.ok ? { ok: true, value: r.value.title } : r;
  }

  /** Titles matching a query for one profile, best first. */
  async search(profileId: string, query: string): Promise<Result<Title[]>> {
    const r = await this.authed((token) => this.opts.api.search(token, profileId, query));
    return r.ok ? { ok: true, value: r.value.results } : r;
  }

  /** Adds a title to or removes it from a profile's My List. */
  async setInMyList(profileId: string, titleId: string, inList: boolean): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.setInMyList(token, profileId, titleId, inList));
    return r.ok ? done : r;
  }

  /** Saves where a profile is in a title (kept on the service, so every device can resume). */
  async saveProgress(profileId: string, titleId: string, positionSeconds: number, episodeId?: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.saveProgress(token, profileId, titleId, positionSeconds, episodeId));
    return r.ok ? done : r;
  }

  /**
   * A playback session for one profile and title: the service's answer, its playback token
   * included, so it is for the core's playback sessions only, never for a window. A 503 says why
   * (no ffmpeg, an encoder failure) in the service's words.
   */
  async requestPlayback(profileId: string, titleId: string, episodeId?: string): Promise<Result<PlaybackResponse>> {
    if (!this.session || this.state.status !== 'signed-in') return fail({ code: 'signed_out', message: ERROR_MESSAGES.signedOut });
    const r = await this.authedRaw((token) => this.opts.api.playback(token, profileId, titleId, episodeId));
    if (r.ok) return r;
    if (r.error instanceof NetworkError && r.error.serviceMessage) return fail({ code: 'failed', message: r.error.serviceMessage });
    return fail(toBridgeError(r.error));
  }

  /** Ends a stream on the service: this device's own (its player closed) or another device's. */
  async endStream(streamId: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.endStream(token, streamId));
    return r.ok ? done : r;
  }

  /**
   * A request made outside the API client (a media request of the host's playback proxy) was
   * refused because the session behind it is over: the same wipe as a 401 on any call.
   */
  sessionRefused(err: ApiError): void {
    if (err.isAuthFailure && this.session) this.clear(reasonFromError(err));
  }

  /** "Remove from Continue Watching": forgets where a profile is in a title. */
  async removeFromContinueWatching(profileId: string, titleId: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.forgetProgress(token, profileId, titleId));
    return r.ok ? done : r;
  }

  /** Adds a profile to the account. */
  async createProfile(profile: NewProfile, password?: string): Promise<Result<Profile>> {
    const r = await this.authed((token) => this.opts.api.createProfile(token, password === undefined ? profile : { ...profile, password }));
    return r.ok ? { ok: true, value: r.value.profile } : r;
  }

  /** Renames a profile, changes its avatar or maturity level (a locked one must be unlocked on this device). */
  async updateProfile(profileId: string, changes: ProfileChanges, password?: string): Promise<Result<Profile>> {
    const r = await this.authed((token) => this.opts.api.updateProfile(token, profileId, password === undefined ? changes : { ...changes, password }));
    return r.ok ? { ok: true, value: r.value.profile } : r;
  }

  /** Deletes a profile with its progress and My List. */
  async deleteProfile(profileId: string, password?: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.deleteProfile(token, profileId, password));
    return r.ok ? done : r;
  }

  /** The account's signed-in devices. */
  async listDevices(): Promise<Result<DeviceSummary[]>> {
    const r = await this.authed((token) => this.opts.api.devices(token));
    if (!r.ok) return r;
    const here = r.value.devices.find((d) => d.current);
    if (here) this.keepName(here.name);
    return { ok: true, value: r.value.devices };
  }

  /** Renames a device of the account. */
  async renameDevice(deviceId: string, name: string): Promise<Result<null>> {
    const r = await this.authed((token) => this.opts.api.renameDevice(token, deviceId, name));
    // This device's new name is kept for its next sign-in too.
    if (r.ok && deviceId === this.session?.deviceId) this.keepName(name);
    return r.ok ? done : r;
  }

  /** Remembers this device's name as the service has it (a rename here, on another TV or on the account page). */
  private keepName(name: string): void {
    const source = this.opts.device;
    if ('rename' in source && deviceInfo(source).name !== name) source.rename(name);
  }

  /** Signs one device out remotely; for this device it is the same as "Sign out". */
  async signOutDevice(deviceId: string, password?: string): Promise<Result<null>> {
    if (deviceId === this.session?.deviceId) return this.signOut();
    const r = await this.authed((token) => this.opts.api.deleteDevice(token, deviceId, password));
    return r.ok ? done : r;
  }

  /**
   * Starts over as a fresh session (the kiosk's demo reset): `prepare` runs with the device stream
   * detached (a data reset on the service pushes "revoked" to it, which must not end up as a
   * notice), then the old session is wiped through clear(), quietly, and `email` signs in. When
   * `prepare` fails, nothing changes and its error is returned.
   */
  async startOver(prepare: () => Promise<Result<null>>, email: string, password: string): Promise<Result<AccountSummary>> {
    const gen = this.generation;
    this.stopWatcher();
    const r = await prepare();
    if (!r.ok) {
      if (gen === this.generation && this.session && this.state.status === 'signed-in') this.startWatcher();
      return r;
    }
    this.clear('user', { quiet: true });
    return this.signIn(email, password);
  }

  /**
   * THE one wipe path: stops the stream, deletes the stored session, and tells every window once.
   * Idempotent: a push, a 401 and a reconnect arriving together still clear once. `quiet` leaves
   * the sign-in screen without a notice (a demo reset, which signs straight back in).
   */
  clear(reason: SignOutReason, opts: { quiet?: boolean } = {}): void {
    if (!this.session && this.state.status === 'signed-out') {
      this.codeSignIn.cancel();
      return;
    }
    // The stored session goes first: once this returns nothing on disk can sign this device in.
    this.opts.store.clear();
    this.generation += 1;
    this.session = null;
    this.refreshing = null;
    this.codeSignIn.cancel();
    this.stopWatcher();
    this.cancelRetry();
    this.clears += 1;
    for (const cb of [...this.clearListeners]) {
      try {
        cb();
      } catch (err) {
        this.opts.log.error('a clear listener threw', { error: String(err) });
      }
    }
    this.opts.log.info('session cleared', { reason, ...(opts.quiet ? { quiet: true } : {}) });
    this.setState({ status: 'signed-out', notice: opts.quiet ? null : notice(reason) });
  }

  /** Stops timers and the stream (process exit, tests). Keeps the stored session. */
  dispose(): void {
    this.codeSignIn.dispose();
    this.generation += 1;
    this.stopWatcher();
    this.cancelRetry();
    this.cell.clear();
    this.deviceListeners.clear();
    this.clearListeners.clear();
  }

  /** An access token that is not about to expire, refreshing first when needed. */
  private async accessToken(): Promise<string> {
    const session = this.session;
    if (!session) throw new ApiError(401, 'unauthorized', ERROR_MESSAGES.signedOut);
    const margin = this.opts.refreshMarginMs ?? 30_000;
    if (Date.parse(session.tokens.accessExpiresAt) - margin > this.now()) return session.tokens.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Rotates the tokens once, however many callers ask at the same time. */
  private refresh(): Promise<TokenSet> {
    if (this.refreshing) return this.refreshing;
    const session = this.session;
    if (!session) return Promise.reject(new ApiError(401, 'unauthorized', ERROR_MESSAGES.signedOut));
    const gen = this.generation;
    const p = this.opts.api.refresh(session.tokens.refreshToken).then(
      (tokens) => {
        if (gen === this.generation && this.session) {
          this.session.tokens = tokens;
          this.opts.store.updateTokens(tokens);
        }
        return tokens;
      },
      (err: unknown) => {
        // A refused refresh (revoked family, reused token) ends the session; a network error doesn't.
        if (err instanceof ApiError && err.status === 401 && gen === this.generation) this.clear(reasonFromError(err));
        throw err;
      },
    );
    this.refreshing = p;
    const reset = () => {
      if (this.refreshing === p) this.refreshing = null;
    };
    p.then(reset, reset);
    return p;
  }

  /** Runs an authenticated call: fresh token, one retry after `token_expired`, clear() on refusal. */
  private async authedRaw<T>(call: (token: string) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; network: boolean; error: unknown }> {
    const gen = this.generation;
    try {
      try {
        return { ok: true, value: await call(await this.accessToken()) };
      } catch (err) {
        if (!(err instanceof ApiError && err.isTokenExpired)) throw err;
        await this.refresh();
        return { ok: true, value: await call(await this.accessToken()) };
      }
    } catch (err) {
      if (err instanceof ApiError && err.isAuthFailure && gen === this.generation) this.clear(reasonFromError(err));
      return { ok: false, network: err instanceof NetworkError, error: err };
    }
  }

  private async authed<T>(call: (token: string) => Promise<T>): Promise<Result<T>> {
    if (!this.session || this.state.status !== 'signed-in') return fail({ code: 'signed_out', message: ERROR_MESSAGES.signedOut });
    const r = await this.authedRaw(call);
    // A failed call alone never flips the offline banner: the stream owns that signal.
    return r.ok ? r : fail(toBridgeError(r.error));
  }

  private startWatcher(): void {
    if (this.opts.stream === false || this.watcher || !this.session) return;
    const gen = this.generation;
    this.watcher = new RevocationWatcher(
      this.opts.api.streamUrl(),
      {
        getToken: () => this.accessToken(),
        refresh: async () => {
          await this.refresh();
          return gen === this.generation;
        },
        onRevoked: (reason) => {
          if (gen === this.generation) this.clear(reason);
        },
        onOnline: () => this.setOffline(false),
        onOffline: () => this.setOffline(true),
        onDevicesChanged: () => {
          for (const cb of [...this.deviceListeners]) cb();
        },
        onLibraryChanged: (profileId) => {
          if (gen === this.generation) for (const cb of [...this.libraryListeners]) cb(profileId);
        },
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
    return { reason: 'expired', message: ERROR_MESSAGES.storeDamaged, at: new Date(this.now()).toISOString() };
  }

  private get state(): SessionState {
    return this.cell.get();
  }

  private setState(next: SessionState): void {
    this.cell.set(next);
  }
}

function notice(reason: SignOutReason): SignOutNotice {
  return { reason, message: SIGN_OUT_MESSAGES[reason], at: new Date().toISOString() };
}
