/**
 * Ticket deadlines (pure; issue 9 "Deadlines"): a ticket must be accepted within 24 hours of being
 * reported, and handled within its category's limit — counted in working days (issue 21,
 * shared/workdays.ts), 5 unless the community sets another (`Community.tickets.handleDays`). An admin's supervision deadline (督办) replaces a later one.
 * Instants are `Date`; dates are local `YYYY-MM-DD` (Asia/Shanghai); a deadline date means the end
 * of that local day.
 */
import type { Ticket, TicketCategory, TicketSettings } from './model';
import { dayjs, KIOSK_TZ, local } from './time';

/** Hours to accept a reported (or returned) ticket. */
export const ACCEPT_HOURS = 24;

/**
 * Working days to handle a ticket when the community sets no limit for its category: 5 working days,
 * about the 7 calendar days of the limit before issue 21 (one week).
 */
export const DEFAULT_HANDLE_DAYS = 5;

/** Most working days a community may allow to handle a ticket of one category (`ticket.setSettings`: 1–60). */
export const MAX_HANDLE_DAYS = 60;

/** Working days allowed to handle a ticket of `category` in a community with `settings`: 1–60, else {@link DEFAULT_HANDLE_DAYS}. */
export function handleDaysFor(settings: TicketSettings | undefined, category: TicketCategory): number {
  const days = settings?.handleDays?.[category];
  return typeof days === 'number' && Number.isFinite(days) && days >= 1 && days <= MAX_HANDLE_DAYS ? Math.floor(days) : DEFAULT_HANDLE_DAYS;
}

/** `at` plus `hours` hours. */
export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

/** `at` plus `days` days of 24 hours. */
export function addDays(at: Date, days: number): Date {
  return addHours(at, days * 24);
}

/** The local date (`YYYY-MM-DD`) of an instant. */
export function localDateOf(at: Date): string {
  return local(at).format('YYYY-MM-DD');
}

/** The last millisecond of local date `date` (23:59:59.999 in Asia/Shanghai). */
export function endOfLocalDay(date: string): Date {
  return dayjs.tz(date, 'YYYY-MM-DD', KIOSK_TZ).endOf('day').toDate();
}

/** True when an open ticket's current deadline has passed at `now` (whether or not the timer marked it yet). */
export function isOverdue(t: Pick<Ticket, 'status' | 'dueAt' | 'overdue'>, now: Date): boolean {
  if (!(t.status === 'pending' || t.status === 'inProgress')) return false;
  return t.overdue || (!!t.dueAt && t.dueAt.getTime() < now.getTime());
}

/** Working days to reply to an opinion (意见建议, issue 20) when the community sets none. */
export const DEFAULT_OPINION_REPLY_WORKING_DAYS = 10;

/** The reply working days of a community's `consultation` settings: 1–60, else {@link DEFAULT_OPINION_REPLY_WORKING_DAYS}. */
export function opinionReplyDaysFor(settings: { opinionReplyWorkingDays?: number } | undefined): number {
  const days = settings?.opinionReplyWorkingDays;
  return typeof days === 'number' && Number.isFinite(days) && days >= 1 && days <= 60 ? Math.floor(days) : DEFAULT_OPINION_REPLY_WORKING_DAYS;
}

/**
 * Working days with China's public holidays and 调休 (shared/workdays.ts, issue 21): re-exported so
 * that callers of the deadlines — ticket handle limits, opinion reply deadlines — use one calendar.
 */
export { addWorkingDays, calendarCovers, isWorkingDay, workingDaysBetween } from './workdays';
