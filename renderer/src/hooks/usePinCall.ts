/**
 * One PIN sent to the host (unlock a profile, leave kiosk mode, set the admin PIN): pending while
 * it runs, the host's error after it, and nothing at all once the screen is gone.
 */
import { useEffect, useRef, useState } from 'react';
import type { BridgeError, Result } from '../../../shared/bridge';
import { CALL_FAILED } from '../kiosk';

export interface PinCall {
  pending: boolean;
  error: BridgeError | null;
  setError: (error: BridgeError | null) => void;
  submit: (pin: string) => Promise<void>;
}

/** `call` sends the PIN; `onOk` gets the answer's value when the host accepts it. `name` is for the log. */
export function usePinCall<T>(name: string, call: (pin: string) => Promise<Result<T>>, onOk: (value: T) => void): PinCall {
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
    let res: Result<T>;
    try {
      res = await call(pin);
    } catch (err) {
      console.error(`couchside: ${name} failed`, err);
      res = { ok: false, error: CALL_FAILED };
    }
    if (!live.current) return;
    setPending(false);
    if (res.ok) onOk(res.value);
    else setError({ ...res.error });
  };

  return { pending, error, setError, submit };
}
