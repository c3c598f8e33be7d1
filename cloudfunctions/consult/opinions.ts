/**
 * The `opinions` collection (意见建议, issue 20; docs/database.md): creating an opinion (one insert,
 * idempotent on `requestKey`), running a step of `domain/opinionFlow.ts` on it (one conditional
 * update on its status and its number of events — an optimistic lock: a step that lost a race is
 * decided again on what is there now), the lists, and the consult timer's two opinion jobs.
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { readOpinionOf, resolveFromTicket, toOpinion } from '../shared/consultation/opinionLink';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { Opinion, OpinionSource, OpinionStatus, Ticket } from '../shared/model';
import type { Taken } from '../shared/quotas';
import { requestHash, requestKey, sameRequest } from '../shared/requests';
import { preloadOf } from '../shared/users';
import { CONSULT_LIMITS as L } from './limits';
import { decideOpinion, OPEN_STATUSES, type OpinionActor, type OpinionChange, type OpinionCommand } from './domain/opinionFlow';

/** How many times a step is decided again after losing a race before answering COMMON.BUSY. */
const ATTEMPTS = 4;

/** The timer as an actor (系统). */
export const SYSTEM: OpinionActor = { id: 'system', name: '系统' };

/** Preload (router option) of opinion `opinionId` in the caller's community. */
export const preloadOpinion = ({ opinionId }: { opinionId: string }) => ({
  opinion: preloadOf<Opinion>({ from: 'opinions', match: { _id: opinionId }, sameAsCaller: { communityId: 'communityId' } }),
});

/** A new opinion, as an action builds it. */
export interface NewOpinion {
  communityId: string;
  source: OpinionSource;
  meetingId?: string;
  text: string;
  place?: string;
  giver: Opinion['giver'];
  /** staff who entered it (counter, meeting) */
  actor?: { _id: string; name: string };
  consent?: Opinion['consent'];
  /** who sent the request (the key's owner): the resident in the app, else the staff member */
  requesterId: string;
  requestId: string;
  dueAt: Date;
  /** called once the opinion is known to be new, just before the insert (a daily quota); released if it is not written */
  reserve?: () => Promise<Taken>;
}

async function findByRequestKey(key: string): Promise<Opinion | null> {
  const { data } = await db.collection('opinions').where({ requestKey: key }).limit(1).get();
  return data[0] ? toOpinion(data[0]) : null;
}

/**
 * Inserts a new opinion (status `open`, its `given` event) and answers it; a repeated request (same
 * requester and `requestId`) answers the first one, or COMMON.REQUEST_REUSED when it asked
 * something else. Round trips: 1 (+ what `reserve` costs); a repeat: 2.
 */
export async function createOpinion(n: NewOpinion): Promise<Opinion> {
  const key = requestKey(n.requesterId, n.requestId);
  const hash = requestHash({ source: n.source, meetingId: n.meetingId ?? null, text: n.text, place: n.place ?? null, giver: n.giver });
  const now = clockNow();
  const doc: Opinion = {
    _id: newDocId(),
    communityId: n.communityId,
    source: n.source,
    ...(n.meetingId ? { meetingId: n.meetingId } : {}),
    text: n.text,
    ...(n.place ? { place: n.place } : {}),
    giver: n.giver,
    ...(n.actor ? { actorId: n.actor._id, actorName: n.actor.name } : {}),
    ...(n.consent ? { consent: n.consent } : {}),
    status: 'open',
    dueAt: n.dueAt,
    overdue: false,
    reopened: 0,
    events: [{ type: 'given', at: now, actorId: n.actor?._id ?? n.giver.userId ?? '', actorName: n.actor?.name ?? n.giver.name ?? '', note: '' }],
    requestKey: key,
    requestHash: hash,
    createdAt: now,
    updatedAt: now,
  };
  const taken = n.reserve ? await n.reserve() : null;
  try {
    await db.collection('opinions').add({ data: { ...doc, createdAt: db.serverDate(), updatedAt: db.serverDate(), events: [{ ...doc.events[0], at: db.serverDate() }] } });
    return doc;
  } catch (e) {
    await taken?.release();
    if (isDuplicateKey(e, 'requestKey')) {
      const earlier = await findByRequestKey(key);
      if (earlier) return sameRequest(earlier, hash);
    }
    throw e;
  }
}

/** The opinion after `change` (as written), without a read. */
function applied(o: Opinion, change: Extract<OpinionChange, { noop: false }>, now: Date): Opinion {
  return { ...o, ...change.set, events: [...o.events, ...change.events], updatedAt: now };
}

/**
 * Decides `cmd` on opinion `opinionId` of community `communityId` and writes it:
 * `where({ _id, communityId, status, events: size(n) })` → the new fields and the events. `first`:
 * the opinion as preloaded (null: none found; undefined: read it here). Answers the opinion after
 * the step and the change (`noop` when nothing had to change). Round trips: 1 (preloaded), +1 per
 * lost race. Errors: those of `decideOpinion`, CONSULT.OPINION_NOT_FOUND, COMMON.BUSY.
 */
export async function runOpinion(opinionId: string, communityId: string, actor: OpinionActor, cmd: OpinionCommand, workingDays: number, first?: Opinion | null): Promise<{ opinion: Opinion; change: OpinionChange }> {
  const _ = db.command;
  let o = first === undefined ? await readOpinionOf(opinionId, communityId) : first && toOpinion(first);
  for (let i = 0; i < ATTEMPTS; i += 1) {
    if (!o || o.communityId !== communityId) throw new AppError('CONSULT.OPINION_NOT_FOUND');
    const now = clockNow();
    const change = decideOpinion(o, actor, cmd, now, workingDays);
    if (change.noop) return { opinion: o, change };
    const r = await db
      .collection('opinions')
      .where({ _id: o._id, communityId, status: o.status, events: _.size(o.events.length) })
      .update({ data: { ...change.set, updatedAt: db.serverDate(), events: _.push(change.events.map((e) => ({ ...e, at: db.serverDate() }))) } });
    if ((r.stats?.updated ?? 0) === 1) return { opinion: applied(o, change, now), change };
    o = await readOpinionOf(opinionId, communityId);
  }
  throw new AppError('COMMON.BUSY');
}

/** Filters of the staff work list. */
export interface OpinionFilter {
  status?: OpinionStatus;
  source?: OpinionSource;
  overdue?: boolean;
}

/**
 * The community's opinions matching `f`, by deadline (≤ {@link L.opinionListMax}). `overdue: true`:
 * open or accepted past `dueAt` at `now`; `false`: all others. One round trip.
 */
export async function listOpinions(communityId: string, f: OpinionFilter, now: Date): Promise<Opinion[]> {
  const _ = db.command;
  const where: Record<string, unknown> = { communityId };
  if (f.source) where.source = f.source;
  if (f.status) where.status = f.status;
  let query: unknown = where;
  if (f.overdue === true) {
    if (f.status && !OPEN_STATUSES.includes(f.status)) return [];
    query = { ...where, status: f.status ?? _.in([...OPEN_STATUSES]), dueAt: _.lt(now) };
  } else if (f.overdue === false) {
    const notOverdue = [{ ...where, status: f.status ?? _.nin([...OPEN_STATUSES]) }, ...(f.status && !OPEN_STATUSES.includes(f.status) ? [] : [{ ...where, status: f.status ?? _.in([...OPEN_STATUSES]), dueAt: _.gte(now) }])];
    query = f.status && !OPEN_STATUSES.includes(f.status) ? notOverdue[0] : _.or(notOverdue);
  }
  const { data } = await db.collection('opinions').where(query as Record<string, unknown>).orderBy('dueAt', 'asc').limit(L.opinionListMax).get();
  return data.map(toOpinion);
}

/** The opinions `userId` gave, newest first (≤ {@link L.opinionListMax}). One round trip. */
export async function opinionsOfGiver(userId: string, communityId: string): Promise<Opinion[]> {
  const { data } = await db.collection('opinions').where({ 'giver.userId': userId, communityId }).orderBy('createdAt', 'desc').limit(L.opinionListMax).get();
  return data.map(toOpinion);
}

/**
 * Timer job: marks open or accepted opinions past their deadline `overdue` (with an `overdue`
 * event), in one multi-document update. Answers how many it marked.
 */
export async function markOverdueOpinions(): Promise<{ opinionsOverdue: number }> {
  const _ = db.command;
  const r = await db
    .collection('opinions')
    .where({ status: _.in([...OPEN_STATUSES]), overdue: false, dueAt: _.lt(clockNow()) })
    .update({ data: { overdue: true, events: _.push([{ type: 'overdue', at: db.serverDate(), actorId: SYSTEM.id, actorName: SYSTEM.name, note: '已超过答复期限' }]) } });
  return { opinionsOverdue: r.stats?.updated ?? 0 };
}

/**
 * Timer job (backstop of `ticket.close`): `ticketed` opinions whose ticket is closed are resolved
 * from it (`opinionLink.resolveFromTicket`, the giver told in WeChat too). At most 100 a run, oldest
 * deadline first. Round trips: 2, + 1–3 per opinion resolved.
 */
export async function sweepTicketedOpinions(): Promise<{ opinionsResolvedFromTickets: number }> {
  const _ = db.command;
  const { data } = await db.collection('opinions').where({ status: 'ticketed' }).orderBy('dueAt', 'asc').limit(100).get();
  const ids = [...new Set(data.map((o) => (o as Opinion).ticketId).filter((t): t is string => !!t))];
  if (!ids.length) return { opinionsResolvedFromTickets: 0 };
  const { data: tickets } = await db.collection('tickets').where({ _id: _.in(ids), status: 'closed' }).limit(100).get();
  let n = 0;
  for (const t of tickets as Ticket[]) if (await resolveFromTicket(t, SYSTEM, true)) n += 1;
  return { opinionsResolvedFromTickets: n };
}
