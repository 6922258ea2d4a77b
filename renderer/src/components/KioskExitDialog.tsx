/**
 * "Exit kiosk mode": the admin PIN on the keypad, checked by the host. Wrong PINs and the
 * lock-out show in the keypad's alert; Escape (or Cancel) closes it and kiosk mode stays on.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { KioskState } from '../../../shared/bridge';
import { isBackKey } from '../hooks/useExitKeys';
import { usePinCall } from '../hooks/usePinCall';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../kiosk';
import { KeypadDialog } from './KeypadDialog';
import { PinKeypad } from './PinKeypad';
import { useBridge } from '../hooks/useBridge';

/** Back presses this soon after opening are the tail of the five that opened it, not a cancel. */
const SETTLE_MS = 800;

export interface KioskExitDialogProps {
  onExited: (state: KioskState) => void;
  onCancel: () => void;
}

export function KioskExitDialog({ onExited, onCancel }: KioskExitDialogProps) {
  const bridge = useBridge();
  const { pending, error, setError, submit } = usePinCall('exitKiosk', (pin) => bridge.exitKiosk(pin), onExited);
  const openedAt = useRef(0);

  useEffect(() => {
    openedAt.current = Date.now();
  }, []);

  // Back presses just after opening (the rest of the burst that opened it) and held-down
  // Back keys are swallowed before the keypad sees them.
  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    if (!isBackKey(e.key)) return;
    if (e.repeat || Date.now() - openedAt.current < SETTLE_MS) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <KeypadDialog
      title="Exit kiosk mode"
      body="Enter the admin PIN to leave kiosk mode on this computer."
      backdropClassName="dialog-backdrop--kiosk"
      onKeyDownCapture={onKeyDownCapture}
    >
      <PinKeypad
        label="Admin PIN"
        minLength={ADMIN_PIN_MIN}
        maxLength={ADMIN_PIN_MAX}
        pending={pending}
        error={error}
        onSubmit={(pin) => void submit(pin)}
        onCancel={onCancel}
        onLockoutEnd={() => setError(null)}
      />
    </KeypadDialog>
  );
}
