/**
 * The schemas behind the bridge's verb table (shared/bridge.ts `VERBS`): what each verb accepts
 * from the renderer, with the words a user reads when it is refused, and what each verb answers.
 * valibot, so the same checks run in every tier (main process, web host, renderer, tests).
 *
 * Answer schemas are typed against the contract's interfaces (`v.GenericSchema<unknown, Profile>`),
 * so an interface that gains a field fails to compile until its schema has it too.
 */
import * as v from 'valibot';
import { MAX_DEVICE_NAME, MAX_SEARCH_QUERY, type DeviceSummary } from './api';
import { MATURITY_LEVELS } from './maturity';
import { checkName, NAME_MESSAGES, type NameKind } from './names';
import { RELOCK_CHOICES, UI_SCALES, type DevicePreferences, type DevicePreferencesUpdate, type UiScale } from './preferences';
import {
  AVATAR_KEYS,
  MAX_PROFILE_NAME,
  STREAM_LANGUAGES,
  type AccountSummary,
  type ActiveStream,
  type CatalogRow,
  type EpisodeDetails,
  type EpisodeRef,
  type NewProfile,
  type Profile,
  type ProfileChanges,
  type Season,
  type SignOutReason,
  type Title,
  type TitleCard,
  type TitleDetails,
  type WatchProgress,
} from './types';
import type {
  AppInfo,
  BridgeError,
  BridgeErrorCode,
  BridgeEvent,
  CodeSignInState,
  ErrorReport,
  HomeData,
  KioskOptions,
  KioskState,
  PlaybackInfo,
  Result,
  ServiceInfo,
  SessionState,
  SignOutNotice,
} from './bridge';

// ---------------------------------------------------------------------------------------------
// The words a user reads when an argument is refused.
// ---------------------------------------------------------------------------------------------

/** Longest email or password the bridge passes on (the service has its own, lower, limits). */
export const MAX_FIELD = 320;
/** Longest admin PIN input the bridge passes on (the kiosk controller checks its shape). */
const MAX_PIN_INPUT = 16;

export const SIGN_IN_MESSAGES = {
  both: 'Enter your email and password.',
  email: 'Enter your email.',
  password: 'Enter your password.',
  tooLong: 'That is too long.',
} as const;

/** The words a user reads when the catalog verbs get bad arguments. */
export const CATALOG_INPUT_MESSAGES = {
  profile: 'Unknown profile.',
  title: 'Unknown title.',
  episode: 'Unknown episode.',
  query: `Search for at most ${MAX_SEARCH_QUERY} characters.`,
  queryType: 'Type something to search for.',
  inList: 'Say whether to add the title to My List or remove it.',
  position: 'The position must be a number of seconds, 0 or more.',
} as const;

/** The words a user reads about profile PINs and the account password asked again. */
export const PROFILE_PIN_MESSAGES = {
  format: 'Enter the 4-digit PIN.',
  password: 'Enter the account password.',
} as const;

/** The words a user reads about a profile's details ("Manage profiles"). */
export const PROFILE_MESSAGES = {
  details: "Enter the profile's details.",
  name: 'Enter a name for the profile.',
  nameTooLong: `Profile names can be at most ${MAX_PROFILE_NAME} characters.`,
  avatar: 'Choose one of the avatars.',
  maturity: 'Choose one of the maturity ratings.',
  audioLanguage: 'Choose one of the audio languages offered.',
  subtitleLanguage: 'Choose one of the subtitle languages offered, or Off.',
  unknownChange: 'Only the name, avatar, maturity rating and languages can be changed.',
} as const;

/** The words a user reads about preferences. */
export const PREFERENCE_MESSAGES = {
  shape: 'Unknown preferences.',
  relock: 'Choose one of the relock times offered.',
  showPicker: 'Choose on or off for showing “Who\'s watching?” on start.',
  autoplay: 'Choose on or off for autoplaying the next title.',
  uiScale: 'Choose one of the display sizes offered.',
  lastProfile: 'The last-used profile is recorded by the app when a profile is picked; it cannot be set.',
  saveFailed: 'The preference could not be saved.',
} as const;

export const KIOSK_INPUT_MESSAGES = {
  pinFormat: 'The admin PIN is 4 to 8 digits.',
  options: 'Unknown kiosk settings.',
} as const;

export const OTHER_INPUT_MESSAGES = {
  device: 'Unknown device.',
  playback: 'Unknown playback.',
  stream: 'Unknown stream.',
  lan: 'Say whether to let phones on this network open the account page.',
  report: 'Not an error report.',
} as const;

// ---------------------------------------------------------------------------------------------
// Arguments.
// ---------------------------------------------------------------------------------------------

/**
 * Declares the type callers send for a schema that checks more loosely typed input (anything that
 * arrives is still checked, and refused in words). Used where the schema starts from "any object"
 * or takes null for absent, so the bridge's types stay what a caller should send.
 */
function accepting<I>() {
  return <S extends v.GenericSchema>(schema: S) => schema as unknown as v.GenericSchema<I, v.InferOutput<S>>;
}

/** An id the renderer got from the service: a non-empty string of sensible length. */
const id = (message: string) => v.pipe(v.string(message), v.minLength(1, message), v.maxLength(100, message));
export const profileId = id(CATALOG_INPUT_MESSAGES.profile);
export const titleId = id(CATALOG_INPUT_MESSAGES.title);
export const deviceId = id(OTHER_INPUT_MESSAGES.device);
/** A playback of this host (startPlayback's playbackId). */
export const playbackId = v.pipe(v.string(OTHER_INPUT_MESSAGES.playback), v.regex(/^[A-Za-z0-9_-]{1,64}$/, OTHER_INPUT_MESSAGES.playback));
/** A stream of the account (a too_many_streams error's `streams`). */
export const streamId = id(OTHER_INPUT_MESSAGES.stream);
/** A series' episode (absent, or null, for a film). */
export const optionalEpisodeId = accepting<string | undefined>()(v.pipe(v.nullish(id(CATALOG_INPUT_MESSAGES.episode)), v.transform((e) => e ?? undefined)));

export const email = v.pipe(v.string(SIGN_IN_MESSAGES.both), v.trim(), v.nonEmpty(SIGN_IN_MESSAGES.email), v.maxLength(MAX_FIELD, SIGN_IN_MESSAGES.tooLong));
export const signInPassword = v.pipe(v.string(SIGN_IN_MESSAGES.both), v.nonEmpty(SIGN_IN_MESSAGES.password), v.maxLength(MAX_FIELD, SIGN_IN_MESSAGES.tooLong));

/** The account password asked again: a non-empty string of sensible length. */
export const password = v.pipe(v.string(PROFILE_PIN_MESSAGES.password), v.nonEmpty(PROFILE_PIN_MESSAGES.password), v.maxLength(MAX_FIELD, SIGN_IN_MESSAGES.tooLong));
/** The account password where it is asked only when the service says so: absent (or null) until then. */
export const optionalPassword = accepting<string | undefined>()(v.pipe(
  v.nullish(v.pipe(v.string(PROFILE_PIN_MESSAGES.password), v.nonEmpty(PROFILE_PIN_MESSAGES.password), v.maxLength(MAX_FIELD, SIGN_IN_MESSAGES.tooLong))),
  v.transform((p) => p ?? undefined),
));

/** A profile lock's PIN: exactly 4 ASCII digits (the service checks the same). */
export const profilePin = v.pipe(v.string(PROFILE_PIN_MESSAGES.format), v.regex(/^[0-9]{4}$/, PROFILE_PIN_MESSAGES.format));
/** What was typed as the kiosk admin PIN (its shape, 4 to 8 digits, is the controller's to judge). */
export const adminPinInput = v.pipe(v.string(KIOSK_INPUT_MESSAGES.pinFormat), v.maxLength(MAX_PIN_INPUT, KIOSK_INPUT_MESSAGES.pinFormat));

/** A typed name, checked and tidied by the one rule for names (shared/names.ts). */
function nameOf(kind: NameKind) {
  return v.pipe(
    v.string(NAME_MESSAGES.empty(kind)),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const checked = checkName(kind, dataset.value);
      if (checked.ok) return checked.name;
      addIssue({ message: checked.message });
      return NEVER;
    }),
  );
}
export const deviceName = nameOf('device');

/** An object that is not an array or null (valibot's object schemas take arrays too). */
const plainObject = (message: string) =>
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), message);

/**
 * An object argument's message: a missing key reads as that key's own refusal (a profile with no
 * name says "Enter a name…"), anything else as `otherwise`.
 */
function objectMessage(missing: Record<string, string>, otherwise: string) {
  return (issue: v.BaseIssue<unknown>): string => {
    const key = issue.kind === 'schema' && issue.type !== 'string' ? issue.path?.at(-1)?.key : undefined;
    return typeof key === 'string' && Object.hasOwn(missing, key) ? missing[key]! : otherwise;
  };
}

const profileEntries = {
  name: nameOf('profile'),
  avatar: v.picklist(AVATAR_KEYS as unknown as string[], PROFILE_MESSAGES.avatar),
  maturity: v.picklist(MATURITY_LEVELS, PROFILE_MESSAGES.maturity),
};
const languageCodes = STREAM_LANGUAGES.map((l) => l.code as string);
/** A profile's languages: one the service streams (subtitles: or null, Off). */
const languageEntries = {
  audioLanguage: v.picklist(languageCodes, PROFILE_MESSAGES.audioLanguage),
  subtitleLanguage: v.nullable(v.picklist(languageCodes, PROFILE_MESSAGES.subtitleLanguage)),
};
const profileKeys = [...Object.keys(profileEntries), ...Object.keys(languageEntries)];
const newProfileKeys = Object.keys(profileEntries);
const onlyProfileKeys = (o: object) => Object.keys(o).every((k) => profileKeys.includes(k));
/** Only the known keys with a value, so nothing else reaches the service. */
function pickProfileKeys<T extends ProfileChanges>(o: object): T {
  return Object.fromEntries(Object.entries(o).filter(([k, val]) => profileKeys.includes(k) && val !== undefined)) as T;
}

/** A new profile: name, avatar and maturity level, all three. */
export const newProfile = accepting<NewProfile>()(v.pipe(
  plainObject(PROFILE_MESSAGES.details),
  v.looseObject(profileEntries, objectMessage({ name: NAME_MESSAGES.empty('profile'), avatar: PROFILE_MESSAGES.avatar, maturity: PROFILE_MESSAGES.maturity }, PROFILE_MESSAGES.details)),
  v.check((o) => Object.keys(o).every((k) => newProfileKeys.includes(k)), PROFILE_MESSAGES.unknownChange),
  v.transform((o): NewProfile => pickProfileKeys<NewProfile>(o)),
));

/** A change to a profile: any of the three, and its languages (subtitles null: Off). */
export const profileChanges = accepting<ProfileChanges>()(v.pipe(
  plainObject(PROFILE_MESSAGES.details),
  v.looseObject(
    {
      name: v.optional(profileEntries.name),
      avatar: v.optional(profileEntries.avatar),
      maturity: v.optional(profileEntries.maturity),
      audioLanguage: v.optional(languageEntries.audioLanguage),
      subtitleLanguage: v.optional(languageEntries.subtitleLanguage),
    },
    PROFILE_MESSAGES.details,
  ),
  v.check((o) => onlyProfileKeys(o), PROFILE_MESSAGES.unknownChange),
  v.transform((o): ProfileChanges => pickProfileKeys<ProfileChanges>(o)),
));

export const searchQuery = v.pipe(v.string(CATALOG_INPUT_MESSAGES.queryType), v.trim(), v.maxLength(MAX_SEARCH_QUERY, CATALOG_INPUT_MESSAGES.query));
export const inList = v.boolean(CATALOG_INPUT_MESSAGES.inList);
export const positionSeconds = v.pipe(
  v.number(CATALOG_INPUT_MESSAGES.position),
  v.finite(CATALOG_INPUT_MESSAGES.position),
  v.minValue(0, CATALOG_INPUT_MESSAGES.position),
);

/** One of the relock times Settings offers (null: never). */
const relockChoice = v.nullable(
  v.picklist(
    RELOCK_CHOICES.filter((c): c is number => c !== null),
    PREFERENCE_MESSAGES.relock,
  ),
);

/** A change to this device's preferences: only what Settings offers (the last-used profile is the host's to record). */
export const preferencesUpdate = accepting<DevicePreferencesUpdate>()(v.pipe(
  plainObject(PREFERENCE_MESSAGES.shape),
  v.check((o) => !('lastProfileId' in o), PREFERENCE_MESSAGES.lastProfile),
  v.strictObject(
    {
      relockProfileAfterMinutes: v.exactOptional(relockChoice),
      showPickerOnStart: v.exactOptional(v.boolean(PREFERENCE_MESSAGES.showPicker)),
      autoplayNext: v.exactOptional(v.boolean(PREFERENCE_MESSAGES.autoplay)),
      uiScale: v.exactOptional(v.picklist(Object.keys(UI_SCALES) as UiScale[], PREFERENCE_MESSAGES.uiScale)),
    },
    PREFERENCE_MESSAGES.shape,
  ),
));

/** Kiosk settings sent with "turn kiosk mode on" (ranges are the controller's to judge). */
export const kioskOptions = accepting<KioskOptions | undefined>()(v.pipe(
  v.nullish(
    v.pipe(
      plainObject(KIOSK_INPUT_MESSAGES.options),
      v.object(
        { demoMode: v.optional(v.boolean(KIOSK_INPUT_MESSAGES.options)), idleResetSeconds: v.optional(v.number(KIOSK_INPUT_MESSAGES.options)) },
        KIOSK_INPUT_MESSAGES.options,
      ),
    ),
  ),
  v.transform((o): KioskOptions => o ?? {}),
));

export const lanEnabled = v.boolean(OTHER_INPUT_MESSAGES.lan);

/** An error report from the page; its text is cut by the log, not refused. */
export const errorReport = v.object(
  { kind: v.picklist(['error', 'rejection', 'react'] as const), message: v.string(), stack: v.optional(v.string()) },
  OTHER_INPUT_MESSAGES.report,
) satisfies v.GenericSchema<ErrorReport, ErrorReport>;

// ---------------------------------------------------------------------------------------------
// Answers.
// ---------------------------------------------------------------------------------------------

const iso = v.string();
const SIGN_OUT_REASONS = ['user', 'all-devices', 'device-removed', 'password-changed', 'expired'] as const satisfies readonly SignOutReason[];
const BRIDGE_ERROR_CODES = [
  'invalid_input',
  'wrong_pin',
  'locked_out',
  'wrong_password',
  'profile_locked',
  'password_required',
  'kiosk_locked',
  'unknown_email',
  'server_unreachable',
  'signed_out',
  'not_found',
  'profile_limit',
  'last_profile',
  'too_many_streams',
  'failed',
] as const satisfies readonly BridgeErrorCode[];

export const accountSummary: v.GenericSchema<AccountSummary> = v.object({ email: v.string(), plan: v.string(), memberSince: v.string() });

const signOutNotice: v.GenericSchema<SignOutNotice> = v.object({ reason: v.picklist(SIGN_OUT_REASONS), message: v.string(), at: iso });

export const sessionState: v.GenericSchema<SessionState> = v.variant('status', [
  v.object({ status: v.literal('restoring'), offline: v.boolean(), retryInSeconds: v.optional(v.number()) }),
  v.object({ status: v.literal('signed-out'), notice: v.nullable(signOutNotice) }),
  v.object({ status: v.literal('signed-in'), account: accountSummary, offline: v.boolean() }),
]);

export const appInfo: v.GenericSchema<AppInfo> = v.object({
  version: v.string(),
  serverUrl: v.string(),
  host: v.picklist(['electron', 'web']),
  kiosk: v.boolean(),
});

export const profile: v.GenericSchema<Profile> = v.object({
  id: v.string(),
  name: v.string(),
  avatar: v.string(),
  maturity: v.picklist(MATURITY_LEVELS),
  kids: v.boolean(),
  locked: v.boolean(),
  audioLanguage: v.string(),
  subtitleLanguage: v.nullable(v.string()),
});

const titleEntries = {
  id: v.string(),
  title: v.string(),
  year: v.number(),
  genre: v.string(),
  rating: v.string(),
  runtimeMinutes: v.number(),
  synopsis: v.string(),
  kids: v.boolean(),
  hue: v.number(),
};
export const title: v.GenericSchema<Title> = v.object(titleEntries);
const episodeRefEntries = { id: v.string(), season: v.number(), number: v.number(), title: v.string() };
const episodeRef: v.GenericSchema<EpisodeRef> = v.object(episodeRefEntries);
const watchProgress: v.GenericSchema<WatchProgress> = v.object({ positionSeconds: v.number(), durationSeconds: v.number(), updatedAt: iso, episode: v.nullish(episodeRef) });
const episodeDetails: v.GenericSchema<EpisodeDetails> = v.object({
  ...episodeRefEntries,
  synopsis: v.string(),
  runtimeMinutes: v.number(),
  intro: v.nullable(v.object({ startSeconds: v.number(), endSeconds: v.number() })),
  progress: v.nullable(watchProgress),
  watched: v.boolean(),
});
const season: v.GenericSchema<Season> = v.object({ number: v.number(), episodes: v.array(episodeDetails) });
const titleCard: v.GenericSchema<TitleCard> = v.object({ ...titleEntries, progress: v.nullish(watchProgress) });
const catalogRow: v.GenericSchema<CatalogRow> = v.object({
  id: v.string(),
  kind: v.picklist(['continue-watching', 'my-list', 'trending', 'new', 'genre']),
  title: v.string(),
  items: v.array(titleCard),
});
export const homeData: v.GenericSchema<HomeData> = v.object({ hero: title, rows: v.array(catalogRow) });
export const titleDetails: v.GenericSchema<TitleDetails> = v.object({
  ...titleEntries,
  inMyList: v.boolean(),
  progress: v.nullable(watchProgress),
  seasons: v.nullish(v.array(season)),
});

export const devicePreferences: v.GenericSchema<DevicePreferences> = v.object({
  relockProfileAfterMinutes: v.nullable(v.number()),
  showPickerOnStart: v.boolean(),
  lastProfileId: v.nullable(v.string()),
  autoplayNext: v.boolean(),
  uiScale: v.picklist(Object.keys(UI_SCALES) as UiScale[]),
});

export const deviceSummary: v.GenericSchema<DeviceSummary> = v.object({
  id: v.string(),
  name: v.pipe(v.string(), v.maxLength(MAX_DEVICE_NAME * 2)),
  platform: v.string(),
  appVersion: v.string(),
  kind: v.picklist(['device', 'web']),
  lastProfile: v.nullable(v.string()),
  lastActiveAt: iso,
  location: v.string(),
  current: v.boolean(),
});

export const kioskState: v.GenericSchema<KioskState> = v.object({
  enabled: v.boolean(),
  source: v.nullable(v.picklist(['flag', 'env', 'setting'])),
  pinSet: v.boolean(),
  demoMode: v.boolean(),
  idleResetSeconds: v.number(),
  cursorHideSeconds: v.number(),
});

export const codeSignInState: v.GenericSchema<CodeSignInState> = v.variant('status', [
  v.object({ status: v.literal('idle') }),
  v.object({ status: v.literal('requesting'), offline: v.optional(v.boolean()) }),
  v.object({
    status: v.literal('waiting'),
    userCode: v.string(),
    verificationUri: v.string(),
    verificationUriComplete: v.string(),
    expiresAt: iso,
    intervalSeconds: v.number(),
    offline: v.boolean(),
  }),
  v.object({ status: v.literal('failed'), message: v.string() }),
]);

export const serviceInfo: v.GenericSchema<ServiceInfo> = v.object({
  url: v.string(),
  accountUrl: v.string(),
  startedHere: v.boolean(),
  problem: v.nullable(v.string()),
  lan: v.object({ unavailable: v.nullable(v.string()), enabled: v.boolean(), accountUrls: v.array(v.string()), problem: v.nullable(v.string()) }),
});

const playbackTrack = v.object({ language: v.string(), name: v.string() });
export const playbackInfo: v.GenericSchema<PlaybackInfo> = v.object({
  playbackId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/)),
  // On the host's own origin, root-relative: never an absolute URL (which could carry a token).
  manifestUrl: v.pipe(v.string(), v.regex(/^\/playback\/[A-Za-z0-9_-]+\/master\.m3u8$/)),
  durationSeconds: v.number(),
  segmentSeconds: v.number(),
  renditions: v.array(v.object({ name: v.string(), width: v.number(), height: v.number(), bandwidth: v.number() })),
  audio: v.array(playbackTrack),
  subtitles: v.array(playbackTrack),
  episodeId: v.nullish(v.string()),
  languages: v.object({ audio: v.string(), subtitles: v.nullable(v.string()) }),
});

/** A device streaming now (a too_many_streams error lists them). */
export const activeStream: v.GenericSchema<ActiveStream> = v.object({
  streamId: v.string(),
  deviceName: v.string(),
  profileName: v.nullable(v.string()),
  titleName: v.nullable(v.string()),
  since: v.string(),
});

export const bridgeError: v.GenericSchema<BridgeError> = v.object({
  code: v.picklist(BRIDGE_ERROR_CODES),
  message: v.string(),
  retryAfterSeconds: v.optional(v.number()),
  field: v.optional(v.string()),
  streams: v.optional(v.array(activeStream)),
});

const resultSchemas = new WeakSet<object>();

/** `Result<T>` of an answer schema: the value, or an error fit for the screen. */
export function result<T>(value: v.GenericSchema<T>): v.GenericSchema<Result<T>> {
  const schema = v.variant('ok', [v.object({ ok: v.literal(true), value }), v.object({ ok: v.literal(false), error: bridgeError })]) as v.GenericSchema<Result<T>>;
  resultSchemas.add(schema);
  return schema;
}

/** True for a `result(…)` schema: its verb refuses bad arguments with a Result, not by ignoring them. */
export function isResultSchema(schema: object): boolean {
  return resultSchemas.has(schema);
}

/** A verb that answers nothing (its promise settles with undefined, or null over the web host's JSON). */
export const nothing: v.GenericSchema<null | undefined, void> = v.pipe(v.nullish(v.never()), v.transform((): void => undefined));
export const none: v.GenericSchema<null> = v.null();

/** A pushed event, as the web host sends it (the web client drops a frame that is not one). */
export const bridgeEvent = v.variant('event', [
  v.object({ event: v.literal('session-changed'), state: sessionState }),
  v.object({ event: v.literal('devices-changed') }),
  v.object({ event: v.literal('library-changed'), profileId: v.string() }),
  v.object({ event: v.literal('kiosk-changed'), state: kioskState }),
  v.object({ event: v.literal('code-sign-in-changed'), state: codeSignInState }),
]) satisfies v.GenericSchema<unknown, BridgeEvent>;
