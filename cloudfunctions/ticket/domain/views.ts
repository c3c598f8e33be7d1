/**
 * Views of a ticket for each kind of reader (pure). What each view holds is decided by the one
 * privacy table, `audience.ts` (issue 16 §1; DESIGN.md "Privacy"), never by the notes themselves:
 * - `residentView`: the `reporter` or a `follower` (a neighbour who joined); public steps with the
 *   workers named by role (网格员 陈晓丹); a follower never gets who reported, what they said (the
 *   text, the follow-up's words, the ratings), their photos or the counter's record;
 * - `staffView`: the `assignee`, the other workers of its grid (`gridStaff`) and the `admin`s;
 *   everything, the reporter's phone masked unless the audience may see it in full;
 * - `queueItem`: rows of a worker's queue or the hard-case list (staff audiences);
 * - `similarItem`: what any other `resident` may see of an open community problem at the same
 *   place (no text, no names, no counts) — nothing at all of a dispute;
 * - `counterView`: the counter's short view for the reporter in front of the staff member.
 * Instants become ISO strings.
 */
import type { Ticket, TicketEvent } from '../../shared/model';
import { maskPhone } from '../../shared/vocabulary/phone';
import { ROLE_LABELS } from '../../shared/vocabulary/roles';
import type { QueueItem, ResidentTicketView, SimilarTicket, StaffTicketView, TicketPlace, TicketView, TimelineStep } from '../contract';
import { staffTitle } from '../../shared/tickets/steps';
import { audienceOf, facetsFor, visibleEvents, type Audience } from '../../shared/tickets/audience';
import { CATEGORY_LABELS, RATING_LABELS, SOURCE_LABELS, ticketStatusLabel } from '../../shared/vocabulary/categories';
import { isOverdue, localDateOf } from '../../shared/deadlines';
import { dateWords } from '../../shared/time';
import { needsVerification, relationOf, staffActions, type Actor } from './workflow';

/** The place in words: `蓝天家园小区 7号楼 楼顶`. */
export function placeOf(t: Pick<Ticket, 'where'>): TicketPlace {
  const w = t.where;
  const parts = [w.estateName ?? '', w.building ?? '', w.unit ?? '', w.spot].filter(Boolean);
  return { estateId: w.estateId, estateName: w.estateName ?? null, building: w.building, unit: w.unit ?? null, spot: w.spot, text: parts.join(' ') || '未填写地点' };
}



/**
 * What a resident reads for one public step. `counterRecord`: the reader may know how it was
 * entered (the reporter); a follower reads only that a resident reported it. Only staff are ever
 * named (a step by a resident never carries its actor's name).
 */
function residentTitle(e: TicketEvent, reporterEntered: boolean, counterRecord: boolean): string {
  const who = e.actorRole === 'communityAdmin' || e.actorRole === 'gridWorker' ? `${ROLE_LABELS[e.actorRole]} ${e.actorName}` : '社区';
  switch (e.type) {
    case 'reported':
      if (!counterRecord) return '居民反映了问题';
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
    // issue 21: a return is 「转社区统一协调」 (its reason is staff's), an extension's new date, a suspension and its end, a check
    case 'returned':
      return '转社区统一协调';
    case 'extended':
      return `办理期限延至 ${dateWords(String(e.detail?.untilDate ?? ''), e.at)}`;
    case 'suspended':
      return `暂停办理（挂起），预计 ${dateWords(String(e.detail?.untilDate ?? ''), e.at)} 恢复`;
    case 'resumed':
      return '恢复办理';
    case 'verified':
      return e.detail?.passed ? '社区现场核查通过' : '现场核查没有通过，重新处理';
    default:
      return '';
  }
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

function ratingsOf(t: Ticket) {
  return t.ratings.map((r) => ({ rating: r.rating, ratingLabel: RATING_LABELS[r.rating], comment: r.comment, at: r.at.toISOString() }));
}

/**
 * The reporter's or a follower's view (audience `reporter` / `follower`, `audience.ts`).
 * `helperNames`: the workers of its grid (who will help while nobody has accepted). `photos`:
 * temporary URLs (shown only to an audience that may see the reporter's photos). Null when
 * `userId` neither reported nor follows it (the caller then answers TICKET.NOT_FOUND).
 */
export function residentView(t: Ticket, userId: string, helperNames: string[], photos: string[]): ResidentTicketView | null {
  const relation = relationOf(t, userId);
  if (!relation) return null;
  const audience: Audience = relation === 'mine' ? 'reporter' : 'follower';
  const may = facetsFor(t, audience);
  const reporterEntered = t.actorId === t.reporterId;
  const timeline: TimelineStep[] = visibleEvents(t, audience).map((e) => ({ at: e.at.toISOString(), type: e.type, title: residentTitle(e, reporterEntered, may.has('counterRecord')), note: e.note }));
  const names = may.has('workerNames');
  const helper =
    names && t.assigneeName
      ? `网格员 ${t.assigneeName}`
      : names && t.gridId && helperNames.length
        ? `网格员 ${helperNames.join('、')}`
        : t.gridId
          ? '这片的网格员'
          : '社区';
  return {
    id: t._id,
    category: t.category,
    categoryLabel: CATEGORY_LABELS[t.category],
    text: may.has('reporterWords') ? t.text : '（您附议的问题）',
    place: placeOf(t),
    status: t.status,
    statusLabel: ticketStatusLabel(t),
    createdAt: t.createdAt.toISOString(),
    relation,
    helper,
    photos: may.has('reporterPhotos') ? photos : [],
    timeline,
    mergedIntoId: t.mergedInto ?? null,
    canRate: audience === 'reporter' && t.status === 'closed' && t.ratings.length <= t.reworks,
    ratings: may.has('reporterWords') ? ratingsOf(t) : [],
    anonymous: may.has('counterRecord') ? t.anonymous : null,
    promisedDate: promisedDateOf(t),
    suspendedUntil: t.suspension?.untilDate ?? null,
  };
}

/** The date a ticket is promised to be handled by (local): its handling deadline while in progress and not suspended; else null. */
export function promisedDateOf(t: Pick<Ticket, 'status' | 'dueAt' | 'suspension'>): string | null {
  return t.status === 'inProgress' && !t.suspension && t.dueAt ? localDateOf(t.dueAt) : null;
}

/**
 * The staff audience of `a` for `t`: `admin`, `assignee`, `mediator` (an invited 调解员, issue 22) or
 * `gridStaff` — also `gridStaff` for a worker who has just moved it out of their grid (a return) or
 * filed it onto the hard-case list; `informant` for a resident (a 信息员 volunteer checking it).
 */
export function staffAudience(t: Ticket, a: Actor): Audience {
  const audience = audienceOf(t, a);
  if (audience === 'admin' || audience === 'assignee' || audience === 'mediator') return audience;
  return a.role === 'resident' ? 'informant' : 'gridStaff';
}

/**
 * The staff view for `a` (who must see it: `workflow.seesStaffView`; audience {@link staffAudience}).
 * `reporterPhone`: the reporter's phone if they have one; in full only for an audience that may see
 * it in full (the assignee and admins), masked for the grid's other workers.
 */
export function staffView(t: Ticket, a: Actor, extra: { gridCode: string | null; reporterPhone: string | null; photos: string[]; verifyPhotos?: string[] }, now: Date): StaffTicketView {
  const may = facetsFor(t, staffAudience(t, a));
  const fullPhone = may.has('reporterPhoneFull');
  const phone = extra.reporterPhone && (fullPhone || may.has('reporterPhone')) ? extra.reporterPhone : null;
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
    text: may.has('reporterWords') ? t.text : '',
    place: placeOf(t),
    source: t.source,
    // found on a round (issue 21): 自己找（入户走访） / 自己找（巡查）
    sourceLabel: t.visitId ? `${SOURCE_LABELS[t.source]}（入户走访）` : t.patrolId ? `${SOURCE_LABELS[t.source]}（巡查）` : SOURCE_LABELS[t.source],
    status: t.status,
    statusLabel: ticketStatusLabel(t),
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
    reporter:
      t.reporterId && may.has('reporterIdentity')
        ? { id: t.reporterId, name: t.reporterName ?? '', phone: phone ? (fullPhone ? phone : maskPhone(phone)) : null, phoneMasked: !!phone && !fullPhone }
        : null,
    reporterHidden: !!t.reporterId && !may.has('reporterIdentity'),
    hiddenPhotos: may.has('reporterPhotos') ? 0 : t.photos.length,
    enteredBy: t.actorId !== t.reporterId && may.has('counterRecord') ? t.actorName : null,
    anonymous: t.anonymous,
    followerCount: may.has('internal') ? t.followerIds.length : 0,
    photos: may.has('reporterPhotos') ? extra.photos : [],
    mergedIntoId: t.mergedInto ?? null,
    opinionId: t.opinionId ?? null,
    reworks: t.reworks,
    ratings: may.has('reporterWords') ? ratingsOf(t) : [],
    // a step the reporter took (reporting, rating) names them only to whom may know who reported
    timeline: visibleEvents(t, staffAudience(t, a)).map((e) => ({
      at: e.at.toISOString(),
      type: e.type,
      title: staffTitle(e),
      note: e.note,
      actorName: t.reporterId && e.actorId === t.reporterId && !may.has('reporterIdentity') ? '反映人' : e.actorName,
      public: e.public,
    })),
    can: staffActions(t, a, now),
    ...loopFacts(t, extra.verifyPhotos ?? []),
  };
}

/** Issue 21's facts of the staff view: extension, suspension, returns, verification (`verifyPhotos`: the check's photo URLs). */
function loopFacts(t: Ticket, verifyPhotos: string[]): Pick<StaffTicketView, 'extension' | 'deferred' | 'suspension' | 'suspendedDays' | 'returns' | 'needsVerification' | 'verification' | 'verifyReworks'> {
  const x = t.extension;
  const s = t.suspension;
  const v = t.verification;
  return {
    extension: x
      ? { status: x.status, untilDate: x.untilDate, reason: x.reason, byName: x.byName, at: x.at.toISOString(), decidedByName: x.decidedByName ?? null, decidedAt: iso(x.decidedAt), declineReason: x.declineReason ?? null }
      : null,
    deferred: t.deferred ?? false,
    suspension: s ? { reason: s.reason, untilDate: s.untilDate, at: s.at.toISOString(), byName: s.byName } : null,
    suspendedDays: t.suspendedDays ?? 0,
    returns: t.returns ?? 0,
    needsVerification: needsVerification(t),
    verification: v ? { passed: v.passed, note: v.note, photos: verifyPhotos, byName: v.byName, at: v.at.toISOString() } : null,
    verifyReworks: t.verifyReworks ?? 0,
  };
}

/** One row of a queue or the hard-case list, for a staff `audience` (the queue: `gridStaff`; the hard-case list: `admin`). */
export function queueItem(t: Ticket, now: Date, audience: Audience = 'gridStaff'): QueueItem {
  const text = facetsFor(t, audience).has('reporterWords') ? t.text : '';
  const chars = [...text];
  return {
    id: t._id,
    categoryLabel: CATEGORY_LABELS[t.category],
    summary: chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text,
    placeText: placeOf(t).text,
    status: t.status,
    statusLabel: ticketStatusLabel(t),
    createdAt: t.createdAt.toISOString(),
    dueAt: iso(t.dueAt),
    overdue: isOverdue(t, now),
    hardCase: t.hardCase,
    assigneeName: t.assigneeName,
    supervised: !!t.supervision,
  };
}

/**
 * An open ticket like the one a resident is about to report, as any `resident` may see it: no
 * text, no names, no counts. Null for a ticket no other resident may see (a dispute, 其他).
 */
export function similarItem(t: Ticket, userId: string): SimilarTicket | null {
  if (!facetsFor(t, 'resident').has('problem')) return null;
  return {
    id: t._id,
    categoryLabel: CATEGORY_LABELS[t.category],
    placeText: placeOf(t).text,
    reportedOn: localDateOf(t.createdAt),
    statusLabel: ticketStatusLabel(t),
    alreadyFollowing: relationOf(t, userId) !== null,
  };
}

/**
 * The counter's short view (`reportFor`, `ticketsFor`; audience `counter`: staff serving the
 * reporter in person, who see what the reporter sees). `grid`: its grid's code and workers.
 */
export function counterView(t: Ticket, grid: { code: string; names: string[] } | undefined): TicketView {
  const may = facetsFor(t, 'counter');
  return {
    id: t._id,
    category: t.category,
    categoryLabel: CATEGORY_LABELS[t.category],
    text: may.has('reporterWords') ? t.text : '',
    spot: t.where.spot,
    status: t.status,
    statusLabel: ticketStatusLabel(t),
    gridCode: grid?.code ?? null,
    gridWorkerNames: may.has('workerNames') ? (grid?.names ?? []) : [],
    createdAt: t.createdAt.toISOString(),
    reporterName: may.has('reporterIdentity') ? (t.reporterName ?? '') : '',
    assisted: may.has('counterRecord') && t.actorId !== t.reporterId,
    actorName: may.has('counterRecord') ? t.actorName : '',
    consentRecorded: may.has('counterRecord') && !!t.consent,
  };
}
