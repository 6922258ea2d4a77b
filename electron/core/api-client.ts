/** The client core's HTTP client for the mock streaming service. Knows paths, not sessions. */
import {
  API,
  CONTROL,
  CONTROL_HEADERS,
  type CreateProfileRequest,
  type DeviceCodeRequest,
  type DeviceCodeResponse,
  type DeviceInfo,
  type DevicesResponse,
  type DeviceTokenRequest,
  type HomeResponse,
  type PasswordRequest,
  type PlaybackRequest,
  type PlaybackResponse,
  type ProfileResponse,
  type ProfilesResponse,
  type RefreshResponse,
  type SaveProgressRequest,
  type SearchResponse,
  type SessionResponse,
  type SetProfilePinRequest,
  type SignInResponse,
  type TitleResponse,
  type UnlockProfileRequest,
  type UpdateProfileRequest,
} from '../../shared/api';
import type { ActiveStream, ApiErrorBody, ApiErrorCode, SignOutReason } from '../../shared/types';

/** The server answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly reason?: SignOutReason,
    /** With `pin_locked_out`: seconds until another try is allowed. */
    readonly retryAfterSeconds?: number,
    /** With `slow_down` (sign in with a code): the new polling interval, in seconds. */
    readonly interval?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The request field the service says the error is about ("email", "name"…), if any. */
  field?: string;
  /** With `too_many_streams`: the devices streaming now, as the service listed them (checked shapes only). */
  streams?: ActiveStream[];
  /** True when the session behind the call is no longer valid (not merely an expired access token). */
  get isAuthFailure(): boolean {
    // playback_expired: only that playback's token ran out; ask for a new one, never a sign-out.
    return this.status === 401 && !['unknown_email', 'wrong_password', 'token_expired', 'playback_expired'].includes(this.code);
  }
  /** True when only the access token expired: refresh and retry. */
  get isTokenExpired(): boolean {
    return this.status === 401 && this.code === 'token_expired';
  }
}

/** The server could not be reached (refused, timed out, DNS, reset). */
export class NetworkError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** With a 503: the service's own words for why (e.g. its media cannot be made), if it said. */
    readonly serviceMessage?: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * How long POST API.playback may take: a title's first play waits for ffmpeg to make its media
 * (about 5 s on a quiet 2-core machine, several times that under load), far past the 8 s default.
 */
export const PLAYBACK_TIMEOUT_MS = 60_000;

interface RequestOptions {
  headers?: Readonly<Record<string, string>>;
  /** This call's timeout instead of the client's. */
  timeoutMs?: number;
}

export interface ApiClientOptions {
  baseUrl: string;
  timeoutMs?: number;
}

/** Maps a 401 body to the reason the user reads on the sign-in screen. */
export function reasonFromError(err: ApiError): SignOutReason {
  return err.reason ?? 'expired';
}

/** The body of a request that may need the account password: none when there is none to send. */
function withPassword(password: string | undefined): PasswordRequest | undefined {
  return password === undefined ? undefined : { password };
}

/** Thin, typed wrapper over fetch for the service's API. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 8000;
  }

  signIn(email: string, password: string, device: DeviceInfo): Promise<SignInResponse> {
    return this.request('POST', API.signIn, null, { email, password, device });
  }
  refresh(refreshToken: string): Promise<RefreshResponse> {
    return this.request('POST', API.refresh, null, { refreshToken });
  }
  signOut(token: string): Promise<void> {
    return this.request('POST', API.signOut, token);
  }
  /** Signs every device of the account out; needs the account password (403 password_required without it). */
  signOutAll(token: string, password?: string): Promise<void> {
    return this.request('POST', API.signOutAll, token, withPassword(password));
  }
  /** Checks the account password, changing nothing (403 wrong_current_password when it is not). */
  checkPassword(token: string, password: string): Promise<void> {
    const body: PasswordRequest = { password };
    return this.request('POST', API.passwordCheck, token, body);
  }
  session(token: string): Promise<SessionResponse> {
    return this.request('GET', API.session, token);
  }
  /**
   * A playback session (manifest URL with its playback token). Waits up to PLAYBACK_TIMEOUT_MS,
   * not the default: the first play of a title waits while the service encodes its media
   * (about 5 s on a quiet machine, much more on a busy one).
   */
  playback(token: string, profileId: string, titleId: string, episodeId?: string): Promise<PlaybackResponse> {
    const body: PlaybackRequest = episodeId === undefined ? { profileId, titleId } : { profileId, titleId, episodeId };
    return this.request('POST', API.playback, token, body, { timeoutMs: PLAYBACK_TIMEOUT_MS });
  }
  /** Ends a stream: this device's own (the player closed) or another device's ("Stop playback on …"). */
  endStream(token: string, streamId: string): Promise<void> {
    return this.request('DELETE', API.playbackStream(streamId), token);
  }
  profiles(token: string): Promise<ProfilesResponse> {
    return this.request('GET', API.profiles, token);
  }
  home(token: string, profileId: string): Promise<HomeResponse> {
    return this.request('GET', `${API.home}?profileId=${encodeURIComponent(profileId)}`, token);
  }
  currentProfile(token: string, profileId: string): Promise<void> {
    return this.request('POST', API.currentProfile, token, { profileId });
  }
  /** Sets, changes or (pin null) removes a profile lock; needs the account password. */
  setProfilePin(token: string, profileId: string, password: string, pin: string | null): Promise<void> {
    const body: SetProfilePinRequest = { password, pin };
    return this.request('PUT', API.profilePin(profileId), token, body);
  }
  /** Opens a locked profile for this session. */
  unlockProfile(token: string, profileId: string, pin: string): Promise<void> {
    const body: UnlockProfileRequest = { pin };
    return this.request('POST', API.profileUnlock(profileId), token, body);
  }
  /** A title page as one profile sees it. */
  title(token: string, profileId: string, titleId: string): Promise<TitleResponse> {
    return this.request('GET', `${API.title(titleId)}?${new URLSearchParams({ profileId }).toString()}`, token);
  }
  search(token: string, profileId: string, query: string): Promise<SearchResponse> {
    return this.request('GET', `${API.search}?${new URLSearchParams({ profileId, q: query }).toString()}`, token);
  }
  /** Adds a title to (PUT) or removes it from (DELETE) a profile's My List. */
  setInMyList(token: string, profileId: string, titleId: string, inList: boolean): Promise<void> {
    return this.request(inList ? 'PUT' : 'DELETE', API.myList(profileId, titleId), token);
  }
  /** Where a profile is in a title (a series: in which episode). */
  saveProgress(token: string, profileId: string, titleId: string, positionSeconds: number, episodeId?: string): Promise<void> {
    const body: SaveProgressRequest = episodeId === undefined ? { positionSeconds } : { positionSeconds, episodeId };
    return this.request('PUT', API.progress(profileId, titleId), token, body);
  }
  /** "Remove from Continue Watching". */
  forgetProgress(token: string, profileId: string, titleId: string): Promise<void> {
    return this.request('DELETE', API.progress(profileId, titleId), token);
  }
  /** Adds a profile ("Manage profiles"). */
  createProfile(token: string, profile: CreateProfileRequest): Promise<ProfileResponse> {
    return this.request('POST', API.profiles, token, profile);
  }
  /** Renames a profile, changes its avatar or maturity level. */
  updateProfile(token: string, profileId: string, changes: UpdateProfileRequest): Promise<ProfileResponse> {
    return this.request('PATCH', API.profile(profileId), token, changes);
  }
  /** Deletes a profile with its progress and My List. */
  deleteProfile(token: string, profileId: string, password?: string): Promise<void> {
    return this.request('DELETE', API.profile(profileId), token, withPassword(password));
  }
  /** Sign in with a code: asks for a code pair (RFC 8628 §3.1). */
  deviceCode(device: DeviceInfo): Promise<DeviceCodeResponse> {
    const body: DeviceCodeRequest = { device };
    return this.request('POST', API.deviceCode, null, body);
  }
  /** Sign in with a code: one poll (RFC 8628 §3.4); the tokens once approved, else an ApiError with the RFC's code. */
  deviceToken(deviceCode: string): Promise<SignInResponse> {
    const body: DeviceTokenRequest = { deviceCode };
    return this.request('POST', API.deviceToken, null, body);
  }
  devices(token: string): Promise<DevicesResponse> {
    return this.request('GET', API.devices, token);
  }
  renameDevice(token: string, deviceId: string, name: string): Promise<void> {
    return this.request('PATCH', API.device(deviceId), token, { name });
  }
  deleteDevice(token: string, deviceId: string, password?: string): Promise<void> {
    return this.request('DELETE', API.device(deviceId), token, withPassword(password));
  }
  /** The control API's full data reset (the kiosk's demo reset; 404 unless the service runs with --control). */
  async controlReset(): Promise<void> {
    await this.request('POST', CONTROL.reset, null, {}, { headers: CONTROL_HEADERS });
  }

  /** The WebSocket URL of the device event stream. */
  streamUrl(): string {
    return this.baseUrl.replace(/^http/, 'ws') + API.stream;
  }

  private async request<T>(method: string, path: string, token: string | null, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // The time limit covers the answer and its body, and its timer goes with the request
    // (AbortSignal.timeout's would linger, then fire, for every request ever made).
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new DOMException('The request timed out.', 'TimeoutError')), opts.timeoutMs ?? this.timeoutMs);
    timer.unref?.();
    let res: Response;
    let text: string;
    try {
      try {
        res = await fetch(this.baseUrl + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: limit.signal,
        });
      } catch (err) {
        throw new NetworkError(`Could not reach ${this.baseUrl}`, err);
      }
      if (res.status === 204) return undefined as T;
      try {
        text = await res.text();
      } catch (err) {
        // Cut off or too slow: not an answer (an empty one would read as success with no data).
        throw new NetworkError(`The answer from ${this.baseUrl} was cut off`, err);
      }
    } finally {
      clearTimeout(timer);
    }
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: handled below */
    }
    if (res.status === 503) throw new NetworkError('The service is unavailable', undefined, (json as ApiErrorBody | undefined)?.error?.message);
    if (res.ok) return json as T;
    const e = (json as ApiErrorBody | undefined)?.error;
    if (res.status >= 500 && !e) throw new NetworkError(`Service error ${res.status}`);
    const retryAfter = e?.retryAfterSeconds;
    const interval = e?.interval;
    const error = new ApiError(
      res.status,
      e?.code ?? (res.status === 401 ? 'unauthorized' : 'internal'),
      e?.message ?? `HTTP ${res.status}`,
      e?.reason,
      typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.ceil(retryAfter) : undefined,
      typeof interval === 'number' && Number.isFinite(interval) && interval > 0 ? Math.ceil(interval) : undefined,
    );
    // Only a plain field name is passed on (a form looks it up; it is never shown).
    if (typeof e?.field === 'string' && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(e.field)) error.field = e.field;
    if (Array.isArray(e?.streams)) error.streams = e.streams.filter(isActiveStream).slice(0, 20);
    throw error;
  }
}

const str = (x: unknown, max = 200): x is string => typeof x === 'string' && x.length <= max;

/** A too_many_streams listing entry with the expected shape (anything else is dropped). */
function isActiveStream(x: unknown): x is ActiveStream {
  const o = x as Partial<Record<keyof ActiveStream, unknown>> | null;
  return (
    typeof o === 'object' && o !== null && str(o.streamId, 100) && str(o.deviceName) && str(o.since, 40) &&
    (o.profileName === null || str(o.profileName)) && (o.titleName === null || str(o.titleName))
  );
}
