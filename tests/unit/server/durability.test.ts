import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import { createServer } from '../../../server/app';
import { MIGRATIONS } from '../../../server/migrations';
import { bearer, signIn } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'couchside-server-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file database', () => {
  it('a revocation survives a restart; live sessions survive too', async () => {
    const dbPath = join(dir, 'couchside.db');
    const first = await createServer({ dbPath });
    const revoked = await signIn(first);
    await first.app.inject({ method: 'POST', url: API.signOutAll, headers: bearer(revoked.token) });
    const live = await signIn(first);
    await first.close();

    const second = await createServer({ dbPath });
    try {
      const a = await second.app.inject({ method: 'GET', url: API.session, headers: bearer(revoked.token) });
      expect(a.statusCode).toBe(401);
      expect(a.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
      const b = await second.app.inject({ method: 'GET', url: API.session, headers: bearer(live.token) });
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
      const { token } = await signIn(server);
      const db = server.db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
      expect(rows.length).toBe(1);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
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
});
