/**
 * Client side of the `console` cloud function's statistics and ledger (actions, inputs and
 * answers: cloudfunctions/console/index.ts, contract.ts and docs/api.md), the periods the pages
 * offer, and the ledger download (H5: a link to the file's temporary URL; mini-program:
 * `wx.cloud.downloadFile` then `wx.openDocument`, which opens XLSX and CSV in WeChat's viewer).
 */
import Taro from '@tarojs/taro';
import { callFunction, type CallResult } from '../services/cloud';
import { localDateParts } from '../ui/time';
import type { LedgerFile, Ratio, StatsView } from '../../cloudfunctions/console/contract';

export type { LedgerFile, Ratio, StatsView };
export type { CountItem, Scorecard, TicketFigures, MarketFigures } from '../../cloudfunctions/console/contract';

export const consoleApi = {
  stats: (from: string, to: string): Promise<CallResult<StatsView>> => callFunction<StatsView>('console', { action: 'stats', from, to }),
  exportLedger: (input: { from: string; to: string; format: 'csv' | 'xlsx'; kind: 'tickets' | 'market' }): Promise<CallResult<LedgerFile>> =>
    callFunction<LedgerFile>('console', { action: 'exportLedger', ...input }),
};

/** The console's pages (subpackage `console`). */
export const CONSOLE_URLS = {
  stats: '/console/pages/stats/index',
  ledger: '/console/pages/ledger/index',
};

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

/**
 * Opens a ledger file: in the mini-program downloads it (`wx.cloud.downloadFile`) and opens it in
 * WeChat's document viewer (`wx.openDocument`, from which it can be sent on or opened in WPS);
 * in H5 the page shows a link to the temporary URL instead (returns false: nothing opened).
 */
export async function openLedger(file: LedgerFile): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false;
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID });
  // wx.openDocument knows xlsx (not csv: a CSV is opened by its extension, and may not open)
  await Taro.openDocument({ filePath: tempFilePath, ...(file.format === 'xlsx' ? { fileType: 'xlsx' as const } : {}), showMenu: true });
  return true;
}
