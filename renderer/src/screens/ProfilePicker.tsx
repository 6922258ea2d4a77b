/**
 * "Who's watching?": one big tile per profile; Left/Right move, Enter picks (spatial navigation),
 * "Manage profiles" below. A locked profile (padlock on its tile) asks for its PIN first; Cancel
 * comes back here with focus on its tile.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { Profile } from '../../../shared/types';
import { ProfileTileContent } from '../components/ProfileTile';
import { ProfileUnlockDialog } from '../components/ProfileUnlockDialog';
import { Wordmark } from '../components/Wordmark';
import { useResult } from '../hooks/useResult';
import { FocusButton, FocusGroup, FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface ProfilePickerProps {
  accountKey: string;
  onPick: (profile: Profile) => void;
  /** The profile last used on this device: its tile gets the first focus (else the first tile). */
  lastProfileId?: string | null;
  /**
   * App start with the picker turned off: go straight to this profile once the list is in, if it
   * still exists and is not locked (otherwise the picker shows as usual).
   */
  startWith?: string | null;
  /** True while it is not yet known whether to go straight to a profile (preferences loading). */
  startPending?: boolean;
  /** Told once the start-up choice is made (straight to a profile, or the picker shown). */
  onStartDecided?: () => void;
  /** "Manage profiles" (add, rename, avatar, delete); the button shows only when this is given. */
  onManageProfiles?: () => void;
}

export function ProfilePicker({ accountKey, onPick, lastProfileId = null, startWith = null, startPending = false, onStartDecided, onManageProfiles }: ProfilePickerProps) {
  const bridge = useBridge();
  const { load, reload } = useResult(`profiles:${accountKey}`, () => bridge.listProfiles());
  const retry = useRef<HTMLButtonElement>(null);
  const [unlocking, setUnlocking] = useState<Profile | null>(null);

  const pick = (p: Profile) => {
    if (p.locked) setUnlocking(p);
    else onPick(p);
  };

  // Uncovered, the screen puts focus back on the tile that opened the dialog.
  const closeUnlock = () => setUnlocking(null);

  // App start with the picker off: straight to the last-used profile (before paint, so the
  // picker does not flash), unless it is gone or locked.
  const straightTo = load.status === 'ok' && startWith !== null ? load.value.find((p) => p.id === startWith && !p.locked) : undefined;
  useLayoutEffect(() => {
    if (load.status !== 'ok' || startPending || !onStartDecided) return;
    onStartDecided();
    if (straightTo) onPick(straightTo);
  }, [load.status, startPending, straightTo, onStartDecided, onPick]);

  // Before paint, so the last-used (else the first) tile already has focus when the heading appears.
  useLayoutEffect(() => {
    if (load.status === 'ok') {
      const tiles = Array.from(document.querySelectorAll<HTMLButtonElement>('.picker [data-profile-id]'));
      (tiles.find((t) => lastProfileId !== null && t.dataset.profileId === lastProfileId) ?? tiles[0])?.focus();
    }
    if (load.status === 'error') retry.current?.focus();
  }, [load.status, lastProfileId]);

  return (
    <>
    <FocusScreen as="main" focusKey="picker" className="screen picker" covered={unlocking !== null} ready={load.status !== 'loading'}>
      <header className="picker__brand">
        <Wordmark size="md" />
      </header>
      {/* The heading appears with the tiles, so "Who's watching?" on screen means ready to pick. */}
      {load.status !== 'loading' ? <h1 className="picker__title">Who's watching?</h1> : null}
      {load.status === 'loading' ? (
        <div className="picker__loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          Loading profiles…
        </div>
      ) : null}
      {load.status === 'error' ? (
        <div className="load-error">
          <p role="alert">{load.error.message}</p>
          <FocusButton ref={retry} className="btn" onClick={reload}>
            Try again
          </FocusButton>
        </div>
      ) : null}
      {load.status === 'ok' ? (
        load.value.length === 0 ? (
          <p className="picker__empty">This account has no profiles yet.</p>
        ) : (
          <FocusGroup as="ul" focusKey="picker-tiles" className="picker__list">
            {load.value.map((p) => (
              <li key={p.id}>
                <FocusButton
                  focusKey={`picker-profile:${p.id}`}
                  className="profile-tile"
                  aria-label={p.name}
                  aria-description={p.locked ? 'Locked' : undefined}
                  data-profile-id={p.id}
                  onClick={() => pick(p)}
                >
                  <ProfileTileContent profile={p} />
                </FocusButton>
              </li>
            ))}
          </FocusGroup>
        )
      ) : null}
      {load.status === 'ok' && onManageProfiles ? (
        <div className="picker__manage">
          <FocusButton className="btn btn--ghost" onClick={onManageProfiles}>
            Manage profiles
          </FocusButton>
        </div>
      ) : null}
    </FocusScreen>
    {unlocking ? (
      <ProfileUnlockDialog
        profile={unlocking}
        onUnlocked={() => onPick(unlocking)}
        onCancel={closeUnlock}
      />
    ) : null}
    </>
  );
}
