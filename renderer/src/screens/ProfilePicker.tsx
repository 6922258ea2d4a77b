/**
 * "Who's watching?": one big tile per profile; Left/Right move, Enter picks. A locked profile
 * (padlock on its tile) asks for its PIN first; Cancel comes back here with focus on its tile.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CouchsideBridge } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { Avatar } from '../components/Avatar';
import { LockIcon } from '../components/Icons';
import { ProfileUnlockDialog } from '../components/ProfileUnlockDialog';
import { Wordmark } from '../components/Wordmark';
import { step } from '../focus';
import { useResult } from '../hooks/useResult';

export interface ProfilePickerProps {
  bridge: CouchsideBridge;
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
}

export function ProfilePicker({ bridge, accountKey, onPick, lastProfileId = null, startWith = null, startPending = false, onStartDecided }: ProfilePickerProps) {
  const [load, reload] = useResult(`profiles:${accountKey}`, () => bridge.listProfiles());
  const list = useRef<HTMLUListElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const [unlocking, setUnlocking] = useState<Profile | null>(null);

  const pick = (p: Profile) => {
    if (p.locked) setUnlocking(p);
    else onPick(p);
  };

  const closeUnlock = () => {
    const id = unlocking?.id;
    setUnlocking(null);
    requestAnimationFrame(() => {
      const tiles = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
      (tiles.find((t) => t.dataset.profileId === id) ?? tiles[0])?.focus();
    });
  };

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
      const tiles = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
      (tiles.find((t) => lastProfileId !== null && t.dataset.profileId === lastProfileId) ?? tiles[0])?.focus();
    }
    if (load.status === 'error') retry.current?.focus();
  }, [load.status, lastProfileId]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const delta = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
    if (!delta) return;
    e.preventDefault();
    const tiles = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const at = tiles.indexOf(document.activeElement as HTMLButtonElement);
    tiles[step(at < 0 ? 0 : at, tiles.length, at < 0 ? 0 : delta)]?.focus();
  };

  return (
    <>
    <main className="screen picker" inert={unlocking !== null} aria-hidden={unlocking !== null || undefined}>
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
          <button ref={retry} type="button" className="btn" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}
      {load.status === 'ok' ? (
        load.value.length === 0 ? (
          <p className="picker__empty">This account has no profiles yet.</p>
        ) : (
          <ul ref={list} className="picker__list" onKeyDown={onKeyDown}>
            {load.value.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="profile-tile"
                  aria-label={p.name}
                  aria-description={p.locked ? 'Locked' : undefined}
                  data-profile-id={p.id}
                  onClick={() => pick(p)}
                >
                  <span className="profile-tile__art">
                    <Avatar avatarKey={p.avatar || p.name} className="profile-tile__avatar" />
                    {p.kids ? (
                      <span className="badge badge--kids" aria-hidden="true">
                        Kids
                      </span>
                    ) : null}
                    {p.locked ? (
                      <span className="profile-tile__lock" aria-hidden="true">
                        <LockIcon />
                      </span>
                    ) : null}
                  </span>
                  <span className="profile-tile__name" aria-hidden="true">
                    {p.name}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </main>
    {unlocking ? (
      <ProfileUnlockDialog
        bridge={bridge}
        profile={unlocking}
        onUnlocked={() => onPick(unlocking)}
        onCancel={closeUnlock}
      />
    ) : null}
    </>
  );
}
