/**
 * Staff at the kiosk counter (代办): grid workers and community admins act for the residents of
 * their own community. Role and community come from the staff member's `users` record.
 */
import { db } from './cloud';
import { AppError } from './errors';
import type { User } from './model';
import { requireUser } from './users';

const STAFF_ROLES = new Set(['gridWorker', 'communityAdmin']);

/** `user` if it is a grid worker or community admin; else COMMON.NOT_REGISTERED (null) or COMMON.FORBIDDEN. */
export function asStaff(user: User | null): User {
  if (!user) throw new AppError('COMMON.NOT_REGISTERED');
  if (!STAFF_ROLES.has(user.role)) throw new AppError('COMMON.FORBIDDEN');
  return user;
}

/** The caller, who must be a grid worker or community admin; else COMMON.FORBIDDEN. */
export async function requireStaff(): Promise<User> {
  return asStaff(await requireUser());
}

/** A resident of `staff`'s community by id; else COUNTER.RESIDENT_NOT_FOUND (also for other communities). */
export async function residentOf(staff: User, residentId: string): Promise<User> {
  const { data } = await db.collection('users').where({ _id: residentId, communityId: staff.communityId, role: 'resident' }).limit(1).get();
  const resident = data[0] as User | undefined;
  if (!resident) throw new AppError('COUNTER.RESIDENT_NOT_FOUND');
  return resident;
}

/** True if `user` is staff of `communityId`. */
export function isStaffOf(user: User, communityId: string): boolean {
  return STAFF_ROLES.has(user.role) && user.communityId === communityId;
}
