/**
 * Timer job: closing tickets whose follow-up window has passed (rule: `domain/autoClose.ts`,
 * 7 days after handling). Each close is the `autoClose` command of `domain/workflow.ts` written by
 * `changes.ts runCommand` — one conditional update on the ticket's version — so it never races a
 * worker: if the worker's close (or a rework) lands first, the timer re-reads, the rule refuses
 * (TICKET.WRONG_STATE) and the ticket is left as the worker made it; exactly one `closed` event
 * is ever written. No message is sent here: the rating ask (`ratingAsks.ts`) tells the reporter.
 * Idempotent: a closed ticket no longer matches. A community problem closes only once a passed
 * on-site check (核查, issue 21) is recorded; until then the query leaves it out.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { FOLLOW_UP_WINDOW_DAYS } from './domain/autoClose';
import { addDays } from '../shared/deadlines';
import { applyToDue } from './timerChanges';
import { creditMediators } from './mediation';
import { COMMUNITY_PROBLEMS } from '../shared/tickets/audience';

/** Closes every ticket handled more than the follow-up window ago. Returns how many were closed now. */
export async function autoCloseHandled(): Promise<{ autoClosed: number }> {
  const _ = db.command;
  // a community problem only once checked (核查, issue 21): an unchecked one waits for its check, and is not read again each run
  // (two branches, each led by status and handledAt: index status_handled serves both in handledAt order)
  const due = { status: 'handled', handledAt: _.lte(addDays(clockNow(), -FOLLOW_UP_WINDOW_DAYS)) };
  const where = _.or([{ ...due, category: _.nin(COMMUNITY_PROBLEMS) }, { ...due, 'verification.passed': true }]);
  // a dispute closed with mediators (issue 22): each is credited a mediation, once
  const autoClosed = await applyToDue(where, 'handledAt', { type: 'autoClose' }, (t) => (t.mediatorIds?.length ? creditMediators(t) : Promise.resolve()));
  return { autoClosed };
}
