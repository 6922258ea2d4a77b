import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { app, safeStorage } from '../../../mocks/electron';
import { silentLogger } from '../../../../electron/core/log';
import { SessionStore } from '../../../../electron/core/store';
import { createVault, openElectronStore } from '../../../../electron/main/store';

const session = { tokens: { accessToken: 'secret-token-value', accessExpiresAt: '2030-01-01T00:00:00.000Z', refreshToken: 'secret-refresh' }, deviceId: 'd1', account: { email: 'demo@couchside.test', plan: 'Premium', memberSince: '2019' } };

describe('Electron session store', () => {
  it('keeps the token only as safeStorage ciphertext in electron-store', () => {
    const { store } = openElectronStore(silentLogger);
    const s = new SessionStore(store, createVault(silentLogger), silentLogger);
    s.save(session);
    const file = readFileSync(join(app.getPath('userData'), 'couchside-session.json'), 'utf8');
    expect(file).not.toContain('secret-token-value');
    expect(file).not.toContain('secret-refresh');
    expect(JSON.parse(file).session.tokenEncoding).toBe('safeStorage');
    expect(s.load().session).toEqual(session);
    s.clear();
    expect(s.load().session).toBeNull();
  });

  it('falls back to a plain token when the OS offers no keychain', () => {
    safeStorage.available = false;
    try {
      expect(createVault(silentLogger).encoding).toBe('plain');
    } finally {
      safeStorage.available = true;
    }
  });

  it('moves a damaged store file aside and opens a fresh one', () => {
    const file = join(app.getPath('userData'), 'couchside-session.json');
    writeFileSync(file, '{ definitely not json');
    const { store, recovered } = openElectronStore(silentLogger);
    expect(recovered).toBe(true);
    expect(readdirSync(app.getPath('userData')).some((f) => f.includes('.corrupt-'))).toBe(true);
    expect(store.get('session')).toBeUndefined();
  });
});
