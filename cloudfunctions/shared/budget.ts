/**
 * A time budget for timer jobs. A function has a time limit (config.json `timeout`, 20 s here) and a
 * trigger runs several jobs in turn; a job facing a backlog stops when its budget is spent and the
 * next run (10 minutes later) continues — every job is idempotent and each item is one atomic update,
 * so stopping between items loses nothing. Measured in real elapsed time, not the kiosk's clock.
 *
 * A timer that runs several jobs (`ticketJobs`) gives the whole run ONE budget ({@link runJobs},
 * {@link RUN_BUDGET_MS}): each job in turn gets a fair share of what is left (what one leaves unused
 * goes to those after it), so the run's jobs together stop near that budget — not at the sum of
 * their own — and the function's timeout is never what stops them. Each job still does at least one
 * item a run (its loop asks the budget only after its first), so none starves behind another's
 * backlog; the overrun past the budget is at most one item per job (a WeCom post gives up after
 * 3 s, `shared/wecom.ts`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

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
 * Milliseconds a timer run of several jobs ({@link runJobs}) may spend in all: 8 s of a 20 s timeout,
 * leaving room for one item in flight per job past its share (≈ 0.1 s for a ticket change or an ask
 * at 20 ms a database call; up to 3 s for a WeCom post) and the function's start.
 */
export const RUN_BUDGET_MS = 8_000;

/** The budget of a whole timer run: {@link RUN_BUDGET_MS}, or `KIOSK_JOB_BUDGET_MS` when set (tests; see {@link jobBudgetMs}). */
export function runBudgetMs(): number {
  return process.env.KIOSK_JOB_BUDGET_MS !== undefined && process.env.KIOSK_JOB_BUDGET_MS !== '' ? jobBudgetMs() : RUN_BUDGET_MS;
}

/** The deadline (epoch ms) of the job running now inside {@link runJobs}, if any. */
const share = new AsyncLocalStorage<{ deadline: number }>();

/**
 * A function that answers true once `ms` milliseconds have passed since it was made (default
 * {@link jobBudgetMs}) — or, inside {@link runJobs}, once the job's share of the run is used up,
 * whichever comes first. A job asks it between items, after its first: every run makes progress,
 * and with a budget of 0 a run does one item (one batch) of each job.
 */
export function budget(ms = jobBudgetMs()): () => boolean {
  const until = Math.min(Date.now() + ms, share.getStore()?.deadline ?? Infinity);
  return () => Date.now() >= until;
}

/**
 * Runs `jobs` in turn within ONE budget of `totalMs` (default {@link runBudgetMs}): job i may use
 * (what is left of the run) / (jobs still to run) — its `budget()` answers spent after that. Answers
 * every job's result merged into one object (later keys win); logs each job's run time in
 * milliseconds (`[jobs] ms: …`, the function's log). A job that throws stops the run (as before).
 */
export async function runJobs(jobs: (() => Promise<object>)[], totalMs = runBudgetMs()): Promise<Record<string, unknown>> {
  const runEnds = Date.now() + totalMs;
  const out: Record<string, unknown> = {};
  const jobMs: number[] = [];
  for (let i = 0; i < jobs.length; i += 1) {
    const start = Date.now();
    const deadline = start + Math.max(0, runEnds - start) / (jobs.length - i);
    Object.assign(out, await share.run({ deadline }, jobs[i]));
    jobMs.push(Date.now() - start);
  }
  console.log(`[jobs] ms: ${jobMs.join(' ')} (run budget ${totalMs} ms)`);
  return out;
}
