/**
 * Limits on guessing an account's password: wrong passwords per account, counted in the database
 * (so a restart does not reset them), at sign-in, on the account page, and wherever the password
 * is asked again (profile PIN set-up, password change). Per client address the routes add
 * @fastify/rate-limit (see rate-limits.ts). The control API can lift both for tests and demos.
 */
import type { AccountRow } from './accounts';
import type { Database } from './db';
import { describeWait } from './device-codes';
import { ApiError } from './errors';
import { verifyPassword } from './passwords';

/** Wrong passwords one account may take within the window before further tries wait. */
export const ACCOUNT_MAX_FAILURES = 10;
/** The window those failures are counted in, and the longest wait they cause. */
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;

interface Limits {
  enabled: boolean;
  now: () => number;
}
const limitsByDb = new WeakMap<Database, Limits>();

/** Turns the guessing limits on or off for this database's service (the control API's switch). */
export function setGuessingLimits(db: Database, enabled: boolean, now: () => number = Date.now): void {
  limitsByDb.set(db, { enabled, now });
}

/** Whether the limits apply (on unless the control API lifted them). */
export function guessingLimited(db: Database): boolean {
  return limitsByDb.get(db)?.enabled ?? true;
}

/** A 429 that says how long to wait, in words and in Retry-After. */
export function tooManyTries(seconds: number, what: string): ApiError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new ApiError(429, 'rate_limited', `${what} Try again in ${describeWait(wait)}.`, undefined, wait);
}

/**
 * Checks `password` against the account's, counting a wrong one against the account. Throws 429
 * while the account has had too many wrong passwords lately (before any scrypt work is spent).
 */
export async function verifyAccountPassword(db: Database, account: Pick<AccountRow, 'id' | 'password_hash'>, password: string): Promise<boolean> {
  const limits = limitsByDb.get(db) ?? { enabled: true, now: Date.now };
  if (limits.enabled) {
    const wait = lockedForSeconds(db, account.id, limits.now());
    if (wait > 0) throw tooManyTries(wait, 'Too many wrong passwords for this account.');
  }
  const right = await verifyPassword(password, account.password_hash);
  if (right) {
    db.prepare('DELETE FROM password_failures WHERE account_id = ?').run(account.id);
  } else {
    recordFailure(db, account.id, limits.now());
  }
  return right;
}

/** Seconds until the account may try again (0: now). */
function lockedForSeconds(db: Database, accountId: string, now: number): number {
  const row = db.prepare('SELECT first_failed_at, failures FROM password_failures WHERE account_id = ?').get(accountId) as
    | { first_failed_at: string; failures: number }
    | undefined;
  if (!row || row.failures < ACCOUNT_MAX_FAILURES) return 0;
  const ends = Date.parse(row.first_failed_at) + ACCOUNT_WINDOW_SECONDS * 1000;
  return ends > now ? (ends - now) / 1000 : 0;
}

function recordFailure(db: Database, accountId: string, now: number): void {
  const windowStart = new Date(now - ACCOUNT_WINDOW_SECONDS * 1000).toISOString();
  db.prepare(
    `INSERT INTO password_failures (account_id, first_failed_at, failures) VALUES (?, ?, 1)
     ON CONFLICT (account_id) DO UPDATE SET
       failures = CASE WHEN first_failed_at < ? THEN 1 ELSE failures + 1 END,
       first_failed_at = CASE WHEN first_failed_at < ? THEN excluded.first_failed_at ELSE first_failed_at END`,
  ).run(accountId, new Date(now).toISOString(), windowStart, windowStart);
}
