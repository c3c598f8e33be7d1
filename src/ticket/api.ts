/**
 * What the ticket pages share besides the calls: the words (categories, departments, follow-up ways,
 * ratings), links, and helpers to read an answer. Calls go through `call('ticket', action, input)`
 * (`src/services/call.ts`), typed from `cloudfunctions/ticket/contract.ts`, whose answer types are
 * re-exported here by name; limits of the forms come from `cloudfunctions/ticket/limits.ts`.
 */
import type { CallError } from '../services/cloud';
import type { TicketCategory, TicketView } from '../../cloudfunctions/ticket/contract';
import { CATEGORY_GROUPS, CATEGORY_LABELS, DEPARTMENT_LABELS, FOLLOW_UP_LABELS, RATING_LABELS, isCommunityProblem } from '../../cloudfunctions/shared/vocabulary/categories';

export type {
  BoardItem,
  BoardView,
  Department,
  FileCaseSource,
  FollowUpMethod,
  QueueItem,
  QueueRow,
  QueueView,
  Rating,
  ResidentTicketView,
  SimilarTicket,
  StaffActions,
  StaffTicketView,
  TicketCategory,
  TicketGet,
  TicketView,
  TicketWhere,
  TimelineStep,
  WorkerOption,
  MediatorOption,
  VolunteerTicketTasks,
} from '../../cloudfunctions/ticket/contract';

/** The categories a resident can choose, in the order the form shows them (grouped: 邻里纠纷, 社区问题, 其他). */
export const CATEGORIES: { value: TicketCategory; label: string }[] = CATEGORY_GROUPS.flatMap((g) => g.categories.map((value) => ({ value, label: CATEGORY_LABELS[value] })));

export { CATEGORY_GROUPS, CATEGORY_LABELS, DEPARTMENT_LABELS, FOLLOW_UP_LABELS, RATING_LABELS, isCommunityProblem };

/** An error with the function's details (e.g. TICKET.ALREADY_ACCEPTED carries `{ assigneeName }`). */
export type TicketError = CallError & { details?: unknown };

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
  /** 待我处理 (issue 21): extension requests (admins) and tickets to verify */
  decisions: '/desk/pages/decisions/index',
  deskDetail: (id: string) => `/desk/pages/detail/index?id=${encodeURIComponent(id)}`,
  /** 志愿者的问题 (issue 22): a 信息员's tickets to check (核查) and a 调解员's disputes */
  volunteer: '/ticket/pages/volunteer/index',
};
