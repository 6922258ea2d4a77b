/**
 * "Enter the PIN for Sam": a locked profile's PIN on the keypad, checked by the service. Wrong
 * PINs and the lock-out show in the keypad's alert; Escape (or Cancel) goes back to the picker.
 */
import { useEffect, useRef, useState } from 'react';
import type { BridgeError, CouchsideBridge } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { CALL_FAILED } from '../kiosk';
import { PROFILE_PIN_LENGTH } from '../profileLock';
import { KeypadDialog } from './KeypadDialog';
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

  return (
    <KeypadDialog
      title={`Enter the PIN for ${profile.name}`}
      body={`${profile.name}'s profile is locked. Enter its ${PROFILE_PIN_LENGTH}-digit PIN to continue.`}
    >
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
    </KeypadDialog>
  );
}
