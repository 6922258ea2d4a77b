/** The session store in Electron: electron-store, with tokens sealed by safeStorage where the OS offers it. */
import { app, safeStorage } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { openRecovering } from '../core/store';
import type { Logger } from '../core/log';
import { plainVault, type KeyValueStore, type StoreData, type TokenVault } from '../core/store';

const STORE_NAME = 'couchside-session';

/** safeStorage when available (Keychain, DPAPI, libsecret/kwallet), else plain (said in the log). */
export function createVault(log: Logger): TokenVault {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('safeStorage is not available; the token is stored unencrypted (file mode 0600)');
    return plainVault;
  }
  return {
    encoding: 'safeStorage',
    seal: (token) => safeStorage.encryptString(token).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** Opens electron-store in userData, moving a damaged file aside instead of crashing. */
export function openElectronStore(log: Logger): { store: KeyValueStore<StoreData>; recovered: boolean } {
  return openRecovering(
    () =>
      new Store<StoreData>({ name: STORE_NAME, clearInvalidConfig: false, configFileMode: 0o600 }) as unknown as KeyValueStore<StoreData>,
    join(app.getPath('userData'), `${STORE_NAME}.json`),
    log,
  );
}
