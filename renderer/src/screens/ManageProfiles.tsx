/**
 * Manage profiles (from "Who's watching?" or Settings → Profiles): the profiles as tiles with an
 * edit badge, plus "Add profile" while the account has fewer than MAX_PROFILES. A tile opens the
 * editor (ProfileEditor); "Done" (or Back) returns to where it was opened from.
 */
import { useState } from 'react';
import { MAX_PROFILES, type Profile } from '../../../shared/types';
import { MATURITY } from '../../../shared/maturity';
import { ProfileTileContent } from '../components/ProfileTile';
import { TvButton } from '../components/TvControls';
import { Wordmark } from '../components/Wordmark';
import { isTyping, useKeys } from '../hooks/useKeys';
import { FocusGroup, FocusScreen } from '../spatial';
import { ProfileEditor } from './ProfileEditor';
import { useBridge } from '../hooks/useBridge';
import { useResult } from '../hooks/useResult';

export interface ManageProfilesProps {
  /** "Done" or Back. */
  onDone: () => void;
  /** Told the account's profiles after every change (a rename of the profile in use, say). */
  onProfilesChanged?: (profiles: Profile[]) => void;
  /** True while another screen is on top. */
  covered?: boolean;
}

type Editing = { mode: 'new' } | { mode: 'edit'; profile: Profile };

export const tileKey = (id: string) => `manage-profile-${id}`;

export function ManageProfiles({ onDone, onProfilesChanged, covered = false }: ManageProfilesProps) {
  const bridge = useBridge();
  const { load, reload, set } = useResult('manage-profiles', () => bridge.listProfiles());
  const profiles = load.status === 'ok' ? load.value : null;
  const loadError = load.status === 'error' ? load.error : null;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState('');

  const change = (next: Profile[], message: string) => {
    set(next);
    setStatus(message);
    onProfilesChanged?.(next);
  };

  useKeys(!covered && editing === null, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape' || (e.key === 'Backspace' && !isTyping(e))) {
      e.preventDefault();
      onDone();
    }
  });

  const list = profiles ?? [];
  const full = list.length >= MAX_PROFILES;

  return (
    <>
      <FocusScreen
        focusKey="manage-profiles"
        preferredChildFocusKey="manage-profiles-tiles"
        ready={profiles !== null || loadError !== null}
        covered={covered || editing !== null}
        className={`screen manage${covered || editing !== null ? ' is-covered' : ''}`}
        aria-labelledby="manage-profiles-title"
      >
        <header className="manage__top">
          <Wordmark size="sm" />
        </header>
        <div className="manage__body">
          <h1 id="manage-profiles-title" className="manage__title">
            Manage profiles
          </h1>
          {profiles === null && loadError === null ? (
            <p className="settings-panel__note" aria-busy="true">
              Loading profiles…
            </p>
          ) : null}
          {loadError ? (
            <div className="load-error">
              <p role="alert">{loadError.message}</p>
              <TvButton className="btn" onClick={reload}>
                Try again
              </TvButton>
            </div>
          ) : null}
          {profiles ? (
            <FocusGroup as="ul" focusKey="manage-profiles-tiles" className="manage__tiles">
              {list.map((p) => (
                <li key={p.id}>
                  <TvButton
                    focusKey={tileKey(p.id)}
                    className="profile-tile manage-tile"
                    aria-label={`Edit ${p.name}`}
                    aria-describedby={`manage-maturity-${p.id}`}
                    onClick={() => setEditing({ mode: 'edit', profile: p })}
                  >
                    <ProfileTileContent profile={p}>
                      <span className="manage-tile__edit" aria-hidden="true">
                        <PencilIcon />
                      </span>
                    </ProfileTileContent>
                  </TvButton>
                  {/* Under the tile, not in it: the button's name stays "Edit <name>" (its description reads this). */}
                  <span id={`manage-maturity-${p.id}`} className="profile-tile__maturity">
                    Maturity: {MATURITY[p.maturity].label}
                  </span>
                </li>
              ))}
              {full ? null : (
                <li>
                  <TvButton
                    focusKey="manage-profiles-add"
                    className="profile-tile manage-tile manage-tile--add"
                    onClick={() => setEditing({ mode: 'new' })}
                  >
                    <span className="profile-tile__art manage-tile__plus" aria-hidden="true">
                      <PlusIcon />
                    </span>
                    <span className="profile-tile__name">Add profile</span>
                  </TvButton>
                </li>
              )}
            </FocusGroup>
          ) : null}
          {profiles && full ? (
            <p className="manage__note">
              This account has {MAX_PROFILES} profiles, the most it can have. Delete one to add another.
            </p>
          ) : null}
          <p className="sr-only" role="status">
            {status}
          </p>
          <FocusGroup focusKey="manage-profiles-actions" className="manage__actions">
            <TvButton focusKey="manage-profiles-done" className="btn btn--primary manage__done" onClick={onDone}>
              Done
            </TvButton>
          </FocusGroup>
        </div>
      </FocusScreen>
      {editing ? (
        <ProfileEditor
          profile={editing.mode === 'edit' ? editing.profile : null}
          others={list.filter((p) => editing.mode === 'new' || p.id !== editing.profile.id)}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            const exists = list.some((p) => p.id === saved.id);
            setEditing(null);
            change(
              exists ? list.map((p) => (p.id === saved.id ? saved : p)) : [...list, saved],
              exists ? `${saved.name} saved.` : `${saved.name} added.`,
            );
          }}
          onDeleted={(id) => {
            const gone = list.find((p) => p.id === id);
            setEditing(null);
            change(
              list.filter((p) => p.id !== id),
              `${gone?.name ?? 'The profile'} deleted.`,
            );
          }}
        />
      ) : null}
    </>
  );
}

function PencilIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M3 17.25V21h3.75l11-11.03-3.75-3.75L3 17.25zm17.7-10.2a1 1 0 0 0 0-1.42l-2.33-2.33a1 1 0 0 0-1.42 0l-1.83 1.83 3.75 3.75 1.83-1.83z"
      />
    </svg>
  );
}

function PlusIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" d="M12 5v14M5 12h14" />
    </svg>
  );
}
