/**
 * Re-checks the session when the machine wakes or the screen unlocks (revocations may have
 * happened meanwhile), and when a window regains focus after a long idle.
 */
import { app, powerMonitor } from 'electron';
import type { SessionManager } from '../core/session-manager';

export function setupPowerMonitor(session: SessionManager): void {
  const check = () => void session.verify();
  powerMonitor.on('resume', check);
  powerMonitor.on('unlock-screen', check);
  app.on('browser-window-focus', () => void session.checkIfStale());
}
