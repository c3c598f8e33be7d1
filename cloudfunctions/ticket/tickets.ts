/**
 * Creating and reading tickets (platform code for `ticket/index.ts`).
 *
 * A new ticket is one insert: the document carries its first event (`events[0]`, DESIGN.md "Every
 * ticket change is an event"), so it appears whole or not at all, with no transaction. It is
 * idempotent by `requestKey` (`${actorId}:${requestId}`, unique index): a repeated submit returns
 * the first ticket; the same requestId with another payload is COMMON.REQUEST_REUSED.
 * Routing (`domain/routing.ts`) picks the grid; a place with no grid, or several, lands on the
 * community's hard-case list (`hardCase`, 属地兜底).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { DEFAULT_HANDLE_DAYS } from '../shared/deadlines';
import { newDocId } from '../shared/ids';
import type { AssistConsent, Estate, Grid, Ticket, TicketCategory, TicketSource, User } from '../shared/model';
import type { Taken } from '../shared/quotas';
import { requestHash, requestKey as keyOf, sameRequest } from '../shared/requests';
import { preloadOf, type LoadedUser } from '../shared/users';
import type { TicketView } from './contract';
import { draftTicket } from './domain/draft';
import { counterView } from './domain/views';

/**
 * A ticket as stored, with defaults for fields that tickets written before the workflow existed
 * (issue 8's counter reports) lack, and `events[].at` as Dates.
 */
export function toTicket(raw: unknown): Ticket {
  const t = raw as Partial<Ticket> & { _id: string };
  return {
    ...(t as Ticket),
    gridId: t.gridId ?? null,
    hardCase: t.hardCase ?? !t.gridId,
    anonymous: t.anonymous ?? true,
    followerIds: t.followerIds ?? [],
    photos: t.photos ?? [],
    assigneeId: t.assigneeId ?? null,
    assigneeName: t.assigneeName ?? null,
    dueAt: t.dueAt ?? null,
    handleDays: t.handleDays ?? DEFAULT_HANDLE_DAYS,
    overdue: t.overdue ?? false,
    reworks: t.reworks ?? 0,
    ratings: t.ratings ?? [],
    followUps: t.followUps ?? 0,
    reporterId: t.reporterId ?? null,
    reporterName: t.reporterName ?? null,
    version: t.version ?? 0,
    updatedAt: t.updatedAt ?? (t.createdAt as Date),
    events: t.events ?? [],
  };
}

/** Preload (router option) of the caller's earlier ticket with this requestId: a repeated submit costs no extra read. */
export const preloadEarlier = (requestId: string) => preloadOf<Ticket>({ from: 'tickets', match: { requestId }, sameAsCaller: { actorId: '_id' } });

/** Preload of the caller's community's grids (routing). */
export const preloadGrids = preloadOf<Grid>({ from: 'grids', match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 100 });

/** A grid as {@link preloadGridsWithWorkers} brings it: with its workers' `users` records. */
export type GridWithWorkers = Grid & { workers?: User[] };

/**
 * Preload of the caller's community's grids, each with its workers' `users` records (`workers`), so
 * that a resident's new report shows who will help without a read of its own (issue 18: a write ≤ 3
 * round trips). See {@link helpersFromGrids}.
 */
export const preloadGridsWithWorkers = preloadOf<GridWithWorkers>({ ...preloadGrids, join: { from: 'users', localField: 'workerIds', foreignField: '_id', as: 'workers' } });

/** The workers' names of grid `gridId` among grids preloaded with {@link preloadGridsWithWorkers} (in the grid's order); [] if it is not there. */
export function helpersFromGrids(grids: readonly GridWithWorkers[] | undefined, gridId: string | null): string[] {
  const g = grids?.find((x) => x._id === gridId);
  if (!g) return [];
  return g.workerIds.map((w) => g.workers?.find((u) => u._id === w)?.name ?? '').filter(Boolean);
}

/** Preload of an estate of the caller's community. */
export const preloadEstate = (estateId: string) => preloadOf<Estate>({ from: 'estates', match: { _id: estateId }, sameAsCaller: { communityId: 'communityId' } });

/**
 * A ticket as a preload brings it: as stored (read it through {@link toTicket}), maybe without its
 * `events` (a preload that excludes them), with its reporter's `users` record when joined (`reporterDoc`).
 */
export type PreloadedTicket = Omit<Ticket, 'events'> & { events?: Ticket['events']; reporterDoc?: User[] };

/** Preload of a ticket of the caller's community, joined with its reporter's `users` record (`reporterDoc`). */
export const preloadTicket = (ticketId: string) =>
  preloadOf<PreloadedTicket>({
    from: 'tickets',
    match: { _id: ticketId },
    sameAsCaller: { communityId: 'communityId' },
    join: { from: 'users', localField: 'reporterId', foreignField: '_id', as: 'reporterDoc' },
  });

/** The place a ticket is reported for, as given. */
export interface PlaceInput {
  estateId?: string;
  building?: string;
  unit?: string;
  spot?: string;
}

export interface NewTicket {
  /** the resident the problem is reported for; null for a worker's own find or an organisation's topic */
  reporter: User | null;
  /** who enters it (the resident themselves, or staff) */
  actor: LoadedUser;
  source: TicketSource;
  consent?: AssistConsent;
  /** reported by a linked family member (家人代办): draft.ts `Draft.family` */
  family?: { actorId: string; actorName: string; note: string; linkId: string };
  category: TicketCategory;
  text: string;
  /** the place, exactly as the person gave it: never filled in from anyone's home (issue 16) */
  where: PlaceInput;
  photos: string[];
  anonymous: boolean;
  requestId: string;
  /** preloaded with the caller (router preload: {@link preloadGrids}, {@link preloadEstate}, {@link preloadEarlier}); null, undefined or a name missing: read here */
  preloaded?: { grids?: readonly Grid[]; estate?: readonly Estate[]; earlier?: readonly Ticket[] } | null;
  /**
   * Called once the ticket is known to be new and valid, just before the insert (a repeated
   * requestId and a place not found never reach it): takes the reporter's daily quota
   * (`shared/quotas.ts`) and may refuse with COMMON.TOO_MANY; what it took is released if the
   * insert then fails or finds the same request already filed.
   */
  reserve?: () => Promise<Taken>;
  /** the opinion (意见建议) this ticket follows (`fileCase` with `opinionId`, issue 20) */
  opinionId?: string;
  /** the visit (入户走访) or patrol (巡查) it was found on (`fileCase` with `visitId`/`patrolId`, issue 21) */
  visitId?: string;
  patrolId?: string;
}

/** The links a new ticket records (opinion, visit, patrol): only those given. */
function linksOf(input: Pick<NewTicket, 'opinionId' | 'visitId' | 'patrolId'>): Pick<Ticket, 'opinionId' | 'visitId' | 'patrolId'> {
  return { ...(input.opinionId ? { opinionId: input.opinionId } : {}), ...(input.visitId ? { visitId: input.visitId } : {}), ...(input.patrolId ? { patrolId: input.patrolId } : {}) };
}

/** Estate `estateId` of community `communityId` as a list (empty: none there). One read (when not preloaded). */
async function readEstate(estateId: string, communityId: string): Promise<Estate[]> {
  const { data } = await db.collection('estates').where({ _id: estateId, communityId }).limit(1).get();
  return data as Estate[];
}

/** The grids of community `communityId` (at most 100, as {@link preloadGrids}). One read (when not preloaded). */
async function readGrids(communityId: string): Promise<Grid[]> {
  const { data } = await db.collection('grids').where({ communityId }).limit(100).get();
  return data as Grid[];
}

async function findByRequestKey(key: string): Promise<Ticket | null> {
  const { data } = await db.collection('tickets').where({ requestKey: key }).limit(1).get();
  return data[0] ? toTicket(data[0]) : null;
}

/**
 * Creates a ticket, routed to its grid (or the hard-case list), with its first event, in one
 * insert. Returns it (the first one, for a repeated requestId with the same payload).
 * Round trips: 1 (the insert) when grids, estate and the earlier ticket were preloaded.
 * Errors: TICKET.PLACE_NOT_FOUND (estate or building not of the reporter's/actor's community, or a
 * building or unit without an estate), COMMON.REQUEST_REUSED, COMMON.TOO_MANY (from `reserve`; then
 * +1 round trip at most, see quotas.ts).
 */
export async function createTicket(input: NewTicket): Promise<Ticket> {
  const requestKey = keyOf(input.actor._id, input.requestId);
  const hash = requestHash({ reporter: input.reporter?._id ?? null, source: input.source, category: input.category, text: input.text, where: input.where, photos: input.photos, ...linksOf(input) });
  const earlier = input.preloaded?.earlier ? (input.preloaded.earlier[0] ? toTicket(input.preloaded.earlier[0]) : null) : await findByRequestKey(requestKey);
  if (earlier && earlier.requestKey === requestKey) return sameRequest(earlier, hash);

  const communityId = input.actor.communityId;
  // a place is only what the person gave (issue 16 §1): a report naming a spot outside the estates
  // (龙堡街行道树) is never filled in with the reporter's home — that would route it to their grid
  // and put their door on the public board; without an estate it goes to the hard-case list. The
  // report pages preselect the home building visibly, for the resident to confirm or change.
  const estateId = input.where.estateId ?? null;
  // a building or unit is a place only inside an estate the person named
  if (!estateId && (input.where.building || input.where.unit)) throw new AppError('TICKET.PLACE_NOT_FOUND');
  const building = input.where.building ?? null;
  let estate: Estate | null = null;
  if (estateId) {
    const found = input.preloaded?.estate ?? (await readEstate(estateId, communityId));
    estate = found.find((e) => e._id === estateId && e.communityId === communityId) ?? null;
    if (!estate || (building && !estate.buildings.includes(building))) throw new AppError('TICKET.PLACE_NOT_FOUND');
  }
  const grids = (input.preloaded?.grids ?? (await readGrids(communityId))).filter((g) => g.communityId === communityId);
  const now = clockNow();
  const { createdAt: _c, updatedAt: _u, events, ...ticket } = draftTicket({
    id: newDocId(),
    communityId,
    reporter: input.reporter,
    actor: input.actor,
    source: input.source,
    category: input.category,
    text: input.text,
    place: { estate, building, unit: input.where.unit ?? null, spot: input.where.spot ?? '' },
    photos: input.photos,
    anonymous: input.anonymous,
    consent: input.consent,
    ...(input.family ? { family: input.family } : {}),
    grids,
    settings: input.actor.community?.tickets,
    requestKey,
    requestHash: hash,
    now,
  });
  const { at: _at, ...first } = events[0];
  const taken = input.reserve ? await input.reserve() : null;
  try {
    await db.collection('tickets').add({
      data: { ...ticket, ...linksOf(input), _id: ticket._id, requestId: input.requestId, createdAt: db.serverDate(), updatedAt: db.serverDate(), events: [{ ...first, at: db.serverDate() }] },
    });
  } catch (e) {
    await taken?.release();
    if (isDuplicateKey(e, 'requestKey')) {
      const again = await findByRequestKey(requestKey);
      if (again) return sameRequest(again, hash);
    }
    throw e;
  }
  return { ...ticket, ...linksOf(input), createdAt: now, updatedAt: now, events };
}

/**
 * Tickets `userId` reported or joined, newest first (at most 100), each with the names of its
 * grid's workers (`helpers`, in the grid's order; [] without a grid), in ONE round trip: an
 * aggregation with a `$lookup` of the grid and, inside it, of its workers' names only (a resident's
 * list must answer in ≤ 2 round trips with the caller, issue 18).
 */
export async function ticketsWithHelpers(userId: string): Promise<{ ticket: Ticket; helpers: string[] }[]> {
  const _ = db.command;
  const { list } = await db
    .collection('tickets')
    .aggregate()
    .match(_.or([{ reporterId: userId }, { followerIds: userId }]))
    .sort({ createdAt: -1 })
    .limit(100)
    .lookup({
      from: 'grids',
      let: { g: '$gridId' },
      pipeline: [
        { $match: { $expr: { $eq: ['$_id', '$$g'] } } },
        { $limit: 1 },
        { $lookup: { from: 'users', localField: 'workerIds', foreignField: '_id', as: 'workers' } },
        { $project: { workerIds: 1, 'workers._id': 1, 'workers.name': 1 } },
      ],
      as: 'helperGrid',
    })
    .end();
  return (list as (Ticket & { helperGrid?: (Grid & { workers?: User[] })[] })[]).map(({ helperGrid, ...raw }) => {
    const ticket = toTicket(raw);
    return { ticket, helpers: helpersFromGrids(helperGrid, ticket.gridId) };
  });
}

/** Tickets reported by `reporterId`, newest first (at most 100). */
export async function ticketsOf(reporterId: string): Promise<Ticket[]> {
  const { data } = await db.collection('tickets').where({ reporterId }).orderBy('createdAt', 'desc').limit(100).get();
  return data.map(toTicket);
}

/** A ticket by id, or null. */
export async function readTicket(ticketId: string): Promise<Ticket | null> {
  const { data } = await db.collection('tickets').where({ _id: ticketId }).limit(1).get();
  return data[0] ? toTicket(data[0]) : null;
}

/**
 * The names of the workers of each grid in `gridIds` (who will help with a ticket nobody has
 * accepted yet), in one round trip (an aggregation of grids with a `$lookup` of their workers).
 */
export async function gridWorkerNames(gridIds: string[]): Promise<Map<string, { code: string; names: string[] }>> {
  const ids = [...new Set(gridIds)];
  if (!ids.length) return new Map();
  const { list } = await db
    .collection('grids')
    .aggregate()
    .match({ _id: db.command.in(ids) })
    // an aggregation without $limit answers 20 rows on the real service (docs/database.md)
    .limit(ids.length)
    .lookup({ from: 'users', localField: 'workerIds', foreignField: '_id', as: 'workers' })
    .end();
  return new Map(
    (list as (Grid & { workers: User[] })[]).map((g) => [g._id, { code: g.code, names: g.workerIds.map((w) => g.workers.find((u) => u._id === w)?.name ?? '').filter(Boolean) }]),
  );
}

/**
 * The counter's short view of tickets (`domain/views.ts` counterView, audience `counter`), with
 * their grids' codes and workers' names (1 read for the whole list).
 */
export async function toViews(tickets: Ticket[]): Promise<TicketView[]> {
  const grids = await gridWorkerNames(tickets.map((t) => t.gridId).filter((g): g is string => !!g));
  return tickets.map((t) => counterView(t, t.gridId ? grids.get(t.gridId) : undefined));
}
