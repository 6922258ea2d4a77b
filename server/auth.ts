/** Who is calling: credential checks for sign-in and the live-session check for every other call. */
import { randomBytes } from 'node:crypto';
import { SIGN_OUT_MESSAGES, type SignOutReason } from '../shared/types';
import { findAccountByEmail, type AccountRow } from './accounts';
import type { Database } from './db';
import { ApiError } from './errors';
import { verifyAccountPassword } from './guessing';
import { hashPassword, verifyPassword } from './passwords';
import { findSessionByAccessToken, findSessionByWebToken, type SessionKind, type SessionRecord } from './sessions';
import { isExpired, outlived } from './token-family';

const MAX_TOKEN_LENGTH = 256;

/** The account page's sign-in lives a week without use, and a month at most. */
export const WEB_SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const WEB_SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

/** The token in an `Authorization: Bearer <token>` header, if well-formed. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

/** The 401 for a missing or unknown token. */
export function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', 'Please sign in to continue.');
}

/** The 401 for a revoked session, carrying the stored reason. */
export function sessionRevoked(reason: SignOutReason | null): ApiError {
  const r = reason ?? 'expired';
  return new ApiError(401, 'session_revoked', SIGN_OUT_MESSAGES[r], r);
}

/** The 401 for an access token past its expiry: the client refreshes and retries. */
export function tokenExpired(): ApiError {
  return new ApiError(401, 'token_expired', 'The access token has expired. Refresh it and try again.');
}

/**
 * The live session behind a token of the given kind (a device family's access token, or a web
 * session's cookie token). Throws 401 'unauthorized' when the token is missing or unknown,
 * 401 'session_revoked' with the stored reason when the session was revoked (even if the token
 * also expired: the reason tells the client more), and 401 'token_expired' for an expired access token.
 */
export function requireLiveSession(db: Database, token: string | undefined, kind: SessionKind): SessionRecord {
  if (!token || token.length > MAX_TOKEN_LENGTH) throw unauthorized();
  if (kind === 'web') {
    const session = findSessionByWebToken(db, token);
    if (!session) throw unauthorized();
    if (session.revokedAt !== null) throw sessionRevoked(session.revokeReason);
    // The account page's sign-in ends after a week unused or a month in all; the next page asks again.
    if (outlived(session.createdAt, session.lastUsedAt, WEB_SESSION_IDLE_MS, WEB_SESSION_ABSOLUTE_MS)) throw sessionRevoked('expired');
    return session;
  }
  const found = findSessionByAccessToken(db, token);
  if (!found || found.session.kind !== 'device') throw unauthorized();
  if (found.session.revokedAt !== null) throw sessionRevoked(found.session.revokeReason);
  if (isExpired(found.expiresAt)) throw tokenExpired();
  return found.session;
}

/** The device session behind an Authorization header's access token (see requireLiveSession). */
export function authenticateBearer(db: Database, authorization: string | string[] | undefined): SessionRecord {
  return requireLiveSession(db, bearerToken(authorization), 'device');
}

/**
 * A real scrypt hash of a random password, made once: an unknown email is checked against it, so
 * it costs the same scrypt work as a known one and the answer's timing does not tell them apart.
 */
let dummyHash: Promise<string> | null = null;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
  return dummyHash;
}

/** The account for these credentials; throws 401 'unknown_email' or 'wrong_password'. */
export async function checkCredentials(db: Database, email: string, password: string): Promise<AccountRow> {
  const account = findAccountByEmail(db, email);
  if (!account) {
    await verifyPassword(password, await dummyPasswordHash());
    throw new ApiError(401, 'unknown_email', 'No account found for that email.').about('email');
  }
  if (!(await verifyAccountPassword(db, account, password))) throw new ApiError(401, 'wrong_password', 'Incorrect password.').about('password');
  return account;
}
