/**
 * A damaged database is noticed, said in one clear line, and never silently replaced: garbage
 * inside couchside.db or a zero-length file stops the service at start-up; a file that existed is
 * never re-seeded; /healthz touches the database; every 5xx is logged (stderr and a file).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import { createServer } from '../../../server/app';
import { DatabaseFileError } from '../../../server/db';
import { bearer, DEMO_ACCOUNT, jsonBody, memoryServer, signIn } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'couchside-damaged-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A real database with the demo household, closed cleanly (WAL checkpointed into the file). */
async function realDatabase(): Promise<string> {
  const dbPath = join(freshDir(), 'couchside.db');
  const s = await createServer({ dbPath, logFile: null });
  await signIn(s);
  await s.close();
  return dbPath;
}

describe('a damaged database', () => {
  it('4 KiB of garbage inside couchside.db: the service refuses to start and says so', async () => {
    const dbPath = await realDatabase();
    expect(statSync(dbPath).size).toBeGreaterThan(12 * 1024);
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 8192);
    closeSync(fd);
    await expect(createServer({ dbPath, logFile: null })).rejects.toThrow(DatabaseFileError);
    await expect(createServer({ dbPath, logFile: null })).rejects.toThrow(/is damaged/);
  });

  it('a zero-length couchside.db is refused, not silently replaced by a fresh, re-seeded one', async () => {
    const dbPath = join(freshDir(), 'couchside.db');
    writeFileSync(dbPath, '');
    await expect(createServer({ dbPath, logFile: null })).rejects.toThrow(/is empty \(0 bytes\)/);
    expect(statSync(dbPath).size).toBe(0);
  });

  it('the command line stops with one clear line naming the file', () => {
    const dbPath = join(freshDir(), 'couchside.db');
    writeFileSync(dbPath, '');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--data-dir', resolve(dbPath, '..'), '--port', '0'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dbPath);
    expect(lines[0]).toContain('is empty');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a database that existed is never re-seeded, even with no accounts left', async () => {
    const dbPath = await realDatabase();
    const s1 = await createServer({ dbPath, logFile: null, seed: true });
    s1.db.prepare('DELETE FROM accounts').run();
    await s1.close();
    const s2 = await createServer({ dbPath, logFile: null });
    try {
      const res = await s2.app.inject({ method: 'POST', url: API.signIn, ...jsonBody({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: { name: 'TV', platform: 'test', appVersion: '0' } }) });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unknown_email');
    } finally {
      await s2.close();
    }
  });

  it('/healthz touches the database: 200 while it answers, 503 when it cannot; the 5xx are logged to a file', async () => {
    const dir = freshDir();
    const logFile = join(dir, 'service.log');
    const s = await createServer({ dbPath: join(dir, 'couchside.db'), logFile });
    expect((await s.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
    const { accessToken } = await signIn(s);
    s.db.close();
    const health = await s.app.inject({ method: 'GET', url: API.health });
    expect(health.statusCode).toBe(503);
    expect(health.json().error.code).toBe('unavailable');
    const profiles = await s.app.inject({ method: 'GET', url: API.profiles, headers: { authorization: `Bearer ${accessToken}` } });
    expect(profiles.statusCode).toBe(503);
    expect(profiles.json().error.code).toBe('unavailable');
    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('health check: the database does not answer');
    expect(log).toContain('request failed');
    await s.app.close();
  });
});

describe('a request that arrives while the service shuts down', () => {
  it('gets a 503 (try again), not a 500, once the database is closed', async () => {
    const server = await memoryServer();
    const { accessToken } = await signIn(server);
    // What close() does last: the database goes while a request may still be on its way in.
    server.db.close();
    const res = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(accessToken) });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({ code: 'unavailable', message: 'The service cannot reach its data right now. Please try again shortly.' });
    await server.app.close();
  });
});
