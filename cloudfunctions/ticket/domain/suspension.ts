/**
 * The clock of a suspended ticket (挂起, issue 21; docs/case-loop-design.md §3), pure: how long it
 * stood still and where its deadline goes when it resumes. Counted with the one working-day calendar
 * of `shared/deadlines.ts` `addWorkingDays` (the calendar the deadline was set with), so that a
 * resumed deadline is always one the calendar gives.
 */
import { addWorkingDays, endOfLocalDay, localDateOf } from '../../shared/deadlines';
import type { Ticket } from '../../shared/model';
import { dayjs, KIOSK_TZ } from '../../shared/time';

/**
 * Working days in (local date of `from`, local date of `to`]: the n with addWorkingDays(from, n) ≤
 * the end of `to`'s local date < addWorkingDays(from, n + 1). 0 when `to` is on or before `from`'s
 * date. O(n) calls of `addWorkingDays(·, 1)`.
 */
export function workingDaysStood(from: Date, to: Date): number {
  const end = endOfLocalDay(localDateOf(to)).getTime();
  let n = 0;
  let d = addWorkingDays(from, 1);
  while (d.getTime() <= end) {
    n += 1;
    d = addWorkingDays(d, 1);
  }
  return n;
}

/** Calendar days between the local dates of `from` and `to` (0 on the same day, never negative). */
export function calendarDaysStood(from: Date, to: Date): number {
  const a = dayjs.tz(localDateOf(from), 'YYYY-MM-DD', KIOSK_TZ);
  const b = dayjs.tz(localDateOf(to), 'YYYY-MM-DD', KIOSK_TZ);
  return Math.max(0, Math.round(b.diff(a, 'day', true)));
}

/**
 * What ending `t`'s suspension at `now` sets: the deadline moved on by the working days it stood
 * still (the clock restarts where it stopped; `fallback` when there was no deadline), the calendar
 * days added to `suspendedDays`, no suspension. Also the days (for the event). `t` must be suspended.
 */
export function endSuspension(t: Pick<Ticket, 'suspension' | 'suspendedDays'>, now: Date, fallback: Date): { set: { dueAt: Date; suspendedDays: number; suspension: null; overdue: false }; days: number; workingDays: number } {
  const s = t.suspension!;
  const workingDays = workingDaysStood(s.at, now);
  const days = calendarDaysStood(s.at, now);
  const dueAt = s.dueAtBefore ? (workingDays ? addWorkingDays(s.dueAtBefore, workingDays) : s.dueAtBefore) : fallback;
  return { set: { dueAt, suspendedDays: (t.suspendedDays ?? 0) + days, suspension: null, overdue: false }, days, workingDays };
}

