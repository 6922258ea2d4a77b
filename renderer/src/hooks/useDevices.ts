/**
 * The account's devices, kept fresh: fetched when the screen opens and again whenever the service
 * says the list changed. A background refresh keeps the list on screen (and focus where it is);
 * only the first load and "Try again" show the loading state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, CouchsideBridge, DeviceSummary } from '../../../shared/bridge';
import type { Load } from './useResult';

const FAILED: BridgeError = { code: 'failed', message: 'Something went wrong. Please try again.' };

export interface DevicesLoad {
  load: Load<DeviceSummary[]>;
  /** When the list on screen was fetched (ms since the epoch), for "Last active …" wording. */
  fetchedAt: number;
  /** Fetch again; `quiet` keeps the current list on screen while it does. */
  refresh: (quiet?: boolean) => void;
}

export function useDevices(bridge: CouchsideBridge): DevicesLoad {
  const [load, setLoad] = useState<Load<DeviceSummary[]>>({ status: 'loading' });
  const [fetchedAt, setFetchedAt] = useState(0);
  // Only the newest request may settle the state: older answers are dropped.
  const seq = useRef(0);
  const live = useRef(true);

  // Asks the service; only the callbacks touch state.
  const fetchList = useCallback(
    (quiet: boolean) => {
      const mine = ++seq.current;
      bridge.listDevices().then(
        (res) => {
          if (!live.current || mine !== seq.current) return;
          if (res.ok) {
            setLoad({ status: 'ok', value: res.value });
            setFetchedAt(Date.now());
            return;
          }
          // A failed background refresh keeps the list we have; the next event tries again.
          setLoad((prev) => (quiet && prev.status === 'ok' ? prev : { status: 'error', error: res.error }));
        },
        (err: unknown) => {
          if (!live.current || mine !== seq.current) return;
          console.error('couchside: listDevices failed', err);
          setLoad((prev) => (quiet && prev.status === 'ok' ? prev : { status: 'error', error: FAILED }));
        },
      );
    },
    [bridge],
  );

  const refresh = useCallback(
    (quiet = false) => {
      if (!quiet) setLoad({ status: 'loading' });
      fetchList(quiet);
    },
    [fetchList],
  );

  useEffect(() => {
    live.current = true;
    // The state starts as "loading", so the first fetch needs no state change of its own.
    fetchList(true);
    const off = bridge.onDevicesChanged(() => fetchList(true));
    return () => {
      live.current = false;
      off();
    };
  }, [bridge, fetchList]);

  return { load, fetchedAt, refresh };
}
