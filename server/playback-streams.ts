/**
 * Streams and the plan's screen limit. Every playback a device starts (POST API.playback) is a
 * row here, touched by each of its media requests. A stream counts against the account's plan
 * while it has not ended, its session is live, and it was touched within STREAM_ACTIVE_MS: a
 * player that closes ends it at once (DELETE API.playbackStream), a sign-out frees it with the
 * session, and a player that just vanished (a TV unplugged) frees it after the window.
 */
import type { ActiveStream } from '../shared/types';
import { planOf, type Plan } from '../shared/plans';
import type { Database } from './db';
import { ApiError } from './errors';
import { newId } from './tokens';

/** A stream untouched for this long no longer counts (a paused player fetches nothing; see checkStream). */
export const STREAM_ACTIVE_MS = 45_000;

/** Why a stream ended: its own player closed, the same device started another, another device stopped it. */
export type StreamEnd = 'ended' | 'replaced' | 'stopped';

/** The words of the streaming limit. */
export const STREAM_MESSAGES = {
  tooMany: 'Too many people are using your account right now.',
  stopped: 'Playback was stopped from another device.',
  noStream: 'No such playback on this account.',
  notAuthorised: 'This playback is not authorised. Start playback again.',
} as const;

/** What a stream check needs of the session behind it. */
export interface StreamSession {
  id: string;
  accountId: string;
  deviceId: string;
  /** The account's plan as stored ("Standard"). */
  plan: string;
}

interface StreamRow {
  id: string;
  accountId: string;
  sessionId: string;
  lastSeenAt: number;
  endedAt: number | null;
  endReason: StreamEnd | null;
}

/** The 409 for one device too many, naming the devices streaming. */
export function tooManyStreams(streams: ActiveStream[]): ApiError {
  return new ApiError(409, 'too_many_streams', STREAM_MESSAGES.tooMany).listing(streams);
}

/**
 * The account's streams that count now, newest first: not ended, on a live session, touched
 * within the window; `exceptSessionId`'s own left out (a device replacing its stream).
 */
export function activeStreams(db: Database, accountId: string, now: number, exceptSessionId?: string): ActiveStream[] {
  const rows = db
    .prepare(
      `SELECT ps.id AS streamId, d.name AS deviceName, p.name AS profileName, t.title AS titleName, ps.started_at AS startedAt
         FROM playback_streams ps
         JOIN sessions s ON s.id = ps.session_id AND s.revoked_at IS NULL
         JOIN devices d ON d.id = ps.device_id
         LEFT JOIN profiles p ON p.id = ps.profile_id
         LEFT JOIN titles t ON t.id = ps.title_id
        WHERE ps.account_id = ? AND ps.ended_at IS NULL AND ps.last_seen_at > ? AND ps.session_id IS NOT ?
        ORDER BY ps.started_at DESC, ps.id`,
    )
    .all(accountId, now - STREAM_ACTIVE_MS, exceptSessionId ?? null) as (Omit<ActiveStream, 'since'> & { startedAt: number })[];
  return rows.map(({ startedAt, ...r }) => ({ ...r, since: new Date(startedAt).toISOString() }));
}

/** Refuses (409) when the account's other devices already use every screen of its plan. */
function requireScreen(db: Database, session: StreamSession, now: number): Plan {
  const plan = planOf(session.plan);
  const others = activeStreams(db, session.accountId, now, session.id);
  if (others.length >= plan.maxStreams) throw tooManyStreams(others);
  return plan;
}

/**
 * A new stream for this session (one transaction): its earlier live streams end as 'replaced'
 * (next title, Try again, a renewed token: never counted twice), then the plan's limit is
 * checked against the other devices (409 too_many_streams, nothing changed).
 */
export function startStream(db: Database, session: StreamSession, profileId: string, titleId: string, now: number): string {
  return db.transaction(() => {
    db.prepare(`UPDATE playback_streams SET ended_at = ?, end_reason = 'replaced' WHERE session_id = ? AND ended_at IS NULL`).run(now, session.id);
    requireScreen(db, session, now);
    const id = newId();
    db.prepare(
      `INSERT INTO playback_streams (id, account_id, session_id, device_id, profile_id, title_id, started_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, session.accountId, session.id, session.deviceId, profileId, titleId, now, now);
    return id;
  })();
}

/**
 * The check on every media request, after the session's: the token's stream is this session's
 * and still on. 410 stream_stopped when another device stopped it; 401 when it ended here (the
 * player closed or was replaced). A stream idle past the window (a long pause) comes back if a
 * screen is free, else 409 too_many_streams. Touches it.
 */
export function checkStream(db: Database, session: StreamSession, streamId: string, now: number): void {
  db.transaction(() => {
    const row = db
      .prepare('SELECT id, account_id AS accountId, session_id AS sessionId, last_seen_at AS lastSeenAt, ended_at AS endedAt, end_reason AS endReason FROM playback_streams WHERE id = ?')
      .get(streamId) as StreamRow | undefined;
    if (!row || row.sessionId !== session.id) throw new ApiError(401, 'unauthorized', STREAM_MESSAGES.notAuthorised);
    if (row.endReason === 'stopped') throw new ApiError(410, 'stream_stopped', STREAM_MESSAGES.stopped);
    if (row.endedAt !== null) throw new ApiError(401, 'unauthorized', STREAM_MESSAGES.notAuthorised);
    if (row.lastSeenAt <= now - STREAM_ACTIVE_MS) requireScreen(db, session, now);
    db.prepare('UPDATE playback_streams SET last_seen_at = ? WHERE id = ?').run(now, row.id);
  })();
}

/**
 * Ends a stream of the account: the caller's own ('ended': its player closed) or another
 * device's ('stopped': its next media request is refused 410). Idempotent; 404 for a stream that
 * is not the account's. Returns how it ended.
 */
export function endStream(db: Database, session: Pick<StreamSession, 'id' | 'accountId'>, streamId: string, now: number): StreamEnd {
  return db.transaction(() => {
    const row = db
      .prepare('SELECT id, account_id AS accountId, session_id AS sessionId, ended_at AS endedAt, end_reason AS endReason FROM playback_streams WHERE id = ?')
      .get(streamId) as Omit<StreamRow, 'lastSeenAt'> | undefined;
    if (!row || row.accountId !== session.accountId) throw new ApiError(404, 'not_found', STREAM_MESSAGES.noStream).about('streamId');
    if (row.endReason) return row.endReason;
    const reason: StreamEnd = row.sessionId === session.id ? 'ended' : 'stopped';
    db.prepare('UPDATE playback_streams SET ended_at = ?, end_reason = ? WHERE id = ?').run(now, reason, row.id);
    return reason;
  })();
}
