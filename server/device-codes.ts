/**
 * Sign in with a code (RFC 8628 device authorization): a TV asks for a code pair, shows the short
 * user code, and polls with the long device code (kept only as a SHA-256 digest here) until the
 * code is approved on the account page, denied, or expires.
 */
import { randomInt } from 'node:crypto';
import type { DeviceInfo, PendingDeviceCode } from '../shared/api';
import type { Database } from './db';
import { ApiError } from './errors';
import { hashToken, newToken } from './tokens';

/** RFC 8628 §6.1: consonants only (no vowels, so no words; no look-alikes such as 0/O, 1/I). */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;
/** Defaults: a code lives 10 minutes; the TV polls every 5 seconds. */
export const DEFAULT_DEVICE_CODE_TTL_SECONDS = 600;
export const DEFAULT_DEVICE_CODE_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval, for this and later polls. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/** A poll this much earlier than the interval still counts as on time (timer and network jitter). */
export const POLL_TOLERANCE_MS = 250;
/** An approved code can still be collected this long after it expired (the approval came in its last seconds). */
export const APPROVED_GRACE_MS = 60_000;
/** Expired codes are kept this long, so a late poll hears expired_token rather than "unknown". */
export const EXPIRED_CODE_RETENTION_MS = 60 * 60 * 1000;

/** How codes are handed out: lifetime, polling interval, and the clock they are judged by. */
export interface DeviceCodeSettings {
  ttlSeconds: number;
  intervalSeconds: number;
  /** The clock (epoch ms): Date.now, or a test's fake clock. */
  now: () => number;
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'used';

interface CodeRow {
  device_code_hash: string;
  user_code: string;
  device_name: string;
  platform: string;
  app_version: string;
  location: string;
  created_at: string;
  expires_at: string;
  interval_seconds: number;
  last_polled_at: string | null;
  status: DeviceCodeStatus;
  account_id: string | null;
}

/** A code pair as handed to the device (the device code is never stored in the clear). */
export interface IssuedDeviceCode {
  deviceCode: string;
  /** Display form, "ABCD-EFGH". */
  userCode: string;
  expiresIn: number;
  interval: number;
}

/** A code as the activation page shows it (no secrets). */
export interface DeviceCodeInfo {
  userCode: string;
  deviceName: string;
  platform: string;
  location: string;
  status: DeviceCodeStatus;
  expiresAt: string;
  expired: boolean;
}

/** "BCDFGHJK" → "BCDF-GHJK". */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The stored form of a typed code: upper case, without dashes or spaces; null unless it is 8
 * letters of USER_CODE_ALPHABET (RFC 8628 §6.1: case-insensitive, punctuation ignored).
 */
export function normalizeUserCode(input: string): string | null {
  if (input.length > 40) return null;
  const code = input.toUpperCase().replace(/[\s\u2010-\u2015-]+/g, '');
  if (code.length !== USER_CODE_LENGTH) return null;
  for (const c of code) if (!USER_CODE_ALPHABET.includes(c)) return null;
  return code;
}

function newUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Issues a new code pair for a device (RFC 8628 §3.1-3.2) and drops long-expired ones. */
/** How many sign-in codes one client address may have waiting at once (a TV needs one). */
export const MAX_PENDING_CODES_PER_CLIENT = 5;

export function issueDeviceCode(db: Database, device: DeviceInfo, location: string, settings: DeviceCodeSettings, clientAddress = ''): IssuedDeviceCode {
  const now = settings.now();
  pruneDeviceCodes(db, now);
  if (clientAddress) {
    const waiting = db
      .prepare(`SELECT count(*) AS n, min(expires_at) AS first FROM device_codes WHERE client_address = ? AND status = 'pending' AND expires_at > ?`)
      .get(clientAddress, iso(now)) as { n: number; first: string | null };
    if (waiting.n >= MAX_PENDING_CODES_PER_CLIENT) {
      const seconds = Math.max(1, Math.ceil((Date.parse(waiting.first ?? iso(now)) - now) / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many sign-in codes are waiting from this device. Use one of them, or try again in ${describeWait(seconds)}.`,
        undefined,
        seconds,
      );
    }
  }
  const deviceCode = newToken();
  const insert = db.prepare(
    `INSERT INTO device_codes (device_code_hash, user_code, device_name, platform, app_version, location, created_at, expires_at, interval_seconds, client_address)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_code) DO NOTHING`,
  );
  // 20^8 codes: a clash with a kept code is rare; draw again when it happens.
  for (let attempt = 0; attempt < 20; attempt++) {
    const userCode = newUserCode();
    const inserted = insert.run(
      hashToken(deviceCode),
      userCode,
      device.name,
      device.platform,
      device.appVersion,
      location,
      iso(now),
      iso(now + settings.ttlSeconds * 1000),
      settings.intervalSeconds,
      clientAddress,
    ).changes;
    if (inserted === 1) return { deviceCode, userCode: formatUserCode(userCode), expiresIn: settings.ttlSeconds, interval: settings.intervalSeconds };
  }
  throw new ApiError(503, 'unavailable', 'Could not make a sign-in code right now. Please try again.');
}

const MESSAGES = {
  unknown: 'That sign-in code is not valid. Ask for a new one.',
  expired: 'This sign-in code has expired. Ask for a new one.',
  denied: 'The sign-in was declined on the account page.',
  pending: 'Waiting for the code to be approved on the account page.',
  slowDown: (interval: number) => `Polling too often: wait ${interval} seconds between tries.`,
} as const;

/**
 * One poll with a device code (RFC 8628 §3.4-3.5). Returns the account to sign in when the code
 * was approved (the code is then used up, in the same transaction); throws the RFC's errors as
 * 400s otherwise: authorization_pending, slow_down (with the grown interval), expired_token,
 * access_denied; an unknown code is invalid_request. `signIn` runs inside the transaction.
 */
export function pollDeviceCode<T>(
  db: Database,
  deviceCode: string,
  settings: Pick<DeviceCodeSettings, 'now'>,
  signIn: (accountId: string, device: DeviceInfo) => T,
): T {
  const now = settings.now();
  const outcome = db.transaction((): { ok: T } | { error: ApiError } => {
    const row = db.prepare('SELECT * FROM device_codes WHERE device_code_hash = ?').get(hashToken(deviceCode)) as CodeRow | undefined;
    if (!row) return { error: new ApiError(400, 'invalid_request', MESSAGES.unknown) };
    const expiresAt = Date.parse(row.expires_at);
    if (row.status === 'used') return { error: new ApiError(400, 'expired_token', MESSAGES.expired) };
    if (row.status === 'approved' && row.account_id && now < expiresAt + APPROVED_GRACE_MS) {
      db.prepare("UPDATE device_codes SET status = 'used', last_polled_at = ? WHERE device_code_hash = ?").run(iso(now), row.device_code_hash);
      return { ok: signIn(row.account_id, { name: row.device_name, platform: row.platform, appVersion: row.app_version }) };
    }
    if (row.status === 'denied') return { error: new ApiError(400, 'access_denied', MESSAGES.denied) };
    if (now >= expiresAt) return { error: new ApiError(400, 'expired_token', MESSAGES.expired) };
    const last = row.last_polled_at ? Date.parse(row.last_polled_at) : null;
    if (last !== null && now - last < row.interval_seconds * 1000 - POLL_TOLERANCE_MS) {
      const interval = row.interval_seconds + SLOW_DOWN_STEP_SECONDS;
      db.prepare('UPDATE device_codes SET interval_seconds = ?, last_polled_at = ? WHERE device_code_hash = ?').run(interval, iso(now), row.device_code_hash);
      return { error: new ApiError(400, 'slow_down', MESSAGES.slowDown(interval), undefined, undefined, interval) };
    }
    db.prepare('UPDATE device_codes SET last_polled_at = ? WHERE device_code_hash = ?').run(iso(now), row.device_code_hash);
    return { error: new ApiError(400, 'authorization_pending', MESSAGES.pending) };
  })();
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}

/** A code by what a person typed (any case, dash optional); undefined when malformed or unknown. */
export function findDeviceCode(db: Database, typed: string, now: number): DeviceCodeInfo | undefined {
  const code = normalizeUserCode(typed);
  if (!code) return undefined;
  const row = db.prepare('SELECT * FROM device_codes WHERE user_code = ?').get(code) as CodeRow | undefined;
  if (!row) return undefined;
  return {
    userCode: formatUserCode(row.user_code),
    deviceName: row.device_name,
    platform: row.platform,
    location: row.location,
    status: row.status,
    expiresAt: row.expires_at,
    expired: now >= Date.parse(row.expires_at),
  };
}

/** What approving or denying a typed code came to. */
export type DecideOutcome = 'done' | 'unknown' | 'expired' | 'already-decided';

/**
 * Approves a pending, unexpired code for an account (the TV's next poll signs it in) or denies it
 * (the TV's next poll hears access_denied).
 */
export function decideDeviceCode(db: Database, typed: string, decision: { approve: string } | { deny: true }, now: number): DecideOutcome {
  const code = normalizeUserCode(typed);
  if (!code) return 'unknown';
  return db.transaction((): DecideOutcome => {
    const row = db.prepare('SELECT status, expires_at FROM device_codes WHERE user_code = ?').get(code) as
      | Pick<CodeRow, 'status' | 'expires_at'>
      | undefined;
    if (!row) return 'unknown';
    if (row.status !== 'pending') return 'already-decided';
    if (now >= Date.parse(row.expires_at)) return 'expired';
    if ('approve' in decision) {
      db.prepare("UPDATE device_codes SET status = 'approved', account_id = ? WHERE user_code = ?").run(decision.approve, code);
    } else {
      db.prepare("UPDATE device_codes SET status = 'denied' WHERE user_code = ?").run(code);
    }
    return 'done';
  })();
}

/** Makes a code expire now (control API); false when there is no such code. */
export function expireDeviceCode(db: Database, typed: string, now: number): boolean {
  const code = normalizeUserCode(typed);
  if (!code) return false;
  return db.prepare('UPDATE device_codes SET expires_at = ? WHERE user_code = ?').run(iso(now), code).changes > 0;
}

/** Codes waiting for approval, oldest first (control API). */
export function listPendingDeviceCodes(db: Database, now: number): PendingDeviceCode[] {
  const rows = db
    .prepare("SELECT user_code, device_name, expires_at FROM device_codes WHERE status = 'pending' AND expires_at > ? ORDER BY created_at, user_code")
    .all(iso(now)) as Pick<CodeRow, 'user_code' | 'device_name' | 'expires_at'>[];
  return rows.map((r) => ({ userCode: formatUserCode(r.user_code), deviceName: r.device_name, expiresAt: r.expires_at }));
}

/** Deletes codes expired longer than the retention (and the grace of approved ones); returns how many went. */
export function pruneDeviceCodes(db: Database, now = Date.now()): number {
  return db.prepare('DELETE FROM device_codes WHERE expires_at < ?').run(iso(now - Math.max(EXPIRED_CODE_RETENTION_MS, APPROVED_GRACE_MS))).changes;
}

/** "45 seconds", "3 minutes": how long to wait, in words. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
