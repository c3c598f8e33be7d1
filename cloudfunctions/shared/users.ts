/**
 * The caller as the kiosk knows them: the `users` record whose `openid` is the caller's OPENID
 * (from `getWXContext()`, never from the payload), together with their community — one database
 * round trip (an aggregation with a `$lookup`), because every action starts here.
 */
import { callerOpenid, db } from './cloud';
import type { Community, FamilyLink, User } from './model';

/** A user record as loaded for a call: the record plus its community (null if it is gone). */
export type LoadedUser = User & { community: Community | null };

/** A value a preload matches on: a primitive (or an instant), one comparison of a primitive (`{ $gte: '2026-11-27' }`; `$lt` also of an instant: an inbox page older than one), or a list of primitives (`{ $in: ['inProgress', 'handled'] }`). */
export type PreloadValue = string | number | boolean | Date | { $gte: string | number } | { $gt: string | number } | { $lt: string | number | Date } | { $in: (string | number)[] };

/**
 * Documents an action needs, fetched in the same round trip as its caller: those of collection
 * `from` matching `match` (values from the action's validated input or its own code, never raw
 * client objects) and whose fields named in `sameAsCaller` equal the caller's (e.g. `{ communityId:
 * 'communityId' }`: the caller's own community's documents), ordered by `sort`, at most `limit`
 * (default 1), each optionally joined with `join` (a `$lookup` by field, e.g. a day's slots) and
 * without the fields named in `exclude` (a ticket's `events`). `or`: the documents must also match one
 * of these (a keyset page: older than a message, or as old with a smaller `_id`).
 * `T` is the type of the documents it brings (declared with {@link preloadOf}); the handler then
 * reads them typed by the preload's name (`caller.preloaded.slot: Slot[]`, router.ts `Preloaded`).
 */
export interface Preload<T = unknown> {
  from: string;
  match: Record<string, PreloadValue>;
  or?: Record<string, PreloadValue>[];
  sameAsCaller?: Record<string, string>;
  sort?: Record<string, 1 | -1>;
  limit?: number;
  join?: { from: string; localField: string; foreignField: string; as: string };
  exclude?: string[];
  /** type carrier: the document type this preload brings (never set at run time) */
  readonly doc?: T;
}

/** Declares a preload of documents of type `T` (`preloadOf<Slot>({ from: 'slots', match: { _id } })`). */
export function preloadOf<T>(p: Omit<Preload<T>, 'doc'>): Preload<T> {
  return p;
}

/** An action's preloads by name. */
export type Preloads = Record<string, Preload<unknown>>;

/**
 * The documents preloads `P` brought, typed by name: `{ slot: Slot[] }` for `{ slot: Preload<Slot> }`;
 * a preload declared only sometimes (`...(estateId ? { estate: preloadOf<Estate>(…) } : {})`, or an
 * optional member of an annotated preload type) reads `estate?: Estate[]` (absent: not asked for).
 */
export type Preloaded<P extends Preloads> = { [K in keyof P]: P[K] extends Preload<infer T> | undefined ? T[] : unknown[] };

/** The `$lookup` stage of one preload (pipeline form; correlated with `let` when `sameAsCaller` is given). */
function preloadStage(p: Preload, as: string): object {
  const vars = Object.entries(p.sameAsCaller ?? {}).map(([field, callerField], i) => ({ field, callerField, name: `c${i}` }));
  const match: Record<string, unknown> = { ...p.match, ...(p.or?.length ? { $or: p.or } : {}) };
  if (vars.length) {
    const eqs = vars.map((v) => ({ $eq: [`$${v.field}`, `$$${v.name}`] }));
    match.$expr = eqs.length === 1 ? eqs[0] : { $and: eqs };
  }
  const pipeline: object[] = [
    { $match: match },
    ...(p.sort ? [{ $sort: p.sort }] : []),
    { $limit: p.limit ?? 1 },
    ...(p.exclude?.length ? [{ $project: Object.fromEntries(p.exclude.map((f) => [f, 0])) }] : []),
    ...(p.join ? [{ $lookup: p.join }] : []),
  ];
  return {
    from: p.from,
    ...(vars.length ? { let: Object.fromEntries(vars.map((v) => [v.name, `$${v.callerField}`])) } : {}),
    pipeline,
    as,
  };
}

/** The caller, and what was preloaded with them (null when nothing could be: no OPENID, or not registered). */
export interface LoadedCaller {
  user: LoadedUser | null;
  preloaded: Record<string, unknown[]> | null;
  /** with `forElder`: the caller's OPENID's active link to that elder (absent: none) */
  link?: FamilyLink;
}

/**
 * The caller's `users` record with its community, plus the documents of `preloads`, in one round
 * trip: an aggregation over `users` matching the OPENID, with a `$lookup` for the community and
 * one `$lookup` in pipeline form per preload. With no OPENID no database call is made;
 * an unregistered caller gets `{ user: null, preloaded: null }` (the action loads what it needs).
 *
 * `options.forElder` (家人代办, router.ts): the aggregation starts from the elder's record instead
 * (`_id = forElder`), and one more `$lookup` brings the active `familyLinks` record of (the caller's
 * OPENID, that elder) — still ONE round trip; preloads correlated with the caller read the elder's
 * fields. The answer's `link` is absent when there is none (the router then refuses).
 */
export async function loadCaller(preloads: Record<string, Preload> = {}, options: { forElder?: string } = {}): Promise<LoadedCaller> {
  const openid = callerOpenid();
  if (!openid) return { user: null, preloaded: null };
  const { forElder } = options;
  let agg = db
    .collection('users')
    .aggregate()
    .match(forElder === undefined ? { openid } : { _id: forElder })
    .limit(1)
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'communities' });
  if (forElder !== undefined) {
    agg = agg.lookup({ from: 'familyLinks', pipeline: [{ $match: { elderId: forElder, memberOpenid: openid, status: 'active' } }, { $limit: 1 }], as: 'family_link' });
  }
  for (const [as, p] of Object.entries(preloads)) agg = agg.lookup(preloadStage(p, `preload_${as}`));
  const { list } = await agg.end();
  const row = list[0] as (User & { communities?: Community[]; family_link?: FamilyLink[] } & Record<string, unknown>) | undefined;
  if (!row) return { user: null, preloaded: null };
  const { communities, family_link: links, ...rest } = row;
  const link = links?.[0];
  if (forElder !== undefined && !link) return { user: null, preloaded: null };
  const preloaded: Record<string, unknown[]> = {};
  for (const as of Object.keys(preloads)) {
    preloaded[as] = (rest[`preload_${as}`] as unknown[] | undefined) ?? [];
    delete rest[`preload_${as}`];
  }
  return { user: { ...(rest as User), community: communities?.[0] ?? null }, preloaded, ...(link ? { link } : {}) };
}

/** The caller's `users` record with its community, or null (see {@link loadCaller}). One round trip. */
export async function currentUser(): Promise<LoadedUser | null> {
  return (await loadCaller()).user;
}

/** A community by id, or null. */
export async function findCommunity(id: string): Promise<Community | null> {
  const { data } = await db.collection('communities').where({ _id: id }).limit(1).get();
  return (data[0] as Community | undefined) ?? null;
}

/** The community whose market an unregistered visitor sees: the first one that runs a market. */
export async function defaultMarketCommunity(): Promise<Community | null> {
  const { data } = await db.collection('communities').where({ market: db.command.neq(null) }).orderBy('_id', 'asc').limit(1).get();
  return (data[0] as Community | undefined) ?? null;
}

/**
 * Writes a resident's 解忧智囊团 membership (`users.volunteer`, issue 22): the one writer of that
 * field. Conditional on the record being a resident of `communityId` (one round trip); answers
 * whether it matched (false: no such resident there, nothing written).
 */
export async function setVolunteer(residentId: string, communityId: string, membership: NonNullable<User['volunteer']>): Promise<boolean> {
  const r = await db.collection('users').where({ _id: residentId, communityId, role: 'resident' }).update({ data: { volunteer: membership } });
  return r.stats.updated > 0;
}
