/** Pure helpers for remote-control focus movement (spatial navigation). */

/** The index in a list after moving by `delta`, clamped to the ends (no wrap-around). */
export function step(index: number, length: number, delta: number): number {
  if (length <= 0) return -1;
  return Math.max(0, Math.min(length - 1, index + delta));
}

/** The index of the box whose horizontal centre is nearest `x` (ties go to the first). */
export function nearestByX(boxes: readonly { left: number; width: number }[], x: number): number {
  let best = -1;
  let bestDist = Infinity;
  boxes.forEach((b, i) => {
    const d = Math.abs(b.left + b.width / 2 - x);
    if (d < bestDist) {
      best = i;
      bestDist = d;
    }
  });
  return best;
}

/** Focuses an element and keeps it in view, smoothly unless the user asked for less motion. */
export function focusAndReveal(el: HTMLElement | null | undefined, smooth: boolean): void {
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
}
