/** Who is calling: credential checks for sign-in and the live-session check for every other call. */
import { SIGN_OUT_MESSAGES } from '../shared/types';
import { findAccountByEmail, type AccountRow } from './accounts';
import type { Database } from './db';
import { ApiError } from './errors';
import { verifyPassword } from './passwords';
import { findSessionByToken, type SessionKind, type SessionRecord } from './sessions';

const MAX_TOKEN_LENGTH = 256;

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

/**
 * The live session behind a token of the given kind. Throws 401 'unauthorized' when the token is
 * missing or unknown, and 401 'session_revoked' with the stored reason when it was revoked.
 */
export function requireLiveSession(db: Database, token: string | undefined, kind: SessionKind): SessionRecord {
  if (!token || token.length > MAX_TOKEN_LENGTH) throw unauthorized();
  const session = findSessionByToken(db, token);
  if (!session || session.kind !== kind) throw unauthorized();
  if (session.revokedAt !== null) {
    const reason = session.revokeReason ?? 'expired';
    throw new ApiError(401, 'session_revoked', SIGN_OUT_MESSAGES[reason], reason);
  }
  return session;
}

/** The device session behind an Authorization header (see requireLiveSession). */
export function authenticateBearer(db: Database, authorization: string | string[] | undefined): SessionRecord {
  return requireLiveSession(db, bearerToken(authorization), 'device');
}

/** The account for these credentials; throws 401 'unknown_email' or 'wrong_password'. */
export async function checkCredentials(db: Database, email: string, password: string): Promise<AccountRow> {
  const account = findAccountByEmail(db, email);
  if (!account) throw new ApiError(401, 'unknown_email', 'No account found for that email.');
  if (!(await verifyPassword(password, account.password_hash))) throw new ApiError(401, 'wrong_password', 'Incorrect password.');
  return account;
}
