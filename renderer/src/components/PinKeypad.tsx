/**
 * An on-screen PIN keypad for a remote or a keyboard alone: a 3x4 grid (1-9, then Delete, 0, OK)
 * walked with the arrow keys (spatial navigation; the grid is a focus group that arrows leave only
 * downwards, to Cancel), Enter presses the focused key, digit keys type directly, Backspace
 * deletes (and, on an empty PIN, goes back like a remote's Back button), Escape cancels. The PIN
 * shows only as dots; errors (a wrong PIN, a lock-out with its live countdown) show in one alert.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { lockedOutMessage } from '../kiosk';
import { FocusButton, FocusGroup } from '../spatial';

export interface PinKeypadProps {
  /** The keypad's accessible name, also shown above the dots (e.g. "Admin PIN"). */
  label: string;
  /** What to do, in words (e.g. "Enter it again"); describes the keypad. */
  prompt?: string;
  minLength?: number;
  maxLength?: number;
  /** While a check is under way: keys do nothing. */
  pending?: boolean;
  /** The last answer's error. A new error clears the entry; `locked_out` disables keys until it ends. */
  error?: BridgeError | null;
  onSubmit: (pin: string) => void;
  /** With it, a Cancel button under the grid, and Escape (or Back on an empty PIN) calls it. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** A lock-out ran out: the keys work again (the owner may clear `error`). */
  onLockoutEnd?: () => void;
}

/** The grid, row by row: 1-9, then Delete, 0, OK. */
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Delete', '0', 'OK'] as const;
type Key = (typeof KEYS)[number];
const OK_INDEX = KEYS.indexOf('OK');

export function PinKeypad(props: PinKeypadProps) {
  const { label, prompt, minLength = 4, maxLength = 8, pending = false, error = null } = props;
  const { onSubmit, onCancel, cancelLabel = 'Cancel', onLockoutEnd } = props;
  const [digits, setDigits] = useState('');
  // A new error clears the entry and, for a lock-out, starts its countdown.
  const [seenError, setSeenError] = useState<BridgeError | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  if (error !== seenError) {
    setSeenError(error);
    if (error) setDigits('');
    const seconds = error?.code === 'locked_out' ? (error.retryAfterSeconds ?? 0) : 0;
    if (seconds > 0) {
      // Reading the clock here is deliberate: the deadline belongs to this error's arrival.
      // eslint-disable-next-line react-hooks/purity
      const at = Date.now();
      setNow(at);
      setLockedUntil(at + seconds * 1000);
    } else {
      setLockedUntil(null);
    }
  }
  const locked = lockedUntil !== null && now < lockedUntil;
  const inert = locked || pending;

  const labelId = useId();
  const promptId = useId();
  const statusId = useId();
  const keyRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const endLockout = useRef(onLockoutEnd);
  useEffect(() => {
    endLockout.current = onLockoutEnd;
  });

  useEffect(() => {
    keyRefs.current[0]?.focus();
  }, []);

  // After a refused PIN the entry is cleared: start again from "1", not from "OK".
  useEffect(() => {
    if (error) keyRefs.current[0]?.focus();
  }, [error]);

  // The lock-out counts down once a second, on the second, and lifts itself at the end.
  useEffect(() => {
    if (lockedUntil === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= lockedUntil) {
        setLockedUntil(null);
        endLockout.current?.();
        return;
      }
      const left = lockedUntil - t;
      timer = setTimeout(tick, left % 1000 || 1000);
    };
    const left = lockedUntil - Date.now();
    timer = setTimeout(tick, left > 0 ? left % 1000 || 1000 : 0);
    return () => clearTimeout(timer);
  }, [lockedUntil]);

  const canSubmit = !inert && digits.length >= minLength;

  const type = (d: string) => {
    if (inert) return;
    setDigits((v) => (v.length >= maxLength ? v : v + d));
  };
  const remove = () => {
    if (inert) return;
    setDigits((v) => v.slice(0, -1));
  };
  const submit = () => {
    if (canSubmit) onSubmit(digits);
  };
  const press = (key: Key) => {
    if (key === 'Delete') remove();
    else if (key === 'OK') submit();
    else type(key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (/^[0-9]$/.test(key)) {
      handled();
      type(key);
      return;
    }
    if (key === 'Backspace' || key === 'Delete' || key === 'BrowserBack' || key === 'GoBack') {
      handled();
      if (digits.length > 0 && key !== 'BrowserBack' && key !== 'GoBack') remove();
      else if (key !== 'Delete' && onCancel) onCancel();
      return;
    }
    if (key === 'Clear') {
      handled();
      if (!inert) setDigits('');
      return;
    }
    if (key === 'Escape') {
      handled();
      onCancel?.();
      return;
    }
    if (key === 'Enter') {
      // On a key, Enter presses it (the browser turns it into a click); elsewhere it means OK.
      if (!(e.target instanceof HTMLButtonElement)) {
        handled();
        submit();
      } else {
        e.stopPropagation();
      }
      return;
    }
    // Arrows: spatial navigation (on window) moves focus over the keys.
  };

  // A lock-out with a known length shows as its countdown, and nothing once it is over.
  const counted = error?.code === 'locked_out' && (error.retryAfterSeconds ?? 0) > 0;
  const alertText =
    locked && lockedUntil !== null
      ? lockedOutMessage((lockedUntil - now) / 1000)
      : error && !counted
        ? error.message
        : null;
  const slots = Math.min(maxLength, Math.max(minLength, digits.length));
  const status =
    digits.length < minLength
      ? `${digits.length} of ${minLength} digits entered`
      : `${digits.length} ${digits.length === 1 ? 'digit' : 'digits'} entered`;
  const lengthHint = minLength === maxLength ? `${minLength} digits` : `${minLength} to ${maxLength} digits`;

  return (
    <div className="keypad" onKeyDown={onKeyDown}>
      <div
        className="keypad__pad"
        role="group"
        aria-labelledby={labelId}
        aria-describedby={prompt ? `${promptId} ${statusId}` : statusId}
        aria-busy={pending || undefined}
      >
        <div className="keypad__head">
          <p id={labelId} className="keypad__label">
            {label}
          </p>
          {prompt ? (
            <p id={promptId} className="keypad__prompt">
              {prompt}
            </p>
          ) : null}
        </div>
        <div className={`keypad__dots${alertText ? ' has-error' : ''}`} aria-hidden="true">
          {Array.from({ length: slots }, (_, i) => (
            <span key={i} className={`keypad__dot${i < digits.length ? ' is-filled' : ''}`} />
          ))}
        </div>
        <p className="keypad__status">
          <span id={statusId} role="status">
            {status}
          </span>
          <span className="keypad__hint" aria-hidden="true">
            {lengthHint}
          </span>
        </p>
        <div className="keypad__alert">
          {alertText ? (
            <p className="form-error keypad__error" role="alert">
              {alertText}
            </p>
          ) : null}
        </div>
        <FocusGroup className="keypad__grid" boundary={['left', 'right', 'up']}>
          {KEYS.map((key, i) => {
            const disabled = inert || (i === OK_INDEX && digits.length < minLength);
            return (
              <FocusButton
                key={key}
                ref={(el) => {
                  keyRefs.current[i] = el;
                }}
                className={`keypad__key${key === 'OK' ? ' keypad__key--ok' : ''}${key === 'Delete' ? ' keypad__key--action' : ''}`}
                aria-disabled={disabled || undefined}
                onClick={() => press(key)}
              >
                {key === 'Delete' ? <DeleteGlyph /> : null}
                <span className={key === 'Delete' ? 'keypad__key-word' : undefined}>{key}</span>
              </FocusButton>
            );
          })}
        </FocusGroup>
      </div>
      {onCancel ? (
        <div className="keypad__actions">
          <FocusButton className="btn btn--quiet keypad__cancel" onClick={onCancel}>
            {cancelLabel}
          </FocusButton>
        </div>
      ) : null}
    </div>
  );
}

function DeleteGlyph() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M9 5h11a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H9l-6-7 6-7ZM12 9.5l5 5M17 9.5l-5 5"
      />
    </svg>
  );
}
