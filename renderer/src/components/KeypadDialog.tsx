/**
 * The shell every keypad dialog shares (kiosk exit, profile unlock, new admin or profile PIN): a
 * modal panel with its title and a line of text beside the keypad. A focus boundary (arrows stay
 * inside), Tab stays inside, and a click beside the keys never drops focus out of the dialog.
 */
import { useId, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { FocusScreen } from '../spatial';

export interface KeypadDialogProps {
  title: ReactNode;
  body: ReactNode;
  /** Extra class on the backdrop (e.g. the kiosk variant). */
  backdropClassName?: string;
  /** Sees keys before the keypad does (the kiosk exit dialog swallows the tail of a Back burst). */
  onKeyDownCapture?: (e: KeyboardEvent<HTMLElement>) => void;
  children: ReactNode;
}

/** Tab and Shift+Tab cycle through the dialog's buttons. */
function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  e.preventDefault();
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  buttons[(at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length]?.focus();
}

/** A mouse-down anywhere but on a button keeps the focus where it is. */
function keepFocus(e: MouseEvent): void {
  if (!(e.target instanceof HTMLElement && e.target.closest('button'))) e.preventDefault();
}

export function KeypadDialog({ title, body, backdropClassName, onKeyDownCapture, children }: KeypadDialogProps) {
  const headingId = useId();
  const bodyId = useId();
  const screenKey = `dialog${useId()}`;
  return (
    <div className={backdropClassName ? `dialog-backdrop ${backdropClassName}` : 'dialog-backdrop'} onMouseDown={keepFocus}>
      <FocusScreen
        focusKey={screenKey}
        className="dialog dialog--keypad"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={bodyId}
        onKeyDownCapture={onKeyDownCapture}
        onKeyDown={trapTab}
      >
        <div className="dialog--keypad__text">
          <h2 id={headingId} className="dialog__title">
            {title}
          </h2>
          <p id={bodyId} className="dialog__body">
            {body}
          </p>
        </div>
        {children}
      </FocusScreen>
    </div>
  );
}
