/**
 * Local time for the kiosk: every date and clock time a person sees is Asia/Shanghai (UTC+8),
 * whatever `TZ` the process runs with (cloud functions run in UTC unless `TZ` is set).
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const KIOSK_TZ = 'Asia/Shanghai';

/** The instant `now` seen on the kiosk's wall clock. */
export function local(now: Date | number): Dayjs {
  return dayjs(now).tz(KIOSK_TZ);
}

/** The instant of local `date` (`YYYY-MM-DD`) at local `time` (`HH:mm`). */
export function localInstant(date: string, time: string): Date {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', KIOSK_TZ).toDate();
}

/** `HH:mm` of an instant, local. */
export function localTime(at: Date): string {
  return local(at).format('HH:mm');
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * A local date (`YYYY-MM-DD`) as a resident reads it: `12月27日 周日` (the year only when it is not
 * the year of `now`: `2027年1月4日 周一`). A string that is not such a date is answered as it is.
 */
export function dateWords(date: string, now: Date = new Date()): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = dayjs.tz(date, 'YYYY-MM-DD', KIOSK_TZ);
  const sameYear = d.year() === local(now).year();
  return `${d.format(sameYear ? 'M月D日' : 'YYYY年M月D日')} ${WEEKDAYS[d.day()]}`;
}

export { dayjs };
