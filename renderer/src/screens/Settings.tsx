/** Settings: who is signed in, the sign-out choices, and what this app is talking to. */
import { useEffect, useId, useRef, useState } from 'react';
import type { AppInfo, CouchsideBridge, DevicePreferences, KioskState } from '../../../shared/bridge';
import type { AccountSummary, Profile } from '../../../shared/types';
import { Avatar } from '../components/Avatar';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Wordmark } from '../components/Wordmark';
import { isTyping, useKeys } from '../hooks/useKeys';
import { KIOSK_EXIT_HELP } from '../kiosk';
import { FocusButton, FocusScreen } from '../spatial';

export interface SettingsProps {
  bridge: CouchsideBridge;
  account: AccountSummary;
  profile: Profile;
  /** Kiosk mode as the host has it: the "Kiosk mode" entry is offered only while it is off. */
  kiosk: KioskState;
  /** True while Devices, Profile locks, Kiosk mode or the "Sign out of all devices" page is on top. */
  covered: boolean;
  onBack: () => void;
  onSwitchProfile: () => void;
  onOpenDevices: () => void;
  onOpenKiosk: () => void;
  onOpenProfileLocks: () => void;
  onSignOutAllDevices: () => void;
  /** This device's preferences (null while loading): the "Who's watching?" on start switch. */
  preferences?: DevicePreferences | null;
  onPreferencesChanged?: (preferences: DevicePreferences) => void;
}

/** The start-up switch's name. */
export const SHOW_PICKER_LABEL = 'Show “Who\'s watching?” on start';

export function Settings(props: SettingsProps) {
  const { bridge, account, profile, kiosk, covered, onBack, onSwitchProfile, onOpenDevices, onOpenKiosk } = props;
  const { onOpenProfileLocks, onSignOutAllDevices, preferences, onPreferencesChanged } = props;
  const showPicker = preferences?.showPickerOnStart ?? true;
  const [savingPicker, setSavingPicker] = useState(false);
  const [pickerError, setPickerError] = useState<string | null>(null);
  const pickerLabelId = useId();
  const pickerErrorId = useId();
  const [confirming, setConfirming] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const appInfo = useAppInfo(bridge);
  const menu = useRef<HTMLUListElement>(null);
  const signOutBtn = useRef<HTMLButtonElement>(null);
  const devicesBtn = useRef<HTMLButtonElement>(null);
  const locksBtn = useRef<HTMLButtonElement>(null);
  const kioskBtn = useRef<HTMLButtonElement>(null);
  const allDevicesBtn = useRef<HTMLButtonElement>(null);
  /** The menu button that opened the screen now on top; focus returns to it. */
  const opener = useRef<HTMLButtonElement | null>(null);
  const wasCovered = useRef(covered);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    return () => {
      live.current = false;
    };
  }, []);

  // Back from Devices, Kiosk mode or the sign-out-all page: focus returns to the button that opened it.
  useEffect(() => {
    if (wasCovered.current && !covered) (opener.current ?? allDevicesBtn.current)?.focus();
    wasCovered.current = covered;
  }, [covered]);

  useKeys(!covered && !confirming, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
    }
  });

  const toggleShowPicker = async () => {
    if (savingPicker) return;
    setSavingPicker(true);
    setPickerError(null);
    const res = await bridge.setPreferences({ showPickerOnStart: !showPicker }).catch(() => null);
    if (!live.current) return;
    setSavingPicker(false);
    if (res && res.ok) onPreferencesChanged?.(res.value);
    else setPickerError(res ? res.error.message : 'The preference could not be saved.');
  };

  const closeDialog = () => {
    setConfirming(false);
    setSignOutError(null);
    requestAnimationFrame(() => signOutBtn.current?.focus());
  };

  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    const res = await bridge.signOut().catch(() => null);
    if (!live.current) return;
    // On success the session-changed event takes us to sign-in; nothing more to do here.
    if (res && res.ok) return;
    setSigningOut(false);
    setSignOutError(res ? res.error.message : 'Something went wrong. Please try again.');
  };

  return (
    <div
      className={`screen settings${covered ? ' is-covered' : ''}`}
      aria-hidden={covered || undefined}
      inert={covered}
    >
      <FocusScreen focusKey="settings" className="settings__content" covered={covered || confirming}>
      <header className="settings__bar">
        <Wordmark size="sm" />
      </header>
      <main className="settings__body">
        <div className="settings__intro">
          <h1 className="settings__title">Settings</h1>
          <div className="account-card">
            <Avatar avatarKey={profile.avatar || profile.name} className="account-card__avatar" />
            <div>
              <p className="account-card__email">Signed in as {account.email}</p>
              <p className="account-card__plan">
                <span className="plan-badge">{account.plan}</span>
                <span className="account-card__profile">Watching as {profile.name}</span>
              </p>
            </div>
          </div>
          {kiosk.enabled ? (
            <p className="kiosk-note">
              <strong>Kiosk mode is on.</strong> {KIOSK_EXIT_HELP}
            </p>
          ) : null}
          {appInfo ? (
            <p className="about">
              Couchside {appInfo.version} · {appInfo.host} · {appInfo.serverUrl}
            </p>
          ) : null}
        </div>
        <ul ref={menu} className="menu">
          <li>
            <FocusButton className="menu__item" onClick={onSwitchProfile}>
              Switch profile
            </FocusButton>
          </li>
          <li>
            <FocusButton
              ref={devicesBtn}
              className="menu__item"
              onClick={() => {
                opener.current = devicesBtn.current;
                onOpenDevices();
              }}
            >
              Devices
            </FocusButton>
          </li>
          <li>
            <FocusButton
              ref={locksBtn}
              className="menu__item"
              onClick={() => {
                opener.current = locksBtn.current;
                onOpenProfileLocks();
              }}
            >
              Profile locks
            </FocusButton>
          </li>
          <li>
            <FocusButton
              role="switch"
              aria-checked={showPicker}
              aria-labelledby={pickerLabelId}
              aria-describedby={pickerError ? pickerErrorId : undefined}
              aria-busy={savingPicker || undefined}
              className="menu__item switch"
              onClick={() => void toggleShowPicker()}
            >
              <span id={pickerLabelId} className="switch__label">
                {SHOW_PICKER_LABEL}
              </span>
              <span className="switch__state" aria-hidden="true">
                {showPicker ? 'On' : 'Off'}
              </span>
              <span className="switch__track" aria-hidden="true">
                <span className="switch__thumb" />
              </span>
            </FocusButton>
            {pickerError ? (
              <p id={pickerErrorId} role="alert" className="settings__error">
                {pickerError}
              </p>
            ) : null}
          </li>
          {kiosk.enabled ? null : (
            <li>
              <FocusButton
                ref={kioskBtn}
                className="menu__item"
                onClick={() => {
                  opener.current = kioskBtn.current;
                  onOpenKiosk();
                }}
              >
                Kiosk mode
              </FocusButton>
            </li>
          )}
          <li>
            <FocusButton
              ref={signOutBtn}
              className="menu__item"
              onClick={() => setConfirming(true)}
            >
              Sign out
            </FocusButton>
          </li>
          <li>
            <FocusButton
              ref={allDevicesBtn}
              className="menu__item"
              onClick={() => {
                opener.current = allDevicesBtn.current;
                onSignOutAllDevices();
              }}
            >
              Sign out of all devices
            </FocusButton>
          </li>
          <li>
            <FocusButton className="menu__item menu__item--quiet" onClick={onBack}>
              Back
            </FocusButton>
          </li>
        </ul>
      </main>
      </FocusScreen>
      {confirming ? (
        <ConfirmDialog
          title="Sign out of Couchside on this device?"
          body="Other devices and browsers stay signed in. You will need your password to sign in here again."
          yesLabel="Yes"
          noLabel="No"
          pending={signingOut}
          pendingLabel="Signing out…"
          error={signOutError}
          onYes={() => void signOut()}
          onNo={closeDialog}
        />
      ) : null}
    </div>
  );
}

function useAppInfo(bridge: CouchsideBridge): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    bridge.getAppInfo().then(
      (i) => live && setInfo(i),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [bridge]);
  return info;
}
