/**
 * One tap's call at a time, for a card with buttons: `run(() => call(…))` does nothing while a call
 * runs (`busy`), clears the last error, and on failure keeps the answer's error (its Chinese message
 * for the card to show); on success it calls `done` (close the question, reload the page…).
 */
import { useState } from 'react';
import type { CallError, CallResult } from '../services/cloud';

export function useBusyCall(done: () => void): { busy: boolean; error: CallError | null; setError: (e: CallError | null) => void; run: (p: () => Promise<CallResult<unknown>>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const run = async (p: () => Promise<CallResult<unknown>>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await p();
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    done();
  };
  return { busy, error, setError, run };
}
