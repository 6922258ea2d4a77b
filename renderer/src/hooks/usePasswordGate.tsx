/**
 * The account password, asked where the service asks for it. A guarded change (turning Kids off,
 * changing someone else's profile, signing every device out…) is first sent as it is; when the
 * service answers `password_required`, its words go over a password field ("Confirm it's you"),
 * and the same call is sent again with the password. A wrong password stays in the dialog with
 * the service's message; Cancel gives up and changes nothing. The rule itself lives only on the
 * service (server/household.ts), so the screen never guesses it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BridgeError, Result } from '../../../shared/bridge';
import { PasswordConfirmDialog } from '../components/PasswordConfirmDialog';

/** A call that may be sent again with the account password. */
export type GuardedCall<T> = (password?: string) => Promise<Result<T>>;

/** Errors that keep the dialog open for another try (everything else ends the attempt). */
const TRY_AGAIN: ReadonlySet<BridgeError['code']> = new Set(['wrong_password', 'locked_out', 'invalid_input']);

const FAILED: BridgeError = { code: 'failed', message: 'Something went wrong. Please try again.' };

interface Asking {
  reason: string;
  call: GuardedCall<unknown>;
  resolve: (result: Result<unknown> | null) => void;
}

export interface PasswordGate {
  /**
   * Sends `call` without a password; if the service wants one, asks for it and sends it again.
   * Resolves with the last answer, or null when the person cancelled the password.
   */
  run<T>(call: GuardedCall<T>, options?: { beforeAsking?: () => void }): Promise<Result<T> | null>;
  /** Asks for the password first (the action always needs it), then sends `call` with it. */
  ask<T>(reason: string, call: GuardedCall<T>): Promise<Result<T> | null>;
  /** True while the password dialog is open (the screen below is covered). */
  open: boolean;
  /** The dialog: render it beside the screen (not inside it). */
  dialog: ReactNode;
}

async function settle<T>(call: GuardedCall<T>, password?: string): Promise<Result<T>> {
  try {
    return await call(password);
  } catch (err) {
    console.error('couchside: a guarded call failed', err);
    return { ok: false, error: FAILED };
  }
}

export function usePasswordGate(): PasswordGate {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  const open = useRef<Asking | null>(null);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      // A screen that goes away with the dialog open: the attempt ends as cancelled.
      open.current?.resolve(null);
      open.current = null;
    };
  }, []);

  const ask = <T,>(reason: string, call: GuardedCall<T>) =>
    new Promise<Result<T> | null>((resolve) => {
      const next: Asking = { reason, call: call as GuardedCall<unknown>, resolve: resolve as Asking['resolve'] };
      open.current = next;
      setError(null);
      setPending(false);
      setAsking(next);
    });

  const run = async <T,>(call: GuardedCall<T>, options: { beforeAsking?: () => void } = {}): Promise<Result<T> | null> => {
    const first = await settle(call);
    if (first.ok || first.error.code !== 'password_required' || !live.current) return first;
    options.beforeAsking?.();
    return ask(first.error.message, call);
  };

  const finish = (result: Result<unknown> | null) => {
    const a = open.current;
    open.current = null;
    setAsking(null);
    setPending(false);
    setError(null);
    a?.resolve(result);
  };

  const onContinue = async (password: string) => {
    if (!asking || pending) return;
    setPending(true);
    setError(null);
    const res = await settle(asking.call, password);
    if (!live.current) return;
    if (!res.ok && TRY_AGAIN.has(res.error.code)) {
      setPending(false);
      setError(res.error.message);
      return;
    }
    finish(res);
  };

  const dialog = asking ? (
    <PasswordConfirmDialog body={asking.reason} pending={pending} error={error} onContinue={(p) => void onContinue(p)} onCancel={() => finish(null)} />
  ) : null;

  return { run, ask, open: asking !== null, dialog };
}
