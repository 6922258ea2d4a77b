/** Account and profile rows: lookups and the shapes the API returns. */
import type { MaturityLevel } from '../shared/maturity';
import type { AccountSummary, Profile } from '../shared/types';
import type { Database } from './db';

/** An account row as stored. */
export interface AccountRow {
  id: string;
  email: string;
  password_hash: string;
  plan: string;
  created_at: string;
}

interface ProfileRow {
  id: string;
  account_id: string;
  name: string;
  avatar: string;
  maturity: MaturityLevel;
  position: number;
  pin_hash: string | null;
  audio_language: string;
  subtitle_language: string | null;
}

/** The one canonical form of an email address (trimmed, lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account with this email (case-insensitive), if any. */
export function findAccountByEmail(db: Database, email: string): AccountRow | undefined {
  return db.prepare('SELECT * FROM accounts WHERE email = ?').get(normalizeEmail(email)) as AccountRow | undefined;
}

/** The account with this id, if any. */
export function getAccount(db: Database, accountId: string): AccountRow | undefined {
  return db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as AccountRow | undefined;
}

/** What a signed-in client may see of an account. */
export function accountSummary(row: Pick<AccountRow, 'email' | 'plan' | 'created_at'>): AccountSummary {
  return { email: row.email, plan: row.plan, memberSince: row.created_at };
}

function toProfile(row: ProfileRow): Profile {
  return {
    id: row.id,
    name: row.name,
    avatar: row.avatar,
    maturity: row.maturity,
    kids: row.maturity === 'kids',
    locked: row.pin_hash !== null,
    audioLanguage: row.audio_language,
    subtitleLanguage: row.subtitle_language,
  };
}

/** The account's profiles in display order. */
export function listProfiles(db: Database, accountId: string): Profile[] {
  const rows = db.prepare('SELECT * FROM profiles WHERE account_id = ? ORDER BY position').all(accountId) as ProfileRow[];
  return rows.map(toProfile);
}

/** One profile, only if it belongs to the account. */
export function getProfile(db: Database, accountId: string, profileId: string): Profile | undefined {
  const row = db.prepare('SELECT * FROM profiles WHERE id = ? AND account_id = ?').get(profileId, accountId) as ProfileRow | undefined;
  return row && toProfile(row);
}
