/**
 * Settings → Profile locks: each profile's lock (a 4-digit PIN), set, changed or removed after the
 * account password, and how long a locked profile may sit idle on this device before Couchside
 * goes back to "Who's watching?" and asks for its PIN again.
 */
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import {
  RELOCK_CHOICES,
  type BridgeError,
  type DevicePreferences,
  type Result,
} from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { useBridge } from '../hooks/useBridge';
import { Avatar } from '../components/Avatar';
import { LockIcon } from '../components/Icons';
import { KeypadDialog } from '../components/KeypadDialog';
import { NewPinEntry } from '../components/NewPinEntry';
import { PasswordConfirmDialog } from '../components/PasswordConfirmDialog';
import { RadioChoices } from '../components/RadioChoices';
import { ScreenBar } from '../components/ScreenBar';
import { isTyping, useKeys } from '../hooks/useKeys';
import { CALL_FAILED } from '../kiosk';
import { nearestRelockChoice, PROFILE_PIN_LENGTH, relockLabel } from '../profileLock';
import { FocusButton, FocusScreen } from '../spatial';

/** Said when the account password was wrong (the service's wording may differ). */
export const WRONG_PASSWORD = "That's not the account password.";

export interface ProfileLocksProps {
  /** This device's preferences as App has them (null until the host answered). */
  preferences: DevicePreferences | null;
  onPreferencesChanged: (preferences: DevicePreferences) => void;
  /** The profiles as the service now has them (App keeps the active one's `locked` in step). */
  onProfilesChanged?: (profiles: Profile[]) => void;
  onBack: () => void;
  onSwitchProfile: () => void;
}

/** What is being done to which profile, and how far along. */
interface Flow {
  profile: Profile;
  action: 'set' | 'remove';
  step: 'password' | 'pin';
  password: string;
  passwordError: string | null;
}

export function ProfileLocks(props: ProfileLocksProps) {
  const bridge = useBridge();
  const { preferences, onPreferencesChanged, onProfilesChanged, onBack, onSwitchProfile } = props;
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [pending, setPending] = useState(false);
  const [pinError, setPinError] = useState<BridgeError | null>(null);
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState<{ value: number | null } | null>(null);
  const [relockError, setRelockError] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const retryBtn = useRef<HTMLButtonElement>(null);
  /** The row last acted on: focus returns there when a dialog closes or the list changes. */
  const focusRow = useRef<string | null>(null);
  const live = useRef(true);
  const relockLabelId = useId();
  const relockHintId = useId();

  const relock = saving ? saving.value : nearestRelockChoice(preferences?.relockProfileAfterMinutes ?? null);

  /** Asks the service for the profiles (a throw counts as a failed answer). */
  const fetchProfiles = (): Promise<Result<Profile[]> | null> =>
    Promise.resolve()
      .then(() => bridge.listProfiles())
      .catch((err: unknown) => {
        console.error('couchside: listProfiles failed', err);
        return null;
      });

  const applyProfiles = (res: Result<Profile[]> | null) => {
    if (!live.current) return;
    if (res?.ok) {
      setProfiles(res.value);
      setLoadError(null);
      onProfilesChanged?.(res.value);
    } else {
      setLoadError(res ? res.error.message : CALL_FAILED.message);
    }
  };

  const refresh = () => void fetchProfiles().then(applyProfiles);

  // Once, on opening; later refreshes follow each change.
  const firstLoad = useEffectEvent(() => fetchProfiles().then(applyProfiles));
  useEffect(() => {
    live.current = true;
    void firstLoad();
    return () => {
      live.current = false;
    };
  }, []);

  const rowButtons = (id: string) =>
    Array.from(list.current?.querySelectorAll<HTMLButtonElement>(`li[data-profile-id] button`) ?? []).filter(
      (b) => b.closest('li')?.dataset.profileId === id,
    );
  const rows = () => Array.from(list.current?.querySelectorAll<HTMLLIElement>('li[data-profile-id]') ?? []);

  // Focus lost (first load, a dialog closed, a row's buttons swapped): back to the row last
  // acted on, else the first row.
  useEffect(() => {
    if (!profiles || flow) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const want = focusRow.current;
    const target = (want ? rowButtons(want)[0] : undefined) ?? rows()[0]?.querySelector('button');
    target?.focus();
  }, [profiles, flow]);

  useEffect(() => {
    if (loadError && !profiles) retryBtn.current?.focus();
  }, [loadError, profiles]);

  const choose = async (value: number | null) => {
    if (value === relock && !saving) return;
    setSaving({ value });
    setRelockError(null);
    let res: Result<DevicePreferences>;
    try {
      res = await bridge.setPreferences({ relockProfileAfterMinutes: value });
    } catch (err) {
      console.error('couchside: setPreferences failed', err);
      res = { ok: false, error: CALL_FAILED };
    }
    if (!live.current) return;
    if (res.ok) onPreferencesChanged(res.value);
    else setRelockError(res.error.message);
    setSaving(null);
  };

  useKeys(flow === null, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
      return;
    }
    // Arrows are spatial navigation's.
  });

  const start = (profile: Profile, action: Flow['action']) => {
    focusRow.current = profile.id;
    setMessage('');
    setPinError(null);
    setFlow({ profile, action, step: 'password', password: '', passwordError: null });
  };

  const close = (profileId: string) => {
    focusRow.current = profileId;
    setFlow(null);
    setPending(false);
    setPinError(null);
  };

  const finished = (f: Flow, pin: string | null) => {
    const name = f.profile.name;
    setMessage(
      pin === null ? `${name} is no longer locked.` : f.profile.locked ? `${name}'s PIN is changed.` : `${name} is locked.`,
    );
    // Show the change now; the service's list follows.
    setProfiles((list) => list?.map((p) => (p.id === f.profile.id ? { ...p, locked: pin !== null } : p)) ?? list);
    close(f.profile.id);
    refresh();
  };

  const save = async (f: Flow, password: string, pin: string | null) => {
    setPending(true);
    setPinError(null);
    let res: Result<null>;
    try {
      res = await bridge.setProfilePin(f.profile.id, password, pin);
    } catch (err) {
      console.error('couchside: setProfilePin failed', err);
      res = { ok: false, error: CALL_FAILED };
    }
    if (!live.current) return;
    setPending(false);
    if (res.ok) {
      finished(f, pin);
      return;
    }
    if (res.error.code === 'wrong_password') {
      setFlow({ ...f, step: 'password', password: '', passwordError: WRONG_PASSWORD });
      return;
    }
    if (f.step === 'password') setFlow({ ...f, password: '', passwordError: res.error.message });
    else setPinError({ ...res.error });
  };

  /**
   * Setting or changing a PIN: the password is checked with the service before the PIN is asked,
   * so a wrong one is said at once, not after the PIN was entered twice. (The service checks it
   * again with the PIN.)
   */
  const checkThenAskPin = async (f: Flow, password: string) => {
    setPending(true);
    let res: Result<null>;
    try {
      res = await bridge.checkPassword(password);
    } catch (err) {
      console.error('couchside: checkPassword failed', err);
      res = { ok: false, error: CALL_FAILED };
    }
    if (!live.current) return;
    setPending(false);
    if (res.ok) setFlow({ ...f, step: 'pin', password, passwordError: null });
    else setFlow({ ...f, password: '', passwordError: res.error.code === 'wrong_password' ? WRONG_PASSWORD : res.error.message });
  };

  const name = flow?.profile.name ?? '';

  return (
    <div className="screen settings profile-locks">
      <FocusScreen focusKey="profile-locks" className="settings__content" covered={flow !== null}>
        <ScreenBar onSwitchProfile={onSwitchProfile} />
        <main className="settings__body profile-locks__body" aria-busy={profiles === null && !loadError}>
          <div className="settings__intro">
            <h1 className="settings__title">Profile locks</h1>
            <p className="profile-locks__lead">
              A locked profile asks for its {PROFILE_PIN_LENGTH}-digit PIN before anyone can watch on it. Setting,
              changing or removing a lock asks for the account password first.
            </p>
            <p className="profile-locks__message" role="status">
              {message}
            </p>
            <div className="kiosk-form__row">
              <p id={relockLabelId} className="kiosk-form__label">
                Ask for the PIN again after
              </p>
              <RadioChoices
                className="choices choices--relock"
                choices={RELOCK_CHOICES}
                value={relock}
                label={relockLabel}
                onChoose={(minutes) => void choose(minutes)}
                aria-labelledby={relockLabelId}
                aria-describedby={relockHintId}
              />
              <p id={relockHintId} className="kiosk-form__hint">
                For a shared PC: after that long without use on a locked profile, Couchside goes back to “Who’s
                watching?”, so the PIN is asked again. This setting is for this device only.
              </p>
              {relockError ? (
                <p className="form-error" role="alert">
                  {relockError}
                </p>
              ) : null}
            </div>
          </div>
          <div className="profile-locks__side">
            {profiles === null && !loadError ? (
              <div className="devices__loading">
                <span className="spinner" aria-hidden="true" />
                Loading profiles…
              </div>
            ) : null}
            {loadError ? (
              <div className="load-error devices__error">
                <p role="alert">{loadError}</p>
                <FocusButton ref={retryBtn} className="btn" onClick={refresh}>
                  Try again
                </FocusButton>
              </div>
            ) : null}
            {profiles ? (
              <ul ref={list} className="profile-locks__list" aria-label="Profiles">
                {profiles.map((p) => (
                  <li key={p.id} className="device lock-row" data-profile-id={p.id}>
                    <Avatar avatarKey={p.avatar || p.name} className="lock-row__avatar" />
                    <div className="device__info">
                      <span className="device__name">{p.name}</span>
                      <span className={`lock-row__state${p.locked ? ' is-locked' : ''}`}>
                        {p.locked ? <LockIcon className="icon lock-row__glyph" /> : null}
                        {p.locked ? 'Locked' : 'No lock'}
                      </span>
                    </div>
                    <div className="lock-row__actions">
                      {p.locked ? (
                        <>
                          <FocusButton
                            className="btn"
                            aria-label={`Change PIN for ${p.name}`}
                            onClick={() => start(p, 'set')}
                          >
                            Change PIN
                          </FocusButton>
                          <FocusButton
                            className="btn btn--quiet"
                            aria-label={`Remove lock for ${p.name}`}
                            onClick={() => start(p, 'remove')}
                          >
                            Remove lock
                          </FocusButton>
                        </>
                      ) : (
                        <FocusButton
                          className="btn"
                          aria-label={`Lock ${p.name}`}
                          onClick={() => start(p, 'set')}
                        >
                          Lock
                        </FocusButton>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="profile-locks__actions">
              <FocusButton className="btn btn--quiet" onClick={onBack}>
                Back
              </FocusButton>
            </div>
          </div>
        </main>
      </FocusScreen>
      {flow?.step === 'password' ? (
        <PasswordConfirmDialog
          body={
            flow.action === 'remove'
              ? `Enter the account password to remove the lock from ${name}.`
              : `Enter the account password to ${flow.profile.locked ? 'change the PIN for' : 'lock'} ${name}.`
          }
          pending={pending}
          error={flow.passwordError}
          onContinue={(password) => {
            if (flow.action === 'remove') void save(flow, password, null);
            else void checkThenAskPin(flow, password);
          }}
          onCancel={() => close(flow.profile.id)}
        />
      ) : null}
      {flow?.step === 'pin' ? (
        <KeypadDialog
          title={flow.profile.locked ? `Change the PIN for ${name}` : `Lock ${name}`}
          body={`Choose a ${PROFILE_PIN_LENGTH}-digit PIN and enter it twice. Anyone picking ${name} will need it.`}
        >
          <NewPinEntry
            label="Profile PIN"
            prompt={`Enter a ${PROFILE_PIN_LENGTH}-digit PIN for ${name}`}
            minLength={PROFILE_PIN_LENGTH}
            maxLength={PROFILE_PIN_LENGTH}
            mismatch={{ code: 'invalid_input', message: `The two PINs didn't match. Enter a new PIN for ${name}.` }}
            pending={pending}
            error={pinError}
            onDone={(pin) => void save(flow, flow.password, pin)}
            onCancel={() => close(flow.profile.id)}
          />
        </KeypadDialog>
      ) : null}
    </div>
  );
}
