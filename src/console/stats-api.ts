/**
 * Client side of the `console` cloud function's statistics and ledger: calls go through
 * `call('console', 'stats' | 'exportLedger', …)` (src/services/call.ts; inputs, answers and errors:
 * cloudfunctions/console/contract.ts, docs/api.md). Here: the answer types, the periods the pages
 * offer (`periods.ts`, re-exported), and the ledger download (H5: a link to the file's temporary URL; mini-program:
 * `wx.cloud.downloadFile` then `wx.openDocument`, which opens XLSX and CSV in WeChat's viewer).
 */
import Taro from '@tarojs/taro';
import type { LedgerFile, Ratio, StatsView } from '../../cloudfunctions/console/contract';

export { percent, periodChoices, periodSentence, periodText, ratioText, type PeriodChoice } from './periods';

export type { LedgerFile, Ratio, StatsView };
export type { ConsultationFigures, EverydayFigures, CountItem, Scorecard, TicketFigures, MarketFigures, LoopFigures, RoundsFigures } from '../../cloudfunctions/console/contract';

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
