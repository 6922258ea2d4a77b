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
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return state;
}
