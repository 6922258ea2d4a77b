/** Opens the conf file store used by the web host and tests (electron-store is built on conf). */
import { join } from 'node:path';
import Conf from 'conf';
import { openRecovering, type KeyValueStore, type StoreData } from './store';
import type { Logger } from './log';

/** The web host's and tests' store: a conf file in `dir` (mode 0600), same shape as in Electron. */
export function openConfStore(dir: string, log: Logger): { store: KeyValueStore<StoreData>; recovered: boolean } {
  const configName = 'couchside-session';
  return openRecovering(
    () =>
      new Conf<StoreData>({
        cwd: dir,
        configName,
        configFileMode: 0o600,
        clearInvalidConfig: false,
      }) as unknown as KeyValueStore<StoreData>,
    join(dir, `${configName}.json`),
    log,
  );
}
