import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import { createServer } from '../../../server/app';
import { CATALOG } from '../../../server/catalog-data';
import { insertTitles } from '../../../server/catalog';
import { MIGRATIONS } from '../../../server/migrations';
import { hashPassword } from '../../../server/passwords';
import { hashToken } from '../../../server/tokens';
import { bearer, DEMO_ACCOUNT, signIn, signOutAll } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'couchside-server-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo account as an old schema holds it (id `acc`), for the migration tests. */
async function insertDemoAccount(raw: BetterSqlite3.Database, now: string): Promise<void> {
  raw.prepare('INSERT INTO accounts (id, email, password_hash, plan, created_at) VALUES (?, ?, ?, ?, ?)').run(
    'acc',
    DEMO_ACCOUNT.email,
    await hashPassword(DEMO_ACCOUNT.password),
    'Premium',
    now,
  );
}

describe('file database', () => {
  it('a revocation survives a restart; live sessions survive too', async () => {
    const dbPath = join(dir, 'couchside.db');
    const first = await createServer({ dbPath });
    const revoked = await signIn(first);
    await signOutAll(first, revoked.accessToken);
    const live = await signIn(first);
    await first.close();

    const second = await createServer({ dbPath });
    try {
      const a = await second.app.inject({ method: 'GET', url: API.session, headers: bearer(revoked.accessToken) });
      expect(a.statusCode).toBe(401);
      expect(a.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
      const b = await second.app.inject({ method: 'GET', url: API.session, headers: bearer(live.accessToken) });
      expect(b.statusCode).toBe(200);
      // Seeding is idempotent: still exactly one demo account.
      const { n } = second.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number };
      expect(n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('uses WAL, foreign keys, synchronous=FULL, the latest schema version, and stores only token hashes', async () => {
    const dbPath = join(dir, 'pragmas.db');
    const server = await createServer({ dbPath });
    try {
      const { accessToken, refreshToken } = await signIn(server);
      const db = server.db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const rows = db
        .prepare('SELECT token_hash FROM access_tokens UNION ALL SELECT token_hash FROM refresh_tokens')
        .all() as { token_hash: string }[];
      expect(rows.length).toBe(2);
      for (const { token_hash } of rows) {
        expect(token_hash).not.toContain(accessToken);
        expect(token_hash).not.toContain(refreshToken);
        expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
      }
      const hash = (db.prepare('SELECT password_hash FROM accounts').get() as { password_hash: string }).password_hash;
      expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    } finally {
      await server.close();
    }
  });

  it('refuses a database from a newer schema', async () => {
    const dbPath = join(dir, 'future.db');
    const raw = new BetterSqlite3(dbPath);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    await expect(createServer({ dbPath })).rejects.toThrow(/newer/);
  });

  it('seed: false leaves the household empty but loads the catalog', async () => {
    const server = await createServer({ dbPath: ':memory:', seed: false });
    try {
      const res = await server.app.inject({
        method: 'POST',
        url: API.signIn,
        payload: { email: 'demo@couchside.test', password: 'couchside-demo', device: { name: 'a', platform: 'b', appVersion: 'c' } },
      });
      expect(res.json().error.code).toBe('unknown_email');
      const { n } = server.db.prepare('SELECT COUNT(*) AS n FROM titles').get() as { n: number };
      expect(n).toBeGreaterThanOrEqual(44);
    } finally {
      await server.close();
    }
  });

  it('migrates a v1 database: revoked sessions keep their reason, live device tokens end as expired, web cookies keep working', async () => {
    const dbPath = join(dir, 'v1.db');
    const raw = new BetterSqlite3(dbPath);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    const now = new Date().toISOString();
    await insertDemoAccount(raw, now);
    const device = raw.prepare('INSERT INTO devices (id, account_id, name, platform, app_version, created_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const session = raw.prepare(
      'INSERT INTO sessions (id, account_id, device_id, token_hash, kind, created_at, last_used_at, revoked_at, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [id, kind, revokedAt, reason] of [
      ['live', 'device', null, null],
      ['gone', 'device', now, 'device-removed'],
      ['web', 'web', null, null],
    ] as const) {
      device.run(`d-${id}`, 'acc', `Device ${id}`, 'linux', '0.1.0', now, now);
      session.run(id, 'acc', `d-${id}`, hashToken(`token-${id}`), kind, now, now, revokedAt, reason);
    }
    raw.close();

    const server = await createServer({ dbPath });
    try {
      expect(server.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(server.db.pragma('foreign_key_check')).toEqual([]);
      const check = (token: string) => server.app.inject({ method: 'GET', url: API.session, headers: bearer(token) });
      expect((await check('token-gone')).json().error).toMatchObject({ code: 'session_revoked', reason: 'device-removed' });
      expect((await check('token-live')).json().error).toMatchObject({ code: 'session_revoked', reason: 'expired' });
      const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: 'token-web' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<strong>Device web</strong> <span class="tag">This browser</span>');
      expect(page.body).not.toContain('Device live');
      // New sign-ins on the migrated file get token families.
      const fresh = await signIn(server);
      expect((await check(fresh.accessToken)).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('migrates profiles from the Kids flag to maturity levels: Kids stays Kids, the rest see everything, nothing else lost', async () => {
    const dbPath = join(dir, 'kids-flag.db');
    const before = MIGRATIONS.findIndex((sql) => sql.includes('ADD COLUMN maturity'));
    expect(before).toBeGreaterThan(0); // the step exists (later steps apply on top when the service opens it)
    const raw = new BetterSqlite3(dbPath);
    raw.pragma('foreign_keys = ON');
    for (const sql of MIGRATIONS.slice(0, before)) raw.exec(sql);
    raw.pragma(`user_version = ${before}`);
    const now = new Date().toISOString();
    insertTitles(raw, CATALOG);
    await insertDemoAccount(raw, now);
    const profile = raw.prepare('INSERT INTO profiles (id, account_id, name, avatar, kids, position, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    profile.run('p-grown', 'acc', 'Grown', 'fox', 0, 0, await hashPassword('1234'));
    profile.run('p-kid', 'acc', 'Little', 'rocket', 1, 1, null);
    // Each has a grown-up title and a kids' title in My List and Continue Watching.
    for (const p of ['p-grown', 'p-kid']) {
      for (const t of ['orbit-of-ashes', 'pip-and-the-puddle-kingdom']) {
        raw.prepare('INSERT INTO my_list (profile_id, title_id, added_at) VALUES (?, ?, ?)').run(p, t, now);
        raw.prepare('INSERT INTO watch_progress (profile_id, title_id, position_seconds, duration_seconds, updated_at) VALUES (?, ?, 60, 600, ?)').run(p, t, now);
      }
    }
    raw.close();

    const server = await createServer({ dbPath });
    try {
      expect(server.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(server.db.pragma('foreign_key_check')).toEqual([]);
      // The flag is gone: one truth.
      const columns = (server.db.prepare('PRAGMA table_info(profiles)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toContain('maturity');
      expect(columns).not.toContain('kids');
      const { accessToken } = await signIn(server);
      const profiles = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(accessToken) })).json().profiles;
      expect(profiles).toEqual([
        { id: 'p-grown', name: 'Grown', avatar: 'fox', maturity: 'all', kids: false, locked: true, audioLanguage: 'en', subtitleLanguage: null },
        { id: 'p-kid', name: 'Little', avatar: 'rocket', maturity: 'kids', kids: true, locked: false, audioLanguage: 'en', subtitleLanguage: null },
      ]);
      // The Kids profile still sees only kids' titles; its saved grown-up title is kept but hidden.
      const home = (await server.app.inject({ method: 'GET', url: `${API.home}?profileId=p-kid`, headers: bearer(accessToken) })).json();
      const row = (id: string) => home.rows.find((r: { id: string }) => r.id === id)?.items.map((t: { id: string }) => t.id);
      expect(row('my-list')).toEqual(['pip-and-the-puddle-kingdom']);
      expect(row('continue-watching')).toEqual(['pip-and-the-puddle-kingdom']);
      const count = (sql: string) => (server.db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT COUNT(*) AS n FROM my_list')).toBe(4);
      expect(count('SELECT COUNT(*) AS n FROM watch_progress')).toBe(4);
      // And it still cannot raise itself without the account password.
      await server.app.inject({ method: 'POST', url: API.currentProfile, headers: { ...bearer(accessToken), 'content-type': 'application/json' }, payload: { profileId: 'p-kid' } });
      const raise = await server.app.inject({
        method: 'PATCH',
        url: API.profile('p-kid'),
        headers: { ...bearer(accessToken), 'content-type': 'application/json' },
        payload: { maturity: 'teens' },
      });
      expect(raise.json().error.code).toBe('password_required');
    } finally {
      await server.close();
    }
  });
});
