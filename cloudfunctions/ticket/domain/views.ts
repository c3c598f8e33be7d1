/**
 * Views of a ticket for each kind of reader (pure; the privacy rule of issue 9 and DESIGN.md):
 * - `residentView`: the reporter, or a neighbour who joined; public steps only, actors named by
 *   role (网格员 陈晓丹, 社区), never the reporter, never internal notes, returns or reminders;
 * - `staffView`: its grid's workers, its assignee and the community's admins; everything, the
 *   reporter's phone masked unless the reader is the assignee or an admin;
 * - `queueItem`, `similarItem`: rows of lists. `similarItem` carries no text and no names.
 * Instants become ISO strings.
 */
import type { Ticket, TicketEvent } from '../../shared/model';
import type { QueueItem, ResidentTicketView, SimilarTicket, StaffTicketView, TicketPlace, TimelineStep } from '../contract';
import { CATEGORY_LABELS, RATING_LABELS, SOURCE_LABELS, statusLabel } from './categories';
import { isOverdue, localDateOf } from './deadlines';
import { isAdminOfTicket, isAssignee, relationOf, staffActions, type Actor } from './workflow';

/** The place in words: `蓝天家园小区 7号楼 楼顶`. */
export function placeOf(t: Pick<Ticket, 'where'>): TicketPlace {
  const w = t.where;
  const parts = [w.estateName ?? '', w.building ?? '', w.unit ?? '', w.spot].filter(Boolean);
  return { estateId: w.estateId, estateName: w.estateName ?? null, building: w.building, unit: w.unit ?? null, spot: w.spot, text: parts.join(' ') || '未填写地点' };
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}


/** What a resident reads for one public step. */
function residentTitle(e: TicketEvent, reporterEntered: boolean): string {
  const who = e.actorRole === 'communityAdmin' ? `社区工作人员 ${e.actorName}` : `网格员 ${e.actorName}`;
  switch (e.type) {
    case 'reported':
      return reporterEntered ? '反映了问题' : '在解忧铺登记了问题';
    case 'accepted':
      return `${who} 受理了`;
    case 'assigned':
      return `社区安排网格员 ${String(e.detail?.workerName ?? '')} 处理`;
    case 'note':
      return `${who} 留言`;
    case 'coordinated':
      return `已联系${String(e.detail?.departmentName ?? '相关部门')}`;
    case 'handled':
      return '已处理';
    case 'followedUp':
      return `${who} 回访`;
    case 'closed':
      return e.detail?.auto ? '回访期满，自动办结' : '已办结';
    case 'rated':
      return `评价：${String(e.detail?.ratingLabel ?? '')}`;
    case 'rework':
      return '重新处理';
    case 'merged':
      return '与另一个相同的问题合并处理';
    case 'supervised':
      return `社区督办，要求 ${String(e.detail?.deadline ?? '')} 前办好`;
    default:
      return '';
  }
}

/** What staff read for every step (with the actor's name and whether residents see it); the ledger's step names too. */
export function staffTitle(e: TicketEvent): string {
  const d = e.detail ?? {};
  switch (e.type) {
    case 'reported':
      return '登记';
    case 'joined':
      return '一位邻居附议（也反映了这个问题）';
    case 'accepted':
      return '受理';
    case 'assigned':
      return `指派给 ${String(d.workerName ?? '')}`;
    case 'note':
      return e.public ? '留言（反映人可见）' : '内部记录';
    case 'coordinated':
      return `协调 ${String(d.departmentName ?? '')}（联系人 ${String(d.contact ?? '')}，${String(d.by ?? '')} 前）`;
    case 'returned':
      return '退单';
    case 'handled':
      return '反馈处理结果';
    case 'followedUp':
      return `回访（${String(d.methodLabel ?? '')}，${String(d.date ?? '')}）`;
    case 'closed':
      return e.detail?.auto ? '系统自动办结（回访期满）' : '办结';
    case 'rated':
      return `反映人评价：${String(d.ratingLabel ?? '')}`;
    case 'rework':
      return '返工';
    case 'merged':
      return `合并到另一个问题`;
    case 'mergedIn':
      return '并入一个重复的问题';
    case 'escalated':
      return '超时，转社区督办';
    case 'supervised':
      return `社区督办，限 ${String(d.deadline ?? '')} 前办结`;
    case 'reminded':
      return '社区催办';
  }
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

function ratingsOf(t: Ticket) {
  return t.ratings.map((r) => ({ rating: r.rating, ratingLabel: RATING_LABELS[r.rating], comment: r.comment, at: r.at.toISOString() }));
}

/**
 * The reporter's or a joiner's view. `helperNames`: the workers of its grid (who will help while
 * nobody has accepted). `photos`: temporary URLs (only the reporter gets them). Null when `userId`
 * neither reported nor follows it (the caller then answers TICKET.NOT_FOUND).
 */
export function residentView(t: Ticket, userId: string, helperNames: string[], photos: string[]): ResidentTicketView | null {
  const relation = relationOf(t, userId);
  if (!relation) return null;
  const reporterEntered = t.actorId === t.reporterId;
  const timeline: TimelineStep[] = t.events
    .filter((e) => e.public && (relation === 'mine' || e.type !== 'rated'))
    .map((e) => ({ at: e.at.toISOString(), type: e.type, title: residentTitle(e, reporterEntered), note: e.note }));
  const helper = t.assigneeName
    ? `网格员 ${t.assigneeName}`
    : t.gridId && helperNames.length
      ? `网格员 ${helperNames.join('、')}`
      : t.gridId
        ? '这片的网格员'
        : '社区';
  return {
    id: t._id,
    category: t.category,
    categoryLabel: CATEGORY_LABELS[t.category],
    text: relation === 'mine' ? t.text : '（您附议的问题）',
    place: placeOf(t),
    status: t.status,
    statusLabel: statusLabel(t.status, t.hardCase && !t.gridId),
    createdAt: t.createdAt.toISOString(),
    relation,
    helper,
    photos: relation === 'mine' ? photos : [],
    timeline,
    mergedIntoId: t.mergedInto ?? null,
    canRate: relation === 'mine' && t.status === 'closed' && t.ratings.length <= t.reworks,
    ratings: relation === 'mine' ? ratingsOf(t) : [],
    anonymous: t.anonymous,
  };
}

/**
 * The staff view for `a` (who must see it: `workflow.seesStaffView`). `reporterPhone`: the
 * reporter's phone if they have one; shown in full only to the assignee and admins.
 */
export function staffView(t: Ticket, a: Actor, extra: { gridCode: string | null; reporterPhone: string | null; photos: string[] }, now: Date): StaffTicketView {
  const fullPhone = isAssignee(t, a) || isAdminOfTicket(t, a);
  const reasons: Record<string, string> = {
    noGrid: '地点不在任何网格内，由社区兜底',
    severalGrids: '地点涉及几个网格，由社区协调',
    returned: '网格员退单，等社区安排',
    overdue: '超过时限，转社区督办',
    supervised: '社区督办',
  };
  return {
    id: t._id,
    category: t.category,
    categoryLabel: CATEGORY_LABELS[t.category],
    text: t.text,
    place: placeOf(t),
    source: t.source,
    sourceLabel: SOURCE_LABELS[t.source],
    status: t.status,
    statusLabel: statusLabel(t.status, t.hardCase && !t.gridId),
    createdAt: t.createdAt.toISOString(),
    gridId: t.gridId,
    gridCode: extra.gridCode,
    hardCase: t.hardCase,
    hardCaseReason: t.hardCase && t.hardCaseReason ? reasons[t.hardCaseReason] : null,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    dueAt: iso(t.dueAt),
    overdue: isOverdue(t, now),
    supervision: t.supervision ? { deadline: localDateOf(t.supervision.deadline), note: t.supervision.note, byName: t.supervision.byName } : null,
    reporter: t.reporterId
      ? { id: t.reporterId, name: t.reporterName ?? '', phone: extra.reporterPhone ? (fullPhone ? extra.reporterPhone : maskPhone(extra.reporterPhone)) : null, phoneMasked: !!extra.reporterPhone && !fullPhone }
      : null,
    enteredBy: t.actorId !== t.reporterId ? t.actorName : null,
    anonymous: t.anonymous,
    followerCount: t.followerIds.length,
    photos: extra.photos,
    mergedIntoId: t.mergedInto ?? null,
    reworks: t.reworks,
    ratings: ratingsOf(t),
    timeline: t.events.map((e) => ({ at: e.at.toISOString(), type: e.type, title: staffTitle(e), note: e.note, actorName: e.actorName, public: e.public })),
    can: staffActions(t, a, now),
  };
}

/** One row of a queue or the hard-case list. */
export function queueItem(t: Ticket, now: Date): QueueItem {
  const chars = [...t.text];
  return {
    id: t._id,
    categoryLabel: CATEGORY_LABELS[t.category],
    summary: chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : t.text,
    placeText: placeOf(t).text,
    status: t.status,
    statusLabel: statusLabel(t.status, t.hardCase && !t.gridId),
    createdAt: t.createdAt.toISOString(),
    dueAt: iso(t.dueAt),
    overdue: isOverdue(t, now),
    hardCase: t.hardCase,
    assigneeName: t.assigneeName,
    supervised: !!t.supervision,
  };
}

/** An open ticket like the one a resident is about to report: no text, no names, no counts. */
export function similarItem(t: Ticket, userId: string): SimilarTicket {
  return {
    id: t._id,
    categoryLabel: CATEGORY_LABELS[t.category],
    placeText: placeOf(t).text,
    reportedOn: localDateOf(t.createdAt),
    statusLabel: statusLabel(t.status, t.hardCase && !t.gridId),
    alreadyFollowing: relationOf(t, userId) !== null,
  };
}
