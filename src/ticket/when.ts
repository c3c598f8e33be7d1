/** Dates and times of tickets as a person reads them, in the device's time zone (dayjs). */
import dayjs from 'dayjs';

/** `11月22日 14:05` (with the year when it is not this year). */
export function whenText(iso: string): string {
  const d = dayjs(iso);
  return d.year() === dayjs().year() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm');
}

/** `11月22日` of an instant or a local date `YYYY-MM-DD`. */
export function dayText(isoOrDate: string): string {
  const d = dayjs(isoOrDate);
  return d.year() === dayjs().year() ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/** Today (plus `days`) as a local date `YYYY-MM-DD`, what the functions take for dates. */
export function localDate(days = 0): string {
  return dayjs().add(days, 'day').format('YYYY-MM-DD');
}

/** True for a well-formed local date `YYYY-MM-DD` that exists. */
export function isLocalDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).format('YYYY-MM-DD') === s;
}
