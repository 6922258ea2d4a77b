/**
 * This device's household preferences (relock a locked profile after idle minutes), kept in the
 * same store as the session but not wiped with it. No electron import: both hosts use it.
 */
import { RELOCK_CHOICES, type DevicePreferences, type Result } from '../../shared/bridge';
import { silentLogger, type Logger } from './log';
import type { KeyValueStore, StoreData } from './store';

/** What a device uses before anything is chosen (and when the stored entry is damaged). */
export const DEFAULT_PREFERENCES: Readonly<DevicePreferences> = { relockProfileAfterMinutes: null };

/** The words a user reads about preferences. */
export const PREFERENCE_MESSAGES = {
  shape: 'Unknown preferences.',
  relock: 'Choose one of the relock times offered.',
  saveFailed: 'The preference could not be saved.',
} as const;

const isRelockChoice = (v: unknown): v is number | null => RELOCK_CHOICES.includes(v as number | null);

/** Reads and updates the stored preferences, validating both ways. */
export class PreferencesStore {
  constructor(
    private readonly kv: KeyValueStore<StoreData>,
    private readonly log: Logger = silentLogger,
  ) {}

  /** The stored preferences over the defaults; a damaged or unreadable entry reads as the defaults. */
  get(): DevicePreferences {
    let raw: unknown;
    try {
      raw = this.kv.get('preferences');
    } catch (err) {
      this.log.warn('preferences unreadable; using the defaults', { error: String(err) });
      return { ...DEFAULT_PREFERENCES };
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ...DEFAULT_PREFERENCES };
    const relock = (raw as Record<string, unknown>).relockProfileAfterMinutes;
    return { relockProfileAfterMinutes: isRelockChoice(relock) ? relock : DEFAULT_PREFERENCES.relockProfileAfterMinutes };
  }

  /** Merges an untrusted partial update into the stored preferences; `invalid_input` for anything not offered. */
  set(partial: unknown): Result<DevicePreferences> {
    if (!partial || typeof partial !== 'object' || Array.isArray(partial)) return invalid(PREFERENCE_MESSAGES.shape);
    const update = partial as Record<string, unknown>;
    const known: readonly string[] = ['relockProfileAfterMinutes'];
    if (Object.keys(update).some((k) => !known.includes(k))) return invalid(PREFERENCE_MESSAGES.shape);
    const next = this.get();
    if ('relockProfileAfterMinutes' in update) {
      if (!isRelockChoice(update.relockProfileAfterMinutes)) return invalid(PREFERENCE_MESSAGES.relock);
      next.relockProfileAfterMinutes = update.relockProfileAfterMinutes;
    }
    try {
      this.kv.set('preferences', next);
    } catch (err) {
      this.log.error('could not save preferences', { error: String(err) });
      return { ok: false, error: { code: 'failed', message: PREFERENCE_MESSAGES.saveFailed } };
    }
    return { ok: true, value: next };
  }
}

function invalid(message: string): Result<never> {
  return { ok: false, error: { code: 'invalid_input', message } };
}
