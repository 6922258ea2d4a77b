/**
 * Remote-friendly controls for the settings-style screens (Settings, Manage profiles, Sign in
 * with a code): each is a real <button> (Enter, click and gamepad A activate it natively) that is
 * a spatial-navigation leaf, and scrolls itself into view inside its (scrollbar-less) panel.
 */
import { useId, type ReactNode } from 'react';
import { FocusButton, revealNode, type FocusButtonProps } from '../spatial';

/** Keeps a focused control in view inside whatever scrolls around it (panels hide their scrollbar). */
export const reveal = revealNode;

export type TvButtonProps = FocusButtonProps;

/** A button that takes part in spatial navigation (disabled ones are skipped). */
export const TvButton = FocusButton;

export interface TvSwitchProps {
  label: string;
  checked: boolean;
  onToggle: () => void;
  /** A longer explanation under the switch (read as its description). */
  description?: string;
  error?: string | null;
  busy?: boolean;
  focusKey?: string;
}

/** An On/Off switch row (role="switch"), with its explanation and any error under it. */
export function TvSwitch({ label, checked, onToggle, description, error, busy, focusKey }: TvSwitchProps) {
  const labelId = useId();
  const descId = useId();
  const errorId = useId();
  const describedBy = [description ? descId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="tv-field">
      <TvButton
        focusKey={focusKey}
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-busy={busy || undefined}
        className="menu__item switch"
        onClick={onToggle}
      >
        <span id={labelId} className="switch__label">
          {label}
        </span>
        <span className="switch__state" aria-hidden="true">
          {checked ? 'On' : 'Off'}
        </span>
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
      </TvButton>
      {description ? (
        <p id={descId} className="tv-field__help">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="settings__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface TvChoice<T extends string> {
  value: T;
  label: ReactNode;
  /** The accessible name when `label` is not plain text. */
  name?: string;
  /** A line under the label (read as the choice's description, not part of its name). */
  description?: ReactNode;
}

export interface TvRadioGroupProps<T extends string> {
  label: string;
  value: T;
  choices: readonly TvChoice<T>[];
  /** Called when a choice is picked (Enter or click); moving focus alone does not choose. */
  onChoose: (value: T) => void;
  /** Class on the group (its layout) and on each choice. */
  className?: string;
  choiceClassName?: string;
  focusKeyPrefix?: string;
  describedBy?: string;
}

/**
 * A radio group for a remote: arrows move focus between the choices like everywhere else, and
 * Enter picks one (so walking past "Large" does not resize the whole screen under the user).
 */
export function TvRadioGroup<T extends string>(props: TvRadioGroupProps<T>) {
  const { label, value, choices, onChoose, className = 'choices', choiceClassName = 'choice', focusKeyPrefix, describedBy } = props;
  const labelId = useId();
  const descriptionId = useId();
  return (
    <div className="tv-field">
      <p id={labelId} className="tv-field__label">
        {label}
      </p>
      <div role="radiogroup" aria-labelledby={labelId} aria-describedby={describedBy} className={className}>
        {choices.map((c) => (
          <TvButton
            key={c.value}
            focusKey={focusKeyPrefix ? `${focusKeyPrefix}-${c.value}` : undefined}
            role="radio"
            aria-checked={c.value === value}
            // With a description inside, the name is the label alone.
            aria-label={c.name ?? (c.description !== undefined && typeof c.label === 'string' ? c.label : undefined)}
            aria-describedby={c.description !== undefined ? `${descriptionId}-${c.value}` : undefined}
            className={choiceClassName}
            onClick={() => onChoose(c.value)}
          >
            {c.description !== undefined ? (
              <>
                <span className="choice__label">{c.label}</span>
                <span id={`${descriptionId}-${c.value}`} className="choice__description">
                  {c.description}
                </span>
              </>
            ) : (
              c.label
            )}
          </TvButton>
        ))}
      </div>
    </div>
  );
}
