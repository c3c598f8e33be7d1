/**
 * The periods 看统计 and 下载台账 offer (src/console/periods.ts; issue 17: 本月 stopped at today, so a
 * coming Friday's bookings read 预约 0 and 集市台账 was header-only). Each period covers its whole
 * range, in China's calendar whatever the device's zone, and its sentence says when days still to
 * come are in it. The device runs in UTC here.
 */
process.env.TZ = 'UTC';

import { periodChoices, periodSentence, ratioText } from '../../src/console/periods';

const byValue = (now: Date) => Object.fromEntries(periodChoices(now).map((c) => [c.value, c]));

it('本月, 近三个月 and 今年 run to their last day (days to come included); 上个月 is whole', () => {
  // 2026-12-06 08:00 UTC = 16:00 in China, a Sunday; that Friday (12-11) is a market day to come
  const p = byValue(new Date('2026-12-06T08:00:00Z'));
  expect([p.month.from, p.month.to, p.month.reachesAhead]).toEqual(['2026-12-01', '2026-12-31', true]);
  expect([p.lastMonth.from, p.lastMonth.to, p.lastMonth.reachesAhead]).toEqual(['2026-11-01', '2026-11-30', false]);
  expect([p.quarter.from, p.quarter.to]).toEqual(['2026-10-01', '2026-12-31']);
  expect([p.year.from, p.year.to]).toEqual(['2026-01-01', '2026-12-31']);
  expect(periodSentence(p.month)).toBe('本月（12月1日至31日，含还没到的集市日）');
  expect(periodSentence(p.lastMonth)).toBe('上个月（11月1日至30日）');
  expect(periodSentence(p.quarter)).toBe('近三个月（10月1日至12月31日，含还没到的集市日）');
  expect(periodSentence(p.year)).toBe('今年（2026年1月1日至12月31日，含还没到的集市日）');
});

it('uses China’s date: 2027-01-31 17:00 UTC is already February 1st in China', () => {
  const p = byValue(new Date('2027-01-31T17:00:00Z'));
  expect([p.month.from, p.month.to]).toEqual(['2027-02-01', '2027-02-28']);
  expect([p.lastMonth.from, p.lastMonth.to]).toEqual(['2027-01-01', '2027-01-31']);
  expect([p.quarter.from, p.quarter.to]).toEqual(['2026-12-01', '2027-02-28']);
  expect(periodSentence(p.quarter)).toBe('近三个月（2026年12月1日至2027年2月28日，含还没到的集市日）');
});

it('on the month’s last day nothing is still to come, and the sentence does not say so', () => {
  const p = byValue(new Date('2026-12-31T10:00:00Z'));
  expect(periodSentence(p.month)).toBe('本月（12月1日至31日）');
  expect(periodSentence(p.year)).toBe('今年（2026年1月1日至12月31日）');
});

it('a rate reads numerator/denominator with its percentage', () => {
  expect(ratioText({ numerator: 2, denominator: 3, rate: 0.667 })).toBe('2/3（66.7%）');
  expect(ratioText({ numerator: 0, denominator: 0, rate: null })).toBe('0/0（暂无）');
});
