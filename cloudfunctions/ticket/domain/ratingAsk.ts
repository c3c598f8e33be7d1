/**
 * Asking the reporter for a rating after closing (pure; issue 11 "Scheduled jobs"; DESIGN.md
 * "after closing the reporter is asked whether it was really fixed", after FixMyStreet's
 * questionnaire). Rule chosen here: once per closing, {@link RATING_ASK_HOURS} hours after it, in
 * daytime ({@link ASK_FROM_HOUR}–{@link ASK_UNTIL_HOUR} local, so elderly residents are not woken),
 * to the reporter of a `closed` ticket that has no rating for this closing, at most
 * {@link RATING_ASK_WITHIN_DAYS} days after the closing (older closings are not asked about).
 * A ticket reopened by an unsatisfied rating and closed again is asked again (`ratingAskedAt` is
 * compared with `closedAt`).
 */
import type { Ticket } from '../../shared/model';
import { local } from '../../shared/time';
import { addDays, addHours } from '../../shared/deadlines';

/** Hours after closing before the reporter is asked. */
export const RATING_ASK_HOURS = 4;
/** Closings older than this are never asked about. */
export const RATING_ASK_WITHIN_DAYS = 7;
/** Local hours in which asks go out: [from, until). */
export const ASK_FROM_HOUR = 9;
export const ASK_UNTIL_HOUR = 20;

type Askable = Pick<Ticket, 'status' | 'reporterId' | 'ratings' | 'reworks' | 'closedAt'> & { ratingAskedAt?: Date | null };

/** The oldest closing still asked about at `now`, and the newest old enough (for the query). */
export function askWindow(now: Date): { closedAfter: Date; closedBy: Date } {
  return { closedAfter: addDays(now, -RATING_ASK_WITHIN_DAYS), closedBy: addHours(now, -RATING_ASK_HOURS) };
}

/** True when asks may go out at `now` (local daytime). */
export function askingHours(now: Date): boolean {
  const hour = local(now).hour();
  return hour >= ASK_FROM_HOUR && hour < ASK_UNTIL_HOUR;
}

/** True when `t`'s reporter is to be asked for a rating at `now`. */
export function ratingAskDue(t: Askable, now: Date): boolean {
  if (t.status !== 'closed' || !t.reporterId || !t.closedAt) return false;
  if (t.ratings.length > t.reworks) return false; // rated for this closing
  if (t.ratingAskedAt && t.ratingAskedAt.getTime() >= t.closedAt.getTime()) return false;
  if (!askingHours(now)) return false;
  const { closedAfter, closedBy } = askWindow(now);
  return t.closedAt.getTime() <= closedBy.getTime() && t.closedAt.getTime() > closedAfter.getTime();
}
