/**
 * "Enter the PIN for Sam": a locked profile's PIN on the keypad, checked by the service. Wrong
 * PINs and the lock-out show in the keypad's alert; Escape (or Cancel) goes back to the picker.
 */
import type { Profile } from '../../../shared/types';
import { usePinCall } from '../hooks/usePinCall';
import { PROFILE_PIN_LENGTH } from '../profileLock';
import { KeypadDialog } from './KeypadDialog';
import { PinKeypad } from './PinKeypad';
import { useBridge } from '../hooks/useBridge';

export interface ProfileUnlockDialogProps {
  profile: Profile;
  onUnlocked: () => void;
  onCancel: () => void;
}

export function ProfileUnlockDialog({ profile, onUnlocked, onCancel }: ProfileUnlockDialogProps) {
  const bridge = useBridge();
  const { pending, error, setError, submit } = usePinCall('unlockProfile', (pin) => bridge.unlockProfile(profile.id, pin), onUnlocked);

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
