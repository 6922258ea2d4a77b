/**
 * This device's household preferences (relock a locked profile after idle minutes, show the
 * picker on start) and its last-used profile, kept in the same store as the session. The choices
 * survive sign-out; the last-used profile does not (SessionStore.clear forgets it). No electron import: both hosts use it.
 */
import type { Result } from '../../shared/bridge';
import { PREFERENCE_MESSAGES } from '../../shared/bridge-schemas';
import { DEFAULT_PREFERENCES as SHARED_DEFAULTS, RELOCK_CHOICES, UI_SCALES, type DevicePreferences, type DevicePreferencesUpdate, type UiScale } from '../../shared/preferences';

export { PREFERENCE_MESSAGES };
import { silentLogger, type Logger } from './log';
import type { KeyValueStore, StoreData } from './store';

/** What a device uses before anything is chosen (and when the stored entry is damaged). */
export const DEFAULT_PREFERENCES: Readonly<DevicePreferences> = SHARED_DEFAULTS;

/** Longest profile id kept as the last-used one (the bridge accepts no longer ids). */
const MAX_PROFILE_ID = 100;

const isProfileId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_PROFILE_ID;
const isRelockChoice = (v: unknown): v is number | null => RELOCK_CHOICES.includes(v as number | null);
const isUiScale = (v: unknown): v is UiScale => typeof v === 'string' && Object.hasOwn(UI_SCALES, v);

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
    const r = raw as Record<string, unknown>;
    const relock = r.relockProfileAfterMinutes;
    const show = r.showPickerOnStart;
    const last = r.lastProfileId;
    const autoplay = r.autoplayNext;
    const scale = r.uiScale;
    // Each field falls back on its own, so an older entry (no new fields) keeps what it has.
    return {
      relockProfileAfterMinutes: isRelockChoice(relock) ? relock : DEFAULT_PREFERENCES.relockProfileAfterMinutes,
      showPickerOnStart: typeof show === 'boolean' ? show : DEFAULT_PREFERENCES.showPickerOnStart,
      lastProfileId: isProfileId(last) ? last : DEFAULT_PREFERENCES.lastProfileId,
      autoplayNext: typeof autoplay === 'boolean' ? autoplay : DEFAULT_PREFERENCES.autoplayNext,
      uiScale: isUiScale(scale) ? scale : DEFAULT_PREFERENCES.uiScale,
    };
  }

  /** Records the profile just picked on this device (never throws: a failed save is logged). */
  recordLastProfile(profileId: string): void {
    if (!isProfileId(profileId)) return;
    try {
      this.kv.set('preferences', { ...this.get(), lastProfileId: profileId });
    } catch (err) {
      this.log.warn('could not record the last-used profile', { error: String(err) });
    }
  }

  /** Merges a checked update (the verb table refuses anything Settings does not offer) into the stored preferences. */
  set(update: DevicePreferencesUpdate): Result<DevicePreferences> {
    const next: DevicePreferences = { ...this.get() };
    for (const [key, value] of Object.entries(update)) if (value !== undefined) Object.assign(next, { [key]: value });
    try {
      this.kv.set('preferences', next);
    } catch (err) {
      this.log.error('could not save preferences', { error: String(err) });
      return { ok: false, error: { code: 'failed', message: PREFERENCE_MESSAGES.saveFailed } };
    }
    return { ok: true, value: next };
  }
}
