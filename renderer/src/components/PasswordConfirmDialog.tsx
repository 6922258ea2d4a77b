/**
 * "Confirm it's you": the account password asked again before a profile lock is set, changed or
 * removed. One labelled field, Continue and Cancel; Escape cancels; focus stays inside.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

export interface PasswordConfirmDialogProps {
  /** What the password is for, in words under the title. */
  body: string;
  pending: boolean;
  error: string | null;
  onContinue: (password: string) => void;
  onCancel: () => void;
}

export function PasswordConfirmDialog({ body, pending, error, onContinue, onCancel }: PasswordConfirmDialogProps) {
  const [value, setValue] = useState('');
  const [seenError, setSeenError] = useState(error);
  const headingId = useId();
  const bodyId = useId();
  const inputId = useId();
  const errorId = useId();
  const panel = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const wasPending = useRef(pending);
  // A new refusal clears the field for another try.
  if (error !== seenError) {
    setSeenError(error);
    if (error) setValue('');
  }

  useEffect(() => {
    input.current?.focus();
  }, []);

  // The answer came back (a refusal): focus back in the field.
  useEffect(() => {
    if (wasPending.current && !pending) input.current?.focus();
    wasPending.current = pending;
  }, [pending]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    if (value === '') {
      input.current?.focus();
      return;
    }
    onContinue(value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (!pending) onCancel();
      return;
    }
    const stops = Array.from(
      panel.current?.querySelectorAll<HTMLElement>('input, button:not(:disabled)') ?? [],
    );
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const inField = document.activeElement === input.current;
    if (e.key === 'Tab') {
      e.preventDefault();
      stops[(at + (e.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
    } else if (e.key === 'ArrowDown' && inField) {
      e.preventDefault();
      stops[1]?.focus();
    } else if (e.key === 'ArrowUp' && !inField) {
      e.preventDefault();
      input.current?.focus();
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !inField) {
      e.preventDefault();
      const next = Math.max(1, Math.min(stops.length - 1, at + (e.key === 'ArrowLeft' ? -1 : 1)));
      stops[next]?.focus();
    }
    e.stopPropagation();
  };

  return (
    <div className="dialog-backdrop">
      <form
        ref={panel}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={bodyId}
        noValidate
        onSubmit={submit}
        onKeyDown={onKeyDown}
      >
        <h2 id={headingId} className="dialog__title">
          {"Confirm it's you"}
        </h2>
        <p id={bodyId} className="dialog__body">
          {body}
        </p>
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            Account password
          </label>
          <input
            ref={input}
            id={inputId}
            className="field__input"
            type="password"
            autoComplete="current-password"
            value={value}
            readOnly={pending}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(ev) => setValue(ev.target.value)}
          />
        </div>
        {error ? (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="submit" className="btn btn--primary" disabled={pending}>
            {pending ? 'Checking…' : 'Continue'}
          </button>
          <button type="button" className="btn" disabled={pending} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
