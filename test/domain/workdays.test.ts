/**
 * Working days (`shared/workdays.ts`, issue 21 §1): China's holidays and 调休 from chinese-days for
 * the years it covers, the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) plus
 * weekends for a year it does not know yet; deadlines at the end of the n-th working day.
 */
import fc from 'fast-check';
import { addWorkingDays, calendarCovers, isWorkingDay, statutoryHolidays, workingDaysBetween } from '../../cloudfunctions/shared/workdays';
import { addWorkingDays as fromDeadlines, DEFAULT_HANDLE_DAYS, handleDaysFor, localDateOf } from '../../cloudfunctions/shared/deadlines';

/** An instant at local (Asia/Shanghai) date and time. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
/** The end of a local date. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

describe('2026 (the State Council notice, from chinese-days)', () => {
  it('中秋 and 国庆: 9.25 and 10.1–10.7 are holidays; Sunday 9.20 and Saturday 10.10 are working days (调休)', () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-04', '2026-10-07'].map(isWorkingDay)).toEqual([false, false, false, false, false, false]);
    expect(['2026-09-20', '2026-09-24', '2026-09-28', '2026-10-08', '2026-10-10'].map(isWorkingDay)).toEqual([true, true, true, true, true]);
    expect(isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });

  it('deadlines over the 国庆 week skip the holiday and count the 调休 Saturday', () => {
    expect(addWorkingDays(at('2026-09-24'), 1)).toEqual(endOf('2026-09-28')); // Thursday + 1: 中秋 Friday and the weekend skipped
    expect(addWorkingDays(at('2026-09-30', '23:30'), 1)).toEqual(endOf('2026-10-08'));
    expect(addWorkingDays(at('2026-10-09'), 1)).toEqual(endOf('2026-10-10')); // Friday + 1 → the 调休 Saturday
    expect(addWorkingDays(at('2026-09-30'), 5)).toEqual(endOf('2026-10-13')); // 10.8, 10.9, 10.10, 10.12, 10.13
    expect(workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
  });

  it('春节: 2.15–2.23 off, Saturdays 2.14 and 2.28 worked', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false); // a Monday, still 春节
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(addWorkingDays(at('2026-02-13'), 1)).toEqual(endOf('2026-02-14'));
    expect(addWorkingDays(at('2026-02-14'), 1)).toEqual(endOf('2026-02-24'));
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6); // 2.14, 2.24–2.27, 2.28
  });

  it('an ordinary Friday + 1 working day → the next Monday, at the end of the day (Asia/Shanghai)', () => {
    expect(addWorkingDays(at('2026-12-04', '16:00'), 1)).toEqual(endOf('2026-12-07'));
    // 01:00 on Saturday in Shanghai is still Friday in UTC: the local date counts
    expect(addWorkingDays(at('2026-12-05', '01:00'), 1)).toEqual(endOf('2026-12-07'));
    expect(addWorkingDays(at('2026-12-07'), 0)).toEqual(endOf('2026-12-07'));
  });
});

describe('a year chinese-days does not know yet (2027 with 1.5.7): the statutory holidays and weekends, no 调休', () => {
  it('2027-01-01 (a Friday) is a holiday; the fallback has the 13 statutory days', () => {
    expect(calendarCovers(2027)).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(addWorkingDays(at('2026-12-31'), 1)).toEqual(endOf('2027-01-04'));
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', // 元旦; 除夕–初三 (初一 = 2.6)
      '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', // 清明; 劳动节; 端午; 中秋
      '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    expect(['2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15'].map(isWorkingDay)).toEqual([false, false, false, false, false]);
    expect(isWorkingDay('2027-02-09')).toBe(true); // 初四: a working day without the yearly notice
    expect(isWorkingDay('2027-01-02')).toBe(false); // Saturday
  });

  it('the fallback computed for years the notice covers falls on its holidays (the rule matches the real arrangements)', () => {
    for (const year of [2025, 2026]) for (const d of statutoryHolidays(year)) expect([d, isWorkingDay(d)]).toEqual([d, false]);
  });
});

it('ticket limits: 5 working days unless the community sets 1–60; the deadlines module uses this calendar', () => {
  expect(DEFAULT_HANDLE_DAYS).toBe(5);
  expect(handleDaysFor(undefined, 'noise')).toBe(5);
  expect(handleDaysFor({ handleDays: { noise: 3 } }, 'noise')).toBe(3);
  expect(handleDaysFor({ handleDays: { noise: 61 } }, 'noise')).toBe(5);
  expect(fromDeadlines).toBe(addWorkingDays);
});

describe('properties (2024–2028, 0–60 working days)', () => {
  const instant = fc.date({ min: new Date('2024-01-01T00:00:00+08:00'), max: new Date('2028-06-30T00:00:00+08:00'), noInvalidDate: true });
  const n = fc.integer({ min: 1, max: 60 });

  it('the deadline is the end of a working day, exactly n working days after the start', () => {
    fc.assert(
      fc.property(instant, n, (start, days) => {
        const due = addWorkingDays(start, days);
        const date = localDateOf(due);
        return isWorkingDay(date) && due.getTime() === endOf(date).getTime() && workingDaysBetween(start, due) === days && workingDaysBetween(start, new Date(due.getTime() - 86_400_000)) === days - 1;
      }),
      { numRuns: 300 },
    );
  });

  it('monotone: one more working day gives a later deadline; a later start never an earlier one', () => {
    fc.assert(
      fc.property(instant, n, fc.integer({ min: 0, max: 10 * 86_400_000 }), (start, days, later) => {
        const due = addWorkingDays(start, days);
        return addWorkingDays(start, days + 1) > due && addWorkingDays(new Date(start.getTime() + later), days) >= due;
      }),
      { numRuns: 300 },
    );
  });
});
