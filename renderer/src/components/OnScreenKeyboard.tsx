/**
 * An on-screen keyboard for a remote: a grid of a–z and 0–9 plus Space, Delete and Clear. Arrows
 * move between keys (spatial navigation), Enter presses the focused key (a real <button>).
 */
import '../styles/browse.css';
import { FocusGroup, useFocusTarget } from '../spatial';

/** The letter and digit rows, six keys wide (like the big streaming apps' TV keyboards). */
export const KEYBOARD_ROWS: readonly string[] = ['abcdef', 'ghijkl', 'mnopqr', 'stuvwx', 'yz1234', '567890'];

export interface OnScreenKeyboardProps {
  onChar: (char: string) => void;
  onDelete: () => void;
  onClear: () => void;
  /** Prefix for the keys' focus keys (the first key is `${focusKey}-a`). */
  focusKey?: string;
  label?: string;
}

export function OnScreenKeyboard({ onChar, onDelete, onClear, focusKey = 'osk', label = 'Keyboard' }: OnScreenKeyboardProps) {
  return (
    <FocusGroup focusKey={focusKey} preferredChildFocusKey={`${focusKey}-a`} className="osk" role="group" aria-label={label}>
      {KEYBOARD_ROWS.flatMap((row) => row.split('')).map((c) => (
        <Key key={c} focusKey={`${focusKey}-${c}`} onPress={() => onChar(c)}>
          {c}
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

function Key({ focusKey, wide, onPress, children }: { focusKey: string; wide?: boolean; onPress: () => void; children: string }) {
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey });
  return (
    <button ref={ref} onFocus={onFocus} type="button" className={`osk__key${wide ? ' osk__key--wide' : ''}`} onClick={onPress}>
      {children}
    </button>
  );
}
