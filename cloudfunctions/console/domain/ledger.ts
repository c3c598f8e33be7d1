/**
 * The ledger's tables (台账, pure): Chinese headers, one row per record, local times
 * (Asia/Shanghai, `YYYY-MM-DD HH:mm`) — what a community secretary opens in WPS or Excel.
 *
 * - Tickets (`kind: 'tickets'`): sheet 诉求台账, one row per ticket reported in the period, with its
 *   timeline as one readable column (a line per step: `11-03 09:30 严婷 受理`); sheet 处理记录,
 *   one row per step of those tickets. A CSV holds the first table.
 *   Issue 21's columns: 延期/缓办 (the extension: approved → `缓办（延至 2026-11-20）`, waiting, or
 *   declined), 挂起天数 (calendar days suspended, `suspendedDays`), 退单 (times returned), 核查 (the
 *   on-site checks: `不通过1次；通过`), 重办 (reopened by an unsatisfied rating or a failed check).
 * - Visits (`kind: 'visits'`, 走访台账): one row per visit of the period — date, estate, room,
 *   grid, worker, who was met, topics, the tickets found. Never a care tag, a resident's name or
 *   phone, nor the visit's free-text note (design §4: care tags are never exported).
 * - Market (`kind: 'market'`): sheet 集市记录, one row per booking and per stall application on a
 *   market day of the period (记录类型 预约 / 摊位). A CSV holds the same table.
 * Step titles follow what staff read on a ticket (`ticket/domain/views.ts` staffTitle); the steps
 * are those the `admin` audience sees (`shared/tickets/audience.ts`: the ledger is the admins').
 */
import { roomLabelOfKey } from '../../shared/households';
import type { Booking, StallApplication, Ticket, TicketEvent } from '../../shared/model';
import { VISIT_MET_LABELS, VISIT_TOPIC_LABELS } from '../../shared/vocabulary/rounds';
import type { VisitDoc } from './rounds';
import { visibleEvents } from '../../shared/tickets/audience';
import { staffTitle } from '../../shared/tickets/steps';
import { CATEGORY_LABELS, RATING_LABELS, SOURCE_LABELS } from '../../shared/vocabulary/categories';
import { roleLabel } from '../../shared/vocabulary/roles';
import { BOOKING_STATUS_LABELS, TICKET_STATUS_LABELS } from '../../shared/vocabulary/statuses';
import { STALL_STATUS_LABELS } from '../../shared/vocabulary/statuses';

/** One table: column headers, and rows of cells (strings or numbers) in the same order. */
export interface Table {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

/**
 * A text cell as a CSV must hold it so that a spreadsheet shows it and never runs it: a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, WPS and
 * LibreOffice (`=HYPERLINK(…)`, `@SUM(…)`, DDE `=cmd|…`), so it gets a leading `'`, which the
 * spreadsheet shows as text. Source: OWASP, "CSV Injection"
 * (https://owasp.org/www-community/attacks/CSV_Injection). Other cells are returned unchanged.
 * Only for CSV: an XLSX cell written as a string (exceljs) is text by type and is never evaluated.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Asia/Shanghai is UTC+8 all year: China has kept no daylight saving time since 1991 (IANA tz
 * database, zone Asia/Shanghai). The ledger formats tens of thousands of instants, and
 * dayjs's timezone plugin (`shared/time.ts` `local`) costs an Intl lookup each — most of a
 * 20 000-ticket export's time (measured: issue 18 §3) — so the ledger adds the fixed offset.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD HH:mm` (or `MM-DD HH:mm` without the year) of `d` in Asia/Shanghai. */
function shanghai(d: Date, year: boolean): string {
  const t = new Date(new Date(d).getTime() + SHANGHAI_OFFSET_MS);
  const md = `${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
  return year ? `${t.getUTCFullYear()}-${md}` : md;
}

/** `YYYY-MM-DD HH:mm` local, or '' for none. */
export const localStamp = (d: Date | null | undefined): string => (d ? shanghai(d, true) : '');

const STATUS: Readonly<Record<string, string>> = TICKET_STATUS_LABELS;
const RATING: Readonly<Record<string, string>> = RATING_LABELS;
const BOOKING_STATUS: Readonly<Record<string, string>> = BOOKING_STATUS_LABELS;

/** What a step is called in the ledger: what staff read for it (`ticket/domain/views.ts`). */
export const stepTitle = staffTitle;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** One line of a ticket's timeline column. */
function timelineLine(e: TicketEvent): string {
  const note = oneLine(e.note ?? '');
  return `${shanghai(e.at, false)} ${e.actorName} ${stepTitle(e)}${note ? `：${note}` : ''}`;
}

const placeOf = (t: Ticket): string => [t.where.estateName, t.where.building, t.where.unit, t.where.spot].filter(Boolean).join(' ');
const yesNo = (b: boolean | undefined, when: unknown): string => (when ? (b ? '是' : '否') : '');

/** The ticket ledger's loop columns (issue 21). */
export const LOOP_HEADERS = ['延期/缓办', '挂起天数', '退单', '核查', '重办'];

const typeIs = (t: Ticket, type: TicketEvent['type'], pred: (e: TicketEvent) => boolean = () => true): number => t.events.filter((e) => e.type === type && pred(e)).length;

/** 延期/缓办, 挂起天数, 退单, 核查, 重办 of a ticket (see the module comment); counts from the events where an older document has no counter. */
export function loopCells(t: Ticket): (string | number)[] {
  const ext = t.extension;
  const extension = ext?.status === 'approved' || t.deferred ? `缓办（延至${ext?.untilDate ?? ''}）` : ext?.status === 'requested' ? `申请延期至${ext.untilDate}` : ext?.status === 'declined' ? '延期未批准' : '';
  const suspended = t.suspendedDays ?? 0;
  const failed = typeIs(t, 'verified', (e) => e.detail?.passed === false);
  const checks = [failed ? `不通过${failed}次` : '', t.verification?.passed ? '通过' : ''].filter(Boolean).join('；');
  return [extension, t.suspension ? `${suspended}（挂起中，至${t.suspension.untilDate}）` : suspended, t.returns ?? typeIs(t, 'returned'), checks, typeIs(t, 'rework')];
}

/** The two ticket tables (see the module comment). `tickets` in the order to list them. */
export function ticketTables(tickets: Ticket[]): { main: Table; events: Table } {
  const main: Table = {
    name: '诉求台账',
    headers: ['编号', '登记时间', '来源', '类别', '反映内容', '地点', '网格', '反映人', '登记人', '状态', '处理人', '受理时间', '反馈时间', '办结时间', '按期办结', '评价', ...LOOP_HEADERS, '处理经过'],
    rows: tickets.map((t) => [
      t._id,
      localStamp(t.createdAt),
      SOURCE_LABELS[t.source] ?? t.source,
      CATEGORY_LABELS[t.category] ?? t.category,
      oneLine(t.text),
      placeOf(t),
      t.gridId ?? '社区',
      t.reporterName ?? '',
      t.actorName,
      STATUS[t.status] ?? t.status,
      t.assigneeName ?? '',
      localStamp(t.acceptedAt),
      localStamp(t.handledAt),
      t.status === 'closed' ? localStamp(t.closedAt) : '',
      t.status === 'closed' ? yesNo(t.closedOnTime, t.closedAt) : '',
      t.ratings.map((r) => RATING[r.rating] ?? r.rating).join('、'),
      ...loopCells(t),
      visibleEvents(t, 'admin').map(timelineLine).join('\n'),
    ]),
  };
  const events: Table = {
    name: '处理记录',
    headers: ['诉求编号', '时间', '事项', '经办人', '身份', '状态变化', '说明'],
    rows: tickets.flatMap((t) =>
      visibleEvents(t, 'admin').map((e) => [t._id, localStamp(e.at), stepTitle(e), e.actorName, roleLabel(e.actorRole), e.from && e.from !== e.to ? `${STATUS[e.from]} → ${STATUS[e.to]}` : STATUS[e.to], oneLine(e.note ?? '')]),
    ),
  };
  return { main, events };
}

/** The market table (see the module comment): bookings then stall applications, each by date. */
export function marketTable(bookings: Booking[], stalls: StallApplication[]): Table {
  return {
    name: '集市记录',
    headers: ['记录类型', '集市日期', '服务项目或摊位', '时段', '居民或摊主', '代办人', '状态', '签到时间', '登记时间', '编号'],
    rows: [
      ...bookings.map((b) => [
        '预约',
        b.date,
        b.serviceName,
        b.slotLabel,
        b.residentName,
        b.actorId !== b.residentId ? b.actorName : '',
        BOOKING_STATUS[b.status] ?? b.status,
        localStamp(b.checkedInAt),
        localStamp(b.createdAt),
        b.code,
      ]),
      ...stalls.map((a) => [
        '摊位',
        a.date,
        a.stallNumber != null ? `${a.stallNumber}号摊位（${a.goods.join('、')}）` : `候补（${a.goods.join('、')}）`,
        '',
        a.vendorName,
        '',
        STALL_STATUS_LABELS[a.status] ?? a.status,
        localStamp(a.checkedInAt),
        localStamp(a.createdAt),
        a._id,
      ]),
    ],
  };
}

const MET_LABELS: Readonly<Record<string, string>> = VISIT_MET_LABELS;
const TOPIC_LABELS: Readonly<Record<string, string>> = VISIT_TOPIC_LABELS;

/**
 * 走访台账 (see the module comment): one row per visit, in the order given. `estateName` names an
 * estate by id. Never a care tag, a resident, a phone or the visit's note.
 */
export function visitTable(visits: VisitDoc[], estateName: (id: string) => string = (id) => id): Table {
  return {
    name: '走访台账',
    headers: ['走访日期', '小区', '户（房号）', '网格', '走访人', '见到', '走访内容', '发现问题（诉求编号）', '登记时间', '编号'],
    rows: visits.map((v) => [
      v.date,
      estateName(v.householdKey.split('|')[0] ?? ''),
      roomLabelOfKey(v.householdKey),
      v.gridId,
      v.workerName,
      MET_LABELS[v.met] ?? v.met,
      (v.topics ?? []).map((k) => TOPIC_LABELS[k] ?? k).join('、'),
      (v.ticketIds ?? []).join('、'),
      localStamp(v.createdAt),
      v._id,
    ]),
  };
}
