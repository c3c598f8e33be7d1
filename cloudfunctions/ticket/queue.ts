/**
 * The grid worker's waiting list, fair per reporter (issue 16 §3): one person's flood — even
 * within the daily limits over several days — never hides someone else's new report.
 *
 * The list is the caller's grids' waiting (`pending`) tickets in deadline order, but each reporter
 * shows at most {@link PER_REPORTER} of theirs (their most urgent); the last one shown carries
 * `more` = how many more of that reporter's are waiting (the page says "同一位居民还反映了 12 个问题",
 * and `ticket.queue { sameReporterAs }` lists them all: {@link waitingOfSameReporter}). Tickets
 * without a reporter (a worker's own find) are never folded.
 *
 * One round trip: an aggregation (CloudBase's stages; no `$facet`, and a `$limit` on every
 * pipeline or the real service answers 20 rows — docs/database.md):
 *   $match (grids, pending) → $sort (dueAt, createdAt) → $group by `$ifNull[reporterId, _id]`
 *   (ids pushed in that order, count, first deadline) → $project ids `$slice` N → $sort groups by
 *   first deadline → $limit (limit + 1 groups) → $unwind ids → $lookup the ticket (pipeline form,
 *   by `_id`, without `events`) → $limit.
 * The groups holding the `limit` most urgent folded tickets are among the `limit` groups with the
 * earliest first deadline, so limiting groups loses nothing that would be shown. `$push` keeps the
 * order of the documents entering `$group` (after a `$sort`, MongoDB's and mingo's behaviour); if
 * an engine did not, a reporter's shown tickets would be other ones of theirs, never fewer, and
 * nobody else's would be hidden.
 */
import { db } from '../shared/cloud';
import type { Ticket } from '../shared/model';
import { toTicket } from './tickets';

/** At most this many waiting tickets of one reporter are listed; the rest are counted. */
export const PER_REPORTER = 3;

/** A waiting ticket as listed, with how many more of the same reporter's wait unlisted (0 but on the last listed one). */
export interface FairRow {
  ticket: Ticket;
  more: number;
}

/**
 * The caller's grids' waiting tickets, at most {@link PER_REPORTER} per reporter, in deadline order
 * (then oldest), at most `limit`. `limited`: more (unfolded) tickets wait than are listed.
 * One round trip.
 */
export async function fairWaiting(communityId: string, gridIds: string[], limit: number): Promise<{ rows: FairRow[]; limited: boolean }> {
  if (!gridIds.length) return { rows: [], limited: false };
  const _ = db.command;
  const $ = (_ as unknown as { aggregate: Record<string, (v: unknown) => unknown> }).aggregate;
  const { list } = await db
    .collection('tickets')
    .aggregate()
    .match({ communityId, gridId: _.in(gridIds), status: 'pending' })
    .sort({ dueAt: 1, createdAt: 1 })
    .group({
      _id: $.ifNull(['$reporterId', '$_id']),
      ids: $.push('$_id'),
      n: $.sum(1),
      reporter: $.first('$reporterId'),
      firstDue: $.first('$dueAt'),
      firstCreated: $.first('$createdAt'),
    })
    .project({ ids: $.slice(['$ids', PER_REPORTER]), n: 1, reporter: 1, firstDue: 1, firstCreated: 1 })
    .sort({ firstDue: 1, firstCreated: 1, _id: 1 })
    .limit(limit + 1)
    .unwind('$ids')
    .lookup({ from: 'tickets', let: { id: '$ids' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$id'] } } }, { $limit: 1 }, { $project: { events: 0 } }], as: 't' })
    .limit((limit + 1) * PER_REPORTER)
    .end();
  const groups = list as { _id: string; ids: string; n: number; reporter: string | null; t: unknown[] }[];
  const rows: FairRow[] = [];
  const shown = new Map<string, number>();
  for (const g of groups) {
    if (!g.t?.[0]) continue;
    rows.push({ ticket: toTicket(g.t[0]), more: 0 });
    shown.set(g._id, (shown.get(g._id) ?? 0) + 1);
  }
  const byDue = (a: FairRow, b: FairRow) =>
    (a.ticket.dueAt?.getTime() ?? Infinity) - (b.ticket.dueAt?.getTime() ?? Infinity) || a.ticket.createdAt.getTime() - b.ticket.createdAt.getTime();
  rows.sort(byDue);
  const listed = rows.slice(0, limit);
  // the count of the unlisted goes on the last listed ticket of each reporter
  const total = new Map(groups.map((g) => [g._id, g.reporter ? g.n : 1]));
  const listedOf = new Map<string, number>();
  for (const r of listed) listedOf.set(r.ticket.reporterId ?? r.ticket._id, (listedOf.get(r.ticket.reporterId ?? r.ticket._id) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const r of listed) {
    const key = r.ticket.reporterId ?? r.ticket._id;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    if (k === listedOf.get(key)) r.more = Math.max(0, (total.get(key) ?? 0) - k);
  }
  return { rows: listed, limited: rows.length > limit || new Set(groups.map((g) => g._id)).size > limit };
}

/**
 * All waiting tickets in the caller's grids from the reporter of `ticket` (which must be waiting
 * in one of those grids; the caller sees its reporter anyway), in deadline order, at most `limit`.
 * One round trip.
 */
export async function waitingOfSameReporter(ticket: Ticket, gridIds: string[], limit: number): Promise<{ rows: FairRow[]; limited: boolean }> {
  if (!ticket.reporterId) return { rows: [{ ticket, more: 0 }], limited: false };
  const _ = db.command;
  const { data } = await db
    .collection('tickets')
    .where({ communityId: ticket.communityId, gridId: _.in(gridIds), status: 'pending', reporterId: ticket.reporterId })
    .field({ events: false })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get();
  return { rows: data.map((d) => ({ ticket: toTicket(d), more: 0 })), limited: data.length >= limit };
}
