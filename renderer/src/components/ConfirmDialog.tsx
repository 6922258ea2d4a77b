/** A modal yes/no question: focus starts on the safe answer, is trapped, and Escape means no. */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

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
  const panel = useRef<HTMLDivElement>(null);
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

  const buttons = () =>
    Array.from(panel.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      if (!pending) onNo();
      return;
    }
    const list = buttons();
    if (list.length === 0) return;
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Tab') {
      e.preventDefault();
      const next = (at + (e.shiftKey ? -1 : 1) + list.length) % list.length;
      list[next]?.focus();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      list[Math.max(0, at - 1)]?.focus();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
      e.preventDefault();
      list[Math.min(list.length - 1, at + 1)]?.focus();
    }
    e.stopPropagation();
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={panel}
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
          <button
            ref={yesButton}
            type="button"
            className="btn btn--primary"
            onClick={onYes}
            disabled={pending}
          >
            {pending && pendingLabel ? pendingLabel : yesLabel}
          </button>
          <button type="button" className="btn" ref={noButton} onClick={onNo} disabled={pending}>
            {noLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
