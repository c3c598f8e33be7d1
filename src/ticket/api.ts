/**
 * Client side of the `ticket` cloud function (actions, inputs and answers: cloudfunctions/ticket/index.ts
 * and contract.ts — the code is the truth until docs/api.md covers tickets).
 */
import { callFunction, type CallError, type CallResult } from '../services/cloud';
import type {
  BoardItem,
  Department,
  FollowUpMethod,
  QueueItem,
  QueueRow,
  QueueView,
  Rating,
  ResidentTicketView,
  SimilarTicket,
  StaffActions,
  StaffTicketView,
  TicketView,
  TimelineStep,
} from '../../cloudfunctions/ticket/contract';
import type { TicketCategory } from '../../cloudfunctions/shared/model';
import { spokenConsentGiven } from '../../cloudfunctions/shared/vocabulary/consent';
import { CATEGORY_GROUPS, CATEGORY_LABELS, DEPARTMENT_LABELS, FOLLOW_UP_LABELS, RATING_LABELS, isCommunityProblem } from '../../cloudfunctions/ticket/domain/categories';

export type { BoardItem, Department, FollowUpMethod, QueueItem, QueueRow, QueueView, Rating, ResidentTicketView, SimilarTicket, StaffActions, StaffTicketView, TicketView, TimelineStep, TicketCategory };

/** The categories a resident can choose, in the order the form shows them (grouped: 邻里纠纷, 社区问题, 其他). */
export const CATEGORIES: { value: TicketCategory; label: string }[] = CATEGORY_GROUPS.flatMap((g) => g.categories.map((value) => ({ value, label: CATEGORY_LABELS[value] })));

export { CATEGORY_GROUPS, CATEGORY_LABELS, DEPARTMENT_LABELS, FOLLOW_UP_LABELS, RATING_LABELS, isCommunityProblem };

/** Where a problem staff file came from (`fileCase`): 自己找, 互相帮; admins also 组织议, 上级点. */
export type FileCaseSource = 'selfFound' | 'mutualHelp' | 'organisationDiscussion' | 'superiorAssigned';

/** Where a problem is, as the report form sends it. */
export interface TicketWhere {
  estateId?: string;
  building?: string;
  unit?: string;
  spot?: string;
}

/** `get`: the resident's or the staff view, by who asks. */
export type TicketGet = { view: 'resident'; ticket: ResidentTicketView } | { view: 'staff'; ticket: StaffTicketView };

/** A grid worker an admin can assign to (`workers`). */
export interface WorkerOption {
  id: string;
  name: string;
  gridIds: string[];
}

/** An error with the function's details (e.g. TICKET.ALREADY_ACCEPTED carries `{ assigneeName }`). */
export type TicketError = CallError & { details?: unknown };

const call = <T>(data: Record<string, unknown>): Promise<CallResult<T>> => callFunction<T>('ticket', data);

export const ticketApi = {
  // ─── residents ───
  /** A resident reports a problem (anonymous by default); answers their view of the new ticket. */
  report: (input: { category: TicketCategory; text: string; where?: TicketWhere; photos?: string[]; anonymous: boolean; requestId: string }): Promise<CallResult<ResidentTicketView>> =>
    call({
      action: 'report',
      category: input.category,
      text: input.text,
      ...(input.where ? { where: input.where } : {}),
      ...(input.photos?.length ? { photos: input.photos } : {}),
      anonymous: input.anonymous,
      requestId: input.requestId,
    }),
  /** Open tickets of the same category at the same place (last 30 days): no text, names or counts. */
  /** 问题挂牌: the community's open problems and their progress, anonymised (every resident). */
  board: (): Promise<CallResult<{ items: BoardItem[]; closedDays: number }>> => call({ action: 'board' }),
  similar: (category: TicketCategory, where?: TicketWhere): Promise<CallResult<SimilarTicket[]>> => call({ action: 'similar', category, ...(where ? { where } : {}) }),
  /** 我也遇到了 (附议): follow an open ticket instead of filing a duplicate. */
  join: (ticketId: string): Promise<CallResult<ResidentTicketView>> => call({ action: 'join', ticketId }),
  myTickets: (): Promise<CallResult<ResidentTicketView[]>> => call({ action: 'myTickets' }),
  get: (ticketId: string): Promise<CallResult<TicketGet>> => call({ action: 'get', ticketId }),
  rate: (ticketId: string, rating: Rating, comment: string): Promise<CallResult<ResidentTicketView>> => call({ action: 'rate', ticketId, rating, comment }),

  // ─── grid workers (and admins) ───
  /** The waiting list (at most `perReporter` per reporter) and the caller's own; with `sameReporterAs`, every waiting ticket of that ticket's reporter. */
  queue: (sameReporterAs?: string): Promise<CallResult<QueueView>> => call({ action: 'queue', ...(sameReporterAs ? { sameReporterAs } : {}) }),
  accept: (ticketId: string): Promise<CallResult<StaffTicketView>> => call({ action: 'accept', ticketId }),
  note: (ticketId: string, text: string, isPublic: boolean): Promise<CallResult<StaffTicketView>> => call({ action: 'note', ticketId, text, public: isPublic }),
  coordinate: (ticketId: string, c: { department: Department; departmentName?: string; contact: string; agreed: string; by: string }): Promise<CallResult<StaffTicketView>> =>
    call({ action: 'coordinate', ticketId, department: c.department, ...(c.departmentName ? { departmentName: c.departmentName } : {}), contact: c.contact, agreed: c.agreed, by: c.by }),
  returnTicket: (ticketId: string, reason: string): Promise<CallResult<StaffTicketView>> => call({ action: 'returnTicket', ticketId, reason }),
  handle: (ticketId: string, result: string): Promise<CallResult<StaffTicketView>> => call({ action: 'handle', ticketId, result }),
  followUp: (ticketId: string, f: { date: string; method: FollowUpMethod; reporterSaid: string }): Promise<CallResult<StaffTicketView>> =>
    call({ action: 'followUp', ticketId, date: f.date, method: f.method, reporterSaid: f.reporterSaid }),
  close: (ticketId: string, summary: string): Promise<CallResult<StaffTicketView>> => call({ action: 'close', ticketId, summary }),
  merge: (ticketId: string, intoId: string): Promise<CallResult<StaffTicketView>> => call({ action: 'merge', ticketId, intoId }),
  /**
   * 登记我发现的问题: staff file a problem they found (自己找) or, admins only, one an organisation
   * decided (组织议) or a superior assigned (上级点); optionally naming the resident it concerns (then
   * its reporter). `where.estateId` is required by the page (the place decides the grid). Answers the
   * staff view of the new ticket. Errors: TICKET.SOURCE_NOT_ALLOWED, TICKET.PLACE_NOT_FOUND,
   * COMMON.TEXT_REJECTED, COMMON.FORBIDDEN (a photo not the caller's own).
   */
  fileCase: (input: { source: FileCaseSource; category: TicketCategory; text: string; where: TicketWhere; residentId?: string; photos?: string[]; requestId: string }): Promise<CallResult<StaffTicketView>> =>
    call({
      action: 'fileCase',
      source: input.source,
      category: input.category,
      text: input.text,
      where: input.where,
      ...(input.residentId ? { residentId: input.residentId } : {}),
      ...(input.photos?.length ? { photos: input.photos } : {}),
      requestId: input.requestId,
    }),

  // ─── community admins ───
  hardCases: (): Promise<CallResult<QueueItem[]>> => call({ action: 'hardCases' }),
  workers: (): Promise<CallResult<WorkerOption[]>> => call({ action: 'workers' }),
  assign: (ticketId: string, workerId: string): Promise<CallResult<StaffTicketView>> => call({ action: 'assign', ticketId, workerId }),
  supervise: (ticketId: string, deadline: string, note: string): Promise<CallResult<StaffTicketView>> => call({ action: 'supervise', ticketId, deadline, note }),
  remind: (ticketId: string, note: string): Promise<CallResult<StaffTicketView>> => call({ action: 'remind', ticketId, note }),

  // ─── the counter ───
  /** Counter: report for a resident with their spoken consent. */
  reportFor: (input: {
    residentId: string;
    category: TicketCategory;
    text: string;
    /** the place: an estate of the resident's community, optionally a building of it, and a spot (楼道, 楼顶…) */
    where?: { estateId?: string; building?: string; spot?: string };
    requestId: string;
  }): Promise<CallResult<TicketView>> =>
    call({
      action: 'reportFor',
      residentId: input.residentId,
      category: input.category,
      text: input.text,
      ...(input.where ? { where: input.where } : {}),
      requestId: input.requestId,
      consent: spokenConsentGiven(),
    }),
  ticketsFor: (residentId: string): Promise<CallResult<TicketView[]>> => call({ action: 'ticketsFor', residentId }),
};

/** Who will help with a ticket, in words a resident understands (the grid workers' names, never a grid code). */
export function whoWillHelp(t: Pick<TicketView, 'gridCode' | 'gridWorkerNames'>): string {
  if (!t.gridCode) return '已交给社区，由社区安排人处理';
  return t.gridWorkerNames.length ? `已转给网格员 ${t.gridWorkerNames.join('、')}` : '已转给这片的网格员';
}

/** The name of whoever holds a ticket, from TICKET.ALREADY_ACCEPTED's details. */
export function holderOf(error: TicketError): string | null {
  const d = error.details as { assigneeName?: unknown } | undefined;
  return d && typeof d.assigneeName === 'string' && d.assigneeName ? d.assigneeName : null;
}

/** The ticket pages (URLs carry only ids; everything shown is loaded from the server). */
export const TICKET_URLS = {
  report: '/ticket/pages/report/index',
  mine: '/ticket/pages/mine/index',
  board: '/ticket/pages/board/index',
  detail: (id: string) => `/ticket/pages/detail/index?id=${encodeURIComponent(id)}`,
  queue: '/desk/pages/queue/index',
  /** 登记我发现的问题 (staff) */
  fileCase: '/desk/pages/file/index',
  /** the queue page listing every waiting ticket of the reporter of ticket `id` */
  queueSameReporter: (id: string) => `/desk/pages/queue/index?sameAs=${encodeURIComponent(id)}`,
  hardCases: '/desk/pages/hard/index',
  deskDetail: (id: string) => `/desk/pages/detail/index?id=${encodeURIComponent(id)}`,
};
