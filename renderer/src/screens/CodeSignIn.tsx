/**
 * Sign in with a code (RFC 8628, as a TV does it): the host asks the service for a code and polls;
 * this screen shows the short code huge, where to type it, a QR code of the same address with the
 * code filled in, and how long the code lasts. An expired code is replaced by the host and the new
 * one shows here. Approving it signs the session in, and the app's route guard takes over.
 */
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { CodeSignInState, CouchsideBridge } from '../../../shared/bridge';
import { TvButton } from '../components/TvControls';
import { Wordmark } from '../components/Wordmark';
import { isTyping, useKeys } from '../hooks/useKeys';
import { FocusGroup, FocusScreen, focusKey } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface CodeSignInProps {
  /** Back, or "Sign in with email and password" (the code is cancelled first). */
  /** Leaves the code screen: 'back' (Back key: focus returns to the button that opened it) or 'email'. */
  onBack: (how: 'back' | 'email') => void;
  /** The time source for the countdown (tests inject one). */
  now?: () => number;
}

export const REPLACED_NOTE = 'The code expired; here is a new one.';
export const EMAIL_BUTTON = 'Sign in with email and password';
const RETRY_KEY = 'code-signin-retry';
const EMAIL_KEY = 'code-signin-email';
const START_FAILED = "Couldn't get a code. Please try again.";

/** "9:41" from milliseconds left (rounded up, so a code never shows 0:00 while still valid). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** "ABCD-EFGH" read one character at a time: "A B C D, E F G H". */
/** Stops the host's polling; a failure to ask is only logged (the host stops by itself on expiry). */
function cancelCodeSignIn(bridge: CouchsideBridge): void {
  bridge.cancelCodeSignIn().catch((err: unknown) => console.warn('couchside: cancelCodeSignIn failed', err));
}

export function spellCode(code: string): string {
  return code
    .split('-')
    .map((part) => part.split('').join(' '))
    .join(', ');
}

export function CodeSignIn({ onBack, now = Date.now }: CodeSignInProps) {
  const bridge = useBridge();
  const [state, setState] = useState<CodeSignInState>({ status: 'requesting' });
  const [replaced, setReplaced] = useState(false);
  const lastCode = useRef<string | null>(null);
  // Bumped by every event: an answer to startCodeSignIn older than an event is dropped.
  const events = useRef(0);
  const live = useRef(true);
  const ids = useId();

  const show = (next: CodeSignInState) => {
    if (next.status === 'waiting') {
      if (lastCode.current !== null && lastCode.current !== next.userCode) setReplaced(true);
      lastCode.current = next.userCode;
    }
    setState(next);
  };

  /** Asks the host for a code; its answer is dropped when an event came in meanwhile. */
  const request = () => {
    const seen = events.current;
    const settle = (next: CodeSignInState) => {
      if (live.current && events.current === seen) show(next);
    };
    bridge.startCodeSignIn().then(
      (res) => settle(res.ok ? res.value : { status: 'failed', message: res.error.message || START_FAILED }),
      (err: unknown) => {
        console.error('couchside: startCodeSignIn failed', err);
        settle({ status: 'failed', message: START_FAILED });
      },
    );
  };
  const onEvent = useEffectEvent((s: CodeSignInState) => {
    events.current += 1;
    show(s);
  });
  const startOnOpen = useEffectEvent(() => request());
  const retry = () => {
    lastCode.current = null;
    setReplaced(false);
    setState({ status: 'requesting' });
    request();
  };

  useEffect(() => {
    live.current = true;
    const off = bridge.onCodeSignInChanged((s) => onEvent(s));
    startOnOpen();
    return () => {
      off();
      // Closed by anything else (a kiosk reset, the window going): no code keeps polling unseen.
      // After a sign-in with the code the host has finished already, and this is a no-op.
      if (live.current) cancelCodeSignIn(bridge);
      live.current = false;
    };
  }, [bridge]);

  const leave = (how: 'back' | 'email') => {
    live.current = false;
    cancelCodeSignIn(bridge);
    onBack(how);
  };

  useKeys(true, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape' || (e.key === 'Backspace' && !isTyping(e))) {
      e.preventDefault();
      leave('back');
    }
  });

  // Focus follows what can be done: "Try again" after a failure, else the way back to email.
  const failed = state.status === 'failed';
  useEffect(() => {
    const t = setTimeout(() => void focusKey(failed ? RETRY_KEY : EMAIL_KEY), 0);
    return () => clearTimeout(t);
  }, [failed]);

  const waiting = state.status === 'waiting' ? state : null;
  const remaining = useRemaining(waiting?.expiresAt ?? null, now);

  return (
    <FocusScreen
      focusKey="code-signin"
      preferredChildFocusKey={EMAIL_KEY}
      className="screen signin code-signin"
      aria-labelledby={`${ids}-title`}
    >
      <header className="signin__brand">
        <Wordmark size="md" />
      </header>
      <div className="code-signin__layout">
        <div className="code-signin__text">
          <h1 id={`${ids}-title`} className="code-signin__title">
            Sign in with a code
          </h1>
          {state.status === 'requesting' || state.status === 'idle' ? (
            <p className="code-signin__busy" aria-busy="true">
              <span className="spinner" aria-hidden="true" />
              Getting a code…
            </p>
          ) : null}
          {state.status === 'requesting' && state.offline ? (
            <p className="code-signin__offline" role="status">
              Can't reach Couchside right now. Still trying…
            </p>
          ) : null}
          {state.status === 'failed' ? (
            <p className="form-error" role="alert">
              {state.message}
            </p>
          ) : null}
          {waiting ? (
            <>
              <p className="code-signin__step">
                Go to <strong className="code-signin__url">{waiting.verificationUri}</strong> on your phone or computer
                and enter this code:
              </p>
              <p className="code-signin__code" data-testid="user-code">
                <span aria-hidden="true">
                  {waiting.userCode.split('').map((ch, i) => (
                    <span key={i} className={ch === '-' ? 'code-signin__dash' : 'code-signin__char'}>
                      {ch === '-' ? '–' : ch}
                    </span>
                  ))}
                </span>
                <span className="sr-only">Your code is {spellCode(waiting.userCode)}</span>
              </p>
              <p className="code-signin__expiry">
                {remaining !== null && remaining > 0
                  ? `Code expires in ${formatCountdown(remaining)}`
                  : 'The code expired. Getting a new one…'}
              </p>
              {waiting.offline ? (
                <p className="code-signin__offline" role="status">
                  Can't reach Couchside right now. Still trying…
                </p>
              ) : null}
            </>
          ) : null}
          <p className="code-signin__replaced" aria-live="polite">
            {replaced && waiting ? REPLACED_NOTE : ''}
          </p>
          <FocusGroup focusKey="code-signin-actions" className="code-signin__actions">
            {failed ? (
              <TvButton focusKey={RETRY_KEY} className="btn btn--primary" onClick={retry}>
                Try again
              </TvButton>
            ) : null}
            <TvButton focusKey={EMAIL_KEY} className="btn" onClick={() => leave('email')}>
              {EMAIL_BUTTON}
            </TvButton>
          </FocusGroup>
        </div>
        {waiting ? (
          <figure className="code-signin__qr">
            <QRCodeSVG
              value={waiting.verificationUriComplete}
              size={512}
              marginSize={4}
              bgColor="#ffffff"
              fgColor="#000000"
              level="M"
              role="img"
              aria-label="QR code to sign in on your phone"
              className="code-signin__qr-art"
            />
            <figcaption>Or scan this with your phone's camera</figcaption>
          </figure>
        ) : null}
      </div>
    </FocusScreen>
  );
}

/** Milliseconds until `expiresAt`, ticking once a second (null: no code). */
function useRemaining(expiresAt: string | null, now: () => number): number | null {
  const at = expiresAt ? Date.parse(expiresAt) : NaN;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!Number.isFinite(at)) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [at]);
  void tick;
  return Number.isFinite(at) ? at - now() : null;
}
