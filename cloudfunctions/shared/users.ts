/**
 * The caller as the kiosk knows them: the `users` record whose `openid` is the caller's OPENID
 * (from `getWXContext()`, never from the payload).
 */
import { AppError } from './errors';
import { callerOpenid, db } from './cloud';
import type { Community, User } from './model';

/** The caller's `users` record, or null if they have not registered (or OPENID is missing). */
export async function currentUser(): Promise<User | null> {
  const openid = callerOpenid();
  if (!openid) return null;
  const { data } = await db.collection('users').where({ openid }).limit(1).get();
  return (data[0] as User | undefined) ?? null;
}

/** The caller's record; throws `COMMON.NOT_REGISTERED` if there is none. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) throw new AppError('COMMON.NOT_REGISTERED');
  return user;
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
