/** The sign-in screen: email + password, with the reason the user landed here shown above. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { SignOutNotice } from '../../../shared/bridge';
import { KeyboardDialog, MAX_PASSWORD } from '../components/KeyboardDialog';
import { Wordmark } from '../components/Wordmark';
import { FocusButton, FocusInput, FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

type Field = 'email' | 'password';

export interface SignInProps {
  notice: SignOutNotice | null;
  /** Told whether anything is typed (a kiosk does not reset the screen under someone typing). */
  onDirtyChange?: (dirty: boolean) => void;
  /** "Sign in with a code" (a code and QR code to approve on a phone); shown only when given. */
  onSignInWithCode?: () => void;
  /** Back from the code screen: focus lands on "Sign in with a code" again, not on Email. */
  focusCodeButton?: boolean;
}

export function SignIn({ notice, onDirtyChange, onSignInWithCode, focusCodeButton = false }: SignInProps) {
  const bridge = useBridge();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field: Field | null } | null>(null);
  // The notice stays until the user submits; a newer notice shows again.
  const [dismissedNotice, setDismissedNotice] = useState<string | null>(null);
  // The on-screen keyboard for a field (a remote or gamepad has no letters), and whether a
  // physical keyboard typed in each field yet (then Enter submits, as in any form).
  const [keyboard, setKeyboard] = useState<'email' | 'password' | null>(null);
  const typed = useRef({ email: false, password: false });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const live = useRef(true);
  const errorId = useId();
  const noticeKey = notice ? `${notice.at}|${notice.reason}` : null;
  const showNotice = notice !== null && noticeKey !== dismissedNotice;

  const startOnCode = focusCodeButton && onSignInWithCode !== undefined;
  // Where focus starts is decided once, when the screen opens.
  const startedOnCode = useRef(startOnCode);
  useEffect(() => {
    live.current = true;
    // The screen's FocusScreen lands on "Sign in with a code" when coming back from it.
    if (!startedOnCode.current) emailRef.current?.focus();
    return () => {
      live.current = false;
    };
  }, []);

  const dirty = email !== '' || password !== '';
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const focusField = (field: Field) => {
    const el = field === 'email' ? emailRef.current : passwordRef.current;
    el?.focus();
    if (field === 'email') el?.select();
  };

  const fail = (message: string, field: Field) => {
    setError({ message, field });
    focusField(field);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    setDismissedNotice(noticeKey);
    const trimmed = email.trim();
    if (!trimmed) return fail('Enter your email.', 'email');
    if (!password) return fail('Enter your password.', 'password');
    setError(null);
    setPending(true);
    let res;
    try {
      res = await bridge.signIn(trimmed, password);
    } catch (err) {
      console.error('couchside: signIn failed', err);
      res = { ok: false as const, error: { code: 'failed' as const, message: 'Something went wrong. Please try again.' } };
    }
    if (!live.current) return;
    if (res.ok) {
      // The session-changed event routes away from here; stay "Signing in…" until it does.
      setPassword('');
      return;
    }
    setPending(false);
    setPassword('');
    typed.current.password = false;
    // The error names its field (the service's or the host's check); an unknown email is the email's.
    const field: Field = res.error.field === 'email' || res.error.code === 'unknown_email' ? 'email' : 'password';
    setError({ message: res.error.message, field });
    // Focus after React re-enables the inputs.
    requestAnimationFrame(() => live.current && focusField(field));
  };

  /**
   * OK on a field (Enter not after typing, or gamepad A: a click with no pointer) opens the
   * keyboard. Enter after typing an email moves on to the password while that is still empty,
   * rather than signing in with no password and saying so.
   */
  const keyboardKeys = (field: 'email' | 'password') => ({
    onKeyDown: (ev: KeyboardEvent<HTMLInputElement>) => {
      if (ev.key !== 'Enter' || pending) return;
      if (!typed.current[field]) {
        ev.preventDefault();
        setKeyboard(field);
      } else if (field === 'email' && password === '') {
        ev.preventDefault();
        passwordRef.current?.focus();
      }
    },
    onClick: (ev: MouseEvent<HTMLInputElement>) => {
      if (ev.detail === 0 && !pending) setKeyboard(field);
    },
  });

  return (
    <>
      <FocusScreen
        as="main"
        focusKey="sign-in"
        preferredChildFocusKey={startOnCode ? 'sign-in-code' : 'sign-in-email'}
        covered={keyboard !== null}
        className="screen signin"
      >
        <header className="signin__brand">
          <Wordmark size="md" />
        </header>
        <div className="signin__panel">
          <h1 className="signin__title">Sign in</h1>
          {showNotice ? (
            <div className="notice" role="status">
              {notice.message}
            </div>
          ) : null}
          <form className="signin__form" noValidate onSubmit={onSubmit}>
            {error ? (
              <p className="form-error" role="alert" id={errorId}>
                {error.message}
              </p>
            ) : null}
            <label className="field">
              <span className="field__label">Email</span>
              <FocusInput
                focusKey="sign-in-email"
                ref={emailRef}
                className="field__input"
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                autoCapitalize="none"
                value={email}
                readOnly={pending}
                aria-invalid={error?.field === 'email' || undefined}
                aria-describedby={error?.field === 'email' ? errorId : undefined}
                onChange={(ev) => {
                  typed.current.email = true;
                  setEmail(ev.target.value);
                }}
                {...keyboardKeys('email')}
              />
            </label>
            <label className="field">
              <span className="field__label">Password</span>
              <FocusInput
                ref={passwordRef}
                className="field__input"
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                readOnly={pending}
                aria-invalid={error?.field === 'password' || undefined}
                aria-describedby={error?.field === 'password' ? errorId : undefined}
                onChange={(ev) => {
                  typed.current.password = true;
                  setPassword(ev.target.value);
                }}
                {...keyboardKeys('password')}
              />
            </label>
            <FocusButton ref={submitRef} className="btn btn--primary btn--block" type="submit" disabled={pending}>
              {pending ? 'Signing in…' : 'Sign in'}
            </FocusButton>
          </form>
          {onSignInWithCode ? (
            <div className="signin__alt">
              <span className="signin__or" aria-hidden="true">
                or
              </span>
              <FocusButton focusKey="sign-in-code" className="btn btn--block" onClick={onSignInWithCode}>
                Sign in with a code
              </FocusButton>
            </div>
          ) : null}
        </div>
      </FocusScreen>
      {keyboard ? (
        <KeyboardDialog
          // One dialog per field: Done on Email opens a fresh one for the password.
          key={keyboard}
          kind={keyboard}
          title={keyboard === 'email' ? 'Email' : 'Password'}
          initial={keyboard === 'email' ? email : password}
          maxLength={keyboard === 'email' ? MAX_EMAIL : MAX_PASSWORD}
          placeholder={keyboard === 'email' ? 'you@example.com' : 'Type the password'}
          onClose={(text, how) => {
            if (keyboard === 'email') setEmail(text);
            else setPassword(text);
            // Done moves the form on, as a TV keyboard's Next does: from Email to the password
            // (its keyboard straight away while it is empty), from Password to Sign in.
            if (how === 'done' && keyboard === 'email' && password === '' && text.trim() !== '') {
              setKeyboard('password');
              return;
            }
            setKeyboard(null);
            if (how === 'done' && (keyboard === 'password' || password !== '') && text !== '') {
              setTimeout(() => live.current && submitRef.current?.focus(), 0);
            }
          }}
        />
      ) : null}
    </>
  );
}

/** The longest email address (RFC 5321) the keyboard takes. */
const MAX_EMAIL = 254;
