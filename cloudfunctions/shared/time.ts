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

export { dayjs };
