/**
 * Typing with a remote: a dialog with the text shown large, the on-screen keyboard (with Shift:
 * in a name a capital starts each word by itself; Shift changes the next letter) and Done. Emails
 * get `@` and friends, passwords show as dots. Arrows move
 * between the keys, Enter/OK (gamepad A) presses one; Done or Back (Escape, gamepad B) closes it
 * and both keep what was typed. A physical keyboard types here too, as it is; Backspace deletes.
 * The text never gets longer than `maxLength` characters, and the dialog says so.
 *
 * A focus boundary: render it beside (not inside) the screen it covers, and pass that screen
 * `covered` while it is open; closing it puts the focus back where it was (the field).
 */
import { useEffect, useId, useState } from 'react';
import { useKeys } from '../hooks/useKeys';
import { FocusButton, FocusGroup } from '../spatial';
import { trapTab } from './dialogKeys';
import { ModalDialog } from './ModalDialog';
import { OnScreenKeyboard, type ExtraKey } from './OnScreenKeyboard';

/** Punctuation a name may need (Mary-Jane, O'Neil, J.P., Sam & Alex). */
export const NAME_KEYS: readonly ExtraKey[] = [
  { char: '-', label: 'Hyphen' },
  { char: "'", label: 'Apostrophe' },
  { char: '.', label: 'Full stop' },
  { char: '&', label: 'Ampersand' },
];

/** What an email address needs beyond letters and digits. */
export const EMAIL_KEYS: readonly ExtraKey[] = [
  { char: '@', label: 'At sign' },
  { char: '.', label: 'Full stop' },
  { char: '-', label: 'Hyphen' },
  { char: '_', label: 'Underscore' },
];

/** Whole endings an email address usually has, one key each (a remote types them in one press). */
export const EMAIL_SHORTCUTS: readonly string[] = ['.com', '@gmail.com', '@outlook.com', '@yahoo.com'];

/** The longest password the keyboard takes. */
export const MAX_PASSWORD = 128;

/** Common password punctuation (a physical keyboard types any other). */
export const PASSWORD_KEYS: readonly ExtraKey[] = [
  { char: '-', label: 'Hyphen' },
  { char: '_', label: 'Underscore' },
  { char: '.', label: 'Full stop' },
  { char: '!', label: 'Exclamation mark' },
];

/**
 * What is being typed: a name (a capital starts each word by itself), an email address (no
 * automatic capitals, `@` on the keyboard) or a password (shown as dots, no automatic capitals).
 */
export type KeyboardKind = 'name' | 'email' | 'password';

const KIND_KEYS: Readonly<Record<KeyboardKind, readonly ExtraKey[]>> = { name: NAME_KEYS, email: EMAIL_KEYS, password: PASSWORD_KEYS };

export interface KeyboardDialogProps {
  /** What is typed (default 'name'). */
  kind?: KeyboardKind;
  /** The dialog's name and heading, e.g. "Profile name". */
  title: string;
  /** The text to start from (the field's). */
  initial: string;
  /** The most characters the text may have. */
  maxLength: number;
  /** Shown while the text is empty. */
  placeholder?: string;
  /** Done or Back: the text as typed (both keep it), and which closed it (Done moves a form on). */
  onClose: (text: string, how: 'done' | 'back') => void;
}

/** Characters, counted as the service counts them (code points). */
const length = (s: string) => [...s].length;

/** Capitals start words: at the start and after a space. */
const startsWord = (s: string) => s === '' || s.endsWith(' ');

export function KeyboardDialog({ kind = 'name', title, initial, maxLength, placeholder = 'Type with the keyboard', onClose }: KeyboardDialogProps) {
  const [text, setText] = useState(() => [...initial].slice(0, maxLength).join(''));
  /** Shift pressed by hand (until the next key); null: automatic (on at the start of a word). */
  const [shiftSet, setShiftSet] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  const headingId = useId();
  const countId = useId();
  const screenKey = `keyboard-dialog${useId()}`;
  const oskKey = `${screenKey}-osk`;

  const count = length(text);
  const full = count >= maxLength;
  const shift = shiftSet ?? (kind === 'name' && startsWord(text));

  const edit = (next: string) => {
    setText(next);
    setShiftSet(null);
    setRefused(false);
  };
  const add = (s: string) => {
    if (length(text) + length(s) > maxLength) {
      setRefused(true);
      return;
    }
    edit(text + s);
  };
  const del = () => edit([...text].slice(0, -1).join(''));

  useKeys(true, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose(text, 'back');
      return;
    }
    if (e.key === 'Backspace') {
      // A physical Backspace deletes; on an empty text it is Back (a held key never closes).
      e.preventDefault();
      if (text !== '') del();
      else if (!e.repeat) onClose(text, 'back');
      return;
    }
    if ([...e.key].length === 1) {
      // A physical keyboard types as it is (its own Shift); Space must not press the focused key.
      e.preventDefault();
      add(e.key);
    }
  });

  // Space's click on a focused button happens on keyup: keep it from pressing an on-screen key.
  useEffect(() => {
    const onUp = (e: globalThis.KeyboardEvent) => {
      if (e.key === ' ') e.preventDefault();
    };
    document.addEventListener('keyup', onUp);
    return () => document.removeEventListener('keyup', onUp);
  }, []);

  return (
    <ModalDialog
      keepFocusOnClick
      focusKey={screenKey}
      preferredChildFocusKey={oskKey}
      className="kbd-dialog"
      aria-labelledby={headingId}
      aria-describedby={countId}
      onKeyDown={trapTab}
    >
      <div className="kbd-dialog__side">
        <h2 id={headingId} className="dialog__title">
          {title}
        </h2>
        <div className="kbd-dialog__field">
          <output className={`kbd-dialog__text kbd-dialog__text--${kind}${count > 18 ? ' is-long' : ''}`} aria-label={title} data-placeholder={placeholder}>
            {/* A password shows as dots, one per character (the count says how many). */}
            {kind === 'password' ? '•'.repeat(count) : kind === 'email' ? <EmailText text={text} /> : text}
          </output>
          <span className="kbd-dialog__caret" aria-hidden="true" />
        </div>
        <p id={countId} className={`kbd-dialog__count${full ? ' is-full' : ''}${refused ? ' is-refused' : ''}`}>
          <span className="kbd-dialog__num">
            {count} / {maxLength}
          </span>{' '}
          {full ? `${maxLength} characters is the most it can have.` : `Up to ${maxLength} characters.`}
        </p>
        {kind === 'email' ? (
          <FocusGroup focusKey={`${screenKey}-shortcuts`} className="kbd-dialog__shortcuts" role="group" aria-label="Email endings">
            {EMAIL_SHORTCUTS.map((ending) => (
              <FocusButton key={ending} className="kbd-dialog__shortcut" aria-label={`Type ${ending}`} onClick={() => add(ending)}>
                {ending}
              </FocusButton>
            ))}
          </FocusGroup>
        ) : null}
        <p className="kbd-dialog__help">Done or Back keeps what you typed.</p>
        <FocusButton focusKey={`${screenKey}-done`} className="btn btn--primary kbd-dialog__done" onClick={() => onClose(text, 'done')}>
          Done
        </FocusButton>
      </div>
      <OnScreenKeyboard
        focusKey={oskKey}
        label="Keyboard"
        shift={{ on: shift, onToggle: () => setShiftSet(!shift) }}
        extraKeys={KIND_KEYS[kind]}
        onChar={add}
        onDelete={del}
        onClear={() => edit('')}
      />
    </ModalDialog>
  );
}

/**
 * An email address that may break onto a second line only after an "@" or a ".", never inside a
 * word (a long address is also drawn smaller: see `.is-long`).
 */
function EmailText({ text }: { text: string }) {
  const parts = text.split(/(?<=[@.])/);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i} className="kbd-dialog__email-part">
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </>
  );
}
