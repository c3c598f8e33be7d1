/**
 * Staff at the kiosk counter (代办): grid workers and community admins act for the residents of
 * their own community (policy.ts: `staff` callers, target = a resident of the caller's community).
 */
import { db } from './cloud';
import { AppError } from './errors';
import type { User } from './model';
import { preloadOf } from './users';
import { inCallerCommunity } from './policy';

/**
 * Preload (router `options.preload`) of the resident a counter action is about, restricted to the
 * caller's own community: fetched with the caller, no round trip of its own.
 */
export const preloadResident = ({ residentId }: { residentId: string }) => ({
  resident: preloadOf<User>({ from: 'users', match: { _id: residentId, role: 'resident' }, sameAsCaller: { communityId: 'communityId' } }),
});

/** The resident `residentId` of `staff`'s community as a list (empty: none there): one round trip. */
async function readResident(staff: User, residentId: string): Promise<User[]> {
  const { data } = await db.collection('users').where(inCallerCommunity(staff, { _id: residentId, role: 'resident' })).limit(1).get();
  return data as User[];
}

/**
 * A resident of `staff`'s community by id: from `preloaded.resident` when the action preloaded it
 * (`preloadResident`), else one round trip. `preloaded`: the handler's typed preloads (router
 * `Caller.preloaded`; only `resident` is read, absent when the action did not preload it).
 * Errors: COUNTER.RESIDENT_NOT_FOUND, also for a resident of another community (which is never revealed).
 */
export async function residentOf(staff: User, residentId: string, preloaded?: { resident?: User[] } | null): Promise<User> {
  const found = preloaded?.resident ?? (await readResident(staff, residentId));
  const resident = found[0];
  if (!resident || resident._id !== residentId || resident.communityId !== staff.communityId || resident.role !== 'resident') throw new AppError('COUNTER.RESIDENT_NOT_FOUND');
  return resident;
}
