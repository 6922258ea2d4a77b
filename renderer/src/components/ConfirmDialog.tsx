/**
 * A modal yes/no question: focus starts on the safe answer, arrows stay inside (a focus boundary),
 * and Escape or Back means no.
 */
import { useEffect, useId, useRef } from 'react';
import { handleDialogKey } from './dialogKeys';
import { FocusButton } from '../spatial';
import { ModalDialog } from './ModalDialog';

export interface ConfirmDialogProps {
  title: string;
  body?: string;
  yesLabel: string;
  noLabel: string;
  pending?: boolean;
  pendingLabel?: string;
  error?: string | null;
  onYes: () => void;
  onNo: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, body, yesLabel, noLabel, pending, pendingLabel, error, onYes, onNo } = props;
  const headingId = useId();
  const screenKey = `dialog${useId()}`;
  const noButton = useRef<HTMLButtonElement>(null);
  const yesButton = useRef<HTMLButtonElement>(null);
  const wasPending = useRef(pending);

  useEffect(() => {
    noButton.current?.focus();
  }, []);

  // Disabling the buttons while pending drops focus out of the dialog; when the answer is a
  // failure, put it back on the action so "try again" is one press and Escape still works.
  useEffect(() => {
    if (wasPending.current && !pending) yesButton.current?.focus();
    wasPending.current = pending;
  }, [pending]);

  return (
    <ModalDialog
      focusKey={screenKey}
      preferredChildFocusKey={`${screenKey}-no`}
      aria-labelledby={headingId}
      onKeyDown={(e) => handleDialogKey(e, () => !pending && onNo())}
    >
      <h2 id={headingId} className="dialog__title">
        {title}
      </h2>
      {body ? <p className="dialog__body">{body}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <FocusButton ref={yesButton} className="btn btn--primary" onClick={onYes} disabled={pending}>
          {pending && pendingLabel ? pendingLabel : yesLabel}
        </FocusButton>
        <FocusButton focusKey={`${screenKey}-no`} className="btn" ref={noButton} onClick={onNo} disabled={pending}>
          {noLabel}
        </FocusButton>
      </div>
    </ModalDialog>
  );
}
