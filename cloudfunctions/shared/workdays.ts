/**
 * Working days (工作日) of mainland China, for deadlines counted in working days (issue 21, design
 * docs/case-loop-design.md §1; rule written up in docs/working-days.md). Pure: no clock, no database.
 *
 * Dates are local `YYYY-MM-DD` (Asia/Shanghai); an instant given instead is read at its local date.
 *
 * Sources, in order:
 * 1. For the years the installed `chinese-days` package covers (1.5.7: 2004–2026), its table of the
 *    State Council's yearly notices (国务院办公厅关于某年部分节假日安排的通知): public holidays and
 *    the swapped working weekends (调休, e.g. Sunday 2026-09-20 and Saturday 2026-10-10 are working
 *    days). A year counts as covered when the package names 1 January a holiday (元旦 is always one).
 * 2. For a year it does not know yet (the notice comes out each November), the statutory holidays of
 *    《全国年节及纪念日放假办法》 as revised by State Council decree 795 (2024-11-10, in force
 *    2025-01-01), art. 2: 元旦 1 January (1 day); 春节 除夕 to 正月初三 (4 days); 清明节 the day of the
 *    solar term 清明 (1 day); 劳动节 1–2 May (2 days); 端午节 农历五月初五 (1 day); 中秋节 农历八月十五
 *    (1 day); 国庆节 1–3 October (3 days) — computed with chinese-days' lunar calendar and solar terms —
 *    plus Saturdays and Sundays. Without 调休: art. 6 (a holiday on a weekend is made up on a working
 *    day) and the swapped weekends are set only by the yearly notice, so a fallback year has a few
 *    more working days than the notice will give (a deadline there can fall a day or two early, never
 *    on a holiday).
 *
 * Time zone: chinese-days 1.5.7 parses `YYYY-MM-DD` as UTC midnight and reads dates back with the
 * process's local getters, both when it builds its table and in its lunar conversion, so it is right
 * only when the process runs at UTC or east of it (checked here: UTC and Asia/Shanghai; in
 * America/Los_Angeles its table and lunar dates are a day off). Cloud functions run in UTC and the
 * local runtime in Asia/Shanghai. Every date goes to it as local noon of that date.
 */
import { getDayDetail, getSolarDateFromLunar, getSolarTermDate, isWorkday } from 'chinese-days';
import { dayjs, KIOSK_TZ, local } from './time';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date (`YYYY-MM-DD`, Asia/Shanghai) of `d`, or `d` itself when it is already a date. Throws on a malformed string. */
function toDate(d: string | Date): string {
  if (typeof d !== 'string') return local(d).format('YYYY-MM-DD');
  if (!DATE_RE.test(d)) throw new Error(`not a YYYY-MM-DD date: ${d}`);
  return d;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (a calendar count, no time zone). */
function dayNumber(date: string): number {
  const [, y, m, d] = DATE_RE.exec(date)!;
  return Date.UTC(+y, +m - 1, +d) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number. */
function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Local noon of a `YYYY-MM-DD` date in the process's zone: what chinese-days reads back as that date. */
function noon(date: string): Date {
  const [, y, m, d] = DATE_RE.exec(date)!;
  return new Date(+y, +m - 1, +d, 12);
}

const covers = new Map<number, boolean>();

/**
 * True when the installed chinese-days knows `year`'s holiday arrangement (the State Council's notice
 * for that year); false for a year it does not know yet (1.5.7: 2027 and later), whose working days
 * then follow the statutory rule (see the module's docstring). The console says so for next year.
 */
export function calendarCovers(year: number): boolean {
  let known = covers.get(year);
  if (known === undefined) {
    known = Number.isInteger(year) && year >= 1901 && year <= 2099 && !getDayDetail(noon(`${year}-01-01`)).work;
    covers.set(year, known);
  }
  return known;
}

/** The last millisecond of local date `date` (23:59:59.999 in Asia/Shanghai). */
function endOfLocalDay(date: string): Date {
  return dayjs.tz(date, 'YYYY-MM-DD', KIOSK_TZ).endOf('day').toDate();
}

const fallbackHolidays = new Map<number, Set<string>>();

/**
 * The statutory public holidays of `year` under 《全国年节及纪念日放假办法》 (2024 revision, art. 2),
 * as local dates: 元旦, 春节 (除夕–初三), 清明, 劳动节 (5.1–5.2), 端午, 中秋, 国庆 (10.1–10.3) — 13 days.
 * Lunar dates and the 清明 solar term come from chinese-days (years 1901–2099; outside, only the
 * fixed-date holidays).
 */
export function statutoryHolidays(year: number): string[] {
  let set = fallbackHolidays.get(year);
  if (!set) {
    const y = String(year).padStart(4, '0');
    const days = [`${y}-01-01`, `${y}-05-01`, `${y}-05-02`, `${y}-10-01`, `${y}-10-02`, `${y}-10-03`];
    if (year >= 1901 && year <= 2099) {
      const newYear = dayNumber(getSolarDateFromLunar(`${y}-01-01`).date); // 正月初一
      for (let i = -1; i <= 2; i += 1) days.push(dateOf(newYear + i)); // 除夕 … 初三
      days.push(getSolarTermDate(year, 4, 'pure_brightness')); // 清明
      days.push(getSolarDateFromLunar(`${y}-05-05`).date); // 端午
      days.push(getSolarDateFromLunar(`${y}-08-15`).date); // 中秋
    }
    set = new Set(days);
    fallbackHolidays.set(year, set);
  }
  return [...set].sort();
}

/**
 * True when local date `date` (`YYYY-MM-DD`, or an instant read at its Asia/Shanghai date) is a
 * working day: from chinese-days' table (holidays and 调休) for a covered year, else Monday–Friday
 * outside the statutory holidays (see the module's docstring). Throws on a malformed date string.
 */
export function isWorkingDay(date: string | Date): boolean {
  const d = toDate(date);
  let working = known.get(d);
  if (working === undefined) {
    working = decide(d);
    known.set(d, working);
  }
  return working;
}

/** Each date's answer, once decided (a few hundred dates a year: the timer and the property tests ask the same ones again and again). */
const known = new Map<string, boolean>();

function decide(d: string): boolean {
  const year = Number(d.slice(0, 4));
  if (calendarCovers(year)) return isWorkday(noon(d));
  const weekday = new Date(dayNumber(d) * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  statutoryHolidays(year);
  return !fallbackHolidays.get(year)!.has(d);
}

/**
 * The deadline `n` working days after `at`: the end (23:59:59.999, Asia/Shanghai) of the `n`-th
 * working day after the local date of `at` (a Friday + 1 → the next Monday's end; over 国庆 the
 * holiday is skipped and a 调休 Saturday counts). `n` is floored; `n` ≤ 0 gives the end of `at`'s own
 * local day. Used for ticket handle limits (Ticket.handleDays) and opinion reply deadlines.
 */
export function addWorkingDays(at: Date, n: number): Date {
  let day = dayNumber(toDate(at));
  let left = Math.max(0, Math.floor(n));
  while (left > 0) {
    day += 1;
    if (isWorkingDay(dateOf(day))) left -= 1;
  }
  return endOfLocalDay(dateOf(day));
}

/**
 * The number of working days in (local date of `a`, local date of `b`]: 0 when `b`'s date is not after
 * `a`'s. `addWorkingDays(a, n)` lies exactly `n` working days after `a` by this count.
 */
export function workingDaysBetween(a: Date | string, b: Date | string): number {
  const from = dayNumber(toDate(a));
  const to = dayNumber(toDate(b));
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) if (isWorkingDay(dateOf(day))) count += 1;
  return count;
}
