/**
 * A row of radio buttons for a remote: entering the row lands on the checked choice, Left/Right
 * move the choice (selection follows focus, as in any radio group), Up/Down leave the row. The
 * row is a spatial-navigation group; only the move between neighbours is decided here.
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
    if (next !== i) {
      onChoose(choices[next]!);
      buttons.current[next]?.focus();
    }
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
          className="choice"
          onClick={() => onChoose(choice)}
          onArrowPress={(direction) => onArrow(i, direction)}
        >
          {label(choice)}
        </FocusButton>
      ))}
    </FocusGroup>
  );
}
