/**
 * The building blocks every screen uses for remote-control focus:
 *
 * - <FocusScreen focusKey="home">: a screen (or dialog). A focus boundary (arrows never leave it
 *   for the screen underneath), it remembers its last-focused child, and it takes focus when it
 *   mounts (or becomes `ready`) and when it is uncovered, landing on that child (so Back returns
 *   focus to the element that opened the screen on top).
 * - <FocusGroup focusKey="row-3">: a row or a column inside a screen; remembers its last child,
 *   so going up and down between rows comes back to the same tile.
 * - useFocusTarget(): for a leaf (button, link, input, tile). Spread `ref` and `onFocus` on the
 *   element; DOM focus from a mouse click, Tab or code (`el.focus()`) is fed back to the library
 *   so there is only ever one focus.
 * - <FocusButton> / <FocusInput>: a <button> / <input> that is a focus target (the common case).
 *
 * Render a dialog OUTSIDE the FocusScreen of the screen it covers (as a sibling), and pass
 * `covered` to that screen: the dialog is then its own boundary, and closing it uncovers the
 * screen, which puts focus back on the element that opened the dialog.
 */
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  type ButtonHTMLAttributes,
  type FocusEvent,
  type FormEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import {
  FocusContext,
  getCurrentFocusKey,
  setFocus,
  useFocusable,
  type FocusableComponentLayout,
} from '@noriginmedia/norigin-spatial-navigation';

export type FocusDirection = 'up' | 'down' | 'left' | 'right';

export interface FocusTargetOptions {
  focusKey?: string;
  /** False keeps it out of navigation (e.g. a disabled button). */
  focusable?: boolean;
  /**
   * Called when it gets focus (arrows, gamepad, mouse, Tab or code); e.g. to scroll it into view.
   * Without it, the element is scrolled into view (nearest edge) in its scroll container.
   */
  onFocus?: (node: HTMLElement) => void;
  /**
   * Arrow keys pressed while it is focused: return false to keep the library from moving focus
   * (a text field moving its caret, a slider changing its value).
   */
  onArrowPress?: (direction: string) => boolean;
}

export interface FocusTarget<E extends HTMLElement> {
  ref: RefObject<E>;
  focused: boolean;
  focusSelf: () => void;
  focusKey: string;
  /** Spread on the element as onFocus: keeps the library in step with mouse clicks, Tab and code. */
  onFocus: () => void;
}

/** True when the user asked the OS for less motion. */
function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Scrolls `node` into view in its scroll container(s), smoothly unless reduced motion is asked for. */
export function revealNode(node: HTMLElement): void {
  node.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
}

/** A focusable leaf. */
export function useFocusTarget<E extends HTMLElement = HTMLButtonElement>(options: FocusTargetOptions = {}): FocusTarget<E> {
  // The latest callbacks, read by stable handlers (so the library is not re-registered each render).
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const onFocusHandler = useCallback((layout: FocusableComponentLayout) => {
    const node = layout.node as HTMLElement | null;
    if (!node) return;
    const cb = latest.current.onFocus;
    if (cb) cb(node);
    else revealNode(node);
  }, []);
  // The element whose focus the library still holds may sit on a screen that is covered (inert)
  // because the screen on top has not taken the focus yet (it is still loading, or the machine is
  // busy). An arrow then must not move the focus on the covered screen: Back would land on the
  // wrong element. The screen on top handles its own keys meanwhile.
  const node = useRef<HTMLElement | null>(null);
  const onArrowHandler = useCallback((direction: string) => {
    if (node.current?.closest('[inert]')) return false;
    return latest.current.onArrowPress?.(direction) ?? true;
  }, []);
  const { ref, focused, focusKey } = useFocusable<object, E>({
    focusKey: options.focusKey,
    focusable: options.focusable ?? true,
    onFocus: onFocusHandler,
    onArrowPress: onArrowHandler,
  });
  useLayoutEffect(() => {
    node.current = ref.current as HTMLElement | null;
  });
  // Focused by code before it registered (a screen focusing its first element in a layout
  // effect): now that the library knows it, make its focus official (ring, remembered child).
  useEffect(() => {
    const el = ref.current as HTMLElement | null;
    if (el && el === document.activeElement) void setFocus(focusKey);
  }, [ref, focusKey]);
  const focusSelf = useCallback(() => void setFocus(focusKey), [focusKey]);
  const onFocus = useCallback(() => {
    if (getCurrentFocusKey() !== focusKey) void setFocus(focusKey);
  }, [focusKey]);
  return { ref, focused, focusSelf, focusKey, onFocus };
}

export interface FocusScreenProps extends Omit<HTMLAttributes<HTMLElement>, 'children' | 'onSubmit'> {
  focusKey: string;
  /** The child focused the first time (a focusKey inside); else the library picks the top-left one. */
  preferredChildFocusKey?: string;
  /** True while another screen or dialog is on top: it keeps its state and takes focus back after. */
  covered?: boolean;
  /**
   * False while the screen has nothing to focus yet (loading): it takes focus once ready (default
   * true). A screen that focuses its own element first (el.focus()) keeps that focus.
   */
  ready?: boolean;
  children: ReactNode;
  /** The element to render (default <div>; a dialog with a field may be a <form>). */
  as?: 'div' | 'main' | 'section' | 'form';
  /** For as="form". */
  noValidate?: boolean;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
}

/** A screen or dialog: a focus boundary that takes focus on mount and when uncovered. */
export function FocusScreen({ focusKey, preferredChildFocusKey, covered = false, ready = true, children, as = 'div', ...rest }: FocusScreenProps) {
  const { ref, focusKey: key } = useFocusable({
    focusKey,
    isFocusBoundary: true,
    saveLastFocusedChild: true,
    trackChildren: false,
    preferredChildFocusKey,
    focusable: !covered,
  });
  const takeFocus = useEffectEvent(() => {
    // Unless focus is already inside (a screen that focused its own first element).
    const current = getCurrentFocusKey();
    const node = ref.current as HTMLElement | null;
    const active = document.activeElement;
    if (current && current !== key && node && active && active !== document.body && node.contains(active)) return;
    void setFocus(key);
  });
  useEffect(() => {
    if (covered || !ready) return;
    // After the children registered (they do in their own effects, which run first).
    const t = setTimeout(takeFocus, 0);
    return () => clearTimeout(t);
  }, [covered, ready]);
  const Tag = as as 'div';
  return (
    <FocusContext.Provider value={key}>
      <Tag ref={ref} inert={covered || undefined} aria-hidden={covered || undefined} {...(rest as HTMLAttributes<HTMLDivElement>)}>
        {children}
      </Tag>
    </FocusContext.Provider>
  );
}

export interface FocusGroupProps {
  focusKey?: string;
  preferredChildFocusKey?: string;
  className?: string;
  children: ReactNode;
  as?: 'div' | 'ul' | 'ol' | 'section' | 'nav' | 'header';
  /** Keeps arrows in these directions inside the group (e.g. a keypad's grid). */
  boundary?: FocusDirection[];
  /** False: no "last focused child" memory (entering picks the child nearest the way in… top-left). */
  remember?: boolean;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  role?: string;
}

/** A row, column or grid inside a screen; returns to its last-focused child. */
export function FocusGroup({ focusKey, preferredChildFocusKey, className, children, as = 'div', boundary, remember = true, ...aria }: FocusGroupProps) {
  const boundaryKey = boundary?.join(',') ?? '';
  const directions = useMemo(() => (boundaryKey ? (boundaryKey.split(',') as FocusDirection[]) : undefined), [boundaryKey]);
  const { ref, focusKey: key } = useFocusable({
    focusKey,
    saveLastFocusedChild: remember,
    trackChildren: false,
    preferredChildFocusKey,
    isFocusBoundary: directions !== undefined,
    focusBoundaryDirections: directions,
  });
  const Tag = as;
  return (
    <FocusContext.Provider value={key}>
      <Tag ref={ref} className={className} {...aria}>
        {children}
      </Tag>
    </FocusContext.Provider>
  );
}

function assignRef<E>(ref: Ref<E> | undefined, el: E | null): void {
  if (typeof ref === 'function') ref(el);
  else if (ref) (ref as RefObject<E | null>).current = el;
}

/** A ref callback that feeds the focus target's ref and the caller's. */
function useMergedRef<E extends HTMLElement>(targetRef: RefObject<E>, ref: Ref<E> | undefined) {
  return useCallback(
    (el: E | null) => {
      assignRef(targetRef as Ref<E>, el);
      assignRef(ref, el);
    },
    [targetRef, ref],
  );
}

export interface FocusButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  ref?: Ref<HTMLButtonElement>;
  focusKey?: string;
  /** See FocusTargetOptions.onFocus (called on focus; default: scroll into view). */
  onFocusTarget?: (node: HTMLElement) => void;
  onArrowPress?: (direction: string) => boolean;
}

/** A <button> that takes part in spatial navigation (a disabled one is skipped). */
export function FocusButton({ ref, focusKey, onFocusTarget, onArrowPress, onFocus, type = 'button', ...props }: FocusButtonProps) {
  const t = useFocusTarget<HTMLButtonElement>({ focusKey, focusable: !props.disabled, onFocus: onFocusTarget, onArrowPress });
  const setRef = useMergedRef(t.ref, ref);
  return (
    <button
      {...props}
      type={type}
      ref={setRef}
      onFocus={(e: FocusEvent<HTMLButtonElement>) => {
        t.onFocus();
        onFocus?.(e);
      }}
    />
  );
}

export interface FocusInputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
  focusKey?: string;
}

/** A text <input>: Left/Right move the caret, Up/Down leave the field. */
export function FocusInput({ ref, focusKey, onFocus, ...props }: FocusInputProps) {
  const t = useFocusTarget<HTMLInputElement>({
    focusKey,
    focusable: !props.disabled,
    onArrowPress: (direction) => direction === 'up' || direction === 'down',
  });
  const setRef = useMergedRef(t.ref, ref);
  return (
    <input
      {...props}
      ref={setRef}
      onFocus={(e: FocusEvent<HTMLInputElement>) => {
        t.onFocus();
        onFocus?.(e);
      }}
    />
  );
}
