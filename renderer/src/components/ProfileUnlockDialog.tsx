/**
 * "Enter the PIN for Sam": a locked profile's PIN on the keypad, checked by the service. Wrong
 * PINs and the lock-out show in the keypad's alert; Escape (or Cancel) goes back to the picker.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { BridgeError, CouchsideBridge } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { CALL_FAILED } from '../kiosk';
import { PROFILE_PIN_LENGTH } from '../profileLock';
import { PinKeypad } from './PinKeypad';

export interface ProfileUnlockDialogProps {
  bridge: CouchsideBridge;
  profile: Profile;
  onUnlocked: () => void;
  onCancel: () => void;
}

export function ProfileUnlockDialog({ bridge, profile, onUnlocked, onCancel }: ProfileUnlockDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const headingId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const submit = async (pin: string) => {
    setPending(true);
    setError(null);
    let res;
    try {
      res = await bridge.unlockProfile(profile.id, pin);
    } catch (err) {
      console.error('couchside: unlockProfile failed', err);
      res = { ok: false as const, error: CALL_FAILED };
    }
    if (!live.current) return;
    setPending(false);
    if (res.ok) onUnlocked();
    else setError({ ...res.error });
  };

  // Focus stays in the dialog: Tab cycles through its buttons, a click beside them does nothing.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab') return;
    e.preventDefault();
    const list = Array.from(panel.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    list[(at + (e.shiftKey ? -1 : 1) + list.length) % list.length]?.focus();
  };
  const keepFocus = (e: MouseEvent) => {
    if (!(e.target instanceof HTMLElement && e.target.closest('button'))) e.preventDefault();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={keepFocus}>
      <div
        ref={panel}
        className="dialog dialog--keypad"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <div className="dialog--keypad__text">
          <h2 id={headingId} className="dialog__title">
            Enter the PIN for {profile.name}
          </h2>
          <p id={bodyId} className="dialog__body">
            {profile.name}'s profile is locked. Enter its {PROFILE_PIN_LENGTH}-digit PIN to continue.
          </p>
        </div>
        <PinKeypad
          label="Profile PIN"
          minLength={PROFILE_PIN_LENGTH}
          maxLength={PROFILE_PIN_LENGTH}
          pending={pending}
          error={error}
          onSubmit={(pin) => void submit(pin)}
          onCancel={onCancel}
          onLockoutEnd={() => setError(null)}
        />
      </div>
    </div>
  );
}
