/**
 * A time budget for timer jobs. A function has a time limit (config.json `timeout`, 20 s here) and a
 * trigger runs several jobs in turn; a job facing a backlog stops when its budget is spent and the
 * next run (10 minutes later) continues — every job is idempotent and each item is one atomic update,
 * so stopping between items loses nothing. Measured in real elapsed time, not the kiosk's clock.
 */

/** Milliseconds one job may spend per run. */
export const JOB_BUDGET_MS = 5_000;

/**
 * The budget of one job's run in milliseconds: {@link JOB_BUDGET_MS}, or the function environment's
 * `KIOSK_JOB_BUDGET_MS` when it is a number ≥ 0 — set only by the local runtime's tests to make a
 * job stop after its first batch (`0`), never on CloudBase (docs/deploy.md lists what is set there).
 */
export function jobBudgetMs(): number {
  const v = process.env.KIOSK_JOB_BUDGET_MS;
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : JOB_BUDGET_MS;
}

/**
 * A function that answers true once `ms` milliseconds have passed since it was made (default
 * {@link jobBudgetMs}). A job asks it between batches, after its first: every run makes progress,
 * and with a budget of 0 a run is exactly one batch.
 */
export function budget(ms = jobBudgetMs()): () => boolean {
  const started = Date.now();
  return () => Date.now() - started >= ms;
}
