/**
 * Timer job: marking and escalating overdue tickets (issue 9 "Deadlines", issue 11 "Scheduled
 * jobs"). Every open ticket (`pending` or `inProgress`) past its `dueAt` and not yet marked gets
 * the `escalate` change of `domain/workflow.ts`: `overdue: true`, on its community's hard-case list
 * (`hardCase: true`, reason `overdue` unless it already had one), and a private `escalated` event by
 * the timer. Written with `changes.ts runCommand` (conditional on the ticket's version), so a
 * worker's accept or handle landing first wins and the timer re-decides on what is there now (an
 * accepted ticket has a new deadline, so it is no longer escalated). Idempotent: a marked ticket
 * no longer matches the query or the rule.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { applyToDue } from './timerChanges';

/** Escalates every overdue open ticket at the clock's now. Returns how many were escalated now. */
export async function markOverdue(): Promise<{ escalated: number }> {
  const _ = db.command;
  const escalated = await applyToDue({ status: _.in(['pending', 'inProgress']), overdue: false, dueAt: _.lt(clockNow()) }, 'dueAt', { type: 'escalate' });
  return { escalated };
}
