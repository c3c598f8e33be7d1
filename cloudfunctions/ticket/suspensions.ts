/**
 * Timer job `resumeSuspensions` (issue 21; docs/case-loop-design.md §3 "恢复"): every suspended
 * (挂起) ticket whose return date (`suspension.untilDate`, local) has come is resumed by the platform
 * timer — the `resume` command of `domain/workflow.ts` written by `changes.ts runCommand` (one
 * conditional update on the ticket's version, so a worker's own resume or handling landing first
 * wins and the timer leaves it) — and its reporter and followers are told (`notify.ts`). The
 * deadline restarts where it stopped: moved on by the working days it stood still. Idempotent: a
 * resumed ticket no longer matches. Runs first in `ticketJobs`, before `markOverdue`, so a ticket
 * resumed onto a passed deadline is escalated in the same run.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { localDateOf } from '../shared/deadlines';
import { notifyProgress } from './notify';
import { applyToDue } from './timerChanges';

/** Resumes every suspension due at the clock's today. Returns how many were resumed now. */
export async function resumeSuspensions(): Promise<{ resumed: number }> {
  const _ = db.command;
  const today = localDateOf(clockNow());
  // a suspended ticket is in progress, not overdue, with no deadline (its clock stands still): index
  // status_overdue_due's equalities find the suspended ones only, whatever the number of open tickets
  const where = { status: 'inProgress', overdue: false, dueAt: null, 'suspension.untilDate': _.lte(today) };
  const resumed = await applyToDue(where, 'suspension.untilDate', { type: 'resume' }, (t, change) => notifyProgress(t, change));
  return { resumed };
}
