/** Kiosk mode as the host says it is: the latest kiosk-changed event, else the first getKiosk(). */
import { useCallback, useEffect, useState } from 'react';
import type { CouchsideBridge, KioskState } from '../../../shared/bridge';
import { isKioskState, KIOSK_OFF } from '../kiosk';

/**
 * Null until the host answers. A host that cannot say (an error, or an older host without the
 * verb) means kiosk mode is off. `apply` takes a state a kiosk verb answered with, so the screen
 * follows at once even before the event arrives.
 */
export function useKiosk(bridge: CouchsideBridge): [KioskState | null, (state: KioskState) => void] {
  const [state, setState] = useState<KioskState | null>(null);
  useEffect(() => {
    let live = true;
    let heardEvent = false;
    if (typeof bridge.getKiosk !== 'function') {
      // Set from a microtask, like an answer, rather than during the effect itself.
      void Promise.resolve().then(() => live && setState(KIOSK_OFF));
      return () => {
        live = false;
      };
    }
    const off =
      typeof bridge.onKioskChanged === 'function'
        ? bridge.onKioskChanged((next) => {
            if (!isKioskState(next)) return;
            heardEvent = true;
            if (live) setState(next);
          })
        : () => {};
    let first: Promise<KioskState>;
    try {
      first = bridge.getKiosk();
    } catch (err) {
      first = Promise.reject(err);
    }
    first.then(
      (answer) => {
        // An event that arrived meanwhile is newer than this answer.
        if (live && !heardEvent) setState(isKioskState(answer) ? answer : KIOSK_OFF);
      },
      (err: unknown) => {
        console.error('couchside: getKiosk failed', err);
        if (live && !heardEvent) setState(KIOSK_OFF);
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  const apply = useCallback((next: KioskState) => {
    if (isKioskState(next)) setState(next);
  }, []);
  return [state, apply];
}
