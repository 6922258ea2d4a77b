/**
 * The route guard: the screen is a function of the session state (and of kiosk mode). Leaving
 * "signed-in" unmounts the whole signed-in tree, so a chosen profile, an open screen or an open
 * dialog cannot survive a sign-out (ours, or one pushed from another device). The same reset
 * (a new generation) serves kiosk mode's idle time and a locked profile's relock time.
 */
import { useCallback, useEffect, useReducer, useRef, useState, type RefObject } from 'react';
import type { AccountSummary, Profile } from '../../shared/types';
import type { CouchsideBridge, DevicePreferences, KioskState } from '../../shared/bridge';
import { KioskExitDialog } from './components/KioskExitDialog';
import { OfflineBanner } from './components/OfflineBanner';
import { BridgeProvider, useBridge } from './hooks/useBridge';
import { useExitKeys } from './hooks/useExitKeys';
import { movedFilter, useIdle, type IdleClock } from './hooks/useIdle';
import { useKiosk } from './hooks/useKiosk';
import { useSession } from './hooks/useSession';
import { useUiScale } from './hooks/useUiScale';
import { CALL_FAILED } from './kiosk';
import { relockMs } from './profileLock';
import { allowedStack, HOME_ONLY, stackReducer, top, type Entry } from './screenStack';
import { CodeSignIn } from './screens/CodeSignIn';
import { DemoReset } from './screens/DemoReset';
import { Devices } from './screens/Devices';
import { Home } from './screens/Home';
import { KioskSettings } from './screens/KioskSettings';
import { KioskSetup } from './screens/KioskSetup';
import { ManageProfiles } from './screens/ManageProfiles';
import { Player, preloadPlayback } from './screens/Player';
import { ProfileLocks } from './screens/ProfileLocks';
import { ProfilePicker } from './screens/ProfilePicker';
import { Search } from './screens/Search';
import { Settings } from './screens/Settings';
import { SignIn } from './screens/SignIn';
import { SignOutAllDevices } from './screens/SignOutAllDevices';
import { Splash } from './screens/Splash';
import { TitleDetails } from './screens/TitleDetails';

/** Where the user is, as far as kiosk mode cares (idle reset, Back presses to exit). */
export type Route = 'splash' | 'sign-in' | 'picker' | 'home' | 'player' | 'other';

/** The "Starting fresh…" screen stays at least this long, so it can be read. */
const RESET_MIN_MS = 1000;
/** A failed demo reset says so for this long, then the profile picker shows. */
const RESET_ERROR_MS = 6000;
/** The class on <html> that hides the mouse cursor in kiosk mode. */
export const CURSOR_HIDDEN_CLASS = 'is-cursor-hidden';

export interface AppProps {
  bridge: CouchsideBridge;
  /** The idle timers' time source (tests inject one). */
  clock?: IdleClock;
}

export function App({ bridge, clock }: AppProps) {
  const session = useSession(bridge);
  const [kiosk, applyKiosk] = useKiosk(bridge);
  // Bumped to send the signed-in tree back to "Who's watching?" with nothing open.
  const [generation, setGeneration] = useState(0);
  const [exitOpen, setExitOpen] = useState(false);
  const [demoReset, setDemoReset] = useState<{ error: string | null } | null>(null);
  const [cursorHidden, setCursorHidden] = useState(false);
  const route = useRef<Route>('splash');
  const signInDirty = useRef(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const live = useRef(true);
  // One filter per timer: each remembers the last pointer position it saw.
  const [movedForReset] = useState(movedFilter);
  const [movedForCursor] = useState(movedFilter);
  const [movedForRelock] = useState(movedFilter);
  // This device's preferences (the relock time), and whether the profile in use is locked.
  const [preferences, setPreferences] = useState<DevicePreferences | null>(null);
  const [activeLocked, setActiveLocked] = useState(false);
  // Whether this app start's "straight to the last-used profile" choice has been made: it is
  // made once per start (never again after "Switch profile", a relock or a new sign-in).
  const [startDecided, setStartDecided] = useState(false);
  // The sign-in screen's "Sign in with a code" is open (only while signed out).
  const [codeSignIn, setCodeSignIn] = useState(false);
  // Back from the code screen puts focus on "Sign in with a code" again; its email button on Email.
  const [backFromCode, setBackFromCode] = useState(false);
  if (codeSignIn && session !== null && session.status !== 'signed-out') setCodeSignIn(false);
  // Settings → Display: the UI scale, applied app-wide (the stored one from startup on).
  useUiScale(preferences?.uiScale);

  const locked = kiosk !== null && kiosk.enabled && kiosk.pinSet;
  const needsPin = kiosk !== null && kiosk.enabled && !kiosk.pinSet;
  const showExit = exitOpen && locked;
  // Kiosk mode went off (here or from elsewhere): nothing of it may linger for next time.
  if (!locked && (exitOpen || cursorHidden)) {
    setExitOpen(false);
    setCursorHidden(false);
  }

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // Read again on each sign-in: the host forgets the last-used profile on sign-out.
  const signedInAs = session?.status === 'signed-in' ? session.account.email : null;
  useEffect(() => {
    let on = true;
    bridge.getPreferences().then(
      (p) => {
        if (on) setPreferences(p);
      },
      (err: unknown) => console.warn('couchside: getPreferences failed', err),
    );
    return () => {
      on = false;
    };
  }, [bridge, signedInAs]);

  const decideStart = useCallback(() => setStartDecided(true), []);
  const onProfilePicked = useCallback((profileId: string) => {
    setStartDecided(true);
    setPreferences((p) => (p ? { ...p, lastProfileId: profileId } : p));
  }, []);

  const currentRoute = (): Route => {
    if (session === null || session.status === 'restoring') return 'splash';
    if (session.status === 'signed-out') return 'sign-in';
    return route.current;
  };

  useExitKeys({
    enabled: locked && demoReset === null,
    isTopLevel: () => currentRoute() !== 'other' && currentRoute() !== 'player',
    onOpen: () => {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setExitOpen(true);
    },
  });

  // Focus goes back where it was when the exit dialog closes (kiosk mode still on, or not).
  useEffect(() => {
    if (showExit) return;
    const el = returnFocus.current;
    returnFocus.current = null;
    if (el && el.isConnected) el.focus();
  }, [showExit]);

  const startDemoReset = async () => {
    setDemoReset({ error: null });
    const started = Date.now();
    let res;
    try {
      res = await bridge.resetDemo();
    } catch (err) {
      console.error('couchside: resetDemo failed', err);
      res = { ok: false as const, error: CALL_FAILED };
    }
    const wait = RESET_MIN_MS - (Date.now() - started);
    if (res.ok && wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!live.current) return;
    setGeneration((g) => g + 1);
    if (res.ok) {
      setDemoReset(null);
      return;
    }
    setDemoReset({ error: res.error.message });
    setTimeout(() => {
      if (live.current) setDemoReset(null);
    }, RESET_ERROR_MS);
  };

  const onIdle = () => {
    // An exit keypad left open by a visitor closes with the rest: it must not freeze the booth.
    setExitOpen(false);
    const where = currentRoute();
    if (where === 'splash') return;
    // Someone is typing an email or password: leave it be.
    if (where === 'sign-in' && signInDirty.current) return;
    if (kiosk?.demoMode) {
      void startDemoReset();
      return;
    }
    if (where === 'home' || where === 'player' || where === 'other') setGeneration((g) => g + 1);
  };

  useIdle({
    enabled: locked && demoReset === null,
    timeoutMs: (kiosk?.idleResetSeconds ?? 0) * 1000,
    onIdle,
    isInput: movedForReset,
    clock,
  });

  useIdle({
    enabled: locked,
    timeoutMs: (kiosk?.cursorHideSeconds ?? 0) * 1000,
    events: ['mousemove', 'mousedown'],
    isInput: movedForCursor,
    onIdle: () => setCursorHidden(true),
    onActive: () => setCursorHidden(false),
    clock,
  });

  // Shared PC: a locked profile left alone for the relock time goes back to "Who's watching?",
  // dropping whatever was open, so its PIN is asked again (kiosk mode on or off).
  useIdle({
    enabled: activeLocked && session?.status === 'signed-in' && demoReset === null,
    timeoutMs: relockMs(preferences?.relockProfileAfterMinutes),
    onIdle: () => {
      // Watching a film is not leaving the PC alone (no input for its length is normal).
      if (currentRoute() === 'player') return;
      setExitOpen(false);
      setGeneration((g) => g + 1);
    },
    isInput: movedForRelock,
    clock,
  });

  const hideCursor = locked && cursorHidden;
  useEffect(() => {
    document.documentElement.classList.toggle(CURSOR_HIDDEN_CLASS, hideCursor);
    return () => document.documentElement.classList.remove(CURSOR_HIDDEN_CLASS);
  }, [hideCursor]);

  if (session === null || kiosk === null) return <Splash offline={session?.status === 'restoring' && session.offline} />;
  let screen;
  switch (session.status) {
    case 'restoring':
      screen = <Splash offline={session.offline} retryInSeconds={session.retryInSeconds} />;
      break;
    case 'signed-out':
      screen = codeSignIn ? (
        <CodeSignIn
          onBack={(how) => {
            setBackFromCode(how === 'back');
            setCodeSignIn(false);
          }}
        />
      ) : (
        <SignIn
          notice={session.notice}
          onDirtyChange={(dirty) => {
            signInDirty.current = dirty;
          }}
          onSignInWithCode={() => setCodeSignIn(true)}
          focusCodeButton={backFromCode}
        />
      );
      break;
    case 'signed-in':
      screen = (
        <>
          {session.offline ? <OfflineBanner /> : null}
          <SignedIn
            key={`${session.account.email}#${generation}`}
            clock={clock}
            account={session.account}
            kiosk={kiosk}
            onKioskChanged={applyKiosk}
            routeRef={route}
            preferences={preferences}
            onPreferencesChanged={setPreferences}
            onActiveLockedChange={setActiveLocked}
            startWith={!startDecided && preferences && !preferences.showPickerOnStart ? preferences.lastProfileId : null}
            startPending={!startDecided && preferences === null}
            onStartDecided={startDecided ? undefined : decideStart}
            onProfilePicked={onProfilePicked}
          />
        </>
      );
      break;
  }

  const covered = showExit || demoReset !== null;
  // One provider for every screen: kiosk mode without an admin PIN asks for one before anything else.
  return (
    <BridgeProvider bridge={bridge}>
      {needsPin ? (
        <KioskSetup onDone={applyKiosk} />
      ) : (
        <>
          <div className="app-layer" inert={covered} aria-hidden={covered || undefined}>
            {screen}
          </div>
          {demoReset ? <DemoReset error={demoReset.error} /> : null}
          {showExit && !demoReset ? (
            <KioskExitDialog
              onExited={(state) => {
                applyKiosk(state);
                setExitOpen(false);
              }}
              onCancel={() => setExitOpen(false)}
            />
          ) : null}
        </>
      )}
    </BridgeProvider>
  );
}

interface SignedInProps {
  account: AccountSummary;
  kiosk: KioskState;
  onKioskChanged: (state: KioskState) => void;
  /** Kept up to date with where the user is, for kiosk mode's idle and exit logic. */
  routeRef: RefObject<Route>;
  preferences: DevicePreferences | null;
  onPreferencesChanged: (preferences: DevicePreferences) => void;
  /** Told whether the profile in use is locked (false on the picker and once this tree is gone). */
  onActiveLockedChange: (locked: boolean) => void;
  /** App start with the picker off: the profile to go straight to (see ProfilePicker). */
  startWith: string | null;
  startPending: boolean;
  onStartDecided?: () => void;
  /** Told the id of each profile picked (the host remembers it as the last-used one). */
  onProfilePicked: (profileId: string) => void;
  /** The app's time source, for Home's timers too. */
  clock?: IdleClock;
}

/** Everything behind sign-in; its state lives exactly as long as the signed-in session. */
function SignedIn(props: SignedInProps) {
  const bridge = useBridge();
  const { account, kiosk, onKioskChanged, routeRef } = props;
  const { preferences, onPreferencesChanged, onActiveLockedChange } = props;
  const { startWith, startPending, onStartDecided, onProfilePicked, clock } = props;
  const [profile, setProfile] = useState<Profile | null>(null);
  // The screens open over Home (see screenStack.ts): Back pops, switching profile resets.
  const [stored, navigate] = useReducer(stackReducer, HOME_ONLY);
  // Bumped when Home's rows went stale (progress saved, My List changed): Home reads them again.
  const [homeStale, setHomeStale] = useState(0);
  const markHomeStale = useCallback(() => setHomeStale((n) => n + 1), []);
  // Another device watched, saved or removed something for this profile: its rows here follow.
  const profileId = profile?.id ?? null;
  useEffect(() => {
    if (profileId === null) return;
    return bridge.onLibraryChanged((changed) => {
      if (changed === profileId) markHomeStale();
    });
  }, [bridge, profileId, markHomeStale]);
  // "Manage profiles" opened from "Who's watching?" (from Settings it is a screen on the stack).
  const [managing, setManaging] = useState(false);
  // Manage profiles deleted the profile in use: "Done" goes back to "Who's watching?".
  const [profileGone, setProfileGone] = useState(false);

  // Account-wide actions (signing every device out) are not offered to a Kids profile, nor to a
  // kiosk's visitors (the admin PIN leaves kiosk mode first); the service and the host refuse them too.
  const accountWide = !kiosk.enabled && profile?.kids !== true;
  // Screens that no longer apply leave the stack (with whatever is above them): kiosk settings
  // once kiosk mode came on from elsewhere, sign-out-all for a profile that became a Kids one.
  const stack = allowedStack(stored, (e) => !(e.name === 'kiosk' && kiosk.enabled) && !(e.name === 'sign-out-all' && !accountWide));
  const pruned = stack.length !== stored.length;
  useEffect(() => {
    if (pruned) navigate({ type: 'replace', count: stored.length - stack.length, entries: [] });
  }, [pruned, stored.length, stack.length]);
  const open = (...entries: Entry[]) => navigate({ type: 'push', entries });
  const back = () => navigate({ type: 'pop' });
  const onTop = top(stack);

  useEffect(() => {
    routeRef.current = profile === null ? 'picker' : onTop.name === 'home' || onTop.name === 'player' ? onTop.name : 'other';
  }, [profile, onTop.name, routeRef]);

  // The player's code is its own chunk: fetched while the household browses, long before Play
  // (a failure here is tried again when the player opens).
  useEffect(() => {
    if (profileId !== null) preloadPlayback().catch(() => undefined);
  }, [profileId]);

  const activeLocked = profile?.locked ?? false;
  useEffect(() => {
    onActiveLockedChange(activeLocked);
    return () => onActiveLockedChange(false);
  }, [activeLocked, onActiveLockedChange]);

  const switchProfile = () => {
    setProfile(null);
    navigate({ type: 'reset' });
    setProfileGone(false);
  };

  const pickProfile = useCallback(
    (p: Profile) => {
      setProfile(p);
      navigate({ type: 'reset' });
      onProfilePicked(p.id);
      tellProfile(bridge, p.id);
    },
    [bridge, onProfilePicked],
  );

  if (profile === null) {
    // Done: the picker mounts again and reloads its list.
    if (managing) return <ManageProfiles onDone={() => setManaging(false)} />;
    return (
      <ProfilePicker
        accountKey={account.email}
        lastProfileId={preferences?.lastProfileId ?? null}
        startWith={startWith}
        startPending={startPending}
        onStartDecided={onStartDecided}
        onPick={pickProfile}
        // Not in kiosk mode: a passer-by may not add or delete the household's profiles.
        onManageProfiles={kiosk.enabled ? undefined : () => setManaging(true)}
      />
    );
  }

  /** One screen of the stack; `covered` while anything is open over it. */
  const render = (entry: Entry, covered: boolean) => {
    switch (entry.name) {
      case 'home':
        return (
          <Home
            key={profile.id}
            profile={profile}
            covered={covered}
            clock={clock}
            onOpenSettings={() => open({ name: 'settings' })}
            onSwitchProfile={switchProfile}
            onProfileLocked={switchProfile}
            onOpenTitle={(titleId) => open({ name: 'title', titleId })}
            // The hero's Play / Resume: the player at once, over the title page (Back shows it,
            // as from any other way in).
            onPlayTitle={(titleId, resume) => open({ name: 'title', titleId }, { name: 'player', titleId, resume })}
            onOpenSearch={() => open({ name: 'search' })}
            refreshKey={homeStale}
          />
        );
      case 'search':
        return (
          <Search
            key="search"
            profile={profile}
            covered={covered}
            onBack={back}
            onOpenTitle={(titleId, list) => open({ name: 'title', titleId, list })}
            onProfileLocked={switchProfile}
          />
        );
      case 'title':
        return (
          <TitleDetails
            // Keys unique among the siblings (the player beside it is keyed by the same title).
            key={`title:${entry.titleId}`}
            profile={profile}
            titleId={entry.titleId}
            covered={covered}
            onBack={back}
            onPlay={(resume, episodeId) => open({ name: 'player', titleId: entry.titleId, resume, list: entry.list, episodeId })}
            refreshKey={homeStale}
            onMyListChanged={markHomeStale}
            onProfileLocked={switchProfile}
          />
        );
      case 'player':
        return (
          <Player
            key={`player:${entry.titleId}:${entry.episodeId ?? ''}`}
            profile={profile}
            titleId={entry.titleId}
            episodeId={entry.episodeId}
            quietEpisodes={entry.quietEpisodes}
            resume={entry.resume}
            list={entry.list}
            onExit={back}
            onProgressSaved={markHomeStale}
            // The next title replaces this one, with its own title page under it for Back.
            onPlayNext={(next) =>
              navigate({
                type: 'replace',
                count: 2,
                entries: [
                  { name: 'title', titleId: next.id, list: entry.list },
                  { name: 'player', titleId: next.id, resume: false, list: entry.list },
                ],
              })
            }
            // The next episode replaces this one, over the same title page.
            onPlayEpisode={(episodeId, quietEpisodes) =>
              navigate({ type: 'replace', count: 1, entries: [{ name: 'player', titleId: entry.titleId, resume: false, list: entry.list, episodeId, quietEpisodes }] })
            }
            onProfileLocked={switchProfile}
          />
        );
      case 'settings':
        return (
          <Settings
            key="settings"
            account={account}
            profile={profile}
            kiosk={kiosk}
            covered={covered}
            onBack={back}
            onSwitchProfile={switchProfile}
            onOpenDevices={() => open({ name: 'devices' })}
            onOpenKiosk={() => open({ name: 'kiosk' })}
            onOpenProfileLocks={() => open({ name: 'profile-locks' })}
            onManageProfiles={kiosk.enabled ? undefined : () => open({ name: 'manage-profiles' })}
            preferences={preferences}
            onPreferencesChanged={onPreferencesChanged}
            onSignOutAllDevices={accountWide ? () => open({ name: 'sign-out-all' }) : undefined}
          />
        );
      case 'devices':
        return (
          <Devices
            key="devices"
            account={account}
            covered={covered}
            onBack={back}
            onSwitchProfile={switchProfile}
            onSignOutAllDevices={accountWide ? () => open({ name: 'sign-out-all' }) : undefined}
          />
        );
      case 'profile-locks':
        return (
          <ProfileLocks
            key="profile-locks"
            preferences={preferences}
            onPreferencesChanged={onPreferencesChanged}
            onProfilesChanged={(list) => {
              // Locking (or unlocking) the profile in use applies to it now (the relock timer).
              const now = list.find((p) => p.id === profile.id);
              if (now && now.locked !== profile.locked) setProfile({ ...profile, locked: now.locked });
            }}
            onBack={back}
            onSwitchProfile={switchProfile}
          />
        );
      case 'manage-profiles':
        return (
          <ManageProfiles
            key="manage-profiles"
            onDone={() => {
              // The profile in use was deleted (from here or elsewhere): choose again.
              if (profileGone) switchProfile();
              else back();
            }}
            onProfilesChanged={(list) => {
              const now = list.find((p) => p.id === profile.id);
              setProfileGone(now === undefined);
              if (now && (now.name !== profile.name || now.avatar !== profile.avatar || now.maturity !== profile.maturity)) {
                setProfile({ ...profile, name: now.name, avatar: now.avatar, maturity: now.maturity, kids: now.kids });
              }
            }}
          />
        );
      case 'kiosk':
        return (
          <KioskSettings
            key="kiosk"
            kiosk={kiosk}
            onBack={back}
            onSwitchProfile={switchProfile}
            onEnabled={(state) => {
              onKioskChanged(state);
              navigate({ type: 'reset' });
            }}
          />
        );
      case 'sign-out-all':
        return <SignOutAllDevices key="sign-out-all" onCancel={back} onSwitchProfile={switchProfile} />;
    }
  };

  return <>{stack.map((entry, i) => render(entry, i < stack.length - 1))}</>;
}

/** Tells the service which profile this device is on (for the devices list); never blocks. */
function tellProfile(bridge: CouchsideBridge, profileId: string): void {
  try {
    bridge.selectProfile(profileId).then(
      (res) => {
        if (!res.ok) console.warn('couchside: selectProfile:', res.error.message);
      },
      (err: unknown) => console.warn('couchside: selectProfile failed', err),
    );
  } catch (err) {
    console.warn('couchside: selectProfile failed', err);
  }
}
