/** Pure helpers for keeping the focused element in view (focus movement itself is spatial/). */

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
