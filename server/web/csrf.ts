/** CSRF tokens for the account page's forms: an HMAC of the web session id under a per-process secret. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Makes and checks the hidden form token bound to one web session. */
export interface Csrf {
  token(sessionId: string): string;
  verify(sessionId: string, token: unknown): boolean;
}

/** A Csrf with a fresh random secret (tokens die with the process; forms just need a reload). */
export function createCsrf(secret: Buffer = randomBytes(32)): Csrf {
  const token = (sessionId: string) => createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
  return {
    token,
    verify(sessionId, candidate) {
      if (typeof candidate !== 'string' || candidate.length > 128) return false;
      const expected = Buffer.from(token(sessionId));
      const actual = Buffer.from(candidate);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
