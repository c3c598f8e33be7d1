/**
 * `console.exportLedger`: the ledger (台账) of a period as CSV or XLSX in cloud storage.
 *
 * Input: period `from`..`to` (local dates, `domain/period.ts`), `format` `csv` | `xlsx`, `kind`
 * `tickets` | `market`. Output: `LedgerFile` — the file's `fileID`, a temporary URL (10 minutes),
 * its name and the number of rows of its main table. Files are written to
 * `ledgers/<users._id of the caller>/<time>/<fileName>`, the file named as the page says
 * (`诉求台账-2026-12-01至2026-12-31.xlsx`): a browser saves a temporary URL under its last path
 * segment, so the saved file has that name (cloud storage takes Chinese in a path and
 * percent-encodes it in URLs: developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html),
 * and the mini-program's `downloadFile` keeps the extension `openDocument` needs.
 *
 * - CSV (csv-stringify): UTF-8 with a byte-order mark and CRLF line ends, so WPS and Excel open the
 *   Chinese headers correctly; cells with line breaks (the timeline) are quoted; a cell starting
 *   with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is never run as a formula (OWASP).
 * - XLSX (exceljs): the tables of `domain/ledger.ts` as sheets (tickets: 诉求台账 and 处理记录),
 *   bold frozen header row, wrapped timeline cells.
 * Tickets: those of the caller's community reported in the period, read in pages of 1 000
 * (`createdAt`, `_id` order). Market: bookings and stall applications of the community's market
 * days in the period. At most {@link MAX_ROWS} records: more → CONSOLE.LEDGER_TOO_LARGE (choose a
 * shorter period), checked with one count before reading.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { cloud, db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { tempFileUrls } from '../shared/files';
import type { Booking, StallApplication, Ticket } from '../shared/model';
import { local } from '../shared/time';
import type { LoadedUser } from '../shared/users';
import type { LedgerFile } from './contract';
import { marketTable, spreadsheetSafe, ticketTables, type Table } from './domain/ledger';
import { periodOf, type Period } from './domain/period';

/** Most records one ledger file holds. */
export const MAX_ROWS = 20_000;
const PAGE = 1000;

async function readAll<T>(collection: string, where: object, order: [string, 'asc' | 'desc'][]): Promise<T[]> {
  const { total } = await db.collection(collection).where(where).count();
  if (total > MAX_ROWS) throw new AppError('CONSOLE.LEDGER_TOO_LARGE', { rows: total, maxRows: MAX_ROWS });
  const out: T[] = [];
  for (let skip = 0; skip < total; skip += PAGE) {
    let q = db.collection(collection).where(where);
    for (const [f, o] of order) q = q.orderBy(f, o);
    const { data } = await q.skip(skip).limit(PAGE).get();
    out.push(...(data as T[]));
    if (data.length < PAGE) break;
  }
  return out;
}

async function ticketsOf(communityId: string, p: Period): Promise<Ticket[]> {
  const _ = db.command;
  return readAll<Ticket>('tickets', { communityId, createdAt: _.gte(p.start).and(_.lte(p.end)) }, [
    ['createdAt', 'asc'],
    ['_id', 'asc'],
  ]);
}

async function marketOf(communityId: string, p: Period): Promise<{ bookings: Booking[]; stalls: StallApplication[] }> {
  const _ = db.command;
  const dates = _.gte(p.from).and(_.lte(p.to));
  const order: [string, 'asc' | 'desc'][] = [
    ['date', 'asc'],
    ['createdAt', 'asc'],
    ['_id', 'asc'],
  ];
  const [bookings, stalls] = await Promise.all([readAll<Booking>('bookings', { communityId, date: dates }, order), readAll<StallApplication>('stallApplications', { communityId, date: dates }, order)]);
  return { bookings, stalls };
}

/**
 * CSV of one table: UTF-8 with BOM, CRLF, every cell that needs it quoted, and every text cell a
 * spreadsheet would run as a formula prefixed with `'` (`domain/ledger.ts` spreadsheetSafe).
 */
export function csvOf(t: Table): Buffer {
  return Buffer.from(stringify([t.headers, ...t.rows], { bom: true, record_delimiter: 'windows', cast: { string: spreadsheetSafe } }), 'utf8');
}

/** XLSX with one sheet per table. */
export async function xlsxOf(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '解忧铺';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    t.headers.forEach((h, i) => {
      const col = ws.getColumn(i + 1);
      const long = ['反映内容', '处理经过', '说明'].includes(h);
      col.width = long ? 48 : Math.max(10, h.length * 2 + 4);
      if (long) col.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Builds, stores and links the ledger file (see the module comment). */
export async function exportLedger(user: LoadedUser, input: { from: string; to: string; format: 'csv' | 'xlsx'; kind: 'tickets' | 'market' }): Promise<LedgerFile> {
  const p = periodOf(input.from, input.to);
  let tables: Table[];
  if (input.kind === 'tickets') {
    const { main, events } = ticketTables(await ticketsOf(user.communityId, p));
    tables = [main, events];
  } else {
    const { bookings, stalls } = await marketOf(user.communityId, p);
    tables = [marketTable(bookings, stalls)];
  }
  const content = input.format === 'csv' ? csvOf(tables[0]) : await xlsxOf(tables);
  const label = input.kind === 'tickets' ? '诉求台账' : '集市台账';
  const fileName = `${label}-${p.from}至${p.to}.${input.format}`;
  const cloudPath = `ledgers/${user._id}/${local(clockNow()).format('YYYYMMDDHHmmss')}/${fileName}`;
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  const urls = await tempFileUrls([fileID]);
  return { fileID, tempFileURL: urls[fileID] ?? '', fileName, format: input.format, kind: input.kind, rows: tables[0].rows.length };
}
