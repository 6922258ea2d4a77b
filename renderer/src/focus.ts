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

/**
 * How far to scroll a strip so [start, end] sits inside [viewStart + pad, viewEnd - pad]
 * (0 when it already does; the start wins when the item is wider than the view).
 */
export function revealDelta(
  start: number,
  end: number,
  viewStart: number,
  viewEnd: number,
  pad: number,
): number {
  if (start < viewStart + pad) return start - (viewStart + pad);
  if (end > viewEnd - pad) return Math.min(end - (viewEnd - pad), start - (viewStart + pad));
  return 0;
}
