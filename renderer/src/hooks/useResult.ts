/** A keyed data hook over a Result-returning bridge call: a pure fetcher plus stale-answer guard. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, Result } from '../../../shared/bridge';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: BridgeError };

/**
 * Runs `fetch` whenever `key` changes (or `reload()` is called); answers for an older key or an
 * unmounted component are dropped, which is as close to aborting as a bridge call gets.
 */
export function useResult<T>(
  key: string,
  fetch: () => Promise<Result<T>>,
): [Load<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load<T>>({ status: 'loading' });
  // `fetch` is recreated each render; `key` says when the question changed.
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    fetchRef.current().then(
      (res) => {
        if (!live) return;
        setLoad(res.ok ? { status: 'ok', value: res.value } : { status: 'error', error: res.error });
      },
      (err: unknown) => {
        if (!live) return;
        console.error('couchside: bridge call failed', err);
        setLoad({
          status: 'error',
          error: { code: 'failed', message: 'Something went wrong. Please try again.' },
        });
      },
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [load, reload];
}
