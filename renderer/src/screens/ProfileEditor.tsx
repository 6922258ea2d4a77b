/**
 * Add or edit a profile, in remote order: the name, the avatar grid, the "Maturity rating" choice
 * (Kids, Older kids, Teens, All: what the profile may see and play, enforced by the service),
 * (editing) the profile's "Audio language" and "Subtitles", the ones the player starts with on
 * every device, then Save / Delete profile / Cancel. Raising the rating, like changing another
 * member's profile, asks for the account password (the service says so and the password gate
 * asks). OK on the name (Enter, gamepad A) opens the on-screen
 * keyboard dialog, so a remote alone can name a profile; a physical keyboard types in the field. Delete asks first (naming the profile); the account's only
 * profile cannot be deleted, and the screen says why. Errors from the service are put in words.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { MATURITY, MATURITY_LEVELS, UNRESTRICTED, type MaturityLevel } from '../../../shared/maturity';
import { AVATAR_KEYS, MAX_PROFILE_NAME, MAX_PROFILES, STREAM_LANGUAGES, type Profile, type ProfileChanges } from '../../../shared/types';
import { Avatar } from '../components/Avatar';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { KeyboardDialog } from '../components/KeyboardDialog';
import { TvButton, TvRadioGroup } from '../components/TvControls';
import { Wordmark } from '../components/Wordmark';
import { useKeys } from '../hooks/useKeys';
import { usePasswordGate } from '../hooks/usePasswordGate';
import { FocusGroup, FocusInput, FocusScreen, focusKey } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface ProfileEditorProps {
  /** The profile to edit; null adds a new one. */
  profile: Profile | null;
  /** The account's other profiles (for the name check, the default avatar and "the last profile"). */
  others: Profile[];
  onCancel: () => void;
  onSaved: (profile: Profile) => void;
  onDeleted: (profileId: string) => void;
}

/** The maturity choice's name (a radio group: one radio per level, named by its label). */
export const MATURITY_LABEL = 'Maturity rating';
export const MATURITY_NOTE = 'Raising the rating asks for the account password.';
/** The on-screen keyboard dialog's name. */
export const NAME_KEYBOARD_TITLE = 'Profile name';
export const LAST_PROFILE_NOTE = "This is the only profile on the account, so it can't be deleted.";
export const AUDIO_LANGUAGE_LABEL = 'Audio language';
export const SUBTITLES_LABEL = 'Subtitles';

/** The Subtitles choice that stands for none (null on the profile). */
const OFF = 'off';
const AUDIO_CHOICES = STREAM_LANGUAGES.map((l) => ({ value: l.code as string, name: l.name, label: l.name }));
const SUBTITLE_CHOICES = [{ value: OFF, name: 'Off', label: 'Off' }, ...AUDIO_CHOICES];

const NAME_KEY = 'profile-editor-name';
const FAILED: BridgeError = { code: 'failed', message: 'Something went wrong. Please try again.' };

/** A profile call's error, in words for the screen (`name`: the profile it was about). */
export function profileErrorMessage(error: BridgeError, name: string): string {
  switch (error.code) {
    case 'profile_limit':
      return `This account already has ${MAX_PROFILES} profiles, the most it can have. Delete one to add another.`;
    case 'last_profile':
      return LAST_PROFILE_NOTE;
    case 'profile_locked':
      return `${name} is locked. Unlock it first: choose it on “Who's watching?” and enter its PIN, then come back here to change it.`;
    case 'server_unreachable':
      return "Couchside can't reach the service right now, so nothing was changed. Check the connection and try again.";
    case 'not_found':
      return `${name} no longer exists; it may have been deleted on another device.`;
    default:
      // invalid_input (a name already taken, say) and the rest carry the service's own words.
      return error.message || FAILED.message;
  }
}

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A level's description with each rating (TV-14, PG-13…) kept on one line: never "TV-" at a line's end. */
function maturityDescription(text: string) {
  return text.split(/(\S+-\S+)/).map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

export function ProfileEditor({ profile, others, onCancel, onSaved, onDeleted }: ProfileEditorProps) {
  const bridge = useBridge();
  const adding = profile === null;
  const [name, setName] = useState(profile?.name ?? '');
  const [avatar, setAvatar] = useState<string>(
    profile?.avatar ?? AVATAR_KEYS.find((k) => !others.some((p) => p.avatar === k)) ?? AVATAR_KEYS[0],
  );
  const [maturity, setMaturity] = useState<MaturityLevel>(profile?.maturity ?? UNRESTRICTED);
  const [audioLanguage, setAudioLanguage] = useState(profile?.audioLanguage ?? STREAM_LANGUAGES[0].code);
  const [subtitles, setSubtitles] = useState(profile?.subtitleLanguage ?? OFF);
  const [pending, setPending] = useState<'save' | 'delete' | null>(null);
  const [error, setError] = useState<{ message: string; field: 'name' | null } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [keyboard, setKeyboard] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const live = useRef(true);
  const gate = usePasswordGate();
  const ids = useId();
  const isLast = !adding && others.length === 0;
  const label = profile?.name ?? 'the new profile';

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useKeys(!confirmDelete && !keyboard && !gate.open, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    // Escape is the remote's Back even in the name field; Backspace there edits the name.
    const typing = e.target instanceof HTMLInputElement;
    if (e.key === 'Escape' || (e.key === 'Backspace' && !typing)) {
      e.preventDefault();
      if (pending === null) onCancel();
    }
  });

  const save = async () => {
    if (pending) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError({ message: 'Enter a name for the profile.', field: 'name' });
      void focusKey(NAME_KEY);
      return;
    }
    const clash = others.find((p) => p.name.trim().toLowerCase() === trimmed.toLowerCase());
    if (clash) {
      setError({ message: `There is already a profile called ${clash.name}.`, field: 'name' });
      void focusKey(NAME_KEY);
      return;
    }
    setError(null);
    setPending('save');
    const changes: ProfileChanges = {};
    if (profile) {
      if (trimmed !== profile.name) changes.name = trimmed;
      if (avatar !== profile.avatar) changes.avatar = avatar;
      if (maturity !== profile.maturity) changes.maturity = maturity;
      if (audioLanguage !== profile.audioLanguage) changes.audioLanguage = audioLanguage;
      const subtitleLanguage = subtitles === OFF ? null : subtitles;
      if (subtitleLanguage !== profile.subtitleLanguage) changes.subtitleLanguage = subtitleLanguage;
    }
    // Raising the rating (turning Kids off, say) or changing someone else's profile: the service
    // asks for the account password, and the gate asks the person at the TV.
    const res =
      profile && Object.keys(changes).length === 0
        ? { ok: true as const, value: profile }
        : await gate.run(
            (password) =>
              profile ? bridge.updateProfile(profile.id, changes, password) : bridge.createProfile({ name: trimmed, avatar, maturity }, password),
            // While the password is asked nothing is in flight: Save is itself again underneath.
            { beforeAsking: () => setPending(null) },
          );
    if (!live.current) return;
    setPending(null);
    if (res === null) return; // The password was not given: nothing changed.
    if (res.ok) {
      onSaved(res.value);
      return;
    }
    const nameProblem = res.error.field === 'name';
    setError({ message: profileErrorMessage(res.error, profile?.name ?? trimmed), field: nameProblem ? 'name' : null });
    if (nameProblem) void focusKey(NAME_KEY);
  };

  const remove = async () => {
    if (!profile || pending) return;
    setPending('delete');
    setDeleteError(null);
    let asked = false;
    const res = await gate.run((password) => bridge.deleteProfile(profile.id, password), {
      // The password dialog takes the confirmation's place (its words say what is deleted).
      beforeAsking: () => {
        asked = true;
        setPending(null);
        setConfirmDelete(false);
      },
    });
    if (!live.current) return;
    setPending(null);
    if (res === null) return;
    if (res.ok) onDeleted(profile.id);
    else if (asked) setError({ message: profileErrorMessage(res.error, profile.name), field: null });
    else setDeleteError(profileErrorMessage(res.error, profile.name));
  };

  const title = adding ? 'Add profile' : `Edit ${profile.name}`;
  const errorId = `${ids}-error`;
  const lastId = `${ids}-last`;
  const maturityNoteId = `${ids}-maturity-note`;

  return (
    <>
      <FocusScreen
        focusKey="profile-editor"
        preferredChildFocusKey={NAME_KEY}
        covered={confirmDelete || keyboard || gate.open}
        className="screen manage profile-editor"
        aria-labelledby={`${ids}-title`}
      >
        <header className="manage__top">
          <Wordmark size="sm" />
        </header>
        <div className="manage__body profile-editor__body">
          <h1 id={`${ids}-title`} className="manage__title">
            {title}
          </h1>
          {error ? (
            <p id={errorId} className="form-error" role="alert">
              {error.message}
            </p>
          ) : null}
          <div className="profile-editor__row">
            <Avatar avatarKey={avatar || name} className="profile-editor__preview" />
            <NameField
              value={name}
              onChange={setName}
              invalid={error?.field === 'name'}
              describedBy={error?.field === 'name' ? errorId : undefined}
              disabled={pending !== null}
              onKeyboard={() => setKeyboard(true)}
            />
          </div>
          <FocusGroup focusKey="profile-editor-avatars" preferredChildFocusKey={`profile-editor-avatar-${avatar}`}>
            <TvRadioGroup
              label="Avatar"
              value={avatar}
              choices={AVATAR_KEYS.map((k) => ({
                value: k,
                name: titleCase(k),
                label: <Avatar avatarKey={k} className="avatar-choice__art" />,
              }))}
              focusKeyPrefix="profile-editor-avatar"
              className="avatar-choices"
              choiceClassName="avatar-choice"
              onChoose={setAvatar}
            />
          </FocusGroup>
          <FocusGroup
            focusKey="profile-editor-maturity"
            className="profile-editor__maturity"
            preferredChildFocusKey={`profile-editor-maturity-${maturity}`}
          >
            <TvRadioGroup
              label={MATURITY_LABEL}
              value={maturity}
              choices={MATURITY_LEVELS.map((level) => ({ value: level, label: MATURITY[level].label, description: maturityDescription(MATURITY[level].description) }))}
              focusKeyPrefix="profile-editor-maturity"
              className="maturity-choices"
              choiceClassName="maturity-choice"
              describedBy={maturityNoteId}
              onChoose={setMaturity}
            />
            <p id={maturityNoteId} className="manage__note profile-editor__maturity-note">
              {MATURITY_NOTE}
            </p>
          </FocusGroup>
          {adding ? null : (
            <div className="profile-editor__languages">
              <FocusGroup focusKey="profile-editor-audio" preferredChildFocusKey={`profile-editor-audio-${audioLanguage}`}>
                <TvRadioGroup
                  label={AUDIO_LANGUAGE_LABEL}
                  value={audioLanguage}
                  choices={AUDIO_CHOICES}
                  focusKeyPrefix="profile-editor-audio"
                  className="choices profile-editor__language-choices"
                  onChoose={setAudioLanguage}
                />
              </FocusGroup>
              <FocusGroup focusKey="profile-editor-subtitles" preferredChildFocusKey={`profile-editor-subtitles-${subtitles}`}>
                <TvRadioGroup
                  label={SUBTITLES_LABEL}
                  value={subtitles}
                  choices={SUBTITLE_CHOICES}
                  focusKeyPrefix="profile-editor-subtitles"
                  className="choices profile-editor__language-choices"
                  onChoose={setSubtitles}
                />
              </FocusGroup>
            </div>
          )}
          <FocusGroup focusKey="profile-editor-actions" className="profile-editor__actions">
            <TvButton className="btn btn--primary" disabled={pending !== null} onClick={() => void save()}>
              {pending === 'save' ? 'Saving…' : 'Save'}
            </TvButton>
            {adding ? null : (
              <TvButton
                className="btn"
                disabled={isLast || pending !== null}
                aria-describedby={isLast ? lastId : undefined}
                onClick={() => {
                  setDeleteError(null);
                  setConfirmDelete(true);
                }}
              >
                Delete profile
              </TvButton>
            )}
            <TvButton className="btn btn--ghost" disabled={pending !== null} onClick={onCancel}>
              Cancel
            </TvButton>
          </FocusGroup>
          {isLast ? (
            <p id={lastId} className="manage__note">
              {LAST_PROFILE_NOTE}
            </p>
          ) : null}
        </div>
      </FocusScreen>
      {keyboard ? (
        <KeyboardDialog
          title={NAME_KEYBOARD_TITLE}
          initial={name}
          maxLength={MAX_PROFILE_NAME}
          placeholder="Type a name"
          onClose={(text) => {
            setName(text);
            setKeyboard(false);
          }}
        />
      ) : null}
      {confirmDelete && profile ? (
        <ConfirmDialog
          title={`Delete the profile “${label}”?`}
          body={`${label}'s watch history, Continue Watching and My List are deleted with it. This can't be undone.`}
          yesLabel="Delete"
          noLabel="Cancel"
          pending={pending === 'delete'}
          pendingLabel="Deleting…"
          error={deleteError}
          onYes={() => void remove()}
          onNo={() => setConfirmDelete(false)}
        />
      ) : null}
      {gate.dialog}
    </>
  );
}

interface NameFieldProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string;
  disabled: boolean;
  /** Opens the on-screen keyboard. */
  onKeyboard: () => void;
}

/**
 * The name: a text field that keeps Left/Right for its caret. OK opens the on-screen keyboard:
 * Enter, or gamepad A (a click with no pointer: detail 0); a mouse click places the caret.
 */
function NameField({ value, onChange, invalid, describedBy, disabled, onKeyboard }: NameFieldProps) {
  const hintId = useId();
  return (
    <label className="field profile-editor__name">
      <span className="field__label">Name</span>
      <FocusInput
        focusKey={NAME_KEY}
        className="field__input"
        type="text"
        name="profile-name"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_PROFILE_NAME}
        value={value}
        readOnly={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, hintId].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!disabled) onKeyboard();
          }
        }}
        onClick={(e) => {
          if (e.detail === 0 && !disabled) onKeyboard();
        }}
      />
      <span id={hintId} className="field__hint">
        Up to {MAX_PROFILE_NAME} characters · OK opens the on-screen keyboard
      </span>
    </label>
  );
}
