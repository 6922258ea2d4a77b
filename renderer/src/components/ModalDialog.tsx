/**
 * The shell every modal dialog shares: the dimmed backdrop and a FocusScreen that is the dialog
 * (role="dialog", aria-modal, a focus boundary that takes focus when it opens and gives it back
 * when it closes). The content, its heading (name it with aria-labelledby) and its keys are the
 * dialog's own.
 */
import type { FocusScreenProps } from '../spatial';
import { FocusButton, FocusScreen } from '../spatial';
import { keepFocus } from './dialogKeys';

export interface ModalDialogProps extends Omit<FocusScreenProps, 'role'> {
  /** Extra classes for the backdrop (e.g. kiosk's exit dialog sits over everything). */
  backdropClassName?: string;
  /** Clicks on the backdrop or the dialog's text keep the focus where it is (keypads). */
  keepFocusOnClick?: boolean;
}

export function ModalDialog({ backdropClassName, keepFocusOnClick = false, className, ...screen }: ModalDialogProps) {
  return (
    <div
      className={backdropClassName ? `dialog-backdrop ${backdropClassName}` : 'dialog-backdrop'}
      onMouseDown={keepFocusOnClick ? keepFocus : undefined}
    >
      <FocusScreen role="dialog" aria-modal="true" className={className ? `dialog ${className}` : 'dialog'} {...screen} />
    </div>
  );
}

export interface FormDialogFooterProps {
  /** What is wrong, read out as an alert (id `errorId`, so the field can point at it). */
  error: string | null;
  errorId: string;
  pending: boolean;
  /** The submit button's words, and what it says while the answer is awaited. */
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
}

/** The foot of a form dialog: the error (if any), then the submit button and Cancel. */
export function FormDialogFooter({ error, errorId, pending, submitLabel, pendingLabel, onCancel }: FormDialogFooterProps) {
  return (
    <>
      {error ? (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <FocusButton type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </FocusButton>
        <FocusButton className="btn" disabled={pending} onClick={onCancel}>
          Cancel
        </FocusButton>
      </div>
    </>
  );
}
