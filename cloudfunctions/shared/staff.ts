/**
 * Staff at the kiosk counter (代办): grid workers and community admins act for the residents of
 * their own community (policy.ts: `staff` callers, target = a resident of the caller's community).
 */
import { db } from './cloud';
import { AppError } from './errors';
import type { User } from './model';

/**
 * A resident of `staff`'s community by id (one round trip). Errors: COUNTER.RESIDENT_NOT_FOUND,
 * also for a resident of another community (which is never revealed).
 */
export async function residentOf(staff: User, residentId: string): Promise<User> {
  const { data } = await db.collection('users').where({ _id: residentId, communityId: staff.communityId, role: 'resident' }).limit(1).get();
  const resident = data[0] as User | undefined;
  if (!resident) throw new AppError('COUNTER.RESIDENT_NOT_FOUND');
  return resident;
}
