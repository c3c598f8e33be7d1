/**
 * Auto-closing (pure; issue 11 "Scheduled jobs": "auto-closes tickets whose follow-up window has
 * passed"). Neither GLOSSARY.md nor DESIGN.md fixes the window; the rule chosen here, from 12345
 * hotline practice (a handled case the reporter does not answer about is closed when the review
 * period ends): a ticket `handled` for {@link FOLLOW_UP_WINDOW_DAYS} days without being closed is
 * closed by the platform timer (actor role `timer`), with a public `closed` event saying so. Its
 * on-time flag is the one handling earned (`handledOnTime`), as for a worker's close; the follow-ups
 * done are recorded in the event, so the statistics still see a close without any follow-up.
 * Errors: COMMON.FORBIDDEN (not the timer), TICKET.WRONG_STATE (not handled, or still in the window
 * — e.g. a worker closed it or a rework reopened it first).
 */
import { AppError } from '../../shared/errors';
import type { Ticket, TicketEvent } from '../../shared/model';
import { addDays } from '../../shared/deadlines';

/** Days after handling when a ticket nobody closed is closed by the timer. */
export const FOLLOW_UP_WINDOW_DAYS = 7;

/** When `t`'s follow-up window ends (null unless handled). */
export function followUpWindowEnd(t: Pick<Ticket, 'status' | 'handledAt'>): Date | null {
  return t.status === 'handled' && t.handledAt ? addDays(t.handledAt, FOLLOW_UP_WINDOW_DAYS) : null;
}

/** True when the timer closes `t` at `now`. */
export function autoCloseDue(t: Pick<Ticket, 'status' | 'handledAt'>, now: Date): boolean {
  const end = followUpWindowEnd(t);
  return !!end && end.getTime() <= now.getTime();
}

/** The change that closes `t` at `now` for the timer `actor` (same shape as `workflow.decide`'s). */
export function decideAutoClose(
  t: Ticket,
  actor: { id: string; name: string; role: string },
  now: Date,
): { set: Partial<Ticket>; events: Omit<TicketEvent, 'at'>[]; to: 'closed' } {
  if (actor.role !== 'timer') throw new AppError('COMMON.FORBIDDEN');
  if (!autoCloseDue(t, now)) throw new AppError('TICKET.WRONG_STATE', { status: t.status });
  return {
    set: { status: 'closed', closedAt: now, closedOnTime: t.handledOnTime !== false, dueAt: null, overdue: false },
    events: [
      {
        type: 'closed',
        actorId: actor.id,
        actorName: actor.name,
        actorRole: 'timer',
        from: 'handled',
        to: 'closed',
        note: `处理后 ${FOLLOW_UP_WINDOW_DAYS} 天回访期已满，系统自动办结`,
        public: true,
        detail: { auto: true, followUps: t.followUps },
      },
    ],
    to: 'closed',
  };
}
