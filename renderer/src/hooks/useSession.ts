/** The session state as the route guard sees it: the latest event, else the first getState(). */
import { useEffect, useState } from 'react';
import type { CouchsideBridge, SessionState } from '../../../shared/bridge';

/** Subscribes to session changes and asks once on mount; null until the first answer. */
export function useSession(bridge: CouchsideBridge): SessionState | null {
  const [state, setState] = useState<SessionState | null>(null);
  useEffect(() => {
    let live = true;
    let heardEvent = false;
    const off = bridge.onSessionChanged((next) => {
      heardEvent = true;
      if (live) setState(next);
    });
    bridge.getState().then(
      (first) => {
        // An event that arrived meanwhile is newer than this answer.
        if (live && !heardEvent) setState(first);
      },
      (err: unknown) => console.error('couchside: getState failed', err),
    );
    // Back in the foreground (tab shown, window focused, machine woken): let the host re-check
    // the session if it has not for a while. It decides whether that is due.
    const check = () => {
      if (document.visibilityState === 'visible') void bridge.checkSession().catch(() => {});
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      live = false;
      off();
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [bridge]);
  return state;
}
