/**
 * An on-screen keyboard for a remote: a grid of a–z and 0–9 plus Space, Delete and Clear. Arrows
 * move between keys (spatial navigation), Enter presses the focused key (a real <button>).
 *
 * Search uses it as it is (lower case). A name (the profile name dialog) adds a Shift key, which
 * shows and types capitals while it is on, and a few punctuation keys (`extraKeys`).
 */
import { FocusGroup, useFocusTarget } from '../spatial';

/** The letter and digit rows, six keys wide (like the big streaming apps' TV keyboards). */
export const KEYBOARD_ROWS: readonly string[] = ['abcdef', 'ghijkl', 'mnopqr', 'stuvwx', 'yz1234', '567890'];

/** Punctuation too thin to read from the sofa at the letters' size (drawn larger). */
const THIN = "-'.,";

/** A key that types `char`, read out as `label` (e.g. "-" as "Hyphen"). */
export interface ExtraKey {
  char: string;
  label: string;
}

export interface OnScreenKeyboardProps {
  onChar: (char: string) => void;
  onDelete: () => void;
  onClear: () => void;
  /** Prefix for the keys' focus keys (the first key is `${focusKey}-a`). */
  focusKey?: string;
  label?: string;
  /**
   * A Shift key (before the extra keys): while `on`, the letter keys show and type capitals.
   * Without it the letters are lower case (Search).
   */
  shift?: { on: boolean; onToggle: () => void };
  /** More character keys on a row after the digits (with Shift, up to four fill that row). */
  extraKeys?: readonly ExtraKey[];
}

export function OnScreenKeyboard({
  onChar,
  onDelete,
  onClear,
  focusKey = 'osk',
  label = 'Keyboard',
  shift,
  extraKeys = [],
}: OnScreenKeyboardProps) {
  const caps = shift?.on ?? false;
  return (
    <FocusGroup
      focusKey={focusKey}
      preferredChildFocusKey={`${focusKey}-a`}
      className={shift ? 'osk osk--cased' : 'osk'}
      role="group"
      aria-label={label}
    >
      {KEYBOARD_ROWS.flatMap((row) => row.split('')).map((c) => {
        const char = caps ? c.toUpperCase() : c;
        return (
          <Key key={c} focusKey={`${focusKey}-${c}`} onPress={() => onChar(char)}>
            {char}
          </Key>
        );
      })}
      {shift ? (
        <Key focusKey={`${focusKey}-shift`} wide pressed={shift.on} className="osk__key--shift" onPress={shift.onToggle}>
          Shift
        </Key>
      ) : null}
      {extraKeys.map((k, i) => (
        <Key key={k.char} focusKey={`${focusKey}-extra-${i}`} ariaLabel={k.label} className={THIN.includes(k.char) ? 'osk__key--thin' : undefined} onPress={() => onChar(k.char)}>
          {k.char}
        </Key>
      ))}
      <Key focusKey={`${focusKey}-space`} wide onPress={() => onChar(' ')}>
        Space
      </Key>
      <Key focusKey={`${focusKey}-delete`} wide onPress={onDelete}>
        Delete
      </Key>
      <Key focusKey={`${focusKey}-clear`} wide onPress={onClear}>
        Clear
      </Key>
    </FocusGroup>
  );
}

interface KeyProps {
  focusKey: string;
  wide?: boolean;
  /** A toggle key (Shift): its state, for the eye (a lit bar) and for screen readers. */
  pressed?: boolean;
  ariaLabel?: string;
  className?: string;
  onPress: () => void;
  children: string;
}

function Key({ focusKey, wide, pressed, ariaLabel, className, onPress, children }: KeyProps) {
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey });
  const classes = ['osk__key', wide ? 'osk__key--wide' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      ref={ref}
      onFocus={onFocus}
      type="button"
      className={classes}
      aria-label={ariaLabel}
      aria-pressed={pressed}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
