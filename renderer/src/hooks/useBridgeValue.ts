/** A read of the host's own state that needs no error screen (app info, service info): loaded once per bridge. */
import { useEffect, useState } from 'react';
import type { CouchsideBridge } from '../../../shared/bridge';

/**
 * `read(bridge)`'s answer, null until it arrives; an answer after unmount is dropped and a failed
 * read leaves it null. `read` is called again only when the bridge changes (pass a function
 * defined outside the component). The setter replaces the value (e.g. with a newer answer).
 */
export function useBridgeValue<T>(bridge: CouchsideBridge, read: (bridge: CouchsideBridge) => Promise<T>): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    read(bridge).then(
      (v) => live && setValue(v),
      () => {},
    );
    return () => {
      live = false;
    };
    // `read` is a module-level function by contract; only a new bridge means a new read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge]);
  return [value, setValue];
}
