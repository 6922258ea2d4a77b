import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfStore } from '../../../../electron/core/conf-store';
import { silentLogger } from '../../../../electron/core/log';
import { SessionManager } from '../../../../electron/core/session-manager';
import { ApiClient } from '../../../../electron/core/api-client';
import { plainVault, SessionStore, type TokenVault } from '../../../../electron/core/store';
import { cleanupDirs, tempDir } from './helpers';

const account = { email: 'demo@couchside.test', plan: 'Premium', memberSince: '2021-03-14' };
const tokens = { accessToken: 'tok-123', accessExpiresAt: '2030-01-01T00:00:00.000Z', refreshToken: 'ref-456' };
const session = { tokens, deviceId: 'dev-1', account };

afterEach(cleanupDirs);

describe('SessionStore over conf', () => {
  it('saves, loads and clears the session', () => {
    const dir = tempDir();
    const store = new SessionStore(openConfStore(dir, silentLogger).store, plainVault, silentLogger);
    expect(store.load()).toEqual({ session: null });
    store.save(session);
    expect(store.load()).toEqual({ session });

    const reopened = new SessionStore(openConfStore(dir, silentLogger).store, plainVault, silentLogger);
    expect(reopened.load()).toEqual({ session });
    reopened.clear();
    expect(store.load()).toEqual({ session: null });
    expect(readFileSync(join(dir, 'couchside-session.json'), 'utf8')).not.toContain('tok-123');
  });

  it('keeps only sealed tokens on disk when a vault seals them', () => {
    const dir = tempDir();
    const vault: TokenVault = {
      encoding: 'safeStorage',
      seal: (t) => Buffer.from(`sealed:${t}`).toString('base64'),
      open: (s) => Buffer.from(s, 'base64').toString().replace(/^sealed:/, ''),
    };
    const store = new SessionStore(openConfStore(dir, silentLogger).store, vault, silentLogger);
    store.save(session);
    const file = readFileSync(join(dir, 'couchside-session.json'), 'utf8');
    expect(file).not.toContain('tok-123');
    expect(file).not.toContain('ref-456');
    expect(store.load().session?.tokens).toEqual(tokens);
  });

  it('moves a corrupt store file aside, starts fresh, and the app says so on the sign-in screen', async () => {
    const dir = tempDir();
    const file = join(dir, 'couchside-session.json');
    writeFileSync(file, '{"session": {"token": "abc", oops');
    const { store: kv, recovered } = openConfStore(dir, silentLogger);
    expect(recovered).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('couchside-session.json.corrupt-'))).toBe(true);

    const manager = new SessionManager({
      api: new ApiClient({ baseUrl: 'http://127.0.0.1:9' }),
      store: new SessionStore(kv, plainVault, silentLogger),
      device: { name: 't', platform: 'Linux', appVersion: '0' },
      log: silentLogger,
      storeRecovered: recovered,
    });
    await manager.restore();
    expect(manager.getState()).toMatchObject({ status: 'signed-out', notice: { message: expect.stringContaining('could not be read') } });
  });

  it.each([
    ['null', 'null'],
    ['a list', '[]'],
    ['a number', '42'],
    ['a string', '"hello"'],
  ])('a store file holding %s (valid JSON, not an object) is moved aside and the sign-in screen says so', async (_what, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'couchside-session.json'), content);
    const { store: kv, recovered } = openConfStore(dir, silentLogger);
    expect(recovered).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('couchside-session.json.corrupt-'))).toBe(true);
    const manager = new SessionManager({
      api: new ApiClient({ baseUrl: 'http://127.0.0.1:9' }),
      store: new SessionStore(kv, plainVault, silentLogger),
      device: { name: 't', platform: 'Linux', appVersion: '0' },
      log: silentLogger,
      storeRecovered: recovered,
    });
    await manager.restore();
    expect(manager.getState()).toMatchObject({ status: 'signed-out', notice: { message: expect.stringContaining('could not be read') } });
    // The fresh store works.
    new SessionStore(kv, plainVault, silentLogger).save(session);
    expect(new SessionStore(kv, plainVault, silentLogger).load()).toEqual({ session });
  });

  it('a folder where the store file should be is moved aside instead of stopping the app', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'couchside-session.json'));
    writeFileSync(join(dir, 'couchside-session.json', 'inside.txt'), 'kept');
    const { store: kv, recovered } = openConfStore(dir, silentLogger);
    expect(recovered).toBe(true);
    const aside = readdirSync(dir).find((f) => f.startsWith('couchside-session.json.corrupt-'));
    expect(aside).toBeTruthy();
    expect(readFileSync(join(dir, aside!, 'inside.txt'), 'utf8')).toBe('kept');
    new SessionStore(kv, plainVault, silentLogger).save(session);
    expect(new SessionStore(kv, plainVault, silentLogger).load()).toEqual({ session });
  });

  it('a store damaged while running is moved aside instead of crashing', () => {
    const dir = tempDir();
    const file = join(dir, 'couchside-session.json');
    const store = new SessionStore(openConfStore(dir, silentLogger).store, plainVault, silentLogger);
    store.save(session);
    writeFileSync(file, 'not json at all');
    expect(store.load()).toEqual({ session: null, problem: 'corrupt' });
    expect(existsSync(file)).toBe(false);
    store.save(session);
    expect(store.load()).toEqual({ session });
  });

  it('keeps the rotated tokens after a refresh', () => {
    const store = new SessionStore(openConfStore(tempDir(), silentLogger).store, plainVault, silentLogger);
    store.save(session);
    const rotated = { ...tokens, accessToken: 'tok-new', refreshToken: 'ref-new' };
    store.updateTokens(rotated);
    expect(store.load().session).toEqual({ ...session, tokens: rotated });
  });

  it('discards a session of the wrong shape or one whose token cannot be opened', () => {
    const dir = tempDir();
    const { store: kv } = openConfStore(dir, silentLogger);
    kv.set('session', { tokens: 5 } as never);
    const store = new SessionStore(kv, plainVault, silentLogger);
    expect(store.load()).toEqual({ session: null, problem: 'corrupt' });
    expect(kv.get('session')).toBeUndefined();

    const broken: TokenVault = { encoding: 'plain', seal: (t) => t, open: () => { throw new Error('keychain locked'); } };
    const store2 = new SessionStore(kv, broken, silentLogger);
    store2.save(session);
    expect(store2.load()).toEqual({ session: null, problem: 'unreadable-token' });
    expect(kv.get('session')).toBeUndefined();
  });
});
