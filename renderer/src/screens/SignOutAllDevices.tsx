/**
 * The confirmation page for "Sign out of all devices": says what it does before doing it, then
 * asks for the account password (the service will not do it without), as Netflix asks for account
 * changes. Hidden from Kids profiles and in kiosk mode (App and Settings do not offer it there).
 */
import { useEffect, useRef, useState } from 'react';
import { ScreenBar } from '../components/ScreenBar';
import { isTyping, useKeys } from '../hooks/useKeys';
import { usePasswordGate } from '../hooks/usePasswordGate';
import { FocusButton, FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface SignOutAllDevicesProps {
  onCancel: () => void;
  onSwitchProfile?: () => void;
}

export function SignOutAllDevices({ onCancel, onSwitchProfile }: SignOutAllDevicesProps) {
  const bridge = useBridge();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelBtn = useRef<HTMLButtonElement>(null);
  const confirmBtn = useRef<HTMLButtonElement>(null);
  const live = useRef(true);
  const gate = usePasswordGate();

  useEffect(() => {
    live.current = true;
    cancelBtn.current?.focus();
    return () => {
      live.current = false;
    };
  }, []);

  // Arrows are spatial navigation's; Back (Escape/Backspace) cancels.
  useKeys(!gate.open, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      if (!pending) onCancel();
    }
  });

  const confirm = async () => {
    setPending(true);
    setError(null);
    const res = await gate.run((password) => bridge.signOutAllDevices(password), { beforeAsking: () => setPending(false) });
    if (!live.current) return;
    // On success every window, this one included, is routed to sign-in by the session event.
    if (res && res.ok) return;
    setPending(false);
    // Cancelled: nothing happened, and nothing to say.
    if (res) setError(res.error.message);
    requestAnimationFrame(() => confirmBtn.current?.focus());
  };

  return (
    <>
    <FocusScreen focusKey="sign-out-all" className="screen confirm-page" covered={gate.open}>
      <ScreenBar onSwitchProfile={pending ? undefined : onSwitchProfile} />
      <main className="confirm-page__body">
        <h1 className="confirm-page__title">Sign out of all devices</h1>
        <p className="confirm-page__lead">
          This signs you out of Couchside on every device and browser that uses this account,
          including this one.
        </p>
        <ul className="points">
          <li>Every profile on the account is affected, not only yours.</li>
          <li>It takes effect within seconds on TVs, computers, phones and browsers.</li>
          <li>To watch again on any device, you will need to sign in with your password.</li>
          <li>You will be asked for the account password to confirm.</li>
        </ul>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="confirm-page__actions">
          <FocusButton
            ref={confirmBtn}
            className="btn btn--primary"
            disabled={pending}
            onClick={() => void confirm()}
          >
            {pending ? 'Signing out…' : 'Sign out'}
          </FocusButton>
          <FocusButton ref={cancelBtn} className="btn" disabled={pending} onClick={onCancel}>
            Cancel
          </FocusButton>
        </div>
      </main>
    </FocusScreen>
    {gate.dialog}
    </>
  );
}
