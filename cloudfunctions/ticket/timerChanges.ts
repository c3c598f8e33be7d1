/**
 * The loop the ticket timers share (`overdue.ts`, `autoClose.ts`): read the due tickets 100 at a
 * time in `orderField` order and apply one workflow command to each as the platform timer, through
 * `changes.ts runCommand` (one conditional update on the ticket's version, so a worker's change
 * landing first wins and the timer re-decides on what is there). A ticket the rule refuses
 * (an `AppError`: it changed meanwhile) is skipped; a page where nothing moved ends the run, and so
 * does the time budget of `shared/budget.ts` (the next run goes on). Returns how many changed.
 */
import { db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { AppError } from '../shared/errors';
import { runCommand } from './changes';
import type { Actor, Change, Command } from './domain/workflow';
import type { Ticket } from '../shared/model';
import { toTicket } from './tickets';

/** The platform timer as an actor of ticket changes (community filled in per ticket). */
export const TIMER_ACTOR: Actor = { id: 'timer', name: '系统', role: 'timer', communityId: '', gridIds: [] };

/**
 * Applies `command` as the timer to every ticket matching `where`, oldest `orderField` first.
 * `after` (optional) is called with each ticket changed and its change (e.g. to notify); it must not throw.
 */
export async function applyToDue(where: object, orderField: string, command: Command, after?: (t: Ticket, change: Change) => Promise<unknown>): Promise<number> {
  const spent = budget();
  let changed = 0;
  let tried = 0; // the budget is asked only after the first ticket: every run makes progress
  for (;;) {
    const { data } = await db.collection('tickets').where(where).orderBy(orderField, 'asc').limit(100).get();
    if (!data.length || (tried && spent())) break;
    let progressed = 0;
    for (const raw of data) {
      if (tried && spent()) break;
      tried += 1;
      const t = toTicket(raw);
      try {
        const done = await runCommand(t._id, { ...TIMER_ACTOR, communityId: t.communityId }, command, t);
        changed += 1;
        if (after) await after(done.ticket, done.change);
        progressed += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    if (!progressed) break;
  }
  return changed;
}
