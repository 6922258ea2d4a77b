/** One clock for every bench process: wall-clock epoch milliseconds with sub-millisecond resolution. */
import { performance } from 'node:perf_hooks';

/** `performance.timeOrigin + performance.now()`: comparable across processes on the same machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` milliseconds (the timer does not keep the process alive). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
