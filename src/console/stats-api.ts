/**
 * Client side of the `console` cloud function's statistics and ledger (actions, inputs and
 * answers: cloudfunctions/console/index.ts, contract.ts and docs/api.md), the periods the pages
 * offer (`periods.ts`, re-exported), and the ledger download (H5: a link to the file's temporary URL; mini-program:
 * `wx.cloud.downloadFile` then `wx.openDocument`, which opens XLSX and CSV in WeChat's viewer).
 */
import Taro from '@tarojs/taro';
import { callFunction, type CallResult } from '../services/cloud';
import type { LedgerFile, Ratio, StatsView } from '../../cloudfunctions/console/contract';

export { percent, periodChoices, periodSentence, periodText, ratioText, type PeriodChoice } from './periods';

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
