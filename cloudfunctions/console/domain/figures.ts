/**
 * The statistics' definitions (pure): the aggregation pipelines the database runs, and the small
 * reduction of their grouped rows into the figures of `contract.ts`. Nothing here touches the
 * database; `../stats.ts` sends these pipelines and hands the rows back.
 *
 * Period P = `period.start` .. `period.end` (local dates, inclusive; `period.ts`). Definitions
 * (GLOSSARY.md "Tickets"; the standard case loop of CJJ/T 106; 12345-hotline practice for the
 * satisfaction rate):
 * - reported: tickets whose `createdAt` is in P; by source (来源), category and current status.
 * - accepted: tickets whose first `accepted` or `assigned` event (受理/派遣) is in P; within
 *   deadline when that event is at most {@link ACCEPT_HOURS} hours after reporting
 *   (`ticket/domain/deadlines.ts`). avgAcceptMinutes: mean minutes from report to that event.
 * - handled: tickets whose (last) result, `handledAt`, is in P; avgHandleHours: mean hours from
 *   the first acceptance to `handledAt`.
 * - closed: tickets now `closed` whose `closedAt` is in P; closedOnTime: of those, `closedOnTime`
 *   (handled by the deadline in force, set by the workflow at closing).
 * - 按期结案率 onTimeClosureRate = 按期结案数 / (应结案数 − 缓办数) (GLOSSARY: "closed on time /
 *   (due − deferred), the standard headline metric"), with
 *   due (应结案数) = closed in P + tickets in progress whose handling deadline (`dueAt`) fell in P
 *   and has passed (they should have been closed), and
 *   deferred (缓办数) = 0: the workflow (`ticket/domain/workflow.ts`) has no deferral — a
 *   supervision deadline (督办) only ever brings a deadline forward — so no ticket is deferred.
 * - satisfaction: ratings (评价) given in P; satisfactionRate = (满意 + 基本满意) / ratings.
 * - followUps: `followedUp` events (回访) in P.
 * - Scorecard of a worker: accepted = `accepted` events by them + `assigned` events to them, in P;
 *   closed / closedOnTime / ratings = as above, for tickets they now hold (`assigneeId`);
 *   followUps = `followedUp` events by them in P.
 * - Market: bookings of market days (local dates) in P by service and status: booked = booked +
 *   checkedIn + noShow (places taken and not cancelled), attended = checkedIn, noShow, cancelled.
 *   Vendors attending = distinct vendors with a checked-in stall application on a day in P;
 *   produce = the goods of those applications, with how many distinct vendors brought each.
 *
 * CloudBase's aggregation (wx-server-sdk 4.0.2 → `database.aggregateDocuments`) has the stages
 * addFields, bucket, bucketAuto, count, geoNear, group, limit, lookup, match, project,
 * replaceRoot, sample, skip, sort, sortByCount, unwind — no `$facet` — and returns 20 rows unless
 * the pipeline has a `$limit`. So each breakdown is grouped in one pipeline per collection, every
 * pipeline ends with a `$limit`, and only operators of `db.command.aggregate` are used.
 */
import { ACCEPT_HOURS } from '../../ticket/domain/deadlines';
import { CATEGORIES, CATEGORY_LABELS, SOURCE_LABELS } from '../../ticket/domain/categories';
import type { TicketCategory, TicketSource, TicketStatus } from '../../shared/model';
import type { CountItem, MarketFigures, Scorecard, ServiceFigures, TicketFigures } from '../contract';
import type { Period } from './period';

/** Most rows a grouping pipeline may answer (the groups are bounded far below this). */
export const GROUP_LIMIT = 1000;

type Expr = Record<string, unknown>;

const inPeriod = (field: string, p: Period): Expr => ({ $and: [{ $gte: [field, p.start] }, { $lte: [field, p.end] }] });
const flag = (cond: unknown): Expr => ({ $cond: [cond, 1, 0] });
const eventsOf = (types: string[], p: Period | null): Expr => ({
  $filter: {
    input: { $ifNull: ['$events', []] },
    as: 'e',
    cond: p ? { $and: [{ $in: ['$$e.type', types] }, { $gte: ['$$e.at', p.start] }, { $lte: ['$$e.at', p.end] }] } : { $in: ['$$e.type', types] },
  },
});

/**
 * The `$match` stage of the tickets that can count in P: the caller's community (and, for a grid worker,
 * their grids), reported before P ended and changed since P began (every change sets `updatedAt`).
 */
export function ticketMatch(communityId: string, p: Period, gridIds: string[] | null): Expr {
  return { $match: { communityId, ...(gridIds ? { gridId: { $in: gridIds } } : {}), createdAt: { $lte: p.end }, updatedAt: { $gte: p.start } } };
}

/**
 * Stages after the `$match`: one row per (source, category, status, reported in P) with the sums of
 * every ticket figure. Each ticket's `events` and `ratings` are filtered once, in the first stage,
 * to the few entries the figures read; later stages work on those.
 */
export function ticketFigureStages(p: Period, now: Date): Expr[] {
  const dueUntil = now < p.end ? now : p.end;
  const isIn = (f: string) => [{ $gte: [f, p.start] }, { $lte: [f, p.end] }];
  const countRating = (rating: string) => ({ $size: { $filter: { input: '$rt', as: 'r', cond: { $eq: ['$$r.rating', rating] } } } });
  return [
    {
      $project: {
        source: 1,
        category: 1,
        status: 1,
        createdAt: 1,
        handledAt: 1,
        ev: eventsOf(['accepted', 'assigned', 'followedUp'], null),
        rt: { $filter: { input: { $ifNull: ['$ratings', []] }, as: 'r', cond: { $and: isIn('$$r.at') } } },
        closedInP: { $and: [{ $eq: ['$status', 'closed'] }, ...isIn('$closedAt')] },
        onTime: { $eq: ['$closedOnTime', true] },
        overdueInP: { $and: [{ $eq: ['$status', 'inProgress'] }, { $gte: ['$dueAt', p.start] }, { $lte: ['$dueAt', dueUntil] }] },
        reported: { $and: isIn('$createdAt') },
      },
    },
    {
      $project: {
        source: 1,
        category: 1,
        status: 1,
        createdAt: 1,
        handledAt: 1,
        closedInP: 1,
        onTime: 1,
        overdueInP: 1,
        reported: 1,
        acceptAt: { $ifNull: [{ $let: { vars: { f: { $arrayElemAt: [{ $filter: { input: '$ev', as: 'e', cond: { $ne: ['$$e.type', 'followedUp'] } } }, 0] } }, in: '$$f.at' } }, null] },
        followUps: { $size: { $filter: { input: '$ev', as: 'e', cond: { $and: [{ $eq: ['$$e.type', 'followedUp'] }, ...isIn('$$e.at')] } } } },
        sat: countRating('satisfied'),
        fair: countRating('fairlySatisfied'),
        unsat: countRating('unsatisfied'),
      },
    },
    {
      $project: {
        source: 1,
        category: 1,
        status: 1,
        reported: 1,
        sat: 1,
        fair: 1,
        unsat: 1,
        followUps: 1,
        acceptedInP: { $and: [{ $ne: ['$acceptAt', null] }, inPeriod('$acceptAt', p)] },
        acceptMs: { $cond: [{ $ne: ['$acceptAt', null] }, { $subtract: ['$acceptAt', '$createdAt'] }, 0] },
        handledInP: { $and: [{ $ne: ['$acceptAt', null] }, inPeriod('$handledAt', p)] },
        handleMs: { $cond: [{ $and: [{ $ne: ['$acceptAt', null] }, { $ne: [{ $ifNull: ['$handledAt', null] }, null] }] }, { $subtract: ['$handledAt', '$acceptAt'] }, 0] },
        closedInP: 1,
        closedOnTimeInP: { $and: ['$closedInP', '$onTime'] },
        overdueInP: 1,
      },
    },
    {
      $group: {
        _id: { source: '$source', category: '$category', status: '$status', reported: '$reported' },
        n: { $sum: 1 },
        accepted: { $sum: flag('$acceptedInP') },
        acceptedInTime: { $sum: flag({ $and: ['$acceptedInP', { $lte: ['$acceptMs', ACCEPT_HOURS * 3_600_000] }] }) },
        acceptMs: { $sum: { $cond: ['$acceptedInP', '$acceptMs', 0] } },
        handled: { $sum: flag('$handledInP') },
        handleMs: { $sum: { $cond: ['$handledInP', '$handleMs', 0] } },
        closed: { $sum: flag('$closedInP') },
        closedOnTime: { $sum: flag('$closedOnTimeInP') },
        overdue: { $sum: flag('$overdueInP') },
        sat: { $sum: '$sat' },
        fair: { $sum: '$fair' },
        unsat: { $sum: '$unsat' },
        followUps: { $sum: '$followUps' },
      },
    },
    { $limit: GROUP_LIMIT },
  ];
}

/** One row of {@link ticketFigureStages}. */
export interface TicketGroupRow {
  _id: { source: TicketSource; category: TicketCategory; status: TicketStatus; reported: boolean };
  n: number;
  accepted: number;
  acceptedInTime: number;
  acceptMs: number;
  handled: number;
  handleMs: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  sat: number;
  fair: number;
  unsat: number;
  followUps: number;
}

/**
 * Stages after the `$match`: one row per credited person (`_id` = users._id) with their scorecard
 * sums; `onlyWorker` keeps just that person's row (a grid worker reading their own).
 */
export function scorecardStages(p: Period, onlyWorker: string | null): Expr[] {
  const closedInP = { $and: [{ $eq: ['$status', 'closed'] }, inPeriod('$closedAt', p)] };
  const ratingsInP = { $filter: { input: { $ifNull: ['$ratings', []] }, as: 'r', cond: inPeriod('$$r.at', p) } };
  return [
    { $project: { assigneeId: 1, closedInP, closedOnTime: 1, rt: ratingsInP, ev: eventsOf(['accepted', 'assigned', 'followedUp'], p) } },
    {
      $project: {
        credits: {
          $concatArrays: [
            [
              {
                w: '$assigneeId',
                accepted: 0,
                followUps: 0,
                closed: flag('$closedInP'),
                closedOnTime: flag({ $and: ['$closedInP', { $eq: ['$closedOnTime', true] }] }),
                sat: { $size: { $filter: { input: '$rt', as: 'r', cond: { $ne: ['$$r.rating', 'unsatisfied'] } } } },
                rated: { $size: '$rt' },
              },
            ],
            {
              $map: {
                input: '$ev',
                as: 'e',
                in: {
                  w: { $cond: [{ $eq: ['$$e.type', 'assigned'] }, '$$e.detail.workerId', '$$e.actorId'] },
                  accepted: flag({ $ne: ['$$e.type', 'followedUp'] }),
                  followUps: flag({ $eq: ['$$e.type', 'followedUp'] }),
                  closed: 0,
                  closedOnTime: 0,
                  sat: 0,
                  rated: 0,
                },
              },
            },
          ],
        },
      },
    },
    { $unwind: '$credits' },
    { $replaceRoot: { newRoot: '$credits' } },
    { $match: onlyWorker ? { w: onlyWorker } : { w: { $gt: '' } } },
    {
      $group: {
        _id: '$w',
        accepted: { $sum: '$accepted' },
        followUps: { $sum: '$followUps' },
        closed: { $sum: '$closed' },
        closedOnTime: { $sum: '$closedOnTime' },
        sat: { $sum: '$sat' },
        rated: { $sum: '$rated' },
      },
    },
    { $match: { $or: [{ accepted: { $gt: 0 } }, { followUps: { $gt: 0 } }, { closed: { $gt: 0 } }, { rated: { $gt: 0 } }] } },
    { $lookup: { from: 'users', localField: '_id', foreignField: '_id', as: 'user' } },
    { $project: { accepted: 1, followUps: 1, closed: 1, closedOnTime: 1, sat: 1, rated: 1, name: { $arrayElemAt: ['$user.name', 0] }, role: { $arrayElemAt: ['$user.role', 0] } } },
    { $limit: GROUP_LIMIT },
  ];
}

/** One row of {@link scorecardStages}. */
export interface ScorecardRow {
  _id: string;
  name?: string;
  role?: string;
  accepted: number;
  followUps: number;
  closed: number;
  closedOnTime: number;
  sat: number;
  rated: number;
}

/** The pipeline of a period's bookings in a community: one row per (service, status). Market days are local dates. */
export function bookingStages(communityId: string, p: Period): Expr[] {
  return [{ $match: { communityId, date: { $gte: p.from, $lte: p.to } } }, { $group: { _id: { serviceId: '$serviceId', serviceName: '$serviceName', status: '$status' }, n: { $sum: 1 } } }, { $limit: GROUP_LIMIT }];
}

export interface BookingRow {
  _id: { serviceId: string; serviceName: string; status: 'booked' | 'cancelled' | 'checkedIn' | 'noShow' };
  n: number;
}

/** The pipeline of a period's checked-in stall applications: one row per good, with its distinct vendors and stall-days. */
export function stallStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, date: { $gte: p.from, $lte: p.to }, status: 'checkedIn' } },
    { $project: { vendorId: 1, goods: { $cond: [{ $gt: [{ $size: { $ifNull: ['$goods', []] } }, 0] }, '$goods', ['']] } } },
    { $unwind: '$goods' },
    { $group: { _id: '$goods', vendors: { $addToSet: '$vendorId' }, days: { $addToSet: '$_id' } } },
    { $limit: GROUP_LIMIT },
  ];
}

export interface StallRow {
  _id: string;
  vendors: string[];
  days: string[];
}

/** A fraction 0–1 rounded to 3 decimals, or null for 0 / 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

const mean = (sumMs: number, n: number, unitMs: number): number | null => (n > 0 ? Math.round((sumMs / n / unitMs) * 10) / 10 : null);

const STATUS_LABELS: Record<TicketStatus, string> = { pending: '待受理', inProgress: '处理中', handled: '待回访', closed: '已办结', merged: '已合并' };
const STATUSES: TicketStatus[] = ['pending', 'inProgress', 'handled', 'closed', 'merged'];

function breakdown<K extends string>(keys: readonly K[], labels: Record<K, string>, counts: Map<string, number>): CountItem[] {
  return keys.map((key) => ({ key, label: labels[key], count: counts.get(key) ?? 0 }));
}

/** The ticket figures from the grouped rows (see the module's definitions). */
export function ticketFigures(rows: TicketGroupRow[]): TicketFigures {
  const by = { source: new Map<string, number>(), category: new Map<string, number>(), status: new Map<string, number>() };
  const t = { reported: 0, accepted: 0, acceptedInTime: 0, acceptMs: 0, handled: 0, handleMs: 0, closed: 0, closedOnTime: 0, overdue: 0, sat: 0, fair: 0, unsat: 0, followUps: 0 };
  for (const r of rows) {
    if (r._id.reported) {
      t.reported += r.n;
      by.source.set(r._id.source, (by.source.get(r._id.source) ?? 0) + r.n);
      by.category.set(r._id.category, (by.category.get(r._id.category) ?? 0) + r.n);
      by.status.set(r._id.status, (by.status.get(r._id.status) ?? 0) + r.n);
    }
    for (const k of ['accepted', 'acceptedInTime', 'acceptMs', 'handled', 'handleMs', 'closed', 'closedOnTime', 'overdue', 'sat', 'fair', 'unsat', 'followUps'] as const) t[k] += r[k];
  }
  const due = t.closed + t.overdue;
  const deferred = 0;
  const rated = t.sat + t.fair + t.unsat;
  return {
    reported: t.reported,
    bySource: breakdown(Object.keys(SOURCE_LABELS) as TicketSource[], SOURCE_LABELS, by.source),
    byCategory: breakdown(CATEGORIES, CATEGORY_LABELS, by.category),
    byStatus: breakdown(STATUSES, STATUS_LABELS, by.status),
    accepted: t.accepted,
    acceptedWithinDeadline: t.acceptedInTime,
    acceptedWithinDeadlineRate: rate(t.acceptedInTime, t.accepted),
    avgAcceptMinutes: mean(t.acceptMs, t.accepted, 60_000),
    handled: t.handled,
    avgHandleHours: mean(t.handleMs, t.handled, 3_600_000),
    closed: t.closed,
    closedOnTime: t.closedOnTime,
    due,
    deferred,
    onTimeClosureRate: rate(t.closedOnTime, due - deferred),
    ratings: { satisfied: t.sat, fairlySatisfied: t.fair, unsatisfied: t.unsat, total: rated },
    satisfactionRate: rate(t.sat + t.fair, rated),
    followUps: t.followUps,
  };
}

/**
 * Scorecards from the grouped rows, plus a zero row for every listed worker with nothing in P
 * (`workers`: an admin's grid workers; empty for a grid worker reading their own). By name.
 */
export function scorecards(rows: ScorecardRow[], workers: { _id: string; name: string }[], onlyWorker: { _id: string; name: string } | null): Scorecard[] {
  const out = new Map<string, Scorecard>();
  const card = (workerId: string, name: string, r?: ScorecardRow): Scorecard => ({
    workerId,
    name,
    accepted: r?.accepted ?? 0,
    closed: r?.closed ?? 0,
    closedOnTime: r?.closedOnTime ?? 0,
    onTimeRate: rate(r?.closedOnTime ?? 0, r?.closed ?? 0),
    rated: r?.rated ?? 0,
    satisfied: r?.sat ?? 0,
    satisfactionRate: rate(r?.sat ?? 0, r?.rated ?? 0),
    followUps: r?.followUps ?? 0,
  });
  for (const r of rows) {
    if (onlyWorker && r._id !== onlyWorker._id) continue;
    out.set(r._id, card(r._id, r.name ?? '', r));
  }
  for (const w of onlyWorker ? [onlyWorker] : workers) if (!out.has(w._id)) out.set(w._id, card(w._id, w.name));
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The market figures from the grouped rows. */
export function marketFigures(bookings: BookingRow[], stalls: StallRow[]): MarketFigures {
  const services = new Map<string, ServiceFigures>();
  for (const r of bookings) {
    const s = services.get(r._id.serviceId) ?? { serviceId: r._id.serviceId, serviceName: r._id.serviceName, booked: 0, attended: 0, noShow: 0, cancelled: 0 };
    if (r._id.status === 'cancelled') s.cancelled += r.n;
    else s.booked += r.n;
    if (r._id.status === 'checkedIn') s.attended += r.n;
    if (r._id.status === 'noShow') s.noShow += r.n;
    services.set(s.serviceId, s);
  }
  const list = [...services.values()].sort((a, b) => b.booked - a.booked || a.serviceName.localeCompare(b.serviceName, 'zh-CN'));
  const totals = list.reduce((t, s) => ({ booked: t.booked + s.booked, attended: t.attended + s.attended, noShow: t.noShow + s.noShow, cancelled: t.cancelled + s.cancelled }), { booked: 0, attended: 0, noShow: 0, cancelled: 0 });
  const vendors = new Set<string>();
  const days = new Set<string>();
  for (const r of stalls) {
    r.vendors.forEach((v) => vendors.add(v));
    r.days.forEach((d) => days.add(d));
  }
  const produce = stalls
    .filter((r) => r._id)
    .map((r) => ({ name: r._id, vendors: r.vendors.length }))
    .sort((a, b) => b.vendors - a.vendors || a.name.localeCompare(b.name, 'zh-CN'));
  return { services: list, totals, vendorsAttending: vendors.size, stallDays: days.size, produce };
}
