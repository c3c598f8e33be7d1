import { comingMarketDates, dateLabel, DEFAULT_MARKET, MAX_HORIZON_WEEKS } from '../../cloudfunctions/shared/calendar';

const settings = { weekday: 5, end: '13:00', horizonWeeks: 4 };
const at = (iso: string) => new Date(iso);

describe('comingMarketDates (Asia/Shanghai)', () => {
  it('on a Wednesday gives this Friday first, then weekly', () => {
    // 2024-11-13 was a Wednesday; the Friday market that week fell on 2024-11-15 (fixtures README)
    expect(comingMarketDates(at('2024-11-13T10:30:00+08:00'), settings)).toEqual(['2024-11-15', '2024-11-22', '2024-11-29', '2024-12-06']);
  });

  it('includes today while the market is open and skips it once it has closed', () => {
    expect(comingMarketDates(at('2024-11-15T12:59:00+08:00'), settings)[0]).toBe('2024-11-15');
    expect(comingMarketDates(at('2024-11-15T13:00:00+08:00'), settings)[0]).toBe('2024-11-22');
  });

  it('uses the local date, not UTC: Friday 01:00 in Shanghai is still Thursday in UTC', () => {
    expect(comingMarketDates(at('2024-11-14T17:00:00Z'), settings)[0]).toBe('2024-11-15');
  });

  it('respects another weekday and horizon (Sunday, 2 weeks)', () => {
    expect(comingMarketDates(at('2024-11-13T09:00:00+08:00'), { weekday: 7, end: '12:00', horizonWeeks: 2 })).toEqual(['2024-11-17', '2024-11-24']);
  });

  it('keeps the horizon between 1 and MAX_HORIZON_WEEKS weeks (what listMarketDays preloads)', () => {
    const now = at('2024-11-13T09:00:00+08:00');
    expect(comingMarketDates(now, { weekday: 5, end: '13:00', horizonWeeks: 100 })).toHaveLength(MAX_HORIZON_WEEKS);
    expect(comingMarketDates(now, { weekday: 5, end: '13:00', horizonWeeks: 0 })).toEqual(['2024-11-15']);
  });

  it('defaults to Friday 10:00–13:00', () => {
    expect(DEFAULT_MARKET).toMatchObject({ weekday: 5, start: '10:00', end: '13:00' });
  });

  it('labels dates in Chinese with the weekday', () => {
    expect(dateLabel('2024-11-15')).toBe('11月15日 周五');
    expect(dateLabel('2026-01-04')).toBe('1月4日 周日');
  });
});
