/**
 * A row of radio buttons for a remote: entering the row lands on the checked choice, Left/Right
 * move the focus between choices and stop at the row's ends, OK (Enter, a click, gamepad A)
 * chooses, Up/Down leave the row. On a TV, moving the focus never changes a setting: a viewer
 * passing "Never" on the way to "1 hour" has not chosen "5 minutes". The row is a
 * spatial-navigation group; only the move between neighbours is decided here.
 */
import { useId, useRef, type ReactNode } from 'react';
import { FocusButton, FocusGroup } from '../spatial';

export interface RadioChoicesProps<T> {
  choices: readonly T[];
  value: T;
  label: (choice: T) => ReactNode;
  onChoose: (choice: T) => void;
  className?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
}

export function RadioChoices<T>({ choices, value, label, onChoose, className = 'choices', ...aria }: RadioChoicesProps<T>) {
  const base = `radio${useId()}`;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const checked = Math.max(0, choices.indexOf(value));
  const onArrow = (i: number, direction: string) => {
    if (direction !== 'left' && direction !== 'right') return true;
    const next = Math.max(0, Math.min(choices.length - 1, i + (direction === 'left' ? -1 : 1)));
    if (next !== i) buttons.current[next]?.focus();
    return false;
  };
  return (
    // Not remembering: coming back into the row always lands on the checked choice.
    <FocusGroup className={className} role="radiogroup" remember={false} preferredChildFocusKey={`${base}-${checked}`} {...aria}>
      {choices.map((choice, i) => (
        <FocusButton
          key={String(choice)}
          focusKey={`${base}-${i}`}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          role="radio"
          aria-checked={i === checked}
          tabIndex={i === checked ? 0 : -1}
          // A second OK on the checked choice changes nothing, so nothing is saved again.
          onClick={() => {
            if (i !== checked) onChoose(choice);
          }}
          className="choice"
          onArrowPress={(direction) => onArrow(i, direction)}
        >
          {label(choice)}
        </FocusButton>
      ))}
    </FocusGroup>
  );
}
