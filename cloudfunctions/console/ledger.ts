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
 * Memory (issue 18 §3): a function has 256 MB (docs/runtime-limits.md "Memory"), and a workbook
 * built in memory outgrows it long before the 20 000 records one file may hold. So both formats
 * are written to a file in the function's temp folder (`os.tmpdir()`, /tmp on CloudBase: 512 MB,
 * docs/runtime-limits.md "Temp files") as the records are read, a page of {@link PAGE} at a time —
 * the XLSX by exceljs's streaming writer (`stream.xlsx.WorkbookWriter`, each row committed as it is
 * added, inline strings), one sheet after the other (a zip entry is written whole, so two sheets
 * filled together would hold the second in memory: the steps of each page go to a side file in
 * the same folder and are written from it after the first sheet) — and the file is uploaded as a
 * stream and removed. Records are read once, in pages of 1 000 (`createdAt`, `_id` order;
 * bookings and stall applications by date first).
 * Tickets: those of the caller's community reported in the period. Market: bookings and stall
 * applications of the community's market days in the period. Meetings, topics, opinions (issue 20;
 * tables in `domain/consultationLedger.ts`): meetings starting in the period (not drafts), topics
 * whose voting closes in it — counts per channel and result, never a household or a choice —,
 * opinions given in it (the giver's name, never a phone); one sheet each. Visits (走访台账, issue 21):
 * the visits of the period's dates (room, worker, who was met, topics, tickets found; never a care
 * tag, a resident or a phone). 便民服务台账 (`everyday`, issue 22): five sheets — 代收快递, 代缴代办,
 * 转介评价, 活动签到, 志愿服务时长 (`domain/everydayLedger.ts`; a CSV holds them one after the other,
 * each under a row with its name). At most {@link MAX_ROWS} records:
 * more → CONSOLE.LEDGER_TOO_LARGE (choose a shorter period), checked with one count before reading.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import readline from 'node:readline';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { cloud, db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { tempFileUrls } from '../shared/files';
import { newDocId } from '../shared/ids';
import type { Booking, Meeting, Opinion, StallApplication, Ticket, Topic } from '../shared/model';
import { local } from '../shared/time';
import type { LoadedUser } from '../shared/users';
import type { LedgerFile } from './contract';
import { marketTable, spreadsheetSafe, ticketTables, visitTable, type Table } from './domain/ledger';
import type { VisitDoc } from './domain/rounds';
import { periodOf, type Period } from './domain/period';
import { meetingTable, opinionTable, topicTable } from './domain/consultationLedger';
import { isMissingCollection, runPipeline } from './stats';
import { errandTable, eventAttendanceTable, EVERYDAY_SHEETS, parcelTable, referralTable, volunteerHoursTable } from './domain/everydayLedger';
import type { ErrandDoc, ReferralDoc, VolunteerHoursDoc } from '../shared/vocabulary/everyday';
import type { Parcel } from '../shared/model';

/** Most records one ledger file holds. */
export const MAX_ROWS = 20_000;
/** Records read per database request (the most a cloud function's get() answers). */
const PAGE = 1000;

type Order = [string, 'asc' | 'desc'][];
/** A query the ledger reads in pages: its collection, condition, order and how many match. */
interface Source {
  collection: string;
  where: object;
  order: Order;
  total: number;
}

/** Counts what `where` matches (one request) and refuses more than {@link MAX_ROWS} in all. */
async function sources(list: Omit<Source, 'total'>[]): Promise<Source[]> {
  const counted = await Promise.all(list.map(async (s) => ({ ...s, total: await countOf(s) })));
  const rows = counted.reduce((n, s) => n + s.total, 0);
  if (rows > MAX_ROWS) throw new AppError('CONSOLE.LEDGER_TOO_LARGE', { rows, maxRows: MAX_ROWS });
  return counted;
}

/**
 * How many records `s` matches (one request). A collection never created counts 0 (CloudBase:
 * DATABASE_COLLECTION_NOT_EXIST, -502005 — `stats.ts` isMissingCollection): the everyday
 * services' collections (issue 22) appear as their functions are deployed.
 */
async function countOf(s: Omit<Source, 'total'>): Promise<number> {
  try {
    return (await db.collection(s.collection).where(s.where).count()).total;
  } catch (e) {
    if (isMissingCollection(e)) return 0;
    throw e;
  }
}

/** The records of `s`, a page at a time (one request each). */
async function* pagesOf<T>(s: Source): AsyncGenerator<T[]> {
  for (let skip = 0; skip < s.total; skip += PAGE) {
    let q = db.collection(s.collection).where(s.where);
    for (const [f, o] of s.order) q = q.orderBy(f, o);
    const { data } = await q.skip(skip).limit(PAGE).get();
    if (data.length) yield data as T[];
    if (data.length < PAGE) break;
  }
}

function ticketSource(communityId: string, p: Period): Omit<Source, 'total'> {
  const _ = db.command;
  return {
    collection: 'tickets',
    where: { communityId, createdAt: _.gte(p.start).and(_.lte(p.end)) },
    order: [
      ['createdAt', 'asc'],
      ['_id', 'asc'],
    ],
  };
}

function marketSources(communityId: string, p: Period): Omit<Source, 'total'>[] {
  const _ = db.command;
  const dates = _.gte(p.from).and(_.lte(p.to));
  const order: Order = [
    ['date', 'asc'],
    ['createdAt', 'asc'],
    ['_id', 'asc'],
  ];
  return [
    { collection: 'bookings', where: { communityId, date: dates }, order },
    { collection: 'stallApplications', where: { communityId, date: dates }, order },
  ];
}

/** What a ledger lists (the contract's `kind`). */
export type LedgerKind = LedgerFile['kind'];

/** The file's name before the period, per kind (what the page says). */
export const LEDGER_LABELS: Record<LedgerKind, string> = { tickets: '诉求台账', market: '集市台账', meetings: '会议台账', topics: '议题台账', opinions: '意见台账', visits: '走访台账', everyday: '便民服务台账' };

/** 走访台账 (issue 21): the community's visits whose local date is in the period, by date. */
async function visitSheet(user: LoadedUser, p: Period): Promise<SheetSpec> {
  const _ = db.command;
  const [src] = await sources([{ collection: 'visits', where: { communityId: user.communityId, date: _.gte(p.from).and(_.lte(p.to)) }, order: [['date', 'asc'], ['createdAt', 'asc'], ['_id', 'asc']] }]);
  const empty = visitTable([]);
  return {
    name: empty.name,
    headers: empty.headers,
    rows: async function* () {
      const { data } = await db.collection('estates').where({ communityId: user.communityId }).field({ name: true }).limit(PAGE).get();
      const names = new Map((data as { _id: string; name: string }[]).map((e) => [e._id, e.name]));
      for await (const page of pagesOf<VisitDoc>(src)) yield visitTable(page, (id) => names.get(id) ?? id).rows;
    },
  };
}

/**
 * The consultation ledgers' queries (issue 20): meetings (not drafts) starting in the period;
 * topics whose voting closes in it (or, with no voting period yet, proposed in it); opinions given in it.
 */
function consultationSource(kind: 'meetings' | 'topics' | 'opinions', communityId: string, p: Period): Omit<Source, 'total'> {
  const _ = db.command;
  const inP = _.gte(p.start).and(_.lte(p.end));
  if (kind === 'meetings') return { collection: 'meetings', where: { communityId, startAt: inP, status: _.neq('draft') }, order: [['startAt', 'asc'], ['_id', 'asc']] };
  if (kind === 'topics') return { collection: 'topics', where: _.or([{ communityId, voteUntil: inP }, { communityId, voteUntil: _.exists(false), createdAt: inP }]), order: [['createdAt', 'asc'], ['_id', 'asc']] };
  return { collection: 'opinions', where: { communityId, createdAt: inP }, order: [['createdAt', 'asc'], ['_id', 'asc']] };
}

/** Opinions collected at each of `meetingIds` (one aggregation). */
async function opinionsPerMeeting(communityId: string, meetingIds: string[]): Promise<Map<string, number>> {
  if (!meetingIds.length) return new Map();
  const rows = await runPipeline<{ _id: string; n: number }>('opinions', [{ $match: { communityId, meetingId: { $in: meetingIds } } }, { $group: { _id: '$meetingId', n: { $sum: 1 } } }, { $limit: 1000 }]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** Titles of the meetings `ids` of the community (one read). */
async function meetingTitles(communityId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const { data } = await db.collection('meetings').where({ communityId, _id: db.command.in(ids) }).field({ title: true }).limit(PAGE).get();
  return new Map((data as { _id: string; title: string }[]).map((m) => [m._id, m.title]));
}

/** The one sheet of a consultation ledger, read a page at a time (a page's meetings or opinions bring one more read for their links). */
async function consultationSheet(user: LoadedUser, kind: 'meetings' | 'topics' | 'opinions', p: Period): Promise<SheetSpec> {
  const [src] = await sources([consultationSource(kind, user.communityId, p)]);
  const communityId = user.communityId;
  if (kind === 'meetings') {
    const empty = meetingTable([]);
    return {
      name: empty.name,
      headers: empty.headers,
      rows: async function* () {
        for await (const page of pagesOf<Meeting>(src)) yield meetingTable(page, await opinionsPerMeeting(communityId, page.map((m) => m._id))).rows;
      },
    };
  }
  if (kind === 'topics') {
    const empty = topicTable([]);
    return {
      name: empty.name,
      headers: empty.headers,
      rows: async function* () {
        const { data } = await db.collection('estates').where({ communityId }).field({ name: true }).limit(PAGE).get();
        const names = new Map((data as { _id: string; name: string }[]).map((e) => [e._id, e.name]));
        for await (const page of pagesOf<Topic>(src)) yield topicTable(page, (id) => names.get(id) ?? id).rows;
      },
    };
  }
  const now = clockNow();
  const empty = opinionTable([], now);
  return {
    name: empty.name,
    headers: empty.headers,
    rows: async function* () {
      for await (const page of pagesOf<Opinion>(src)) {
        const titles = await meetingTitles(communityId, [...new Set(page.map((o) => o.meetingId).filter((id): id is string => !!id))]);
        yield opinionTable(page, now, (id) => titles.get(id) ?? id).rows;
      }
    },
  };
}

/**
 * 便民服务台账 (issue 22, design §6): five sheets — 代收快递 (parcels logged, picked up or delivered
 * in the period), 代缴代办 (errands asked or done in it), 转介评价 (referrals made or rated in it),
 * 活动签到 (bookings of events dated in it: the market's bookings with an `eventId`), 志愿服务时长
 * (volunteer credits dated in it). One count per source first (the {@link MAX_ROWS} limit is over
 * the five together), then each read a page at a time.
 */
async function everydaySheets(user: LoadedUser, p: Period): Promise<SheetSpec[]> {
  const _ = db.command;
  const c = user.communityId;
  const inP = () => _.gte(p.start).and(_.lte(p.end));
  const dates = () => _.gte(p.from).and(_.lte(p.to));
  const [parcels, errands, referrals, events, hours] = await sources([
    { collection: 'parcels', where: _.or([{ communityId: c, loggedAt: inP() }, { communityId: c, pickedUpAt: inP() }, { communityId: c, deliveredAt: inP() }]), order: [['loggedAt', 'asc'], ['_id', 'asc']] },
    { collection: 'errands', where: _.or([{ communityId: c, requestedAt: inP() }, { communityId: c, doneAt: inP() }]), order: [['requestedAt', 'asc'], ['_id', 'asc']] },
    { collection: 'referrals', where: _.or([{ communityId: c, referredAt: inP() }, { communityId: c, 'rating.at': inP() }]), order: [['referredAt', 'asc'], ['_id', 'asc']] },
    { collection: 'bookings', where: { communityId: c, date: dates(), eventId: _.exists(true) }, order: [['date', 'asc'], ['createdAt', 'asc'], ['_id', 'asc']] },
    { collection: 'volunteerHours', where: { communityId: c, date: dates() }, order: [['date', 'asc'], ['at', 'asc'], ['_id', 'asc']] },
  ]);
  const sheet = <T>(spec: { name: string; headers: readonly string[] }, src: Source, rows: (page: T[]) => (string | number)[][]): SheetSpec => ({
    name: spec.name,
    headers: [...spec.headers],
    rows: async function* () {
      for await (const page of pagesOf<T>(src)) yield rows(page);
    },
  });
  return [
    sheet<Parcel>(EVERYDAY_SHEETS.parcels, parcels, (page) => parcelTable(page).rows),
    sheet<ErrandDoc>(EVERYDAY_SHEETS.errands, errands, (page) => errandTable(page).rows),
    sheet<ReferralDoc>(EVERYDAY_SHEETS.referrals, referrals, (page) => referralTable(page).rows),
    sheet<Booking>(EVERYDAY_SHEETS.events, events, (page) => eventAttendanceTable(page).rows),
    sheet<VolunteerHoursDoc>(EVERYDAY_SHEETS.hours, hours, (page) => volunteerHoursTable(page).rows),
  ];
}

/** One sheet (or CSV) of the ledger: its name, headers, and its rows page by page. */
interface SheetSpec {
  name: string;
  headers: string[];
  rows: () => AsyncGenerator<(string | number)[][]>;
}

/**
 * The sheets of a ledger: tickets (诉求台账, then 处理记录 when `steps`) or market (集市记录). The
 * tickets are read once: while the first sheet is written, its page's steps go to `dir/steps.jsonl`
 * (a JSON array per row), which the second sheet then reads back line by line.
 */
async function sheetsOf(user: LoadedUser, kind: LedgerKind, p: Period, dir: string, steps: boolean): Promise<SheetSpec[]> {
  if (kind === 'meetings' || kind === 'topics' || kind === 'opinions') return [await consultationSheet(user, kind, p)];
  if (kind === 'visits') return [await visitSheet(user, p)];
  if (kind === 'everyday') return everydaySheets(user, p);
  if (kind === 'tickets') {
    const [src] = await sources([ticketSource(user.communityId, p)]);
    const empty = ticketTables([]);
    const side = path.join(dir, 'steps.jsonl');
    const main: SheetSpec = {
      name: empty.main.name,
      headers: empty.main.headers,
      rows: async function* () {
        const out = steps ? fs.createWriteStream(side) : null;
        try {
          for await (const page of pagesOf<Ticket>(src)) {
            const t = ticketTables(page);
            if (out) await put(out, t.events.rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
            yield t.main.rows;
          }
        } finally {
          if (out) {
            out.end();
            await once(out, 'close');
          }
        }
      },
    };
    const events: SheetSpec = {
      name: empty.events.name,
      headers: empty.events.headers,
      rows: async function* () {
        const lines = readline.createInterface({ input: fs.createReadStream(side), crlfDelay: Infinity });
        let batch: (string | number)[][] = [];
        for await (const line of lines) {
          if (!line) continue;
          batch.push(JSON.parse(line) as (string | number)[]);
          if (batch.length >= PAGE) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      },
    };
    return steps ? [main, events] : [main];
  }
  const [bookings, stalls] = await sources(marketSources(user.communityId, p));
  const empty = marketTable([], []);
  return [
    {
      name: empty.name,
      headers: empty.headers,
      rows: async function* () {
        for await (const page of pagesOf<Booking>(bookings)) yield marketTable(page, []).rows;
        for await (const page of pagesOf<StallApplication>(stalls)) yield marketTable([], page).rows;
      },
    },
  ];
}

/**
 * CSV of one table: UTF-8 with BOM, CRLF, every cell that needs it quoted, and every text cell a
 * spreadsheet would run as a formula prefixed with `'` (`domain/ledger.ts` spreadsheetSafe).
 */
export function csvOf(t: Table): Buffer {
  return Buffer.from(stringify([t.headers, ...t.rows], { bom: true, record_delimiter: 'windows', cast: { string: spreadsheetSafe } }), 'utf8');
}

/** Writes `text` to `out`, waiting when its buffer is full. */
async function put(out: fs.WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes the first sheet of `sheets` as CSV to `file` (as {@link csvOf}, page by page); returns its
 * number of rows. `all` (便民服务台账): every sheet, one after the other — a row with the sheet's
 * name, its headers, its rows, an empty row — and the rows of all of them.
 */
async function writeCsv(file: string, sheets: SheetSpec[], all = false): Promise<number> {
  const out = fs.createWriteStream(file);
  const options = { record_delimiter: 'windows' as const, cast: { string: spreadsheetSafe } };
  let n = 0;
  try {
    for (const [i, sheet] of (all ? sheets : sheets.slice(0, 1)).entries()) {
      const head = all ? [[`【${sheet.name}】`], sheet.headers] : [sheet.headers];
      await put(out, stringify(i === 0 ? head : [[], ...head], { ...options, bom: i === 0 }));
      for await (const rows of sheet.rows()) {
        await put(out, stringify(rows, options));
        n += rows.length;
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return n;
}

/** Writes every sheet as XLSX to `file` with exceljs's streaming writer; returns the first sheet's number of rows (`all`: of every sheet). */
async function writeXlsx(file: string, sheets: SheetSpec[], all = false): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = '解忧铺';
  let first = -1;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.headers.map((h) => {
      const long = ['反映内容', '处理经过', '说明', '纪要', '议定事项', '意见内容', '各选项户数', '核算说明', '办理结果', '答复及理由', '参会人员', '办理事项', '办理说明', '需求', '评价内容'].includes(h);
      return { width: long ? 48 : Math.max(10, h.length * 2 + 4), ...(long ? { style: { alignment: { wrapText: true, vertical: 'top' as const } } } : {}) };
    });
    const head = ws.addRow(sheet.headers);
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for await (const rows of sheet.rows()) {
      for (const r of rows) ws.addRow(r).commit();
      n += rows.length;
    }
    ws.commit();
    if (first < 0) first = n;
    else if (all) first += n;
  }
  await wb.commit();
  return Math.max(first, 0);
}

/** Builds, stores and links the ledger file (see the module comment). */
export async function exportLedger(user: LoadedUser, input: { from: string; to: string; format: 'csv' | 'xlsx'; kind: LedgerKind }): Promise<LedgerFile> {
  const p = periodOf(input.from, input.to);
  const label = LEDGER_LABELS[input.kind];
  const fileName = `${label}-${p.from}至${p.to}.${input.format}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-${newDocId()}-`));
  const file = path.join(dir, `ledger.${input.format}`);
  try {
    const sheets = await sheetsOf(user, input.kind, p, dir, input.format === 'xlsx');
    const all = input.kind === 'everyday';
    const rows = input.format === 'csv' ? await writeCsv(file, sheets, all) : await writeXlsx(file, sheets, all);
    const cloudPath = `ledgers/${user._id}/${local(clockNow()).format('YYYYMMDDHHmmss')}/${fileName}`;
    const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: fs.createReadStream(file) })) as { fileID: string };
    const urls = await tempFileUrls([fileID]);
    return { fileID, tempFileURL: urls[fileID] ?? '', fileName, format: input.format, kind: input.kind, rows };
  } finally {
    // /tmp outlives the call on a warm instance and holds 512 MB: never leave a ledger behind
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
