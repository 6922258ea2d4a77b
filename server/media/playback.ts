/**
 * The service's streaming side, put together for the routes: the media library (made and cached
 * per title), the playback tokens, the network knobs testers turn, and the check every media
 * request passes.
 */
import { dirname, join } from 'node:path';
import { API } from '../../shared/api';
import { sessionRevoked } from '../auth';
import type { Database } from '../db';
import { ApiError } from '../errors';
import { checkStream } from '../playback-streams';
import { findSessionById, type SessionRecord } from '../sessions';
import { MediaLibrary, SHARED_MEDIA_DIR, type MediaOptions } from './library';
import { PlaybackNetwork } from './network';
import { PlaybackTokens, type PlaybackClaims } from './playback-token';

/** A playback token lasts the stream plus this margin (pauses), unless ServerOptions.playbackTtlMs says otherwise. */
export const PLAYBACK_TTL_MARGIN_MS = 60 * 60 * 1000;

/** The streaming parts of one service. */
export interface Playback {
  library: MediaLibrary;
  tokens: PlaybackTokens;
  network: PlaybackNetwork;
  /** Fixed token lifetime, or null for "the stream's length plus PLAYBACK_TTL_MARGIN_MS". */
  ttlMs: number | null;
  now: () => number;
}

/**
 * Where a service keeps its media: env COUCHSIDE_MEDIA_DIR when set (tests and CI can share one
 * cache), else `media` beside its database file, or the shared folder for a database in memory.
 */
export function mediaDirFor(dbPath: string): string {
  const fromEnv = process.env.COUCHSIDE_MEDIA_DIR?.trim();
  if (fromEnv) return fromEnv;
  return dbPath === ':memory:' ? SHARED_MEDIA_DIR : join(dirname(dbPath), 'media');
}

/** The streaming parts for a service whose database is at `dbPath`. */
export function createPlayback(opts: { dbPath: string; media?: MediaOptions; playbackTtlMs?: number; clock?: () => number }): Playback {
  const now = opts.clock ?? Date.now;
  const library = new MediaLibrary({ ...opts.media, dir: opts.media?.dir ?? mediaDirFor(opts.dbPath) });
  // What an older version (or a run that died) left, and anything past the cache's size, goes.
  library.prune().catch(() => undefined);
  return {
    library,
    tokens: new PlaybackTokens(now),
    network: new PlaybackNetwork(now),
    ttlMs: opts.playbackTtlMs ?? null,
    now,
  };
}

/** The words of the media routes' refusals. */
export const PLAYBACK_MESSAGES = {
  notAuthorised: 'This playback is not authorised. Start playback again.',
  expired: 'This playback has expired. Start playback again.',
  failing: 'Segment delivery is failing for a while (control API).',
} as const;

/**
 * The check on every media request: a genuine, unexpired token for this title, whose device
 * session is still live (401 unauthorized | playback_expired | session_revoked with the reason),
 * and whose stream is still on (410 stream_stopped when another device stopped it; 409
 * too_many_streams when it idled past the window and every screen is taken now). Touches the stream.
 */
export function authorisePlayback(db: Database, playback: Playback, titleId: string, token: string): { claims: PlaybackClaims; session: SessionRecord } {
  const claims = playback.tokens.check(token);
  if (claims === 'expired') throw new ApiError(401, 'playback_expired', PLAYBACK_MESSAGES.expired);
  if (typeof claims === 'string' || claims.titleId !== titleId) throw new ApiError(401, 'unauthorized', PLAYBACK_MESSAGES.notAuthorised);
  // Looked up on every request: a sign-out (this device, all devices, a password change) is
  // committed before it is answered, so the very next segment is refused.
  const session = findSessionById(db, claims.sessionId);
  if (!session || session.kind !== 'device') throw new ApiError(401, 'unauthorized', PLAYBACK_MESSAGES.notAuthorised);
  if (session.revokedAt !== null) throw sessionRevoked(session.revokeReason);
  checkStream(db, session, claims.streamId, playback.now());
  return { claims, session };
}

const MEDIA_PATH = new RegExp(`^(${API.media.replace(/\//g, '\\/')}\\/[^/?#]*\\/)[^/?#]+`);

/** A request URL fit for a log: a media URL's playback token replaced by "[token]". */
export function redactMediaUrl(url: string): string {
  return url.replace(MEDIA_PATH, '$1[token]');
}
