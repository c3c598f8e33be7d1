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
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { runCommand } from './changes';
import type { Actor } from './domain/workflow';
import { toTicket } from './tickets';

/** The platform timer as an actor of ticket changes (community filled in per ticket). */
export const TIMER_ACTOR: Actor = { id: 'timer', name: '系统', role: 'timer', communityId: '', gridIds: [] };

/** Escalates every overdue open ticket at the clock's now. Returns how many were escalated now. */
export async function markOverdue(): Promise<{ escalated: number }> {
  const _ = db.command;
  const now = clockNow();
  let escalated = 0;
  const spent = budget();
  for (;;) {
    const { data } = await db
      .collection('tickets')
      .where({ status: _.in(['pending', 'inProgress']), overdue: false, dueAt: _.lt(now) })
      .orderBy('dueAt', 'asc')
      .limit(100)
      .get();
    if (!data.length || spent()) break;
    let progressed = 0;
    for (const raw of data) {
      if (spent()) break;
      const t = toTicket(raw);
      try {
        await runCommand(t._id, { ...TIMER_ACTOR, communityId: t.communityId }, { type: 'escalate' }, t);
        escalated += 1;
        progressed += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    if (!progressed) break;
  }
  return { escalated };
}
