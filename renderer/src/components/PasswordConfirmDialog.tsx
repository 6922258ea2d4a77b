/**
 * "Confirm it's you": the account password asked again (a profile lock, turning Kids off, signing
 * every device out…). One labelled field, Continue and Cancel; Escape cancels; focus stays inside
 * (a focus boundary; Left/Right move the caret in the field, Up/Down leave it). A remote types it
 * on the on-screen keyboard: OK on the empty field (or gamepad A) opens it, and its Done continues.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { handleDialogKey } from './dialogKeys';
import { FocusInput } from '../spatial';
import { KeyboardDialog, MAX_PASSWORD } from './KeyboardDialog';
import { FormDialogFooter, ModalDialog } from './ModalDialog';

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
  const [keyboard, setKeyboard] = useState(false);
  const [seenError, setSeenError] = useState(error);
  const headingId = useId();
  const bodyId = useId();
  const inputId = useId();
  const errorId = useId();
  const screenKey = `dialog${useId()}`;
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

  return (
    <>
    <ModalDialog
      as="form"
      focusKey={screenKey}
      covered={keyboard}
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (!keyboard) handleDialogKey(e, () => !pending && onCancel());
      }}
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
        <FocusInput
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
          onKeyDown={(ev) => {
            // OK on the empty field: the on-screen keyboard (with text, Enter continues).
            if (ev.key === 'Enter' && value === '' && !pending) {
              ev.preventDefault();
              setKeyboard(true);
            }
          }}
          onClick={(ev) => {
            if (ev.detail === 0 && !pending) setKeyboard(true);
          }}
        />
      </div>
      <FormDialogFooter error={error} errorId={errorId} pending={pending} submitLabel="Continue" pendingLabel="Checking…" onCancel={onCancel} />
    </ModalDialog>
    {keyboard ? (
      <KeyboardDialog
        kind="password"
        title="Account password"
        initial={value}
        maxLength={MAX_PASSWORD}
        placeholder="Type the password"
        onClose={(text, how) => {
          setValue(text);
          setKeyboard(false);
          if (how === 'done' && text !== '') onContinue(text);
        }}
      />
    ) : null}
    </>
  );
}
