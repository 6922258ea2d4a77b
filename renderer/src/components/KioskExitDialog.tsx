/**
 * "Exit kiosk mode": the admin PIN on the keypad, checked by the host. Wrong PINs and the
 * lock-out show in the keypad's alert; Escape (or Cancel) closes it and kiosk mode stays on.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BridgeError, CouchsideBridge, KioskState } from '../../../shared/bridge';
import { isBackKey } from '../hooks/useExitKeys';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, CALL_FAILED } from '../kiosk';
import { KeypadDialog } from './KeypadDialog';
import { PinKeypad } from './PinKeypad';

/** Back presses this soon after opening are the tail of the five that opened it, not a cancel. */
const SETTLE_MS = 800;

export interface KioskExitDialogProps {
  bridge: CouchsideBridge;
  onExited: (state: KioskState) => void;
  onCancel: () => void;
}

export function KioskExitDialog({ bridge, onExited, onCancel }: KioskExitDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const openedAt = useRef(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    openedAt.current = Date.now();
    return () => {
      live.current = false;
    };
  }, []);

  // Back presses just after opening (the rest of the burst that opened it) and held-down
  // Back keys are swallowed before the keypad sees them.
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!isBackKey(e.key)) return;
    if (e.repeat || Date.now() - openedAt.current < SETTLE_MS) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const submit = async (pin: string) => {
    setPending(true);
    setError(null);
    let res;
    try {
      res = await bridge.exitKiosk(pin);
    } catch (err) {
      console.error('couchside: exitKiosk failed', err);
      res = { ok: false as const, error: CALL_FAILED };
    }
    if (!live.current) return;
    setPending(false);
    if (res.ok) onExited(res.value);
    else setError({ ...res.error });
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
