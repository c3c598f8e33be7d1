/**
 * A time budget for timer jobs. A function has a time limit (config.json `timeout`, 20 s here) and a
 * trigger runs several jobs in turn; a job facing a backlog stops when its budget is spent and the
 * next run (10 minutes later) continues — every job is idempotent and each item is one atomic update,
 * so stopping between items loses nothing. Measured in real elapsed time, not the kiosk's clock.
 */

/** Milliseconds one job may spend per run. */
export const JOB_BUDGET_MS = 5_000;

/** A function that answers true once `ms` milliseconds have passed since it was made. */
export function budget(ms = JOB_BUDGET_MS): () => boolean {
  const started = Date.now();
  return () => Date.now() - started > ms;
}
