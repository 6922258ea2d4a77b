/**
 * "Rename this device": one labelled field, Save and Cancel, as a modal dialog. Focus starts in
 * the field with the old name selected, is trapped, and Escape cancels; the name is checked here
 * (1 to 40 characters) before the service is asked.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { checkDeviceName, DEVICE_NAME_MAX } from '../devices';
import { handleDialogKey } from './dialogKeys';
import { KeyboardDialog } from './KeyboardDialog';
import { FocusInput } from '../spatial';
import { FormDialogFooter, ModalDialog } from './ModalDialog';

export interface RenameDeviceDialogProps {
  initialName: string;
  pending: boolean;
  /** The service's answer when it refused the name. */
  error: string | null;
  onSave: (name: string) => void;
  onCancel: () => void;
}

export function RenameDeviceDialog({ initialName, pending, error, onSave, onCancel }: RenameDeviceDialogProps) {
  const [value, setValue] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);
  // The on-screen keyboard (remote or gamepad); and whether a physical keyboard typed here yet.
  const [keyboard, setKeyboard] = useState(false);
  const typed = useRef(false);
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const screenKey = `dialog${useId()}`;
  const input = useRef<HTMLInputElement>(null);
  const wasPending = useRef(pending);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  // A refusal from the service puts the user back in the field to fix it (Save, disabled while
  // pending, dropped focus out of the dialog).
  useEffect(() => {
    if (wasPending.current && !pending) input.current?.focus();
    wasPending.current = pending;
  }, [pending]);

  const message = problem ?? error;
  const length = [...value.trim()].length;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const check = checkDeviceName(value);
    if (!check.ok) {
      setProblem(check.message);
      input.current?.focus();
      return;
    }
    setProblem(null);
    onSave(check.name);
  };

  return (
    <>
      <ModalDialog
        as="form"
        focusKey={screenKey}
        covered={keyboard}
        aria-labelledby={headingId}
        noValidate
        onSubmit={submit}
        onKeyDown={(e) => handleDialogKey(e, () => !pending && onCancel())}
      >
        <h2 id={headingId} className="dialog__title">
          Rename this device
        </h2>
        <p className="dialog__body">The name other devices see in their devices list.</p>
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            Device name
          </label>
          <FocusInput
            ref={input}
            id={inputId}
            className="field__input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={value}
            readOnly={pending}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${errorId} ${hintId}` : hintId}
            onChange={(ev) => {
              typed.current = true;
              setValue(ev.target.value);
              if (problem) setProblem(null);
            }}
            onKeyDown={(ev) => {
              // OK on a remote opens the on-screen keyboard; after typing on a keyboard, Enter saves.
              if (ev.key === 'Enter' && !typed.current && !pending) {
                ev.preventDefault();
                setKeyboard(true);
              }
            }}
            onClick={(ev) => {
              // Gamepad A clicks with no pointer (detail 0); a mouse click only places the caret.
              if (ev.detail === 0 && !pending) setKeyboard(true);
            }}
          />
          <span id={hintId} className={`field__hint${length > DEVICE_NAME_MAX ? ' is-over' : ''}`}>
            {length} of {DEVICE_NAME_MAX} characters · OK opens the on-screen keyboard
          </span>
        </div>
        <FormDialogFooter error={message} errorId={errorId} pending={pending} submitLabel="Save" pendingLabel="Saving…" onCancel={onCancel} />
      </ModalDialog>
      {keyboard ? (
        <KeyboardDialog
          title="Device name"
          initial={value}
          maxLength={DEVICE_NAME_MAX}
          onClose={(text) => {
            setKeyboard(false);
            setValue(text);
            if (problem) setProblem(null);
            // The dialog, uncovered, puts focus back in the field it was opened from.
          }}
        />
      ) : null}
    </>
  );
}
