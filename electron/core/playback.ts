/**
 * The host side of playback. The service's manifest URL carries a playback token (a credential
 * in the URL), so it stays here: the core keeps each playback (an opaque id -> the service's media
 * folder with its token, the profile and title), and both hosts serve the renderer's media
 * requests on their own origin (`/playback/<id>/…`) through `serve()`, which adds the token on the
 * way to the service and streams the answer back. An expired token is renewed once, transparently;
 * a revoked session is the one sign-out path (SessionManager.clear, through sessionRefused).
 */
import { randomBytes } from 'node:crypto';
import { API } from '../../shared/api';
import { PLAYBACK_PATH, type BridgeError, type PlaybackInfo, type Result } from '../../shared/bridge';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/types';
import { ApiError } from './api-client';
import { silentLogger, type Logger } from './log';
import type { SessionManager } from './session-manager';

/** One answer of the media proxy, for a host to send as is. */
export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  /** A segment streams through; playlists and refusals are text (a playlist is checked first). */
  body: ReadableStream<Uint8Array> | string;
}

/** Playbacks kept at once: starting another forgets the oldest (a player plays one at a time). */
export const MAX_PLAYBACKS = 4;
/** Longest wait for the service to start answering a media request (a held-back segment included). */
export const MEDIA_HEADERS_TIMEOUT_MS = 30_000;

export const PLAYBACK_PROXY_MESSAGES = {
  noPlayback: 'No such playback. Start playback again.',
  notRelative: 'The service sent a playlist this app will not pass on.',
  unreachable: "Can't reach the Couchside service.",
  elsewhere: 'The service answered with media somewhere else.',
  signedOut: 'You are signed out.',
} as const;

interface Entry {
  id: string;
  /** The service's stream of this playback (ended when the player closes). */
  streamId: string;
  profileId: string;
  titleId: string;
  /** A series: the episode the service chose (renewals ask for the same one). */
  episodeId: string | undefined;
  /** The service's media folder of this playback, token included: `<service>/v1/media/<title>/<token>/`. */
  base: string;
  token: string;
  /** A renewal in flight (one for every request that met playback_expired at the same time). */
  renewing: Promise<boolean> | null;
  /** The last renewal was refused because the plan's screens are all in use (the player says so). */
  renewalRefused: BridgeError | null;
}

/** `/playback/<22 chars>/<1 to 3 plain names>`: nothing else reaches the service. */
const ID = /^[A-Za-z0-9_-]{22}$/;
const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

const json = (status: number, code: ApiErrorCode | 'not_found' | 'bad_gateway', message: string, extra: Record<string, string> = {}): MediaAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify({ error: { code, message, ...extra } }),
});

/** The core's playback sessions and the media proxy both hosts serve. */
export class PlaybackSessions {
  private readonly entries = new Map<string, Entry>();
  private readonly serviceOrigin: string;
  private readonly off: () => void;
  private readonly log: Logger;

  constructor(
    private readonly session: SessionManager,
    /** The service's base URL (the API client's): media is fetched from its origin only. */
    private readonly serviceUrl: string,
    log: Logger = silentLogger,
  ) {
    this.serviceOrigin = new URL(serviceUrl).origin;
    this.log = log;
    // Dropped by the one wipe path: no token outlives the session it belongs to.
    this.off = session.onCleared(() => this.entries.clear());
  }

  /** How many playbacks the core holds (tests). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * startPlayback: asks the service for a playback session and answers where this host serves
   * it (no token, no service address). The token stays in this object.
   */
  async start(profileId: string, titleId: string, episodeId?: string): Promise<Result<PlaybackInfo>> {
    const clears = this.session.clearCount;
    const r = await this.session.requestPlayback(profileId, titleId, episodeId);
    if (!r.ok) return r;
    // Signed out (and maybe in again) while the service made the media: not this session's.
    if (this.session.clearCount !== clears || this.session.getState().status !== 'signed-in') return fail({ code: 'signed_out', message: PLAYBACK_PROXY_MESSAGES.signedOut });
    const target = this.target(r.value.manifestUrl);
    if (!target) return fail({ code: 'failed', message: PLAYBACK_PROXY_MESSAGES.elsewhere });
    const id = randomBytes(16).toString('base64url');
    while (this.entries.size >= MAX_PLAYBACKS) this.entries.delete(this.entries.keys().next().value!);
    const episode = r.value.episodeId ?? undefined;
    this.entries.set(id, { id, streamId: r.value.streamId, profileId, titleId, episodeId: episode, ...target, renewing: null, renewalRefused: null });
    const { durationSeconds, segmentSeconds, renditions, audio, subtitles, languages } = r.value;
    const value: PlaybackInfo = {
      playbackId: id,
      manifestUrl: `${PLAYBACK_PATH}/${id}/master.m3u8`,
      durationSeconds,
      segmentSeconds,
      renditions,
      audio,
      subtitles,
      episodeId: episode ?? null,
      languages,
    };
    return { ok: true, value };
  }

  /**
   * The media proxy: `path` is the host-relative URL the renderer asked for
   * (`/playback/<id>/video/540p.m3u8`…). Fetches the service's file with the token and answers
   * its status, type and body. 401 playback_expired: a fresh POST API.playback, once, and the
   * request again. 401 session_revoked: the session's one sign-out path. `signal`: the renderer
   * went away (aborts the service request).
   */
  async serve(path: string, signal?: AbortSignal): Promise<MediaAnswer> {
    const parsed = parsePath(path);
    const entry = parsed && this.entries.get(parsed.id);
    if (!parsed || !entry) return json(404, 'not_found', PLAYBACK_PROXY_MESSAGES.noPlayback);
    for (let renewed = false; ; ) {
      const base = entry.base;
      let res: Response;
      try {
        res = await fetchWithHeadersTimeout(base + parsed.rest, signal);
      } catch (err) {
        this.log.warn('a media request could not reach the service', { path, error: String(err) });
        return json(502, 'bad_gateway', PLAYBACK_PROXY_MESSAGES.unreachable);
      }
      if (res.status !== 401) return this.answer(entry, parsed.rest, res);
      const err = await apiErrorOf(res);
      // Signed out (or the playback forgotten) meanwhile: this answer belongs to nobody now.
      if (this.entries.get(entry.id) !== entry) return json(401, 'session_revoked', PLAYBACK_PROXY_MESSAGES.signedOut);
      if (err.code === 'playback_expired' && !renewed) {
        renewed = true;
        // Another request may have renewed it already while this one was on its way.
        if (entry.base !== base || (await this.renew(entry))) continue;
      }
      // A renewal refused for the plan's screens: say that (409), not a 401 the player would take for a sign-out.
      if (err.code === 'playback_expired' && entry.renewalRefused?.code === 'too_many_streams') {
        return json(409, 'too_many_streams', entry.renewalRefused.message);
      }
      if (err.code === 'session_revoked') {
        this.log.info('a media request found the session revoked', { reason: err.reason ?? null });
        this.session.sessionRefused(err);
      } else if (err.code !== 'playback_expired') {
        // A token the service no longer takes for this profile and title (e.g. its maturity level was lowered).
        this.entries.delete(entry.id);
      }
      return json(401, err.code, err.message, err.reason ? { reason: err.reason } : {});
    }
  }

  /**
   * stopPlayback: the player closed. Forgets the playback and ends its stream on the service, so
   * the plan's screen is free at once (a failure only leaves it to the service's activity window).
   */
  async stop(playbackId: string): Promise<void> {
    const entry = this.entries.get(playbackId);
    if (!entry) return;
    this.entries.delete(playbackId);
    const r = await this.session.endStream(entry.streamId);
    if (!r.ok && r.error.code !== 'signed_out') this.log.warn('could not end a stream on the service', { error: r.error.message });
  }

  /** stopStream: "Stop playback on <device>" (another device's stream of the account). */
  stopOther(streamId: string): Promise<Result<null>> {
    return this.session.endStream(streamId);
  }

  /** Forgets every playback (host shutdown). */
  dispose(): void {
    this.off();
    this.entries.clear();
  }

  /** A fresh playback token for the same profile and title (one POST however many ask at once). */
  private renew(entry: Entry): Promise<boolean> {
    entry.renewing ??= (async () => {
      const clears = this.session.clearCount;
      const r = await this.session.requestPlayback(entry.profileId, entry.titleId, entry.episodeId);
      entry.renewalRefused = r.ok ? null : r.error;
      if (!r.ok || this.session.clearCount !== clears || this.entries.get(entry.id) !== entry) return false;
      const target = this.target(r.value.manifestUrl);
      if (!target) return false;
      entry.base = target.base;
      entry.token = target.token;
      // The renewal replaced the old stream on the service (same device: never counted twice).
      entry.streamId = r.value.streamId;
      this.log.info('renewed an expired playback token', { titleId: entry.titleId });
      return true;
    })().finally(() => {
      entry.renewing = null;
    });
    return entry.renewing;
  }

  /** The service's media folder and token from its manifest URL: on the service's own origin only. */
  private target(manifestUrl: string): { base: string; token: string } | null {
    let url: URL;
    try {
      url = new URL(manifestUrl, this.serviceUrl);
    } catch {
      return null;
    }
    const match = new RegExp(`^${API.media}/[^/]+/([^/]+)/master\\.m3u8$`).exec(url.pathname);
    if (url.origin !== this.serviceOrigin || !match || url.search || url.hash) return null;
    return { base: url.href.slice(0, -'master.m3u8'.length), token: decodeURIComponent(match[1]!) };
  }

  private async answer(entry: Entry, rest: string, res: Response): Promise<MediaAnswer> {
    const type = res.headers.get('content-type') ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    if (res.ok && (type.startsWith(PLAYLIST_TYPE) || rest.endsWith('.m3u8'))) {
      const text = await res.text();
      // Relative URIs only, and never the token: the renderer must not be able to learn it.
      if (text.includes(entry.token) || /[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
        this.log.error('refused a playlist with an absolute URL or the token in it', { titleId: entry.titleId });
        return json(502, 'bad_gateway', PLAYBACK_PROXY_MESSAGES.notRelative);
      }
      return { status: res.status, headers, body: text };
    }
    if (!res.ok || !res.body) return { status: res.status, headers, body: await res.text() };
    const length = res.headers.get('content-length');
    if (length) headers['content-length'] = length;
    return { status: res.status, headers, body: res.body };
  }
}

/** `/playback/<id>/<rest>` split, or null for anything else (dot segments, odd characters, a query is ignored). */
export function parsePath(path: string): { id: string; rest: string } | null {
  const clean = path.split(/[?#]/, 1)[0]!;
  if (!clean.startsWith(`${PLAYBACK_PATH}/`)) return null;
  const [id = '', ...rest] = clean.slice(PLAYBACK_PATH.length + 1).split('/');
  if (!ID.test(id) || rest.length < 1 || rest.length > 3 || !rest.every((p) => PART.test(p))) return null;
  return { id, rest: rest.join('/') };
}

/** The service's error body of a refused media request, as an ApiError. */
async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? 'unauthorized', e?.message ?? `HTTP ${res.status}`, e?.reason);
}

/** fetch, giving up when the answer has not started within MEDIA_HEADERS_TIMEOUT_MS (a slow body may take longer). */
async function fetchWithHeadersTimeout(url: string, signal?: AbortSignal): Promise<Response> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('the service did not answer in time')), MEDIA_HEADERS_TIMEOUT_MS);
  try {
    return await fetch(url, { headers: { accept: '*/*' }, signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal });
  } finally {
    clearTimeout(timer);
  }
}

const fail = (error: BridgeError): { ok: false; error: BridgeError } => ({ ok: false, error });
