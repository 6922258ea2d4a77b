/**
 * The typed session store. core/ depends only on the small KeyValueStore interface, which both
 * electron-store (Electron) and conf (web host, tests) satisfy; tokens go through a TokenVault so
 * Electron can keep them as safeStorage ciphertext.
 */
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import type { TokenSet } from '../../shared/api';
import type { DevicePreferences } from '../../shared/bridge';
import type { AccountSummary } from '../../shared/types';
import type { StoredDeviceName } from './device';
import type { Logger } from './log';

/** What one device keeps on disk between launches. */
export interface StoredSession {
  /** The sealed TokenSet, as JSON (see TokenVault.encoding). Never stored in the clear with safeStorage. */
  tokens: string;
  tokenEncoding: TokenEncoding;
  deviceId: string;
  account: AccountSummary;
  savedAt: string;
}

/** Kiosk mode as a stored setting (see core/kiosk.ts). The admin PIN is kept only as a scrypt hash. */
export interface StoredKiosk {
  enabled: boolean;
  /** `scrypt$N$r$p$salt$hash`, or null before a PIN is set. */
  pinHash: string | null;
  demoMode: boolean;
  idleResetSeconds: number;
  /** Wrong PINs since the last right one or the last lock-out (kept so a restart does not reset them). */
  failedTries?: number;
  /** Lock-outs since the last right PIN (each one doubles the cool-down). */
  lockouts?: number;
  /** Epoch ms until which no PIN is checked. */
  lockedUntil?: number;
}

/** Everything in the store file. */
export interface StoreData {
  session?: StoredSession;
  kiosk?: StoredKiosk;
  /** This device's household preferences (see core/preferences.ts); not wiped by sign-out. */
  preferences?: DevicePreferences;
  /** Settings → About: let phones on this network open the account page (core/service-access.ts). */
  serviceLan?: boolean;
  /** This device's name (core/device.ts): its default, and a rename kept across sign-ins. */
  device?: StoredDeviceName;
}

/** The slice of the conf / electron-store API that core/ uses. */
export interface KeyValueStore<T> {
  readonly path: string;
  get<K extends keyof T>(key: K): T[K] | undefined;
  set<K extends keyof T>(key: K, value: T[K]): void;
  delete<K extends keyof T>(key: K): void;
}

export type TokenEncoding = 'safeStorage' | 'plain';

/** Seals tokens before they reach the disk (safeStorage in Electron, plain in the web host). */
export interface TokenVault {
  readonly encoding: TokenEncoding;
  seal(token: string): string;
  open(sealed: string): string;
}

/** Keeps the token as it is; used where the OS offers no keychain (web host, tests). */
export const plainVault: TokenVault = {
  encoding: 'plain',
  seal: (t) => t,
  open: (s) => s,
};

/** A session as core/ uses it, tokens in the clear (in memory of the main process only). */
export interface LoadedSession {
  tokens: TokenSet;
  deviceId: string;
  account: AccountSummary;
}

export type LoadProblem = 'corrupt' | 'unreadable-token';

/** Reads, writes and wipes the one stored session. The one wipe path's disk half. */
export class SessionStore {
  constructor(
    private readonly kv: KeyValueStore<StoreData>,
    private readonly vault: TokenVault,
    private readonly log: Logger,
  ) {}

  /** The stored session, or null with the reason when the store could not be used. */
  load(): { session: LoadedSession | null; problem?: LoadProblem } {
    let raw: unknown;
    try {
      raw = this.kv.get('session');
    } catch (err) {
      this.log.warn('session store unreadable; moving it aside', { error: String(err) });
      moveAside(this.kv.path, this.log);
      return { session: null, problem: 'corrupt' };
    }
    if (raw === undefined) return { session: null };
    if (!isStoredSession(raw)) {
      this.log.warn('stored session has an unexpected shape; discarding it');
      this.safeDelete();
      return { session: null, problem: 'corrupt' };
    }
    if (raw.tokenEncoding !== this.vault.encoding) {
      this.log.warn('stored token was sealed differently; discarding it', { was: raw.tokenEncoding });
      this.safeDelete();
      return { session: null, problem: 'unreadable-token' };
    }
    try {
      const tokens = JSON.parse(this.vault.open(raw.tokens)) as unknown;
      if (!isTokenSet(tokens)) throw new Error('sealed tokens have an unexpected shape');
      return { session: { tokens, deviceId: raw.deviceId, account: raw.account } };
    } catch (err) {
      this.log.warn('stored token could not be opened; discarding it', { error: String(err) });
      this.safeDelete();
      return { session: null, problem: 'unreadable-token' };
    }
  }

  /** Persists a fresh session after sign-in. */
  save(session: LoadedSession): void {
    const stored: StoredSession = {
      tokens: this.vault.seal(JSON.stringify(session.tokens)),
      tokenEncoding: this.vault.encoding,
      deviceId: session.deviceId,
      account: session.account,
      savedAt: new Date().toISOString(),
    };
    this.kv.set('session', stored);
  }

  /** Replaces the tokens after a refresh (the refresh token rotates on every use). */
  updateTokens(tokens: TokenSet): void {
    const raw = this.kv.get('session');
    if (raw && isStoredSession(raw)) this.kv.set('session', { ...raw, tokens: this.vault.seal(JSON.stringify(tokens)) });
  }

  /** Updates the cached account summary without touching the tokens. */
  updateAccount(account: AccountSummary): void {
    try {
      const raw = this.kv.get('session');
      if (raw && isStoredSession(raw)) this.kv.set('session', { ...raw, account });
    } catch (err) {
      this.log.warn('could not update the stored account', { error: String(err) });
    }
  }

  /**
   * Wipes the stored session and forgets the last-used profile (the household's preference
   * choices stay). Never throws: a failed wipe is logged and the file moved aside.
   */
  clear(): void {
    this.safeDelete();
    this.forgetLastProfile();
  }

  private forgetLastProfile(): void {
    try {
      const prefs: unknown = this.kv.get('preferences');
      if (prefs && typeof prefs === 'object' && !Array.isArray(prefs) && (prefs as Record<string, unknown>).lastProfileId != null) {
        this.kv.set('preferences', { ...(prefs as DevicePreferences), lastProfileId: null });
      }
    } catch (err) {
      this.log.warn('could not forget the last-used profile', { error: String(err) });
    }
  }

  private safeDelete(): void {
    try {
      this.kv.delete('session');
    } catch (err) {
      this.log.error('could not delete the stored session; moving the store aside', { error: String(err) });
      moveAside(this.kv.path, this.log);
    }
  }
}

/** True when a value read from disk has the StoredSession shape. */
export function isStoredSession(v: unknown): v is StoredSession {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const acc = s.account as Record<string, unknown> | undefined;
  return (
    typeof s.tokens === 'string' &&
    (s.tokenEncoding === 'plain' || s.tokenEncoding === 'safeStorage') &&
    typeof s.deviceId === 'string' &&
    !!acc &&
    typeof acc.email === 'string' &&
    typeof acc.plan === 'string' &&
    typeof acc.memberSince === 'string'
  );
}

/** True when a value has the TokenSet shape. */
export function isTokenSet(v: unknown): v is TokenSet {
  const t = v as Record<string, unknown> | null;
  return !!t && typeof t.accessToken === 'string' && typeof t.refreshToken === 'string' && typeof t.accessExpiresAt === 'string';
}

/** Renames a damaged store file out of the way (kept for inspection, never silently lost). */
export function moveAside(path: string, log: Logger): string | null {
  if (!existsSync(path)) return null;
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
    log.warn('moved damaged store file aside', { aside });
    return aside;
  } catch (err) {
    log.error('could not move damaged store file aside', { error: String(err) });
    return null;
  }
}

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
  // What the store library would take without complaint but could not use: a folder where the
  // file should be (it throws EISDIR), or JSON that is not an object (it silently starts empty).
  const problem = storeFileProblem(filePath);
  if (problem) {
    log.warn(`store file is unusable (${problem}); starting a fresh one`, { filePath });
    moveAside(filePath, log);
    return { store: open(), recovered: true };
  }
  try {
    return { store: open(), recovered: false };
  } catch (err) {
    if (!isCorruptStoreError(err) && !isUnreadableStoreError(err)) throw err;
    log.warn('store file is damaged; starting a fresh one', { error: String(err) });
    moveAside(filePath, log);
    return { store: open(), recovered: true };
  }
}

/**
 * Why the store file cannot be used as a store, or null when it can (or does not exist yet, or
 * is broken JSON, which the store library reports itself).
 */
export function storeFileProblem(filePath: string): string | null {
  let stat;
  try {
    stat = statSync(filePath);
  } catch {
    return null;
  }
  if (stat.isDirectory()) return 'it is a folder';
  if (!stat.isFile()) return 'it is not a regular file';
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `it cannot be read (${code})` : null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `it holds ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}, not an object`;
  }
  return null;
}

/** True for file-system errors that mean the file is there but cannot be used (EISDIR, EACCES…). */
function isUnreadableStoreError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM';
}
