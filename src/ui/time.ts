/**
 * Every date and time the app shows, in one place: always China time (Asia/Shanghai), whatever time
 * zone the device is set to (a phone set to UTC shows 14:53 for a ticket reported at 14:53 in Mulei,
 * as the messages and the ledger do — issue 17). Dates read one way everywhere: `12月11日 周五`
 * (with the year, `2025年12月11日 周五`, when it is not this year), never an ISO date in a sentence.
 *
 * How: dayjs with its `utc` plugin, fixed to UTC+8 (`utcOffset(480)`). Asia/Shanghai has had no
 * daylight saving since 1991, so the fixed offset *is* the zone. dayjs's `timezone` plugin is not used
 * on purpose: it relies on `Intl.DateTimeFormat` with `timeZone`, which WeChat on Android ignores
 * (the device's zone comes out instead: iamkun/dayjs#2635, NervJS/taro#16078); the fixed offset
 * needs no Intl at all.
 *
 * Inputs: an instant as an ISO string (`2025-12-11T06:53:00.000Z`), a `Date` or epoch milliseconds;
 * or a local date `YYYY-MM-DD` (a market day, a deadline), which is a calendar date in China and is
 * never shifted. Outputs are display strings, or local dates `YYYY-MM-DD` for the functions.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** The kiosk's time zone: what every time shown is in. */
export const KIOSK_TZ = 'Asia/Shanghai';
/** Its offset from UTC in minutes (UTC+8, no daylight saving). */
export const KIOSK_UTC_OFFSET_MINUTES = 480;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Instant = string | number | Date;

/**
 * A dayjs in China time: an instant moved to UTC+8, or a local date `YYYY-MM-DD` taken as that
 * calendar day (its fields are read as they are written).
 */
function china(input: Instant): Dayjs {
  if (typeof input === 'string' && LOCAL_DATE.test(input)) return dayjs.utc(input).utcOffset(KIOSK_UTC_OFFSET_MINUTES, true);
  return dayjs(input).utcOffset(KIOSK_UTC_OFFSET_MINUTES);
}

/** Now, in China time (`now` in epoch ms, for tests). */
function chinaNow(now: number = Date.now()): Dayjs {
  return dayjs(now).utcOffset(KIOSK_UTC_OFFSET_MINUTES);
}

/** `12月11日 周五` of a day (with the year when it is not this year in China). */
function dayOf(d: Dayjs, now: number): string {
  const md = `${d.month() + 1}月${d.date()}日 ${WEEKDAYS[d.day()]}`;
  return d.year() === chinaNow(now).year() ? md : `${d.year()}年${md}`;
}

/** `14:05`: the clock time of an instant in China. */
export function clockTime(instant: Instant): string {
  return china(instant).format('HH:mm');
}

/** `12月11日 周五` of an instant or a local date `YYYY-MM-DD` (the year added when not this year). */
export function dayText(instantOrDate: Instant, now?: number): string {
  return dayOf(china(instantOrDate), now ?? Date.now());
}

/** `12月11日 周五 14:05` of an instant (the year added when not this year). */
export function whenText(instant: Instant, now?: number): string {
  const d = china(instant);
  return `${dayOf(d, now ?? Date.now())} ${d.format('HH:mm')}`;
}

/** Today in China (plus `days`) as a local date `YYYY-MM-DD`, what the functions take for dates. */
export function localDate(days = 0, now?: number): string {
  return chinaNow(now).add(days, 'day').format('YYYY-MM-DD');
}

/** The local date `days` days after local date `date` (`YYYY-MM-DD`; negative for before). */
export function addLocalDays(date: string, days: number): string {
  return china(date).add(days, 'day').format('YYYY-MM-DD');
}

/** The China calendar date `YYYY-MM-DD` of an instant. */
export function localDateOf(instant: Instant): string {
  return china(instant).format('YYYY-MM-DD');
}

/** Today's China calendar date as numbers (month 1–12). */
export function localDateParts(now?: number): { y: number; m: number; d: number } {
  const t = chinaNow(now);
  return { y: t.year(), m: t.month() + 1, d: t.date() };
}

/** True for a well-formed local date `YYYY-MM-DD` that exists. */
export function isLocalDate(s: string): boolean {
  return LOCAL_DATE.test(s) && dayjs.utc(s).format('YYYY-MM-DD') === s;
}
