/** Opens a conf (or electron-store) file store, recovering from a corrupt file instead of crashing. */
import { join } from 'node:path';
import Conf from 'conf';
import { moveAside, type KeyValueStore, type StoreData } from './store';
import type { Logger } from './log';

/** True for the errors conf throws when the file is not valid JSON or breaks the schema. */
export function isCorruptStoreError(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return !!e && (e.name === 'SyntaxError' || !!e.message?.startsWith('Config schema violation'));
}

/**
 * Builds a store with `open`; if the file on disk is damaged, moves it aside and opens a fresh one.
 * Returns whether that happened so the UI can say so.
 */
export function openRecovering<S>(open: () => S, filePath: string, log: Logger): { store: S; recovered: boolean } {
  try {
    return { store: open(), recovered: false };
  } catch (err) {
    if (!isCorruptStoreError(err)) throw err;
    log.warn('store file is damaged; starting a fresh one', { error: String(err) });
    moveAside(filePath, log);
    return { store: open(), recovered: true };
  }
}

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
