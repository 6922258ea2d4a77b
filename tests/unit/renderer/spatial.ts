/**
 * Spatial navigation in jsdom, which has no layout (getBoundingClientRect is all zeros): starts
 * the library as main.tsx does and gives every element a deterministic box, close enough to the
 * app's CSS for arrow keys to mean what they mean on screen:
 *
 * - focusable leaves (buttons, inputs) sit on lines, top to bottom in document order; the leaves
 *   of one horizontal container (a row of tiles, a dialog's buttons, a radio row, the top bar…)
 *   share a line, left to right (a header's at the right-hand end); the keypad's grid is three
 *   keys a line; the on-screen keyboard's (.osk) six columns a line, a wide key taking two;
 * - any other element's box is the union of the leaves inside it (zeros when there are none).
 *
 * Call useTestLayout() at the top of a test file.
 */
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FocusButton, focusKey, initSpatialNavigation } from '../../../renderer/src/spatial';

/** Containers whose focusables sit side by side in the app's CSS. */
const HORIZONTAL = [
  '.choices',
  '.maturity-choices',
  '.dialog__actions',
  '.row__list',
  '.topbar__right',
  '.settings__bar',
  '.picker__list',
  '.lock-row__actions',
  '.devices__footer',
  '.kiosk-form__actions',
  '.confirm-page__actions',
  '.hero__actions',
  '.episodes__seasons',
].join(', ');

/** Containers drawn at the right-hand end of the screen (a header's buttons). */
const RIGHT = '.settings__bar, .topbar__right';
const RIGHT_X = 1200;

const W = 150;
const H = 80;
const LINE = 100;
const COL = 200;

const LEAVES = 'button, input, textarea, select, a[href]';

function rect(x: number, y: number, width: number, height: number): DOMRect {
  return {
    x,
    y,
    left: x,
    top: y,
    width,
    height,
    right: x + width,
    bottom: y + height,
    toJSON() {
      return this;
    },
  } as DOMRect;
}

/** The boxes of every leaf in the document, laid out as described above. */
function layoutLeaves(doc: Document): Map<Element, DOMRect> {
  const boxes = new Map<Element, DOMRect>();
  const lines = new Map<unknown, { y: number; count: number }>();
  let nextY = 0;
  for (const leaf of Array.from(doc.querySelectorAll(LEAVES))) {
    const osk = leaf.parentElement?.classList.contains('osk') ? leaf.parentElement : null;
    if (osk) {
      // Six columns; a wide key (Space, Delete, Clear, Shift) spans two.
      let col = 0;
      let row = 0;
      for (const k of Array.from(osk.children)) {
        const span = k.classList.contains('osk__key--wide') ? 2 : 1;
        if (col + span > 6) {
          col = 0;
          row += 1;
        }
        if (k === leaf) break;
        col += span;
      }
      const key = `osk:${Array.from(doc.querySelectorAll('.osk')).indexOf(osk)}:${row}`;
      let line = lines.get(key);
      if (!line) {
        line = { y: nextY, count: 0 };
        nextY += LINE;
        lines.set(key, line);
      }
      const wide = leaf.classList.contains('osk__key--wide');
      boxes.set(leaf, rect(col * COL, line.y, wide ? COL + W : W, H));
      continue;
    }
    let key: unknown;
    const grid = leaf.parentElement?.classList.contains('keypad__grid') ? leaf.parentElement : null;
    if (grid) {
      key = `${Array.from(doc.querySelectorAll('.keypad__grid')).indexOf(grid)}:${Math.floor(Array.from(grid.children).indexOf(leaf) / 3)}`;
    } else {
      key = leaf.closest(HORIZONTAL) ?? leaf;
    }
    let line = lines.get(key);
    if (!line) {
      line = { y: nextY, count: 0 };
      nextY += LINE;
      lines.set(key, line);
    }
    const x0 = leaf.closest(RIGHT) ? RIGHT_X : 0;
    boxes.set(leaf, rect(x0 + line.count * COL, line.y, W, H));
    line.count += 1;
  }
  return boxes;
}

/** The layout, kept while one synchronous run measures many elements (one arrow press). */
let cached: { doc: Document; boxes: Map<Element, DOMRect> } | null = null;

function currentLayout(doc: Document): Map<Element, DOMRect> {
  if (cached?.doc !== doc) {
    cached = { doc, boxes: layoutLeaves(doc) };
    queueMicrotask(() => {
      cached = null;
    });
  }
  return cached.boxes;
}

function measure(el: Element): DOMRect {
  const boxes = currentLayout(el.ownerDocument);
  const own = boxes.get(el);
  if (own) return own;
  let box: { l: number; t: number; r: number; b: number } | null = null;
  for (const [leaf, r] of boxes) {
    if (!el.contains(leaf)) continue;
    box = box
      ? { l: Math.min(box.l, r.left), t: Math.min(box.t, r.top), r: Math.max(box.r, r.right), b: Math.max(box.b, r.bottom) }
      : { l: r.left, t: r.top, r: r.right, b: r.bottom };
  }
  return box ? rect(box.l, box.t, box.r - box.l, box.b - box.t) : rect(0, 0, 0, 0);
}

let original: typeof Element.prototype.getBoundingClientRect | null = null;

export function useTestLayout(): void {
  beforeAll(() => {
    original = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      return measure(this);
    };
    initSpatialNavigation();
  });
  afterEach(async () => {
    // The library is one instance for the whole file and remembers the key it last focused. A
    // screen mounted again under the same keys would count that key as its last-focused child, and
    // the next test would start where the last one ended. Park the focus on a throwaway button.
    cleanup();
    const park = render(createElement(FocusButton, { focusKey: 'test-park' }, 'park'));
    await focusKey('test-park');
    park.unmount();
  });
  afterAll(() => {
    if (original) Element.prototype.getBoundingClientRect = original;
  });
}
