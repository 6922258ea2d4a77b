/**
 * The shell every modal dialog shares: the dimmed backdrop and a FocusScreen that is the dialog
 * (role="dialog", aria-modal, a focus boundary that takes focus when it opens and gives it back
 * when it closes). The content, its heading (name it with aria-labelledby) and its keys are the
 * dialog's own.
 */
import type { FocusScreenProps } from '../spatial';
import { FocusScreen } from '../spatial';
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
