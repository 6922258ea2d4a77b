/** Reads the app's switches and env: --server-url, --kiosk, --user-data-dir. */
import { app } from 'electron';
import { resolve } from 'node:path';

export interface AppConfig {
  serverUrl: string;
  kiosk: boolean;
  userDataDir: string | null;
}

/** Switch first, then env, then the default. */
export function readConfig(): AppConfig {
  const cl = app.commandLine;
  const serverUrl = cl.getSwitchValue('server-url') || process.env.COUCHSIDE_SERVER_URL || 'http://127.0.0.1:4700';
  const kiosk = cl.hasSwitch('kiosk') || process.env.COUCHSIDE_KIOSK === '1';
  const dir = cl.getSwitchValue('user-data-dir') || process.env.COUCHSIDE_USER_DATA_DIR || '';
  return { serverUrl, kiosk, userDataDir: dir ? resolve(dir) : null };
}

/** Points Electron's userData (and so electron-store) at a separate folder, e.g. per test. */
export function setupUserDataDir(config: AppConfig): void {
  if (config.userDataDir) app.setPath('userData', config.userDataDir);
}
