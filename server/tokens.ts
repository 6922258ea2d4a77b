/** Bearer tokens: random, handed out once, stored only as a SHA-256 digest. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A fresh token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The digest stored in the database in place of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random row id. */
export function newId(): string {
  return randomUUID();
}
