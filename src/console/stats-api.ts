/**
 * Client side of the `console` cloud function's statistics and ledger (actions, inputs and
 * answers: cloudfunctions/console/index.ts, contract.ts and docs/api.md), the periods the pages
 * offer, and the ledger download (H5: a link to the file's temporary URL; mini-program:
 * `wx.cloud.downloadFile` then `wx.openDocument`, which opens XLSX and CSV in WeChat's viewer).
 */
import Taro from '@tarojs/taro';
import { callFunction, type CallResult } from '../services/cloud';
import { localDateParts } from '../ui/time';
import type { LedgerFile, StatsView } from '../../cloudfunctions/console/contract';

export type { LedgerFile, StatsView };
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
  label: string;
  from: string;
  to: string;
}

/** The periods offered: 本月 (the default), 上个月, 近三个月, 今年 — local dates, to today at most. */
export function periodChoices(now = new Date()): PeriodChoice[] {
  const { y, m, d } = shanghai(now);
  const today = ymd(y, m, d);
  const prev = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  const three = m <= 2 ? { y: y - 1, m: m + 10 } : { y, m: m - 2 };
  return [
    { value: 'month', label: `本月（${m}月）`, from: ymd(y, m, 1), to: today },
    { value: 'lastMonth', label: `上个月（${prev.m}月）`, from: ymd(prev.y, prev.m, 1), to: ymd(prev.y, prev.m, lastDay(prev.y, prev.m)) },
    { value: 'quarter', label: '近三个月', from: ymd(three.y, three.m, 1), to: today },
    { value: 'year', label: `今年（${y}年）`, from: ymd(y, 1, 1), to: today },
  ];
}

/** `2026年11月1日至11月22日` */
export function periodText(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return `${fy}年${fm}月${fd}日至${ty === fy ? '' : `${ty}年`}${tm}月${td}日`;
}

/** A rate 0–1 as `66.7%`, or `—` when there is nothing to rate. */
export const percent = (r: number | null): string => (r == null ? '—' : `${Math.round(r * 1000) / 10}%`);

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
