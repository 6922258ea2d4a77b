/** This device's household preferences, as every tier sees them (kept in the device's store, not on the account). */

/** UI scale choices (Settings → Display); the renderer sets the root font size from it. */
export type UiScale = 'small' | 'medium' | 'large';
export const UI_SCALES: Readonly<Record<UiScale, number>> = { small: 0.85, medium: 1, large: 1.2 };

/** This device's household preferences, kept in its store (not on the account). */
export interface DevicePreferences {
  /**
   * Shared PC: after this many idle minutes on a locked profile, go back to "Who's watching?" so
   * its PIN is asked again. null = never.
   */
  relockProfileAfterMinutes: number | null;
  /** Show "Who's watching?" every time the app starts (false: go straight to the last-used profile). */
  showPickerOnStart: boolean;
  /**
   * The profile last picked on this device (read-only: the host records it when a profile is
   * selected, and forgets it on sign-out). null = none.
   */
  lastProfileId: string | null;
  /** Playback: when a title ends, the next one (same row) starts after a 10 s countdown. */
  autoplayNext: boolean;
  /** Display: the size of everything on screen. */
  uiScale: UiScale;
}

/** What a store without these keys reads as. */
export const DEFAULT_PREFERENCES: DevicePreferences = {
  relockProfileAfterMinutes: null,
  showPickerOnStart: true,
  lastProfileId: null,
  autoplayNext: true,
  uiScale: 'medium',
};

/** The preferences a user may change (`lastProfileId` is the host's to record). */
export type DevicePreferencesUpdate = Partial<Omit<DevicePreferences, 'lastProfileId'>>;

/** The relock choices the settings offer (minutes; null = never). */
export const RELOCK_CHOICES: readonly (number | null)[] = [null, 5, 15, 30, 60];
