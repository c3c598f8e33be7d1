/**
 * The statistics' definitions (pure): the aggregation pipelines the database runs, and the small
 * reduction of their grouped rows into the figures of `contract.ts`. Nothing here touches the
 * database; `../stats.ts` sends these pipelines and hands the rows back.
 *
 * Period P = `period.start` .. `period.end` (local dates, inclusive; `period.ts`). Definitions
 * (GLOSSARY.md "Tickets"; the standard case loop of CJJ/T 106; 12345-hotline practice for the
 * satisfaction rate):
 * - reported: tickets whose `createdAt` is in P; by source (来源), category and current status.
 * - accepted: tickets whose acceptance (受理 or 派遣, `acceptedAt`: the latest one, when a returned
 *   ticket was accepted again) is in P; within deadline when it is at most {@link ACCEPT_HOURS}
 *   hours after reporting (`shared/deadlines.ts`). avgAcceptMinutes: mean minutes from
 *   report to acceptance.
 * - notAcceptedLate (超时未受理): tickets reported more than {@link ACCEPT_HOURS} hours before the
 *   earlier of P's end and now, and not accepted by then (no `acceptedAt`, or one after it), merged
 *   duplicates apart — however long ago they were reported (a ticket nobody took is a failure in
 *   every period it stays untaken).
 * - 24小时内受理率 acceptedWithinDeadlineRate = acceptedWithinDeadline / acceptDue, with
 *   acceptDue (应受理数) = accepted + notAcceptedLate: a ticket that waits past its 24 hours counts
 *   against the rate (issue 17: "100%" while an overdue ticket had never been accepted).
 * - handled: tickets whose (last) result, `handledAt`, is in P; avgHandleHours: mean hours from
 *   acceptance to `handledAt`.
 * - closed: tickets now `closed` whose `closedAt` is in P; closedOnTime: of those, `closedOnTime`
 *   (handled by the deadline in force, set by the workflow at closing).
 * - 按期结案率 onTimeClosureRate = 按期结案数 / (应结案数 − 缓办数) (GLOSSARY: "closed on time /
 *   (due − deferred), the standard headline metric"), with
 *   due (应结案数) = closed in P + tickets in progress whose handling deadline (`dueAt`) fell in P
 *   and has passed (they should have been closed) — a suspended ticket (挂起: `dueAt` null, a
 *   `suspension`) is never among them, its clock stands still —, and
 *   deferred (缓办数) = the tickets counted in `due` whose extension (延期) an admin approved
 *   (`deferred: true`, issue 21; docs/case-loop-design.md §5). A deferred ticket leaves the rate
 *   altogether — denominator and numerator (its on-time closing counts in `closedOnTime`, not in
 *   the rate's numerator), so the rate never exceeds 1: CJJ/T 106's 按期结案率 = 按期结案数 /
 *   (应结案数 − 缓办数) measures the cases held to their original time limit.
 * - loop (办理环节, issue 21): events in P of the caller's tickets — extensionsRequested
 *   (`extensionRequested`), extensionsApproved (`extended`), suspensions (`suspended`),
 *   suspendedDays (calendar days of the suspensions that ended in P: `resumed` events'
 *   `detail.days`, and `detail.suspendedDays` of a `handled` or `returned` event that ended one), returns (`returned`, 退单), verified (`verified` passed) and verifyFailed
 *   (`verified` not passed, 核查不通过), reworks (`rework`: an unsatisfied rating or a failed check,
 *   重办). A grid worker's returns are those of their grids' tickets (`returnedFromGridId`: a
 *   returned ticket belongs to the community, `gridId` null).
 * - satisfaction: ratings (评价) given in P; satisfactionRate = (满意 + 基本满意) / ratings.
 * - followUps: `followedUp` events (回访) in P.
 * - Scorecard of a worker: accepted, closed, closedOnTime and ratings of the tickets they now hold
 *   (`assigneeId`, whether they accepted them or were assigned), as above; followUps =
 *   `followedUp` events they recorded in P; returns = `returned` events they recorded in P;
 *   reworks = `rework` events in P on tickets they hold; visits, patrols and problems found
 *   (tickets linked to their visits and patrols of P): `domain/rounds.ts`.
 * - Market: bookings of market days (local dates) in P by service and status — an event's bookings
 *   (issue 22, `eventId`) apart: they are 便民服务's (`everyday.ts`) —: booked = booked +
 *   checkedIn + noShow (places taken and not cancelled), attended = checkedIn, noShow, cancelled.
 *   Vendors attending = distinct vendors with a checked-in stall application on a day in P;
 *   produce = the goods of those applications, with how many distinct vendors brought each.
 *
 * CloudBase's aggregation (wx-server-sdk 4.0.2 → `database.aggregateDocuments`) has the stages
 * addFields, bucket, bucketAuto, count, geoNear, group, limit, lookup, match, project,
 * replaceRoot, sample, skip, sort, sortByCount, unwind — no `$facet` — and returns 20 rows unless
 * the pipeline has a `$limit`. So each breakdown is its own pipeline, every pipeline ends with a
 * `$limit`, and only operators of `db.command.aggregate` are used. The pipelines group plain fields
 * (no per-ticket array expressions): ratings and follow-ups are unwound only after a `$match` has
 * picked the tickets that have one in P.
 */
import { ACCEPT_HOURS } from '../../shared/deadlines';
import { CATEGORIES, CATEGORY_LABELS, SOURCE_LABELS } from '../../shared/vocabulary/categories';
import type { TicketCategory, TicketSource, TicketStatus } from '../../shared/model';
import { TICKET_STATUS_LABELS } from '../../shared/vocabulary/statuses';
import type { CountItem, LoopFigures, MarketFigures, Ratio, Scorecard, ServiceFigures, TicketFigures } from '../contract';
import type { Period } from './period';
import type { WorkerRounds } from '../contract';

/** Most rows a grouping pipeline may answer (the groups are bounded far below this). */
export const GROUP_LIMIT = 1000;

type Expr = Record<string, unknown>;

const inPeriod = (field: string, p: Period): Expr => ({ $and: [{ $gte: [field, p.start] }, { $lte: [field, p.end] }] });
const flag = (cond: unknown): Expr => ({ $cond: [cond, 1, 0] });
/**
 * The `$match` stage of the tickets that can count in P: the caller's community (and, for a grid
 * worker, their grids), reported before P ended and either changed since P began (every change
 * sets `updatedAt`) or still waiting to be accepted (`pending`: it may be a ticket nobody has
 * touched since long before P, which counts as not accepted in time).
 */
export function ticketMatch(communityId: string, p: Period, gridIds: string[] | null): Expr {
  return { $match: { communityId, ...(gridIds ? { gridId: { $in: gridIds } } : {}), createdAt: { $lte: p.end }, $or: [{ updatedAt: { $gte: p.start } }, { status: 'pending' }] } };
}

/**
 * Who a per-person pipeline looks at: the whole community (an admin: `worker` null), or a grid
 * worker's grids and the tickets they hold anywhere; `inScope` tells the rows of the grids (the
 * ticket totals) from the rest (only their own scorecard).
 */
function personScope(communityId: string, p: Period, scope: { gridIds: string[]; worker: string } | null): { match: Expr; inScope: unknown } {
  const base = { communityId, createdAt: { $lte: p.end }, updatedAt: { $gte: p.start } };
  if (!scope) return { match: base, inScope: true };
  return { match: { ...base, $or: [{ gridId: { $in: scope.gridIds } }, { assigneeId: scope.worker }] }, inScope: { $in: ['$gridId', scope.gridIds] } };
}

const closedIn = (p: Period): Expr => ({ $and: [{ $eq: ['$status', 'closed'] }, inPeriod('$closedAt', p)] });
const acceptedIn = (p: Period): Expr => inPeriod('$acceptedAt', p);
const handledIn = (p: Period): Expr => ({ $and: [inPeriod('$handledAt', p), { $ne: [{ $ifNull: ['$acceptedAt', null] }, null] }] });
/** An instant field, or the ticket's `createdAt` when it has none (so that a `$subtract` never meets a missing date; only counted where the field exists). */
const orCreated = (f: string): Expr => ({ $ifNull: [f, '$createdAt'] });
const acceptWait: Expr = { $subtract: [orCreated('$acceptedAt'), '$createdAt'] };
const handleTime: Expr = { $subtract: [orCreated('$handledAt'), orCreated('$acceptedAt')] };

/**
 * Stages after {@link ticketMatch}: one row per (source, category, status, reported in P) with the
 * sums of the ticket figures — plain fields and `$cond`s only, no array expressions, so the
 * database does one cheap pass.
 */
export function ticketFigureStages(p: Period, now: Date): Expr[] {
  const dueUntil = now < p.end ? now : p.end;
  const acceptBy = new Date(dueUntil.getTime() - ACCEPT_HOURS * 3_600_000);
  const notAcceptedLate = {
    $and: [{ $ne: ['$status', 'merged'] }, { $lte: ['$createdAt', acceptBy] }, { $or: [{ $eq: [{ $ifNull: ['$acceptedAt', null] }, null] }, { $gt: ['$acceptedAt', dueUntil] }] }],
  };
  // in progress, not suspended (挂起: the clock stands still), its handling deadline in P and passed
  const overdueIn = {
    $and: [{ $eq: ['$status', 'inProgress'] }, { $eq: [{ $ifNull: ['$suspension', null] }, null] }, { $ne: [{ $ifNull: ['$dueAt', null] }, null] }, { $gte: ['$dueAt', p.start] }, { $lte: ['$dueAt', dueUntil] }],
  };
  return [
    {
      $group: {
        _id: { source: '$source', category: '$category', status: '$status', reported: inPeriod('$createdAt', p) },
        n: { $sum: 1 },
        accepted: { $sum: flag(acceptedIn(p)) },
        acceptedInTime: { $sum: flag({ $and: [acceptedIn(p), { $lte: [acceptWait, ACCEPT_HOURS * 3_600_000] }] }) },
        acceptMs: { $sum: { $cond: [acceptedIn(p), acceptWait, 0] } },
        notAcceptedLate: { $sum: flag(notAcceptedLate) },
        handled: { $sum: flag(handledIn(p)) },
        handleMs: { $sum: { $cond: [handledIn(p), handleTime, 0] } },
        closed: { $sum: flag(closedIn(p)) },
        closedOnTime: { $sum: flag({ $and: [closedIn(p), { $eq: ['$closedOnTime', true] }] }) },
        overdue: { $sum: flag(overdueIn) },
        deferred: { $sum: flag({ $and: [{ $or: [closedIn(p), overdueIn] }, { $eq: ['$deferred', true] }] }) },
        deferredOnTime: { $sum: flag({ $and: [closedIn(p), { $eq: ['$closedOnTime', true] }, { $eq: ['$deferred', true] }] }) },
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
  notAcceptedLate: number;
  handled: number;
  handleMs: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  /** of `closed` + `overdue`, those with an approved extension (缓办) */
  deferred: number;
  /** of `closedOnTime`, those with an approved extension */
  deferredOnTime: number;
}

const nameOf = (): Expr[] => [
  { $lookup: { from: 'users', localField: '_id.w', foreignField: '_id', as: 'user' } },
  { $addFields: { name: { $arrayElemAt: ['$user.name', 0] } } },
  { $project: { user: 0 } },
];

/** The pipeline of every holder's (`assigneeId`) acceptances and closings in P: one row per holder. */
export function holderStages(communityId: string, p: Period, worker: string | null): Expr[] {
  return [
    { $match: { communityId, createdAt: { $lte: p.end }, updatedAt: { $gte: p.start }, assigneeId: worker ?? { $gt: '' } } },
    {
      $group: {
        _id: { w: '$assigneeId' },
        accepted: { $sum: flag(acceptedIn(p)) },
        closed: { $sum: flag(closedIn(p)) },
        closedOnTime: { $sum: flag({ $and: [closedIn(p), { $eq: ['$closedOnTime', true] }] }) },
      },
    },
    ...nameOf(),
    { $limit: GROUP_LIMIT },
  ];
}

export interface HolderRow {
  _id: { w: string };
  name?: string;
  accepted: number;
  closed: number;
  closedOnTime: number;
}

/** The pipeline of the ratings given in P: one row per (holder of the ticket, rating, in the caller's scope). */
export function ratingStages(communityId: string, p: Period, scope: { gridIds: string[]; worker: string } | null): Expr[] {
  const { match, inScope } = personScope(communityId, p, scope);
  const range = { $gte: p.start, $lte: p.end };
  return [
    { $match: { ...match, 'ratings.at': range } },
    { $project: { assigneeId: 1, gridId: 1, ratings: 1 } },
    { $unwind: '$ratings' },
    { $match: { 'ratings.at': range } },
    { $group: { _id: { w: { $ifNull: ['$assigneeId', ''] }, rating: '$ratings.rating', inScope }, n: { $sum: 1 } } },
    ...nameOf(),
    { $limit: GROUP_LIMIT },
  ];
}

export interface RatingRow {
  _id: { w: string; rating: 'satisfied' | 'fairlySatisfied' | 'unsatisfied'; inScope: boolean };
  name?: string;
  n: number;
}

/** The pipeline of the follow-ups (回访) recorded in P: one row per (who recorded it, in the caller's scope). */
export function followUpStages(communityId: string, p: Period, scope: { gridIds: string[]; worker: string } | null): Expr[] {
  const { match, inScope } = personScope(communityId, p, scope);
  const range = { $gte: p.start, $lte: p.end };
  return [
    { $match: { ...match, events: { $elemMatch: { type: 'followedUp', at: range } } } },
    { $project: { gridId: 1, events: 1 } },
    { $unwind: '$events' },
    { $match: { 'events.type': 'followedUp', 'events.at': range } },
    { $group: { _id: { w: '$events.actorId', inScope }, n: { $sum: 1 } } },
    ...nameOf(),
    { $limit: GROUP_LIMIT },
  ];
}

export interface FollowUpRow {
  _id: { w: string; inScope: boolean };
  name?: string;
  n: number;
}

/** The event types the loop figures count (issue 21). */
export const LOOP_EVENTS = ['extensionRequested', 'extended', 'suspended', 'resumed', 'returned', 'verified', 'rework'] as const;
export type LoopEventType = (typeof LOOP_EVENTS)[number];

/**
 * The pipeline of the loop's events (办理环节) in P: one row per (type, a check's `passed`, the
 * actor, the ticket's holder, in the caller's scope), with the calendar days of the suspensions
 * they ended (`resumed`: `detail.days`; `handled`, `returned`: `detail.suspendedDays`). A grid worker sees their grids' tickets, the tickets they hold anywhere
 * (their scorecard), and the tickets returned from their grids (`returnedFromGridId`).
 */
export function loopStages(communityId: string, p: Period, scope: { gridIds: string[]; worker: string } | null): Expr[] {
  const range = { $gte: p.start, $lte: p.end };
  const base = { communityId, createdAt: { $lte: p.end }, updatedAt: { $gte: p.start } };
  const match = scope ? { ...base, $or: [{ gridId: { $in: scope.gridIds } }, { assigneeId: scope.worker }, { returnedFromGridId: { $in: scope.gridIds } }] } : base;
  const inScope = scope
    ? { $or: [{ $in: ['$gridId', scope.gridIds] }, { $and: [{ $eq: ['$events.type', 'returned'] }, { $in: [{ $ifNull: ['$returnedFromGridId', ''] }, scope.gridIds] }] }] }
    : true;
  const types = [...LOOP_EVENTS];
  // a loop step, or a handling that ended a suspension (its days in detail.suspendedDays): never every handling, which
  // would unwind most tickets of the period (measured: bench/stats.ts)
  const loopStep = (prefix: string) => ({ $or: [{ [`${prefix}type`]: { $in: types } }, { [`${prefix}type`]: 'handled', [`${prefix}detail.suspendedDays`]: { $gt: 0 } }], [`${prefix}at`]: range });
  return [
    // plain dotted paths (any element) pick the few tickets with a loop step; the exact test is after the $unwind
    { $match: { ...match, $and: [{ $or: [{ 'events.type': { $in: types } }, { 'events.detail.suspendedDays': { $gt: 0 } }] }] } },
    { $project: { gridId: 1, assigneeId: 1, returnedFromGridId: 1, events: 1 } },
    { $unwind: '$events' },
    { $match: loopStep('events.') },
    {
      $group: {
        _id: { type: '$events.type', passed: { $ifNull: ['$events.detail.passed', null] }, actor: '$events.actorId', holder: { $ifNull: ['$assigneeId', ''] }, inScope },
        n: { $sum: 1 },
        // a resumption's days; a handling or a return that ended a suspension carries its days as detail.suspendedDays
        days: { $sum: { $cond: [{ $eq: ['$events.type', 'resumed'] }, { $ifNull: ['$events.detail.days', 0] }, { $ifNull: ['$events.detail.suspendedDays', 0] }] } },
      },
    },
    { $limit: GROUP_LIMIT },
  ];
}

export interface LoopRow {
  _id: { type: LoopEventType | 'handled'; passed: boolean | null; actor: string; holder: string; inScope: boolean };
  n: number;
  days: number;
}

/** The loop figures (办理环节) of the caller's scope from {@link loopStages}' rows. */
export function loopFigures(rows: LoopRow[]): LoopFigures {
  const f: LoopFigures = { extensionsRequested: 0, extensionsApproved: 0, suspensions: 0, suspendedDays: 0, returns: 0, verified: 0, verifyFailed: 0, reworks: 0 };
  for (const r of rows) {
    if (!r._id.inScope) continue;
    switch (r._id.type) {
      case 'extensionRequested': f.extensionsRequested += r.n; break;
      case 'extended': f.extensionsApproved += r.n; break;
      case 'suspended': f.suspensions += r.n; break;
      case 'resumed': f.suspendedDays += r.days; break;
      case 'handled': f.suspendedDays += r.days; break;
      case 'returned': f.returns += r.n; f.suspendedDays += r.days; break;
      case 'verified': if (r._id.passed === false) f.verifyFailed += r.n; else f.verified += r.n; break;
      case 'rework': f.reworks += r.n; break;
    }
  }
  return f;
}

/** The pipeline of a period's bookings in a community: one row per (service, status). Market days are local dates. */
export function bookingStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, date: { $gte: p.from, $lte: p.to } } },
    // an event's bookings (issue 22: events are market slots with an `eventId`) are its own rows: 便民服务's events, not the market's services
    { $group: { _id: { serviceId: '$serviceId', serviceName: '$serviceName', status: '$status', event: { $gt: [{ $ifNull: ['$eventId', ''] }, ''] } }, n: { $sum: 1 } } },
    { $limit: GROUP_LIMIT },
  ];
}

export interface BookingRow {
  /** `event`: the booking is an event's (`eventId`, issue 22) */
  _id: { serviceId: string; serviceName: string; status: 'booked' | 'cancelled' | 'checkedIn' | 'noShow'; event?: boolean };
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

/** A rate with what it divides: `numerator` / `denominator` = `rate` (null for 0 / 0). */
export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: rate(numerator, denominator) };
}

const mean = (sumMs: number, n: number, unitMs: number): number | null => (n > 0 ? Math.round((sumMs / n / unitMs) * 10) / 10 : null);

const STATUSES: TicketStatus[] = ['pending', 'inProgress', 'handled', 'closed', 'merged'];

function breakdown<K extends string>(keys: readonly K[], labels: Record<K, string>, counts: Map<string, number>): CountItem[] {
  return keys.map((key) => ({ key, label: labels[key], count: counts.get(key) ?? 0 }));
}

/** The ticket figures from the grouped rows (see the module's definitions); ratings and follow-ups of the caller's scope only. */
export function ticketFigures(rows: TicketGroupRow[], ratings: RatingRow[], followUps: FollowUpRow[]): TicketFigures {
  const by = { source: new Map<string, number>(), category: new Map<string, number>(), status: new Map<string, number>() };
  const t = { reported: 0, accepted: 0, acceptedInTime: 0, acceptMs: 0, notAcceptedLate: 0, handled: 0, handleMs: 0, closed: 0, closedOnTime: 0, overdue: 0, deferred: 0, deferredOnTime: 0 };
  for (const r of rows) {
    if (r._id.reported) {
      t.reported += r.n;
      by.source.set(r._id.source, (by.source.get(r._id.source) ?? 0) + r.n);
      by.category.set(r._id.category, (by.category.get(r._id.category) ?? 0) + r.n);
      by.status.set(r._id.status, (by.status.get(r._id.status) ?? 0) + r.n);
    }
    for (const k of ['accepted', 'acceptedInTime', 'acceptMs', 'notAcceptedLate', 'handled', 'handleMs', 'closed', 'closedOnTime', 'overdue', 'deferred', 'deferredOnTime'] as const) t[k] += r[k] ?? 0;
  }
  const given = { satisfied: 0, fairlySatisfied: 0, unsatisfied: 0 };
  for (const r of ratings) if (r._id.inScope) given[r._id.rating] += r.n;
  const due = t.closed + t.overdue;
  const deferred = t.deferred;
  const onTimeHeld = t.closedOnTime - t.deferredOnTime;
  const rated = given.satisfied + given.fairlySatisfied + given.unsatisfied;
  const acceptDue = t.accepted + t.notAcceptedLate;
  const closing = due - deferred;
  const pleased = given.satisfied + given.fairlySatisfied;
  return {
    reported: t.reported,
    bySource: breakdown(Object.keys(SOURCE_LABELS) as TicketSource[], SOURCE_LABELS, by.source),
    byCategory: breakdown(CATEGORIES, CATEGORY_LABELS, by.category),
    byStatus: breakdown(STATUSES, TICKET_STATUS_LABELS, by.status),
    accepted: t.accepted,
    acceptedWithinDeadline: t.acceptedInTime,
    notAcceptedLate: t.notAcceptedLate,
    acceptDue,
    acceptedWithinDeadlineRate: rate(t.acceptedInTime, acceptDue),
    avgAcceptMinutes: mean(t.acceptMs, t.accepted, 60_000),
    handled: t.handled,
    avgHandleHours: mean(t.handleMs, t.handled, 3_600_000),
    closed: t.closed,
    closedOnTime: t.closedOnTime,
    due,
    deferred,
    onTimeClosureRate: rate(onTimeHeld, closing),
    ratings: { ...given, total: rated },
    satisfactionRate: rate(pleased, rated),
    rates: {
      acceptedWithinDeadline: ratio(t.acceptedInTime, acceptDue),
      onTimeClosure: ratio(onTimeHeld, closing),
      satisfaction: ratio(pleased, rated),
    },
    followUps: followUps.filter((r) => r._id.inScope).reduce((n, r) => n + r.n, 0),
  };
}

/**
 * Scorecards from the per-person rows, plus a zero row for every listed worker with nothing in P
 * (`workers`: an admin's grid workers); `onlyWorker` (a grid worker reading their own): that card
 * alone. By name.
 */
export function scorecards(
  rows: { holders: HolderRow[]; ratings: RatingRow[]; followUps: FollowUpRow[]; loop?: LoopRow[]; rounds?: WorkerRounds[] },
  workers: { _id: string; name: string }[],
  onlyWorker: { _id: string; name: string } | null,
): Scorecard[] {
  const out = new Map<string, Scorecard>();
  const card = (id: string, name: string | undefined): Scorecard => {
    let c = out.get(id);
    if (!c) {
      c = { workerId: id, name: name ?? '', accepted: 0, closed: 0, closedOnTime: 0, onTimeRate: null, rated: 0, satisfied: 0, satisfactionRate: null, followUps: 0, returns: 0, reworks: 0, visits: 0, patrols: 0, problemsFound: 0 };
      out.set(id, c);
    }
    if (!c.name && name) c.name = name;
    return c;
  };
  for (const w of onlyWorker ? [onlyWorker] : workers) card(w._id, w.name);
  for (const r of rows.holders) {
    const c = card(r._id.w, r.name);
    c.accepted += r.accepted;
    c.closed += r.closed;
    c.closedOnTime += r.closedOnTime;
  }
  for (const r of rows.ratings) {
    if (!r._id.w) continue;
    const c = card(r._id.w, r.name);
    c.rated += r.n;
    if (r._id.rating !== 'unsatisfied') c.satisfied += r.n;
  }
  for (const r of rows.followUps) card(r._id.w, r.name).followUps += r.n;
  // only the cards already known (listed workers, holders, raters): the loop rows carry no names
  const known = (id: string) => out.has(id);
  for (const r of rows.loop ?? []) {
    if (r._id.type === 'returned' && r._id.actor && known(r._id.actor)) card(r._id.actor, undefined).returns += r.n;
    if (r._id.type === 'rework' && r._id.holder && known(r._id.holder)) card(r._id.holder, undefined).reworks += r.n;
  }
  for (const w of rows.rounds ?? []) {
    if (!known(w.workerId)) continue;
    const c = card(w.workerId, w.name);
    c.visits += w.visits;
    c.patrols += w.patrols;
    c.problemsFound += w.problemsFoundByVisit + w.problemsFoundByPatrol;
  }
  for (const c of out.values()) {
    c.onTimeRate = rate(c.closedOnTime, c.closed);
    c.satisfactionRate = rate(c.satisfied, c.rated);
  }
  return [...out.values()]
    .filter((c) => (onlyWorker ? c.workerId === onlyWorker._id : true))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The market figures from the grouped rows. */
export function marketFigures(bookings: BookingRow[], stalls: StallRow[]): MarketFigures {
  const services = new Map<string, ServiceFigures>();
  for (const r of bookings) {
    if (r._id.event) continue; // an event's bookings: stats.everyday.events
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
