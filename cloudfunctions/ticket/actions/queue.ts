/**
 * Staff lists: `queue` (a worker's grids' waiting tickets, fair per reporter, and their own open
 * ones; `queue.ts` holds the aggregation) and, for admins, `hardCases` and `workers`.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Ticket, User } from '../../shared/model';
import { preloadOf, type Preload } from '../../shared/users';
import type { actions } from '../contract';
import { queueItem } from '../domain/views';
import { fairWaiting, PER_REPORTER, waitingOfSameReporter } from '../queue';
import { toTicket, type PreloadedTicket } from '../tickets';
import { preloadedTicket } from './answer';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { inCallerCommunity } from '../../shared/policy';

/** A queue lists at most this many waiting tickets, and this many of the worker's own (most urgent first). */
const QUEUE_LIMIT = 200;

/** `queue`'s preloads: one of the two, by what is asked (tickets without their `events`). */
type QueuePreloads = { ticket?: Preload<PreloadedTicket>; mine?: Preload<PreloadedTicket> };

/** What `queue` reads with the caller: the caller's own open tickets (`mine`), or the ticket whose reporter's are asked for (`ticket`). */
export const queuePreload = (i: Input<typeof actions.queue>): QueuePreloads =>
  i.sameReporterAs
    ? { ticket: preloadOf<PreloadedTicket>({ from: 'tickets', match: { _id: i.sameReporterAs }, sameAsCaller: { communityId: 'communityId' }, exclude: ['events'] }) }
    : { mine: preloadOf<PreloadedTicket>({ from: 'tickets', match: { status: { $in: ['inProgress', 'handled'] } }, sameAsCaller: { assigneeId: '_id' }, sort: { dueAt: 1 }, limit: QUEUE_LIMIT, exclude: ['events'] }) };

export const queue: Handler<typeof actions.queue, PreloadsOf<typeof queuePreload>> = async ({ sameReporterAs }, { user, preloaded }) => {
  const grids = user.gridIds ?? [];
  // the caller's own open tickets came with the caller (preload `mine`); the waiting list is
  // fair per reporter (queue.ts), so one person's flood never hides another's new report
  let waiting;
  if (sameReporterAs) {
    const t = preloadedTicket(preloaded)?.ticket;
    if (!t || t.communityId !== user.communityId || t.status !== 'pending' || !t.gridId || !grids.includes(t.gridId)) throw new AppError('TICKET.NOT_FOUND');
    waiting = await waitingOfSameReporter(t, grids, QUEUE_LIMIT);
  } else waiting = await fairWaiting(user.communityId, grids, QUEUE_LIMIT);
  const now = clockNow();
  const byDue = (a: Ticket, b: Ticket) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime();
  const mine = sameReporterAs ? [] : (preloaded?.mine ?? []).map(toTicket).filter((t) => t.assigneeId === user._id);
  return {
    waiting: waiting.rows.map((r) => ({ ...queueItem(r.ticket, now), moreFromSameReporter: r.more })),
    mine: mine.sort(byDue).map((t) => queueItem(t, now)),
    gridCodes: grids,
    waitingLimited: waiting.limited,
    limit: QUEUE_LIMIT,
    perReporter: PER_REPORTER,
    ...(sameReporterAs ? { sameReporterAs } : {}),
  };
};

export const hardCases: Handler<typeof actions.hardCases> = async (_input, { user }) => {
  const _ = db.command;
  const { data } = await db
    .collection('tickets')
    .where(inCallerCommunity(user, { hardCase: true, status: _.in(['pending', 'inProgress', 'handled']) }))
    .field({ events: false })
    .orderBy('dueAt', 'asc')
    .limit(200)
    .get();
  const now = clockNow();
  return data.map((d) => queueItem(toTicket(d), now, 'admin'));
};

export const workers: Handler<typeof actions.workers> = async (_input, { user }) => {
  const { data } = await db.collection('users').where(inCallerCommunity(user, { role: 'gridWorker' })).field({ _id: true, name: true, gridIds: true }).limit(100).get();
  return (data as User[]).map((w) => ({ id: w._id, name: w.name, gridIds: w.gridIds ?? [] }));
};
