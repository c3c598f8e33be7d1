/**
 * Loads one remote result for a page and keeps its state: `loading`, `ok` (with data) or `error`
 * (with the Chinese message). `reload()` fetches again (e.g. on page show, after a retry tap).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallError, CallResult } from '../services/cloud';

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: CallError };

export function useRemote<T>(load: () => Promise<CallResult<T>>, deps: unknown[] = []): Remote<T> & { reload: () => void } {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const seq = useRef(0);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    load().then((r) => {
      if (mine !== seq.current) return; // a newer load superseded this one
      setRemote(r.ok ? { state: 'ok', data: r.data } : { state: 'error', error: r.error });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...remote, reload };
}
