/**
 * The page's unhandled errors in the host's log (the bridge's reportError): checked like any
 * bridge argument, cut to a sane length, and capped so a page throwing in a loop cannot fill the
 * disk (at most 20 a minute; then one line saying how many were left out).
 */
import type { Logger } from './log';

export const MAX_REPORTS_PER_MINUTE = 20;
const MAX_TEXT = 4_000;
const KINDS = new Set(['error', 'rejection', 'react']);

/** A reporter for one page host; `now` is for tests. */
export function rendererErrorLog(log: Logger, now: () => number = Date.now): (report: unknown) => void {
  let windowStart = 0;
  let inWindow = 0;
  let dropped = 0;
  return (report) => {
    if (!report || typeof report !== 'object') return;
    const r = report as Record<string, unknown>;
    if (typeof r.message !== 'string' || !KINDS.has(r.kind as string)) return;
    const t = now();
    if (t - windowStart >= 60_000) {
      if (dropped > 0) log.warn(`renderer: ${dropped} more error(s) in the last minute were not logged`);
      windowStart = t;
      inWindow = 0;
      dropped = 0;
    }
    if (++inWindow > MAX_REPORTS_PER_MINUTE) {
      dropped += 1;
      return;
    }
    const stack = typeof r.stack === 'string' ? r.stack.slice(0, MAX_TEXT) : undefined;
    log.error(`renderer: ${r.kind}: ${r.message.slice(0, MAX_TEXT)}`, stack ? { stack } : undefined);
  };
}
