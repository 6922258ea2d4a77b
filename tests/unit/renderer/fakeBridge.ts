/**
 * A `CouchsideBridge` for renderer component tests: every verb a vi.fn with a sensible answer,
 * plus ways to push session and kiosk events. Also fills the few DOM APIs jsdom lacks.
 *
 * Each call goes through the verb table (shared/bridge.ts `callVerb`), as on a real host: bad
 * arguments get the host's own refusal, and an answer (a default here or a test's `over`) that
 * breaks the contract throws, so a fake cannot drift from what a host really says.
 */
import { createElement, type ReactNode } from 'react';
import { vi } from 'vitest';
import { BridgeProvider } from '../../../renderer/src/hooks/useBridge';
import {
  BRIDGE_METHODS,
  BRIDGE_SUBSCRIPTIONS,
  callVerb,
  DEFAULT_PREFERENCES,
  eventArgs,
  type BridgeEvent,
  type BridgeEventName,
  type BridgeHandlers,
  type BridgeMethods,
  type CodeSignInState,
  type CouchsideBridge,
  type DevicePreferences,
  type DevicePreferencesUpdate,
  type KioskState,
  type PlaybackInfo,
  type ServiceInfo,
  type SessionState,
} from '../../../shared/bridge';
import type { NewProfile, Profile, ProfileChanges, Title, TitleDetails } from '../../../shared/types';

export const ACCOUNT = { email: 'demo@couchside.test', plan: 'Premium', memberSince: '2020-01-01' };
export const SIGNED_IN: SessionState = { status: 'signed-in', account: ACCOUNT, offline: false };
export const SIGNED_OUT: SessionState = { status: 'signed-out', notice: null };
/** What a device starts with (as DEFAULT_PREFERENCES in electron/core/preferences.ts). */
export const DEFAULT_PREFS: DevicePreferences = { ...DEFAULT_PREFERENCES };
export const PROFILES: Profile[] = [
  { id: 'p1', name: 'Sam', avatar: 'fox', maturity: 'all', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null },
  { id: 'p2', name: 'Jordan', avatar: 'owl', maturity: 'all', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null },
];
export const KIOSK_OFF: KioskState = {
  enabled: false,
  source: null,
  pinSet: false,
  demoMode: false,
  idleResetSeconds: 300,
  cursorHideSeconds: 3,
};
export const KIOSK_ON: KioskState = {
  enabled: true,
  source: 'setting',
  pinSet: true,
  demoMode: false,
  idleResetSeconds: 120,
  cursorHideSeconds: 3,
};

/** About, in an app that talks to a service it did not start. */
export const SERVICE_EXTERNAL: ServiceInfo = {
  url: 'http://127.0.0.1:4700',
  accountUrl: 'http://127.0.0.1:4700/account',
  startedHere: false,
  problem: null,
  lan: { unavailable: 'This app uses a service it did not start.', enabled: false, accountUrls: [], problem: null },
};
/** About, in an app that started its own service (the setting off). */
export const SERVICE_OWN: ServiceInfo = {
  ...SERVICE_EXTERNAL,
  startedHere: true,
  lan: { unavailable: null, enabled: false, accountUrls: [], problem: null },
};
/** `info` with the local-network setting on (one LAN address) or off. */
export function lanInfo(info: ServiceInfo, enabled: boolean): ServiceInfo {
  return { ...info, lan: { ...info.lan, enabled, accountUrls: enabled ? ['http://192.168.1.20:4700/account'] : [] } };
}

export const TITLES: Title[] = ['Night Harbor', 'Glass City', 'Paper Moons'].map((title, i) => ({
  id: `t${i}`,
  title,
  year: 2021,
  genre: 'Drama',
  rating: 'TV-14',
  runtimeMinutes: 50,
  synopsis: 'A story.',
  kids: false,
  hue: i * 60,
}));

/**
 * A series for the title page and the player: "Harbour Lights", two seasons of three 30-minute
 * episodes; every episode but the first has an intro from 0:40 to 1:30.
 */
export const SERIES: TitleDetails = {
  id: 'harbour-lights',
  title: 'Harbour Lights',
  year: 2024,
  genre: 'Drama',
  rating: 'TV-14',
  runtimeMinutes: 30,
  synopsis: 'A harbour town keeps its secrets one season at a time.',
  kids: false,
  hue: 200,
  inMyList: false,
  progress: null,
  seasons: [1, 2].map((season) => ({
    number: season,
    episodes: [1, 2, 3].map((number) => ({
      id: `harbour-lights:s${season}e${number}`,
      season,
      number,
      title: `${['Arrival', 'Low Tide', 'Fog'][number - 1]}${season === 2 ? ' Again' : ''}`,
      synopsis: `Season ${season}, episode ${number}.`,
      runtimeMinutes: 30,
      intro: season === 1 && number === 1 ? null : { startSeconds: 40, endSeconds: 90 },
      progress: null,
      watched: false,
    })),
  })),
};

export interface FakeBridge extends CouchsideBridge {
  /** Tells an event's subscribers, as the host would (any event of the contract). */
  emit(event: BridgeEvent): void;
  emitSession(state: SessionState): void;
  emitKiosk(state: KioskState): void;
  emitCodeSignIn(state: CodeSignInState): void;
}

type Mocked<T> = { [K in keyof T]: T[K] & ReturnType<typeof vi.fn> };

/** A bridge in the given session and kiosk state; override any verb with `over`. */
export function fakeBridge(
  opts: {
    session?: SessionState;
    kiosk?: KioskState;
    preferences?: Partial<DevicePreferences>;
    service?: ServiceInfo;
    over?: Partial<CouchsideBridge>;
  } = {},
): Mocked<CouchsideBridge> & FakeBridge {
  // Every on… subscriber, from the contract's table; emit() tells one event's subscribers.
  const listeners = new Map<BridgeEventName, Set<(...payload: unknown[]) => void>>();
  const subscriptions = Object.fromEntries(
    Object.entries(BRIDGE_SUBSCRIPTIONS).map(([method, name]) => [
      method,
      vi.fn((cb: (...payload: unknown[]) => void) => {
        let set = listeners.get(name);
        if (!set) listeners.set(name, (set = new Set()));
        set.add(cb);
        return () => set.delete(cb);
      }),
    ]),
  );
  const emit = (event: BridgeEvent) => listeners.get(event.event)?.forEach((cb) => cb(...eventArgs(event)));
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  const answers: BridgeMethods = {
    getState: vi.fn(() => Promise.resolve(opts.session ?? SIGNED_IN)),
    getAppInfo: vi.fn(() =>
      Promise.resolve({ version: '0.1.0', serverUrl: 'http://127.0.0.1:4700', host: 'web' as const, kiosk: false }),
    ),
    signIn: vi.fn(() => ok(ACCOUNT)),
    signOut: vi.fn(() => ok(null)),
    signOutAllDevices: vi.fn(() => ok(null)),
    checkPassword: vi.fn(() => ok(null)),
    listProfiles: vi.fn(() => ok(PROFILES)),
    getHome: vi.fn(() => ok({ hero: TITLES[0]!, rows: [{ id: 'trending', kind: 'trending' as const, title: 'Trending Now', items: TITLES }] })),
    selectProfile: vi.fn(() => ok(null)),
    unlockProfile: vi.fn(() => ok(null)),
    setProfilePin: vi.fn(() => ok(null)),
    getPreferences: vi.fn(() => Promise.resolve<DevicePreferences>({ ...DEFAULT_PREFS, ...opts.preferences })),
    setPreferences: vi.fn((p: DevicePreferencesUpdate) => ok<DevicePreferences>({ ...DEFAULT_PREFS, ...opts.preferences, ...p })),
    listDevices: vi.fn(() => ok([])),
    renameDevice: vi.fn(() => ok(null)),
    signOutDevice: vi.fn(() => ok(null)),
    checkSession: vi.fn(() => Promise.resolve()),
    getKiosk: vi.fn(() => Promise.resolve(opts.kiosk ?? KIOSK_OFF)),
    enableKiosk: vi.fn((_pin: string, options?: { demoMode?: boolean; idleResetSeconds?: number }) =>
      ok({ ...KIOSK_ON, ...options }),
    ),
    exitKiosk: vi.fn(() => ok(KIOSK_OFF)),
    resetDemo: vi.fn(() => ok(null)),
    // As the service answers: `kids` follows the maturity level.
    createProfile: vi.fn((p: NewProfile) => ok<Profile>({ id: 'p-new', ...p, kids: p.maturity === 'kids', locked: false, audioLanguage: 'en', subtitleLanguage: null })),
    updateProfile: vi.fn((id: string, c: ProfileChanges) => {
      const changed = { ...(PROFILES.find((p) => p.id === id) ?? PROFILES[0]!), ...c };
      return ok<Profile>({ ...changed, kids: changed.maturity === 'kids' });
    }),
    deleteProfile: vi.fn(() => ok(null)),
    getTitle: vi.fn((_profileId: string, titleId: string) =>
      ok<TitleDetails>({ ...(TITLES.find((t) => t.id === titleId) ?? TITLES[0]!), inMyList: false, progress: null }),
    ),
    search: vi.fn((_profileId: string, q: string) =>
      ok(TITLES.filter((t) => t.title.toLowerCase().includes(q.trim().toLowerCase()))),
    ),
    setInMyList: vi.fn(() => ok(null)),
    saveProgress: vi.fn(() => ok(null)),
    removeFromContinueWatching: vi.fn(() => ok(null)),
    startPlayback: vi.fn(() =>
      ok<PlaybackInfo>({
        playbackId: 'AAAAAAAAAAAAAAAAAAAAAA',
        manifestUrl: '/playback/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8',
        durationSeconds: 6336,
        segmentSeconds: 3.2,
        renditions: [{ name: '240p', width: 426, height: 240, bandwidth: 400_000 }],
        audio: [{ language: 'en', name: 'English' }],
        subtitles: [{ language: 'en', name: 'English' }],
        languages: { audio: 'en', subtitles: null },
      }),
    ),
    stopPlayback: vi.fn(() => Promise.resolve()),
    stopStream: vi.fn(() => ok(null)),
    startCodeSignIn: vi.fn(() => ok<CodeSignInState>({ status: 'requesting' })),
    cancelCodeSignIn: vi.fn(() => Promise.resolve()),
    reportError: vi.fn(() => Promise.resolve()),
    getServiceInfo: vi.fn(() => Promise.resolve<ServiceInfo>(opts.service ?? SERVICE_EXTERNAL)),
    setLanAccess: vi.fn((enabled: boolean) => ok<ServiceInfo>(lanInfo(opts.service ?? SERVICE_OWN, enabled))),
  };
  const handlers = { ...answers, ...opts.over } as unknown as BridgeHandlers;
  const verbs = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, vi.fn((...args: unknown[]) => callVerb(handlers, m, args, true))]));
  const overSubscriptions = Object.fromEntries(Object.entries(opts.over ?? {}).filter(([k]) => Object.hasOwn(BRIDGE_SUBSCRIPTIONS, k)));
  const bridge = {
    ...verbs,
    ...subscriptions,
    ...overSubscriptions,
    emit,
    emitCodeSignIn: (state: CodeSignInState) => emit({ event: 'code-sign-in-changed', state }),
    emitSession: (state: SessionState) => emit({ event: 'session-changed', state }),
    emitKiosk: (state: KioskState) => emit({ event: 'kiosk-changed', state }),
  };
  return bridge as unknown as Mocked<CouchsideBridge> & FakeBridge;
}

// jsdom lays nothing out and lacks the scrolling calls Home and Devices make.
for (const name of ['scrollBy', 'scrollTo', 'scrollIntoView'] as const) {
  if (typeof Element !== 'undefined' && !(name in Element.prototype)) {
    Object.defineProperty(Element.prototype, name, { value() {}, configurable: true, writable: true });
  }
}

/** render()'s options for a screen rendered on its own: the bridge it reads through useBridge(). */
export function withBridge(bridge: CouchsideBridge): { wrapper: (props: { children: ReactNode }) => ReactNode } {
  return { wrapper: ({ children }) => createElement(BridgeProvider, { bridge, children }) };
}
