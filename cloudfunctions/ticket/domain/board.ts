/**
 * The public board (问题挂牌, issue 11): open community problems and their progress, shown to every
 * resident of the community, anonymised (pure).
 *
 * What it shows is the `board` audience of `audience.ts` (the one privacy table):
 * - only community problems (环境卫生, 绿化, 公共设施损坏, 道路破损, 安全隐患 — `CATEGORY_GROUPS`'
 *   `communityProblem`); never neighbour disputes, never `other` (a private matter can hide there);
 * - open tickets, and those closed in the last {@link BOARD_CLOSED_DAYS} days (so residents see
 *   them finished);
 * - the category, the place (estate, building, spot), the status, the date reported and the steps
 *   taken with their dates, each step in words without a person's name; never the reporter's
 *   words, name, photos, the followers, internal notes or a worker's name.
 */
import type { Ticket, TicketCategory, TicketEvent } from '../../shared/model';
import type { BoardItem } from '../contract';
import { COMMUNITY_PROBLEMS, facetsFor, visibleEvents } from '../../shared/tickets/audience';
import { CATEGORY_LABELS, DEPARTMENT_LABELS, ticketStatusLabel } from '../../shared/vocabulary/categories';
import { isOverdue, localDateOf } from '../../shared/deadlines';
import { placeOf } from './views';

/** The categories the board shows: the community problems, those the `board` audience may see (`audience.ts`). */
export const BOARD_CATEGORIES: TicketCategory[] = COMMUNITY_PROBLEMS;

/** Closed tickets stay on the board this many days after closing. */
export const BOARD_CLOSED_DAYS = 30;

/** A step in words a neighbour may read (no names), or null for a step the board does not show. */
export function boardStep(e: Pick<TicketEvent, 'type' | 'public' | 'detail'>): string | null {
  if (!e.public) return null;
  switch (e.type) {
    case 'reported':
      return '居民反映';
    case 'accepted':
      return '网格员受理';
    case 'assigned':
      return '社区安排网格员处理';
    case 'coordinated': {
      const dept = e.detail?.department as keyof typeof DEPARTMENT_LABELS | undefined;
      return `联系${dept && DEPARTMENT_LABELS[dept] ? DEPARTMENT_LABELS[dept] : '相关部门'}`;
    }
    case 'handled':
      return '已处理';
    case 'closed':
      return '已办结';
    case 'rework':
      return '重新处理';
    case 'supervised':
      return '社区挂牌督办';
    // issue 21
    case 'extended':
      return '延期办理';
    case 'suspended':
      return '暂停办理（挂起）';
    case 'resumed':
      return '恢复办理';
    case 'verified':
      return e.detail?.passed ? '现场核查通过' : '现场核查未通过';
    default:
      return null;
  }
}

/** True if `t` belongs on the board at `now`. */
export function onBoard(t: Pick<Ticket, 'category' | 'status' | 'closedAt'>, now: Date): boolean {
  if (!facetsFor(t, 'board').has('problem')) return false;
  if (t.status === 'closed') return !!t.closedAt && now.getTime() - t.closedAt.getTime() <= BOARD_CLOSED_DAYS * 24 * 3600 * 1000;
  return t.status === 'pending' || t.status === 'inProgress' || t.status === 'handled';
}

/** One row of the board. */
export function boardItem(t: Ticket, now: Date): BoardItem {
  return {
    id: t._id,
    categoryLabel: CATEGORY_LABELS[t.category],
    placeText: placeOf(t).text,
    status: t.status,
    statusLabel: ticketStatusLabel(t),
    reportedOn: localDateOf(t.createdAt),
    overdue: isOverdue(t, now),
    supervised: !!t.supervision,
    steps: visibleEvents(t, 'board').flatMap((e) => {
      const label = boardStep(e);
      return label ? [{ label, on: localDateOf(e.at) }] : [];
    }),
  };
}
