/**
 * The caller as the kiosk knows them: the `users` record whose `openid` is the caller's OPENID
 * (from `getWXContext()`, never from the payload), together with their community — one database
 * round trip (an aggregation with a `$lookup`), because every action starts here.
 */
import { callerOpenid, db } from './cloud';
import type { Community, User } from './model';

/** A user record as loaded for a call: the record plus its community (null if it is gone). */
export type LoadedUser = User & { community: Community | null };

/**
 * The caller's `users` record with its community, or null if they have not registered (or the
 * call has no OPENID: then no database call is made). One round trip.
 */
export async function currentUser(): Promise<LoadedUser | null> {
  const openid = callerOpenid();
  if (!openid) return null;
  const { list } = await db
    .collection('users')
    .aggregate()
    .match({ openid })
    .limit(1)
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'communities' })
    .end();
  const row = list[0] as (User & { communities?: Community[] }) | undefined;
  if (!row) return null;
  const { communities, ...user } = row;
  return { ...user, community: communities?.[0] ?? null };
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
