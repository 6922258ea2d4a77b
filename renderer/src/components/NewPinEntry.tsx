/**
 * Choosing a new PIN: entered twice on the keypad ("Enter a new admin PIN", then "Enter it
 * again"); when the two differ it says so and starts over. Used by the first-run kiosk screen,
 * Settings → Kiosk mode (the admin PIN, the defaults) and Settings → Profile locks.
 */
import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../kiosk';
import { PinKeypad } from './PinKeypad';

export const PIN_MISMATCH: BridgeError = {
  code: 'invalid_input',
  message: "The two PINs didn't match. Enter a new admin PIN.",
};

export interface NewPinEntryProps {
  /** While the host stores it. */
  pending: boolean;
  /** The host's answer when it refused; `invalid_input` starts over, anything else asks for the confirmation again. */
  error: BridgeError | null;
  onDone: (pin: string) => void;
  /** Without it there is no way out of the first step (the first-run screen must get a PIN). */
  onCancel?: () => void;
  /** The keypad's name (default "Admin PIN"). */
  label?: string;
  /** The first step's prompt (default "Enter a new admin PIN"). */
  prompt?: string;
  minLength?: number;
  maxLength?: number;
  /** Said when the two entries differ. */
  mismatch?: BridgeError;
}

export function NewPinEntry(props: NewPinEntryProps) {
  const { pending, error, onDone, onCancel, label = 'Admin PIN', prompt = 'Enter a new admin PIN' } = props;
  const { minLength = ADMIN_PIN_MIN, maxLength = ADMIN_PIN_MAX, mismatch: mismatchError = PIN_MISMATCH } = props;
  const [first, setFirst] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  // Each fresh step gets a fresh keypad (focus back on "1").
  const [round, setRound] = useState(0);
  const [seenError, setSeenError] = useState<BridgeError | null>(null);
  if (error !== seenError) {
    setSeenError(error);
    if (error?.code === 'invalid_input' && first !== null) {
      setFirst(null);
      setRound((r) => r + 1);
    }
  }

  const restart = (isMismatch: boolean) => {
    setFirst(null);
    setMismatch(isMismatch);
    setRound((r) => r + 1);
  };

  const step = first === null ? 1 : 2;
  const shownError = step === 1 ? (mismatch ? mismatchError : error?.code === 'invalid_input' ? error : null) : error;

  return (
    <PinKeypad
      key={`${step}:${round}`}
      label={label}
      prompt={step === 1 ? prompt : 'Enter it again'}
      minLength={minLength}
      maxLength={maxLength}
      pending={pending}
      error={shownError}
      onSubmit={(pin) => {
        if (step === 1) {
          setFirst(pin);
          setMismatch(false);
          return;
        }
        if (pin !== first) {
          restart(true);
          return;
        }
        onDone(pin);
      }}
      onCancel={step === 2 ? () => restart(false) : onCancel}
      cancelLabel={step === 2 ? 'Start over' : 'Cancel'}
    />
  );
}
