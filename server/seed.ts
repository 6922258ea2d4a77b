/** Demo data: the catalog, the demo household, account creation, and the full reset. */
import { maturityFromKids, type MaturityLevel } from '../shared/maturity';
import type { AccountSummary, Profile } from '../shared/types';
import { accountSummary, findAccountByEmail, listProfiles, normalizeEmail } from './accounts';
import { CATALOG } from './catalog-data';
import { insertTitles } from './catalog';
import type { Database } from './db';
import { nowIso } from './db';
import { hashPassword } from './passwords';
import { DEFAULT_PLAN, findPlan, PLANS, type Plan } from '../shared/plans';
import { newId } from './tokens';

/** The demo household's credentials, printed by the CLI and used by tests and demos. */
export const DEMO_ACCOUNT = {
  email: 'demo@couchside.test',
  password: 'couchside-demo',
  plan: 'Premium',
  memberSince: '2019-03-14T00:00:00.000Z',
} as const;

/** A profile to create with an account. */
export interface ProfileSeed {
  name: string;
  /** Avatar key the renderer draws (fox, owl, bear, cat, rocket, ...). Default "fox". */
  avatar?: string;
  /** Which titles it may see; default from `kids` (true: 'kids'), else 'all'. */
  maturity?: MaturityLevel;
  /** A Kids profile (the older way to say maturity 'kids'). */
  kids?: boolean;
  /** A profile lock (4 digits) from the start; stored hashed like any profile PIN. */
  pin?: string;
}

/** The demo household's profiles. */
export const DEMO_PROFILES: readonly ProfileSeed[] = [
  { name: 'Alex', avatar: 'fox' },
  { name: 'Sam', avatar: 'owl' },
  { name: 'Jordan', avatar: 'bear', maturity: 'teens' },
  { name: 'Kids', avatar: 'rocket', maturity: 'kids' },
];

/** Input for createAccount. */
export interface NewAccountInput {
  email: string;
  password: string;
  /** A plan's id or label (shared/plans.ts), any case; default "Standard". PlanUnknownError otherwise. */
  plan?: string;
  /** Default: one profile named from the email, plus "Kids". */
  profiles?: readonly ProfileSeed[];
  /** ISO timestamp for "member since"; default now. */
  createdAt?: string;
}

/** What createAccount made. */
export interface CreatedAccount {
  accountId: string;
  account: AccountSummary;
  profiles: Profile[];
}

/** Thrown by createAccount when the email is already registered. */
export class AccountExistsError extends Error {
  constructor(email: string) {
    super(`An account with the email ${email} already exists.`);
    this.name = 'AccountExistsError';
  }
}

/** Thrown for a plan name that is not in shared/plans.ts. */
export class PlanUnknownError extends Error {
  constructor(name: string) {
    super(`There is no plan called "${name}": choose ${PLANS.map((p) => p.id).join(', ')}.`);
    this.name = 'PlanUnknownError';
  }
}

/** The plan a name stands for; throws PlanUnknownError for any other. */
export function requirePlan(name: string): Plan {
  const plan = findPlan(name);
  if (!plan) throw new PlanUnknownError(name);
  return plan;
}

/** Sets an account's plan (stored as its label); the new limit applies to the next playback. */
export function setAccountPlan(db: Database, accountId: string, name: string): Plan {
  const plan = requirePlan(name);
  db.prepare('UPDATE accounts SET plan = ? WHERE id = ?').run(plan.label, accountId);
  return plan;
}

interface PreparedAccount {
  id: string;
  email: string;
  passwordHash: string;
  plan: string;
  createdAt: string;
  profiles: readonly ProfileSeed[];
  /** The PIN hash of each profile (same order), or null for an unlocked one. */
  pinHashes: readonly (string | null)[];
}

function defaultProfiles(email: string): ProfileSeed[] {
  const local = email.split('@')[0]!.replace(/[^a-z0-9]+/gi, ' ').trim() || 'Me';
  const name = (local.charAt(0).toUpperCase() + local.slice(1)).slice(0, 40);
  return [{ name, avatar: 'fox' }, { name: 'Kids', avatar: 'rocket', maturity: 'kids' }];
}

async function prepareAccount(input: NewAccountInput): Promise<PreparedAccount> {
  const email = normalizeEmail(input.email);
  const profiles = input.profiles ?? defaultProfiles(email);
  return {
    id: newId(),
    email,
    passwordHash: await hashPassword(input.password),
    plan: input.plan === undefined ? DEFAULT_PLAN.label : requirePlan(input.plan).label,
    createdAt: input.createdAt ?? nowIso(),
    profiles,
    pinHashes: await Promise.all(profiles.map((p) => (p.pin === undefined ? null : hashPassword(p.pin)))),
  };
}

function insertAccount(db: Database, a: PreparedAccount): void {
  db.prepare('INSERT INTO accounts (id, email, password_hash, plan, created_at) VALUES (?, ?, ?, ?, ?)').run(
    a.id,
    a.email,
    a.passwordHash,
    a.plan,
    a.createdAt,
  );
  const insertProfile = db.prepare(
    'INSERT INTO profiles (id, account_id, name, avatar, maturity, position, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  a.profiles.forEach((p, position) =>
    insertProfile.run(newId(), a.id, p.name, p.avatar ?? 'fox', p.maturity ?? maturityFromKids(p.kids ?? false), position, a.pinHashes[position] ?? null),
  );
}

/** Creates an account with its profiles. Throws AccountExistsError if the email is taken. */
export async function createAccount(db: Database, input: NewAccountInput): Promise<CreatedAccount> {
  if (input.plan !== undefined) requirePlan(input.plan);
  if (findAccountByEmail(db, input.email)) throw new AccountExistsError(normalizeEmail(input.email));
  const prepared = await prepareAccount(input);
  db.transaction(() => {
    // Checked again inside the transaction: another caller may have won while we hashed.
    if (findAccountByEmail(db, prepared.email)) throw new AccountExistsError(prepared.email);
    insertAccount(db, prepared);
  })();
  return {
    accountId: prepared.id,
    account: accountSummary({ email: prepared.email, plan: prepared.plan, created_at: prepared.createdAt }),
    profiles: listProfiles(db, prepared.id),
  };
}

let demoHash: Promise<string> | undefined;

/** The demo account, hashed once per process (a real salted scrypt hash) so resets stay fast. */
async function prepareDemo(): Promise<PreparedAccount> {
  demoHash ??= hashPassword(DEMO_ACCOUNT.password);
  return {
    id: newId(),
    email: DEMO_ACCOUNT.email,
    passwordHash: await demoHash,
    plan: DEMO_ACCOUNT.plan,
    createdAt: DEMO_ACCOUNT.memberSince,
    profiles: DEMO_PROFILES,
    pinHashes: DEMO_PROFILES.map(() => null),
  };
}

/** Loads the catalog if the titles table is empty. Returns true if it did. */
export function ensureCatalog(db: Database): boolean {
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM titles').get() as { n: number };
  if (n > 0) return false;
  db.transaction(() => insertTitles(db, CATALOG))();
  return true;
}

/** Seeds the catalog and the demo household if the database has no accounts. Returns true if it did. */
export async function seedDemo(db: Database): Promise<boolean> {
  ensureCatalog(db);
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number };
  if (n > 0) return false;
  const demo = await prepareDemo();
  db.transaction(() => {
    const { n: again } = db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number };
    if (again === 0) insertAccount(db, demo);
  })();
  return true;
}

/** Wipes every row and reseeds catalog + demo household, all in one transaction. */
export async function resetData(db: Database): Promise<void> {
  const demo = await prepareDemo();
  db.transaction(() => {
    // Sign-in codes go too (pending ones belong to no account yet, so no cascade reaches them).
    db.prepare('DELETE FROM device_codes').run();
    // Children first, so the wipe does not depend on cascades.
    for (const table of ['playback_streams', 'episode_progress', 'watch_progress', 'my_list', 'profile_unlocks', 'access_tokens', 'refresh_tokens', 'sessions', 'devices', 'profiles', 'accounts', 'titles']) db.prepare(`DELETE FROM ${table}`).run();
    insertTitles(db, CATALOG);
    insertAccount(db, demo);
  })();
}
