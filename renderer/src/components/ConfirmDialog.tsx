/**
 * A modal yes/no question: focus starts on the safe answer, arrows stay inside (a focus boundary),
 * and Escape or Back means no.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { FocusButton, FocusScreen } from '../spatial';

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

  const buttons = (e: KeyboardEvent<HTMLElement>) =>
    Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      if (!pending) onNo();
      return;
    }
    // Keys stay with the dialog, except arrows, which spatial navigation handles (on window).
    if (!e.key.startsWith('Arrow')) e.stopPropagation();
    // Tab stays inside too (arrows are spatial navigation's, inside this boundary).
    if (e.key !== 'Tab') return;
    const list = buttons(e);
    if (list.length === 0) return;
    e.preventDefault();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    list[(at + (e.shiftKey ? -1 : 1) + list.length) % list.length]?.focus();
  };

  return (
    <div className="dialog-backdrop">
      <FocusScreen
        focusKey={screenKey}
        preferredChildFocusKey={`${screenKey}-no`}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        onKeyDown={onKeyDown}
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
      </FocusScreen>
    </div>
  );
}
