/**
 * Playback tokens: the short-lived authorisation in a playback's media URLs. A token names the
 * device session, profile and title it was issued for and when it expires, signed with HMAC-SHA256
 * under a key that lives only in this service process (so no token outlives a restart). It is
 * stateless to check; the media routes then check the session behind it is still live on every
 * request, so a sign-out stops a stream at its next request, not at the token's expiry.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a playback token grants. */
export interface PlaybackClaims {
  /** The device session it was issued to. */
  sessionId: string;
  /** The stream it belongs to (server/playback-streams.ts: the plan's screen limit). */
  streamId: string;
  profileId: string;
  titleId: string;
  /** A series: the episode (its runtime is the stream's timeline). */
  episodeId?: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/** Why a token was refused. */
export type TokenRefusal = 'malformed' | 'forged' | 'expired';

/** The longest token accepted (a real one is about 250 characters; the router's parameter limit too). */
export const MAX_PLAYBACK_TOKEN = 400;

const SIGNATURE_BYTES = 32;

/** Issues and checks playback tokens with one process-local key. */
export class PlaybackTokens {
  private readonly key: Buffer;

  constructor(
    private readonly now: () => number = Date.now,
    key: Buffer = randomBytes(32),
  ) {
    this.key = key;
  }

  /** A token for these claims: base64url(JSON) "." base64url(HMAC-SHA256). */
  issue(claims: PlaybackClaims): string {
    const fields = { s: claims.sessionId, i: claims.streamId, p: claims.profileId, t: claims.titleId, ...(claims.episodeId ? { x: claims.episodeId } : {}), e: claims.expiresAt };
    const payload = Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired token, or why it is refused. Constant-time on the signature. */
  check(token: string): PlaybackClaims | TokenRefusal {
    if (token.length > MAX_PLAYBACK_TOKEN || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return 'malformed';
    const [payload, signature] = token.split('.') as [string, string];
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(payload);
    if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) return 'forged';
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return 'malformed';
    }
    const c = raw as { s?: unknown; i?: unknown; p?: unknown; t?: unknown; x?: unknown; e?: unknown };
    if (typeof c.s !== 'string' || typeof c.i !== 'string' || typeof c.p !== 'string' || typeof c.t !== 'string' || typeof c.e !== 'number') return 'malformed';
    if (c.x !== undefined && typeof c.x !== 'string') return 'malformed';
    if (c.e <= this.now()) return 'expired';
    return { sessionId: c.s, streamId: c.i, profileId: c.p, titleId: c.t, ...(c.x !== undefined ? { episodeId: c.x } : {}), expiresAt: c.e };
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload, 'utf8').digest();
  }
}
