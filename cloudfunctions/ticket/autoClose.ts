/**
 * Timer job: closing tickets whose follow-up window has passed (rule: `domain/autoClose.ts`,
 * 7 days after handling). Each close is the `autoClose` command of `domain/workflow.ts` written by
 * `changes.ts runCommand` — one conditional update on the ticket's version — so it never races a
 * worker: if the worker's close (or a rework) lands first, the timer re-reads, the rule refuses
 * (TICKET.WRONG_STATE) and the ticket is left as the worker made it; exactly one `closed` event
 * is ever written. No message is sent here: the rating ask (`ratingAsks.ts`) tells the reporter.
 * Idempotent: a closed ticket no longer matches.
 */
import { db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { runCommand } from './changes';
import { FOLLOW_UP_WINDOW_DAYS } from './domain/autoClose';
import { addDays } from './domain/deadlines';
import { TIMER_ACTOR } from './overdue';
import { toTicket } from './tickets';

/** Closes every ticket handled more than the follow-up window ago. Returns how many were closed now. */
export async function autoCloseHandled(): Promise<{ autoClosed: number }> {
  const _ = db.command;
  const now = clockNow();
  let autoClosed = 0;
  const spent = budget();
  for (;;) {
    const { data } = await db
      .collection('tickets')
      .where({ status: 'handled', handledAt: _.lte(addDays(now, -FOLLOW_UP_WINDOW_DAYS)) })
      .orderBy('handledAt', 'asc')
      .limit(100)
      .get();
    if (!data.length || spent()) break;
    let progressed = 0;
    for (const raw of data) {
      if (spent()) break;
      const t = toTicket(raw);
      try {
        await runCommand(t._id, { ...TIMER_ACTOR, communityId: t.communityId }, { type: 'autoClose' }, t);
        autoClosed += 1;
        progressed += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    if (!progressed) break;
  }
  return { autoClosed };
}
