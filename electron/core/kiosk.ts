/**
 * Kiosk mode's state and its admin PIN, over the same store as the session. Kiosk mode is on by
 * the `--kiosk` flag, else COUCHSIDE_KIOSK=1, else the stored setting; leaving it takes the admin
 * PIN, and wrong PINs are limited (then a cool-down that doubles), counted on disk so a restart
 * does not reset them. No electron import: both hosts use it.
 */
import type { BridgeError, KioskOptions, KioskSource, KioskState, Result } from '../../shared/bridge';
import { KIOSK_INPUT_MESSAGES } from '../../shared/bridge-schemas';
import type { Logger } from './log';
import { hashPin, isPinHash, PIN_PATTERN, verifyPin } from './pin-hash';
import type { KeyValueStore, StoreData, StoredKiosk } from './store';
import { StateCell } from './state-cell';

/** One layer of kiosk switches: the command line's, or the environment's. */
export interface KioskSwitches {
  kiosk?: boolean;
  demo?: boolean;
  idleResetSeconds?: number;
}

/** Defaults and limits of kiosk mode. */
export const KIOSK_DEFAULTS = {
  idleResetSeconds: 120,
  cursorHideSeconds: 3,
  minIdleResetSeconds: 5,
  maxIdleResetSeconds: 86_400,
  /** Wrong PINs allowed before a cool-down. */
  maxTries: 5,
  /** The first cool-down; each further lock-out doubles it, up to the cap. */
  lockoutSeconds: 60,
  maxLockoutSeconds: 3600,
} as const;

/** The words a user reads about the PIN. */
export const KIOSK_MESSAGES = {
  pinFormat: KIOSK_INPUT_MESSAGES.pinFormat,
  noPin: 'No admin PIN is set yet. Set one first.',
  alreadyOn: 'Kiosk mode is already on. Leave it with the admin PIN first to change its settings.',
  idleReset: `The idle time is a whole number of seconds from ${KIOSK_DEFAULTS.minIdleResetSeconds} to ${KIOSK_DEFAULTS.maxIdleResetSeconds}.`,
  saveFailed: 'The kiosk setting could not be saved.',
} as const;

/** True for an idle-reset time kiosk mode accepts. */
export function isIdleResetSeconds(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= KIOSK_DEFAULTS.minIdleResetSeconds && (n as number) <= KIOSK_DEFAULTS.maxIdleResetSeconds;
}

/** Parses `--idle-reset` / COUCHSIDE_IDLE_RESET: undefined when absent; throws a message naming `source` when bad. */
export function parseIdleReset(text: string | undefined, source: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!isIdleResetSeconds(n)) {
    const { minIdleResetSeconds: min, maxIdleResetSeconds: max } = KIOSK_DEFAULTS;
    throw new Error(`${source} takes a whole number of seconds from ${min} to ${max} (got "${text}").`);
  }
  return n;
}

/** The environment's layer: COUCHSIDE_KIOSK=1, COUCHSIDE_DEMO=1, COUCHSIDE_IDLE_RESET=SECONDS (a bad value is reported and ignored). */
export function kioskSwitchesFromEnv(env: Record<string, string | undefined>, onProblem: (message: string) => void = () => {}): KioskSwitches {
  let idleResetSeconds: number | undefined;
  try {
    idleResetSeconds = parseIdleReset(env.COUCHSIDE_IDLE_RESET, 'COUCHSIDE_IDLE_RESET');
  } catch (err) {
    onProblem((err as Error).message);
  }
  return { kiosk: env.COUCHSIDE_KIOSK === '1', demo: env.COUCHSIDE_DEMO === '1', idleResetSeconds };
}

/** True when a value read from disk has the StoredKiosk shape (anything else counts as "no setting"). */
export function isStoredKiosk(v: unknown): v is StoredKiosk {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const k = v as Record<string, unknown>;
  const count = (x: unknown) => x === undefined || (Number.isInteger(x) && (x as number) >= 0);
  return (
    typeof k.enabled === 'boolean' &&
    (k.pinHash === null || isPinHash(k.pinHash)) &&
    typeof k.demoMode === 'boolean' &&
    isIdleResetSeconds(k.idleResetSeconds) &&
    count(k.failedTries) &&
    count(k.lockouts) &&
    count(k.lockedUntil)
  );
}

export interface KioskControllerOptions {
  /** The command line's switches (win over the environment's). */
  flags?: KioskSwitches;
  /** The environment's switches (win over the stored setting). */
  env?: KioskSwitches;
  cursorHideSeconds?: number;
  log: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

const NO_SETTING: StoredKiosk = { enabled: false, pinHash: null, demoMode: false, idleResetSeconds: KIOSK_DEFAULTS.idleResetSeconds };

const fail = (code: BridgeError['code'], message: string, retryAfterSeconds?: number): { ok: false; error: BridgeError } => ({
  ok: false,
  error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds },
});

/** Kiosk mode for one host: its state, turning it on with a PIN, and leaving it with that PIN. */
export class KioskController {
  private readonly cell: StateCell<KioskState>;
  /** A right PIN also overrides the flag and env until the process ends, so the operator can get out. */
  private exitedThisRun = false;
  /** PIN checks run one at a time, so concurrent tries cannot race the counters. */
  private queue: Promise<unknown> = Promise.resolve();
  private warnedDamaged = false;
  private readonly now: () => number;

  constructor(
    private readonly kv: KeyValueStore<StoreData>,
    private readonly opts: KioskControllerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.cell = new StateCell<KioskState>(this.compute(), opts.log, 'kiosk');
  }

  private get state(): KioskState {
    return this.cell.get();
  }

  /** Kiosk mode as the renderer sees it (never the hash). */
  getState(): KioskState {
    return this.state;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(cb: (s: KioskState) => void): () => void {
    return this.cell.subscribe(cb);
  }

  /**
   * Turns kiosk mode on as the stored setting with a new PIN (hashed). When it is already on by
   * flag or env without a PIN, only the PIN (and options) are stored. Refused while kiosk mode is
   * on with a PIN: leave it first.
   */
  enable(pin: string, options: KioskOptions = {}): Promise<Result<KioskState>> {
    return this.serial(async () => {
      if (!PIN_PATTERN.test(pin)) return fail('invalid_input', KIOSK_MESSAGES.pinFormat);
      if (options.idleResetSeconds !== undefined && !isIdleResetSeconds(options.idleResetSeconds)) {
        return fail('invalid_input', KIOSK_MESSAGES.idleReset);
      }
      const before = this.state;
      if (before.enabled && before.pinSet) return fail('invalid_input', KIOSK_MESSAGES.alreadyOn);
      const pinHash = await hashPin(pin);
      const stored = this.read() ?? NO_SETTING;
      const next: StoredKiosk = {
        enabled: before.enabled && before.source !== 'setting' ? stored.enabled : true,
        pinHash,
        demoMode: options.demoMode ?? stored.demoMode,
        idleResetSeconds: options.idleResetSeconds ?? stored.idleResetSeconds,
        failedTries: 0,
        lockouts: 0,
        lockedUntil: 0,
      };
      if (!this.write(next)) return fail('failed', KIOSK_MESSAGES.saveFailed);
      this.exitedThisRun = false;
      this.update();
      this.opts.log.info('kiosk mode on', { source: this.state.source, demoMode: this.state.demoMode, idleResetSeconds: this.state.idleResetSeconds });
      return { ok: true, value: this.state };
    });
  }

  /**
   * Leaves kiosk mode if `pin` is the admin PIN: the setting is turned off and the flag/env are
   * overridden for the rest of this run. Wrong PINs say how many tries are left; after
   * KIOSK_DEFAULTS.maxTries, a cool-down (`locked_out` with `retryAfterSeconds`).
   */
  exit(pin: string): Promise<Result<KioskState>> {
    return this.serial(async () => {
      if (!this.state.enabled) return { ok: true, value: this.state };
      const stored = this.read();
      const now = this.now();
      if (stored?.lockedUntil && stored.lockedUntil > now) return this.lockedOut(stored.lockedUntil - now);
      if (!PIN_PATTERN.test(pin)) return fail('invalid_input', KIOSK_MESSAGES.pinFormat);
      if (!stored?.pinHash) return fail('invalid_input', KIOSK_MESSAGES.noPin);
      if (await verifyPin(pin, stored.pinHash)) {
        this.write({ ...stored, enabled: false, failedTries: 0, lockouts: 0, lockedUntil: 0 });
        this.exitedThisRun = true;
        this.update();
        this.opts.log.info('kiosk mode left with the admin PIN');
        return { ok: true, value: this.state };
      }
      const failedTries = (stored.failedTries ?? 0) + 1;
      if (failedTries >= KIOSK_DEFAULTS.maxTries) {
        const lockouts = (stored.lockouts ?? 0) + 1;
        const seconds = Math.min(KIOSK_DEFAULTS.lockoutSeconds * 2 ** (lockouts - 1), KIOSK_DEFAULTS.maxLockoutSeconds);
        this.write({ ...stored, failedTries: 0, lockouts, lockedUntil: now + seconds * 1000 });
        this.opts.log.warn('kiosk: too many wrong admin PINs; locked', { seconds, lockouts });
        return this.lockedOut(seconds * 1000);
      }
      this.write({ ...stored, failedTries });
      const left = KIOSK_DEFAULTS.maxTries - failedTries;
      this.opts.log.warn('kiosk: wrong admin PIN', { triesLeft: left });
      return fail('wrong_pin', `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left.`);
    });
  }

  private lockedOut(ms: number): { ok: false; error: BridgeError } {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return fail('locked_out', `Too many wrong PINs. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`, seconds);
  }

  private compute(): KioskState {
    const s = this.read();
    const f = this.opts.flags ?? {};
    const e = this.opts.env ?? {};
    let source: KioskSource | null = null;
    if (!this.exitedThisRun) source = f.kiosk ? 'flag' : e.kiosk ? 'env' : s?.enabled ? 'setting' : null;
    return {
      enabled: source !== null,
      source,
      pinSet: !!s?.pinHash,
      demoMode: !!(f.demo || e.demo || s?.demoMode),
      idleResetSeconds: f.idleResetSeconds ?? e.idleResetSeconds ?? s?.idleResetSeconds ?? KIOSK_DEFAULTS.idleResetSeconds,
      cursorHideSeconds: this.opts.cursorHideSeconds ?? KIOSK_DEFAULTS.cursorHideSeconds,
    };
  }

  /** The stored setting, or null when there is none or it is damaged (never throws). */
  private read(): StoredKiosk | null {
    let raw: unknown;
    try {
      raw = this.kv.get('kiosk');
    } catch (err) {
      this.opts.log.warn('kiosk setting unreadable; treating it as not set', { error: String(err) });
      return null;
    }
    if (raw === undefined) return null;
    if (isStoredKiosk(raw)) return raw;
    if (!this.warnedDamaged) this.opts.log.warn('kiosk setting has an unexpected shape; treating it as not set');
    this.warnedDamaged = true;
    return null;
  }

  private write(next: StoredKiosk): boolean {
    try {
      this.kv.set('kiosk', next);
      return true;
    } catch (err) {
      this.opts.log.error('could not save the kiosk setting', { error: String(err) });
      return false;
    }
  }

  private update(): void {
    this.cell.set(this.compute());
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }
}
