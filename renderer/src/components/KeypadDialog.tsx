/**
 * The shell every keypad dialog shares (kiosk exit, profile unlock, new admin or profile PIN): a
 * modal panel with its title and a line of text beside the keypad. A focus boundary (arrows stay
 * inside), Tab stays inside, and a click beside the keys never drops focus out of the dialog.
 */
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { trapTab } from './dialogKeys';
import { ModalDialog } from './ModalDialog';

export interface KeypadDialogProps {
  title: ReactNode;
  body: ReactNode;
  /** Extra class on the backdrop (e.g. the kiosk variant). */
  backdropClassName?: string;
  /** Sees keys before the keypad does (the kiosk exit dialog swallows the tail of a Back burst). */
  onKeyDownCapture?: (e: KeyboardEvent<HTMLElement>) => void;
  children: ReactNode;
}

export function KeypadDialog({ title, body, backdropClassName, onKeyDownCapture, children }: KeypadDialogProps) {
  const headingId = useId();
  const bodyId = useId();
  const screenKey = `dialog${useId()}`;
  return (
    <ModalDialog
      backdropClassName={backdropClassName}
      keepFocusOnClick
      focusKey={screenKey}
      className="dialog--keypad"
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
    </ModalDialog>
  );
}
