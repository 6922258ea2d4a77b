/** Re-checks the session when the machine wakes or the screen unlocks: revocations may have happened meanwhile. */
import { app, powerMonitor } from 'electron';
import type { SessionManager } from '../core/session-manager';

const FOCUS_RECHECK_AFTER_MS = 5 * 60_000;

export function setupPowerMonitor(session: SessionManager): void {
  const check = () => void session.verify();
  powerMonitor.on('resume', check);
  powerMonitor.on('unlock-screen', check);
  let lastCheck = Date.now();
  app.on('browser-window-focus', () => {
    if (Date.now() - lastCheck > FOCUS_RECHECK_AFTER_MS) check();
    lastCheck = Date.now();
  });
}
