/**
 * Settings, TV style: a column of sections on the left; the panel on the right shows the section
 * in focus. Right (or Enter) goes into the panel, Back from the panel returns to its section, Back
 * from the column closes Settings. Kiosk mode, Switch profile and the two sign-outs are entries of
 * their own at the foot of the column.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CouchsideBridge, DevicePreferences, DevicePreferencesUpdate, KioskState, UiScale } from '../../../shared/bridge';
import type { AccountSummary, Profile } from '../../../shared/types';
import { planOf, screensText } from '../../../shared/plans';
import { Avatar } from '../components/Avatar';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TvButton, TvRadioGroup, TvSwitch, reveal } from '../components/TvControls';
import { Wordmark } from '../components/Wordmark';
import { AboutPanel } from './AboutPanel';
import { deviceFacts, formatAgo, sortDevices } from '../devices';
import { useBridgeValue } from '../hooks/useBridgeValue';
import { useDevices } from '../hooks/useDevices';
import { isTyping, useKeys } from '../hooks/useKeys';
import { KIOSK_EXIT_HELP } from '../kiosk';
import { FocusGroup, FocusScreen, focusKey, useFocusTarget } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface SettingsProps {
  account: AccountSummary;
  profile: Profile;
  /** Kiosk mode as the host has it: the "Kiosk mode" entry is offered only while it is off. */
  kiosk: KioskState;
  /** True while Devices, Profile locks, Manage profiles, Kiosk mode or the sign-out-all page is on top. */
  covered: boolean;
  onBack: () => void;
  onSwitchProfile: () => void;
  onOpenDevices: () => void;
  onOpenKiosk: () => void;
  onOpenProfileLocks: () => void;
  /** Settings → Profiles → "Manage profiles" (left out: the entry is not offered). */
  onManageProfiles?: () => void;
  /** "Sign out of all devices"; not offered (undefined) to a Kids profile or in kiosk mode. */
  onSignOutAllDevices?: () => void;
  /** This device's preferences (null while loading). */
  preferences?: DevicePreferences | null;
  onPreferencesChanged?: (preferences: DevicePreferences) => void;
}

/** The start-up switch's name. */
export const SHOW_PICKER_LABEL = 'Show “Who\'s watching?” on start';
export const AUTOPLAY_LABEL = 'Autoplay next title';
export const UI_SCALE_LABEL = 'Text and tile size';

export type SectionId = 'account' | 'profiles' | 'devices' | 'playback' | 'display' | 'about';
export const SECTIONS: readonly { id: SectionId; label: string }[] = [
  { id: 'account', label: 'Account' },
  { id: 'profiles', label: 'Profiles' },
  { id: 'devices', label: 'Devices' },
  { id: 'playback', label: 'Playback' },
  { id: 'display', label: 'Display' },
  { id: 'about', label: 'About' },
];

const UI_SCALE_CHOICES: readonly { value: UiScale; label: string }[] = [
  { value: 'small', label: 'Small' },
  { value: 'medium', label: 'Medium' },
  { value: 'large', label: 'Large' },
];

const tabKey = (id: SectionId) => `settings-tab-${id}`;
const panelKey = (id: SectionId) => `settings-panel-${id}`;
const SAVE_FAILED = 'The setting could not be saved. Please try again.';

export function Settings(props: SettingsProps) {
  const bridge = useBridge();
  const { account, profile, kiosk, covered, onBack, onSwitchProfile, onOpenDevices, onOpenKiosk } = props;
  const { onOpenProfileLocks, onManageProfiles, onSignOutAllDevices, preferences, onPreferencesChanged } = props;
  const [section, setSection] = useState<SectionId>('account');
  const [confirming, setConfirming] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [appInfo] = useBridgeValue(bridge, readAppInfo);
  const panel = useRef<HTMLDivElement>(null);
  const ids = useId();
  const live = useRef(true);
  // Which preference is being saved, and the last save's error, by preference.
  const [saving, setSaving] = useState<keyof DevicePreferencesUpdate | null>(null);
  const [saveError, setSaveError] = useState<{ key: keyof DevicePreferencesUpdate; message: string } | null>(null);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useKeys(!covered && !confirming, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key !== 'Escape' && (e.key !== 'Backspace' || isTyping(e))) return;
    e.preventDefault();
    // Back from the panel: to its section in the column. Back from the column: close Settings.
    if (panel.current?.contains(document.activeElement)) void focusKey(tabKey(section));
    else onBack();
  });

  /** Enter (or a click) on a section: into its panel, when there is anything to focus there. */
  const enterPanel = (id: SectionId) => {
    setSection(id);
    requestAnimationFrame(() => {
      if (panel.current?.querySelector('button:not(:disabled), input:not(:disabled)')) void focusKey(panelKey(id));
    });
  };

  const save = async (key: keyof DevicePreferencesUpdate, update: DevicePreferencesUpdate) => {
    if (saving) return;
    setSaving(key);
    setSaveError(null);
    const res = await bridge.setPreferences(update).catch(() => null);
    if (!live.current) return;
    setSaving(null);
    if (res && res.ok) onPreferencesChanged?.(res.value);
    else setSaveError({ key, message: res ? res.error.message : SAVE_FAILED });
  };
  const errorFor = (key: keyof DevicePreferencesUpdate) => (saveError?.key === key ? saveError.message : null);

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

  const tabId = (id: SectionId) => `${ids}-tab-${id}`;
  const panelId = `${ids}-panel`;
  const current = SECTIONS.find((s) => s.id === section)!;

  let content;
  switch (section) {
    case 'account':
      content = <AccountPanel account={account} profile={profile} />;
      break;
    case 'profiles':
      content = (
        <>
          <div className="settings-panel__actions">
            {onManageProfiles ? (
              <TvButton className="menu__item" onClick={onManageProfiles}>
                Manage profiles
              </TvButton>
            ) : null}
            <TvButton className="menu__item" onClick={onOpenProfileLocks}>
              Profile locks
            </TvButton>
          </div>
          <TvSwitch
            label={SHOW_PICKER_LABEL}
            description="Off: the app opens on the profile last used on this device (unless it is locked)."
            checked={preferences?.showPickerOnStart ?? true}
            busy={saving === 'showPickerOnStart'}
            error={errorFor('showPickerOnStart')}
            onToggle={() => void save('showPickerOnStart', { showPickerOnStart: !(preferences?.showPickerOnStart ?? true) })}
          />
        </>
      );
      break;
    case 'devices':
      content = <DevicesPanel onOpenDevices={onOpenDevices} />;
      break;
    case 'playback':
      content = (
        <TvSwitch
          label={AUTOPLAY_LABEL}
          description="When a title ends, the next one in its row starts after a 10-second countdown."
          checked={preferences?.autoplayNext ?? true}
          busy={saving === 'autoplayNext'}
          error={errorFor('autoplayNext')}
          onToggle={() => void save('autoplayNext', { autoplayNext: !(preferences?.autoplayNext ?? true) })}
        />
      );
      break;
    case 'display':
      content = (
        <>
          <TvRadioGroup
            label={UI_SCALE_LABEL}
            value={preferences?.uiScale ?? 'medium'}
            choices={UI_SCALE_CHOICES}
            focusKeyPrefix="settings-ui-scale"
            describedBy={`${ids}-scale-help`}
            className="choices choices--three"
            onChoose={(uiScale) => void save('uiScale', { uiScale })}
          />
          <p id={`${ids}-scale-help`} className="tv-field__help">
            Makes all text, tiles and buttons smaller or larger on this device.
          </p>
          {errorFor('uiScale') ? (
            <p role="alert" className="settings__error">
              {errorFor('uiScale')}
            </p>
          ) : null}
        </>
      );
      break;
    case 'about':
      content = <AboutPanel info={appInfo} kiosk={kiosk} profile={profile} />;
      break;
  }

  return (
    <>
      <FocusScreen
        focusKey="settings"
        preferredChildFocusKey={tabKey('account')}
        covered={covered || confirming}
        className={`screen settings settings-page${covered ? ' is-covered' : ''}`}
        aria-labelledby={`${ids}-title`}
      >
        <header className="settings-page__top">
          <Wordmark size="sm" />
          <h1 id={`${ids}-title`} className="settings-page__title">
            Settings
          </h1>
          {kiosk.enabled ? (
            <p className="kiosk-note settings-page__kiosk">
              <strong>Kiosk mode is on.</strong> {KIOSK_EXIT_HELP}
            </p>
          ) : null}
          <FocusGroup focusKey="settings-top" className="settings-page__back">
            <TvButton className="btn btn--ghost" onClick={onBack}>
              Back
            </TvButton>
          </FocusGroup>
        </header>
        <div className="settings-page__body">
          <FocusGroup as="nav" focusKey="settings-column" className="settings-nav" aria-label="Settings sections">
            <div role="tablist" aria-orientation="vertical" aria-label="Settings" className="settings-nav__tabs">
              {SECTIONS.map((s) => (
                <SectionTab
                  key={s.id}
                  id={tabId(s.id)}
                  focusKey={tabKey(s.id)}
                  label={s.label}
                  selected={s.id === section}
                  controls={panelId}
                  onSelect={() => setSection(s.id)}
                  onEnter={() => enterPanel(s.id)}
                />
              ))}
            </div>
            <ul className="settings-nav__actions">
              {/* A Kids profile may not lock the household out of its own TV (kiosk mode sets an admin PIN). */}
              {kiosk.enabled || profile?.kids ? null : (
                <li>
                  <TvButton focusKey="settings-kiosk" className="menu__item settings-nav__item" onClick={onOpenKiosk}>
                    Kiosk mode
                  </TvButton>
                </li>
              )}
              <li>
                <TvButton focusKey="settings-switch-profile" className="menu__item settings-nav__item" onClick={onSwitchProfile}>
                  Switch profile
                </TvButton>
              </li>
              <li>
                <TvButton focusKey="settings-sign-out" className="menu__item settings-nav__item" onClick={() => setConfirming(true)}>
                  Sign out
                </TvButton>
              </li>
              {onSignOutAllDevices ? (
                <li>
                  <TvButton
                    focusKey="settings-sign-out-all"
                    className="menu__item settings-nav__item"
                    onClick={onSignOutAllDevices}
                  >
                    Sign out of all devices
                  </TvButton>
                </li>
              ) : null}
            </ul>
          </FocusGroup>
          <FocusGroup
            key={section}
            focusKey={panelKey(section)}
            // Into Display: straight onto the size in use.
            preferredChildFocusKey={section === 'display' ? `settings-ui-scale-${preferences?.uiScale ?? 'medium'}` : undefined}
            className="settings-panel"
          >
            <div
              ref={panel}
              id={panelId}
              role="tabpanel"
              aria-labelledby={tabId(section)}
              className="settings-panel__scroll"
            >
              <h2 className="settings-panel__title">{current.label}</h2>
              {content}
            </div>
          </FocusGroup>
        </div>
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
          onNo={() => {
            setConfirming(false);
            setSignOutError(null);
          }}
        />
      ) : null}
    </>
  );
}

interface SectionTabProps {
  id: string;
  focusKey: string;
  label: string;
  selected: boolean;
  controls: string;
  onSelect: () => void;
  onEnter: () => void;
}

/** A section in the column: focusing it shows its panel; Enter goes into the panel. */
function SectionTab({ id, focusKey: key, label, selected, controls, onSelect, onEnter }: SectionTabProps) {
  const { ref, onFocus: feed } = useFocusTarget<HTMLButtonElement>({
    focusKey: key,
    onFocus: (node) => {
      reveal(node);
      onSelect();
    },
  });
  return (
    <button
      ref={ref}
      id={id}
      type="button"
      role="tab"
      aria-selected={selected}
      aria-controls={controls}
      className="menu__item settings-nav__item settings-nav__tab"
      onFocus={() => {
        feed();
        onSelect();
      }}
      onClick={onEnter}
    >
      {label}
    </button>
  );
}

/** "2 January 2020" (the date as the service wrote it, not shifted by the time zone). */
export function formatMemberSince(value: string): string {
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return value;
  return new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function AccountPanel({ account, profile }: { account: AccountSummary; profile: Profile }) {
  return (
    <>
      <dl className="facts">
        <div className="facts__row">
          <dt>Email</dt>
          <dd>{account.email}</dd>
        </div>
        <div className="facts__row">
          <dt>Plan</dt>
          <dd>
            <span className="plan-badge">{account.plan}</span> <span className="plan-screens">{screensText(planOf(account.plan))}</span>
          </dd>
        </div>
        <div className="facts__row">
          <dt>Member since</dt>
          <dd>{formatMemberSince(account.memberSince)}</dd>
        </div>
      </dl>
      <div className="settings-panel__who">
        <Avatar avatarKey={profile.avatar || profile.name} className="settings-panel__avatar" />
        <p>Watching as {profile.name}</p>
      </div>
    </>
  );
}

function DevicesPanel({ onOpenDevices }: { onOpenDevices: () => void }) {
  const bridge = useBridge();
  const { load, fetchedAt } = useDevices(bridge);
  const list = load.status === 'ok' ? sortDevices(load.value) : [];
  const here = list.find((d) => d.current);
  const others = list.filter((d) => !d.current);
  const shown = others.slice(0, 3);
  return (
    <>
      {load.status === 'loading' ? (
        <p className="settings-panel__note" aria-busy="true">
          Loading devices…
        </p>
      ) : null}
      {load.status === 'error' ? (
        <p className="settings__error" role="alert">
          {load.error.message}
        </p>
      ) : null}
      {load.status === 'ok' ? (
        <dl className="facts">
          {here ? (
            <div className="facts__row">
              <dt>This device</dt>
              <dd>
                {here.name}
                <span className="facts__sub">{deviceFacts(here).join(' · ')}</span>
              </dd>
            </div>
          ) : null}
          <div className="facts__row">
            <dt>Other devices</dt>
            <dd>
              {others.length === 0 ? 'None' : null}
              {shown.map((d) => (
                <span key={d.id} className="facts__line">
                  {d.name}
                  <span className="facts__sub">Last active {formatAgo(d.lastActiveAt, fetchedAt)}</span>
                </span>
              ))}
              {others.length > shown.length ? (
                <span className="facts__sub">and {others.length - shown.length} more</span>
              ) : null}
            </dd>
          </div>
        </dl>
      ) : null}
      <div className="settings-panel__actions">
        <TvButton className="menu__item" onClick={onOpenDevices}>
          Manage devices
        </TvButton>
      </div>
    </>
  );
}

const readAppInfo = (bridge: CouchsideBridge) => bridge.getAppInfo();
