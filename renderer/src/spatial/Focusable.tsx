/**
 * The building blocks every screen uses for remote-control focus:
 *
 * - <FocusScreen focusKey="home">: a screen (or dialog). A focus boundary (arrows never leave it
 *   for the screen underneath), it remembers its last-focused child, and it takes focus when it
 *   mounts or is uncovered, landing on that child (so Back returns focus where it was).
 * - <FocusGroup focusKey="row-3">: a row or a column inside a screen; remembers its last child,
 *   so going up and down between rows comes back to the same tile.
 * - useFocusTarget(): for a leaf (button, link, input, tile). Spread `ref` on the element; DOM
 *   focus from a mouse click or Tab is fed back to the library so there is only ever one focus.
 */
import { useEffect, useEffectEvent, type ReactNode, type RefObject } from 'react';
import {
  FocusContext,
  useFocusable,
  type FocusableComponentLayout,
} from '@noriginmedia/norigin-spatial-navigation';

export interface FocusTargetOptions {
  focusKey?: string;
  /** False keeps it out of navigation (e.g. a disabled button). */
  focusable?: boolean;
  /** Called when it gets focus (arrows, mouse or Tab); e.g. to scroll it into view. */
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
  /** Spread on the element as onFocus: keeps the library in step with mouse clicks and Tab. */
  onFocus: () => void;
}

/** A focusable leaf. */
export function useFocusTarget<E extends HTMLElement = HTMLButtonElement>(options: FocusTargetOptions = {}): FocusTarget<E> {
  const { ref, focused, focusSelf, focusKey } = useFocusable<object, E>({
    focusKey: options.focusKey,
    focusable: options.focusable ?? true,
    onFocus: (layout: FocusableComponentLayout) => options.onFocus?.(layout.node as HTMLElement),
    onArrowPress: options.onArrowPress ? (direction) => options.onArrowPress!(direction) : undefined,
  });
  return {
    ref,
    focused,
    focusSelf: () => focusSelf(),
    focusKey,
    onFocus: () => {
      if (!focused) focusSelf();
    },
  };
}

export interface FocusScreenProps {
  focusKey: string;
  /** The child focused the first time (a focusKey inside); else the library picks the top-left one. */
  preferredChildFocusKey?: string;
  /** True while another screen or dialog is on top: it keeps its state and takes focus back after. */
  covered?: boolean;
  className?: string;
  children: ReactNode;
  /** The element to render (default <div>). */
  as?: 'div' | 'main' | 'section';
  'aria-label'?: string;
  'aria-labelledby'?: string;
  role?: string;
}

/** A screen or dialog: a focus boundary that takes focus on mount and when uncovered. */
export function FocusScreen({ focusKey, preferredChildFocusKey, covered = false, className, children, as = 'div', ...aria }: FocusScreenProps) {
  const { ref, focusKey: key, focusSelf } = useFocusable({
    focusKey,
    isFocusBoundary: true,
    saveLastFocusedChild: true,
    trackChildren: false,
    preferredChildFocusKey,
    focusable: !covered,
  });
  const takeFocus = useEffectEvent(() => focusSelf());
  useEffect(() => {
    if (covered) return;
    // After the children registered (they do in their own effects, which run first).
    const t = setTimeout(takeFocus, 0);
    return () => clearTimeout(t);
  }, [covered]);
  const Tag = as;
  return (
    <FocusContext.Provider value={key}>
      <Tag ref={ref} className={className} inert={covered || undefined} {...aria}>
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
  boundary?: ('up' | 'down' | 'left' | 'right')[];
  'aria-label'?: string;
  'aria-labelledby'?: string;
  role?: string;
}

/** A row, column or grid inside a screen; returns to its last-focused child. */
export function FocusGroup({ focusKey, preferredChildFocusKey, className, children, as = 'div', boundary, ...aria }: FocusGroupProps) {
  const { ref, focusKey: key } = useFocusable({
    focusKey,
    saveLastFocusedChild: true,
    trackChildren: false,
    preferredChildFocusKey,
    isFocusBoundary: boundary !== undefined,
    focusBoundaryDirections: boundary,
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
