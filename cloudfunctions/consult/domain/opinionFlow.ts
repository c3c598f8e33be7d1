/**
 * The rules of an opinion's life (意见建议, issue 20; docs/consultation-design.md §4), pure:
 *
 *   open ──accept──▶ accepted ──resolve──▶ resolved
 *     │                 │  └──answer───▶ answered        (答复 with a reason: not resolved)
 *     └─────────────────┴──ticket (ticket.fileCase)──▶ ticketed ──its ticket closed──▶ resolved
 *                                                          ▲──────── its ticket reworked ───┘
 *
 * `open` may also be resolved, answered or ticketed directly. The giver rates a resolved or answered
 * one once; 不满意 on a resolved one reopens it to `accepted` once (a new deadline), like a ticket's
 * 返工 — then, resolved again, it may be rated once more. A step that is already done (accepting an
 * accepted one, linking the same ticket again, resolving from the same ticket again) is a no-op, so
 * a retry never fails. Every other step from the wrong status: CONSULT.OPINION_WRONG_STATE.
 * Each change carries the events it appends (`at` = `now`).
 */
import { AppError } from '../../shared/errors';
import { addWorkingDays, localDateOf } from '../../shared/deadlines';
import type { Opinion, OpinionStatus } from '../../shared/model';

/** Who takes a step: a person's id and name, or the timer (`system`, 系统). */
export interface OpinionActor {
  id: string;
  name: string;
}

/** An opinion's rating (满意 / 基本满意 / 不满意). */
export type OpinionRatingValue = NonNullable<Opinion['rating']>['rating'];

/** What someone asks to do with an opinion. */
export type OpinionCommand =
  | { type: 'accept' }
  | { type: 'resolve'; what: string; when: string }
  | { type: 'answer'; text: string; reason: string }
  | { type: 'ticket'; ticketId: string }
  | { type: 'resolveFromTicket'; ticketId: string; what: string; when: string }
  | { type: 'rework'; ticketId: string }
  | { type: 'rate'; rating: OpinionRatingValue; comment: string };

/** One event of an opinion. */
export type OpinionEvent = Opinion['events'][number];

/** What a command does: nothing (`noop`), or the fields to set and the events to append. */
export type OpinionChange =
  | { noop: true }
  | { noop: false; set: Partial<Opinion>; events: OpinionEvent[]; to: OpinionStatus; final: boolean };

/** Statuses staff may still act on (受理, 解决, 答复, 转工单). */
export const OPEN_STATUSES: readonly OpinionStatus[] = ['open', 'accepted'];

/** The final steps the giver is told about. */
export const FINAL_STATUSES: readonly OpinionStatus[] = ['resolved', 'answered', 'ticketed'];

const NOOP: OpinionChange = { noop: true };

/** True while staff must still act and the reply deadline passed at `now` (whether or not the timer marked it). */
export function isOpinionOverdue(o: Pick<Opinion, 'status' | 'dueAt'>, now: Date): boolean {
  return OPEN_STATUSES.includes(o.status) && o.dueAt.getTime() < now.getTime();
}

/** How many times it was rated (its `rated` events). */
function ratings(o: Pick<Opinion, 'events'>): number {
  return o.events.filter((e) => e.type === 'rated').length;
}

/** True when its giver may rate it now: resolved or answered, and not rated since it was last reopened. */
export function canRate(o: Pick<Opinion, 'status' | 'events' | 'reopened'>): boolean {
  return (o.status === 'resolved' || o.status === 'answered') && ratings(o) <= o.reopened;
}

/** The reply deadline of an opinion given (or reopened) at `now` with `workingDays` to reply. */
export function dueAtFor(now: Date, workingDays: number): Date {
  return addWorkingDays(now, workingDays);
}

/**
 * Decides `cmd` on opinion `o` by `actor` at `now`. `workingDays`: the community's reply working
 * days (a reopening sets a new deadline). Errors: CONSULT.OPINION_WRONG_STATE,
 * CONSULT.OPINION_DATE_INVALID (resolve `when` after today), CONSULT.NOT_RATABLE,
 * CONSULT.OPINION_ALREADY_RATED.
 */
export function decideOpinion(o: Opinion, actor: OpinionActor, cmd: OpinionCommand, now: Date, workingDays: number): OpinionChange {
  const ev = (type: OpinionEvent['type'], note = ''): OpinionEvent => ({ type, at: now, actorId: actor.id, actorName: actor.name, note });
  const open = OPEN_STATUSES.includes(o.status);
  const wrong = () => new AppError('CONSULT.OPINION_WRONG_STATE', { status: o.status });
  switch (cmd.type) {
    case 'accept':
      if (o.status === 'accepted') return NOOP;
      if (o.status !== 'open') throw wrong();
      return { noop: false, set: { status: 'accepted' }, events: [ev('accepted')], to: 'accepted', final: false };
    case 'resolve':
      if (!open) throw wrong();
      if (cmd.when > localDateOf(now)) throw new AppError('CONSULT.OPINION_DATE_INVALID');
      return {
        noop: false,
        set: { status: 'resolved', resolution: { what: cmd.what, when: cmd.when, by: actor.id, byName: actor.name } },
        events: [ev('resolved', cmd.what)],
        to: 'resolved',
        final: true,
      };
    case 'answer':
      if (!open) throw wrong();
      return { noop: false, set: { status: 'answered', reply: { text: cmd.text, reason: cmd.reason } }, events: [ev('answered', cmd.text)], to: 'answered', final: true };
    case 'ticket':
      if (o.status === 'ticketed' && o.ticketId === cmd.ticketId) return NOOP;
      if (!open) throw wrong();
      return { noop: false, set: { status: 'ticketed', ticketId: cmd.ticketId }, events: [ev('ticketed', cmd.ticketId)], to: 'ticketed', final: true };
    case 'resolveFromTicket':
      if (o.ticketId !== cmd.ticketId) throw wrong();
      if (o.status === 'resolved') return NOOP;
      if (o.status !== 'ticketed') throw wrong();
      return {
        noop: false,
        set: { status: 'resolved', resolution: { what: cmd.what, when: cmd.when, by: actor.id, byName: actor.name } },
        events: [ev('resolved', cmd.what)],
        to: 'resolved',
        final: true,
      };
    case 'rework':
      if (o.ticketId !== cmd.ticketId) throw wrong();
      if (o.status === 'ticketed') return NOOP;
      if (o.status !== 'resolved') throw wrong();
      return { noop: false, set: { status: 'ticketed' }, events: [ev('reopened', '工单返工，重新处理')], to: 'ticketed', final: false };
    case 'rate': {
      if (o.status !== 'resolved' && o.status !== 'answered') throw new AppError('CONSULT.NOT_RATABLE');
      if (!canRate(o)) throw new AppError('CONSULT.OPINION_ALREADY_RATED');
      const rating = { rating: cmd.rating, comment: cmd.comment, at: now };
      const rated = ev('rated', cmd.comment);
      if (cmd.rating === 'unsatisfied' && o.status === 'resolved' && o.reopened === 0) {
        return {
          noop: false,
          set: { status: 'accepted', rating, reopened: 1, dueAt: dueAtFor(now, workingDays), overdue: false },
          events: [rated, ev('reopened', '居民评价不满意，重新办理')],
          to: 'accepted',
          final: false,
        };
      }
      return { noop: false, set: { rating }, events: [rated], to: o.status, final: false };
    }
  }
}
