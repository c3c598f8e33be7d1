/**
 * The periods 看统计 and 下载台账 offer and how the pages word them (pure; no Taro): local dates
 * (Asia/Shanghai, `../ui/time.ts`) `from`..`to`, both inclusive, each covering its whole range —
 * days still to come included (issue 17: 本月 stopped at today, so a coming market day's bookings
 * were not counted) — and a rate as numerator/denominator with its percentage.
 */
import { localDateParts } from '../ui/time';
import type { Ratio } from '../../cloudfunctions/console/contract';

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a local calendar date. */
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The local date parts (Asia/Shanghai) of an instant. */
function shanghai(now: Date): { y: number; m: number; d: number } {
  return localDateParts(now.getTime());
}

export interface PeriodChoice {
  value: string;
  /** the button's words: `本月（12月）` */
  label: string;
  /** the period's name in a sentence: `本月` */
  name: string;
  from: string;
  to: string;
  /** the period ends after today (China time): its market days still to come are in it */
  reachesAhead: boolean;
}

/**
 * The periods offered: 本月 (the default), 上个月, 近三个月 (the two months before this one and this
 * one), 今年 — local dates (Asia/Shanghai), each covering its whole range: 本月 runs to the month's
 * last day, days still to come included, so a coming market day's bookings count (issue 17).
 */
export function periodChoices(now = new Date()): PeriodChoice[] {
  const { y, m, d } = shanghai(now);
  const today = ymd(y, m, d);
  const monthEnd = ymd(y, m, lastDay(y, m));
  const prev = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  const three = m <= 2 ? { y: y - 1, m: m + 10 } : { y, m: m - 2 };
  const choice = (value: string, label: string, name: string, from: string, to: string): PeriodChoice => ({ value, label, name, from, to, reachesAhead: to > today });
  return [
    choice('month', `本月（${m}月）`, '本月', ymd(y, m, 1), monthEnd),
    choice('lastMonth', `上个月（${prev.m}月）`, '上个月', ymd(prev.y, prev.m, 1), ymd(prev.y, prev.m, lastDay(prev.y, prev.m))),
    choice('quarter', '近三个月', '近三个月', ymd(three.y, three.m, 1), monthEnd),
    choice('year', `今年（${y}年）`, '今年', ymd(y, 1, 1), ymd(y, 12, 31)),
  ];
}

/**
 * What a period covers, in a sentence: `本月（12月1日至31日，含还没到的集市日）`,
 * `上个月（11月1日至30日）`, `今年（2026年1月1日至12月31日，含还没到的集市日）` — the year is named
 * only when the period crosses one or is a year.
 */
export function periodSentence(c: PeriodChoice): string {
  const [fy, fm, fd] = c.from.split('-').map(Number);
  const [ty, tm, td] = c.to.split('-').map(Number);
  const sameMonth = fy === ty && fm === tm;
  const range = c.value === 'year' || fy !== ty ? periodText(c.from, c.to) : `${fm}月${fd}日至${sameMonth ? '' : `${tm}月`}${td}日`;
  return `${c.name}（${range}${c.reachesAhead ? '，含还没到的集市日' : ''}）`;
}

/** `2026年11月1日至11月30日` */
export function periodText(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return `${fy}年${fm}月${fd}日至${ty === fy ? '' : `${ty}年`}${tm}月${td}日`;
}

/** A rate 0–1 as `66.7%`, or `—` when there is nothing to rate. */
export const percent = (r: number | null): string => (r == null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** A rate with what it divides: `2/3（66.7%）`, or `0/0（暂无）` when there is nothing to rate. */
export const ratioText = (r: Ratio): string => `${r.numerator}/${r.denominator}（${r.rate == null ? '暂无' : percent(r.rate)}）`;
