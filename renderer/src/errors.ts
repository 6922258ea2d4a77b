/** Sends the page's unhandled errors to the host's log (bridge.reportError), so a person can find them. */
import type { CouchsideBridge, ErrorReport } from '../../shared/bridge';

const describe = (e: unknown): { message: string; stack?: string } =>
  e instanceof Error ? { message: `${e.name}: ${e.message}`, stack: e.stack } : { message: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };

/** One report, never throwing (a log that fails must not cause another error). */
export function reportError(bridge: CouchsideBridge, kind: ErrorReport['kind'], error: unknown): void {
  bridge.reportError({ kind, ...describe(error) }).catch(() => {});
}

/** Forwards window errors and unhandled rejections for the page's life. */
export function forwardPageErrors(bridge: CouchsideBridge, target: Window = window): void {
  target.addEventListener('error', (e) => reportError(bridge, 'error', e.error ?? e.message));
  target.addEventListener('unhandledrejection', (e) => reportError(bridge, 'rejection', e.reason));
}
