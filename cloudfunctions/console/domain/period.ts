/**
 * The period a statistic or ledger covers (pure): local dates `from`..`to` (`YYYY-MM-DD`,
 * Asia/Shanghai), both inclusive, at most 366 days. Instants: `start` = `from` 00:00:00.000 local,
 * `end` = `to` 23:59:59.999 local. Errors: CONSOLE.PERIOD_INVALID (not a calendar date, `from`
 * after `to`, or longer than 366 days).
 */
import { AppError } from '../../shared/errors';
import { dayjs, KIOSK_TZ } from '../../shared/time';

/** Longest period, in days (a year, leap or not). */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  from: string;
  to: string;
  /** first instant of `from` (local midnight) */
  start: Date;
  /** last millisecond of `to` (local) */
  end: Date;
  /** days covered, counting both ends */
  days: number;
}

function calendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The period `from`..`to`; throws CONSOLE.PERIOD_INVALID. */
export function periodOf(from: string, to: string): Period {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || !calendarDate(from) || !calendarDate(to) || from > to) {
    throw new AppError('CONSOLE.PERIOD_INVALID', { from, to });
  }
  const start = dayjs.tz(from, 'YYYY-MM-DD', KIOSK_TZ).startOf('day');
  const last = dayjs.tz(to, 'YYYY-MM-DD', KIOSK_TZ);
  const days = Math.round(last.startOf('day').diff(start, 'hour') / 24) + 1;
  if (days > MAX_PERIOD_DAYS) throw new AppError('CONSOLE.PERIOD_INVALID', { from, to, maxDays: MAX_PERIOD_DAYS });
  return { from, to, start: start.toDate(), end: last.endOf('day').toDate(), days };
}
