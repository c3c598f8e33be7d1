/**
 * The caller as the kiosk knows them: the `users` record whose `openid` is the caller's OPENID
 * (from `getWXContext()`, never from the payload), together with their community — one database
 * round trip (an aggregation with a `$lookup`), because every action starts here.
 */
import { callerOpenid, db } from './cloud';
import { pipelineOf } from './db-types';
import type { Community, User } from './model';

/** A user record as loaded for a call: the record plus its community (null if it is gone). */
export type LoadedUser = User & { community: Community | null };

/**
 * Documents an action needs, fetched in the same round trip as its caller: those of collection
 * `from` matching `match` (plain equalities on the action's validated input; at most `limit`,
 * default 1), each optionally joined with `join` (a `$lookup` by field, e.g. a day's slots).
 */
export interface Preload {
  from: string;
  match: Record<string, string | number | boolean>;
  limit?: number;
  join?: { from: string; localField: string; foreignField: string; as: string };
}

/** The caller, and what was preloaded with them (null when nothing could be: no OPENID, or not registered). */
export interface LoadedCaller {
  user: LoadedUser | null;
  preloaded: Record<string, unknown[]> | null;
}

/**
 * The caller's `users` record with its community, plus the documents of `preloads`, in one round
 * trip: an aggregation over `users` matching the OPENID, with a `$lookup` for the community and
 * one uncorrelated `$lookup` (pipeline form) per preload. With no OPENID no database call is made;
 * an unregistered caller gets `{ user: null, preloaded: null }` (the action loads what it needs).
 */
export async function loadCaller(preloads: Record<string, Preload> = {}): Promise<LoadedCaller> {
  const openid = callerOpenid();
  if (!openid) return { user: null, preloaded: null };
  let agg = db
    .collection('users')
    .aggregate()
    .match({ openid })
    .limit(1)
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'communities' });
  for (const [as, p] of Object.entries(preloads)) {
    let pipeline = pipelineOf(db.command).match(p.match).limit(p.limit ?? 1);
    if (p.join) pipeline = pipeline.lookup(p.join);
    agg = agg.lookup({ from: p.from, pipeline: pipeline.done(), as: `preload_${as}` });
  }
  const { list } = await agg.end();
  const row = list[0] as (User & { communities?: Community[] } & Record<string, unknown>) | undefined;
  if (!row) return { user: null, preloaded: null };
  const { communities, ...rest } = row;
  const preloaded: Record<string, unknown[]> = {};
  for (const as of Object.keys(preloads)) {
    preloaded[as] = (rest[`preload_${as}`] as unknown[] | undefined) ?? [];
    delete rest[`preload_${as}`];
  }
  return { user: { ...(rest as User), community: communities?.[0] ?? null }, preloaded };
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
