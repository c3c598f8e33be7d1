/**
 * `account.register`: a resident registers themself (first visit) — a new `users` record for the
 * caller's OPENID in the estate's community, unverified. What it checks and answers: contract.ts.
 * Round trips: the estate with the caller, the namesakes and the day's quota (one aggregation), the
 * quota, the insert: 3 (the router does not look the caller up: `loadsCaller: false`).
 */
import { householdKeyOf } from '../shared/households';
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { quotaDay, quotaDocId, takeQuota, type QuotaDoc } from '../shared/quotas';
import { AppError } from '../shared/errors';
import type { Estate, User } from '../shared/model';
import type { Profile } from './contract';
import { addressText, duplicatesOf, toProfile } from './profile';
import { searchKeyOf } from './domain/search';

/** What a resident sends to register (the contract's `register` input, validated). */
export interface RegisterInput {
  name: string;
  estateId: string;
  building: string;
  unit: string;
  room: string;
  phone?: string;
  confirmDuplicate?: boolean;
}

/**
 * What `register` needs, in ONE round trip (an aggregation over `estates` with `$lookup`s): estate
 * `estateId`; the `users` record of `openid` if it is registered (`known`); the residents of the
 * estate's community named `name` (possible duplicates, at most 1000); the caller's quota document
 * of `day` (null: none yet). Null when the estate does not exist.
 */
async function registrationContext(openid: string, estateId: string, name: string, day: string): Promise<{ estate: Estate; known: boolean; residents: User[]; quota: QuotaDoc | null } | null> {
  const { list } = await db
    .collection('estates')
    .aggregate()
    .match({ _id: estateId })
    .limit(1)
    .lookup({ from: 'users', pipeline: [{ $match: { openid } }, { $limit: 1 }, { $project: { _id: 1 } }], as: 'me' })
    .lookup({ from: 'users', let: { c: '$communityId' }, pipeline: [{ $match: { name, role: 'resident', $expr: { $eq: ['$communityId', '$$c'] } } }, { $limit: 1000 }], as: 'namesakes' })
    .lookup({ from: 'quotas', pipeline: [{ $match: { _id: quotaDocId({ by: 'openid', id: openid }, day) } }, { $limit: 1 }], as: 'quota' })
    .end();
  const row = list[0] as (Estate & { me: unknown[]; namesakes: User[]; quota: QuotaDoc[] }) | undefined;
  if (!row) return null;
  const { me, namesakes: residents, quota, ...estate } = row;
  return { estate: estate as Estate, known: me.length > 0, residents, quota: quota[0] ?? null };
}

/**
 * Registers the caller (by OPENID) at `input.estateId`'s home. Errors: COMMON.NOT_REGISTERED (no
 * OPENID), ACCOUNT.ALREADY_REGISTERED, ACCOUNT.ESTATE_NOT_FOUND (no such estate, or a building not
 * in it), ACCOUNT.POSSIBLE_DUPLICATE (details `{ name }`) unless `confirmDuplicate`, COMMON.TOO_MANY.
 */
export async function register(input: RegisterInput): Promise<Profile> {
  const openid = callerOpenid();
  if (!openid) throw new AppError('COMMON.NOT_REGISTERED');
  // the estate, the caller's own record (if any), the namesakes at it and the day's quota: one round trip
  const now = clockNow();
  const found = await registrationContext(openid, input.estateId, input.name, quotaDay(now));
  if (!found) {
    // no such estate: a registered caller still hears that first (one more read, on this refusal only)
    const { data: me } = await db.collection('users').where({ openid }).limit(1).get();
    if (me.length) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
    throw new AppError('ACCOUNT.ESTATE_NOT_FOUND');
  }
  const { estate, known, residents, quota } = found;
  if (known) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
  if (!estate.buildings.includes(input.building)) throw new AppError('ACCOUNT.ESTATE_NOT_FOUND');
  const home = { estateId: estate._id, building: input.building, unit: input.unit, room: input.room };
  // the same name at the same home is most likely this person registered before (at the counter,
  // or on another phone): say so before a second record exists, as registerFor does for staff.
  // The caller learns only that such a record exists (its name is the one they typed), nothing of it.
  if (!input.confirmDuplicate && duplicatesOf({ _id: '', name: input.name, home }, residents).length) {
    throw new AppError('ACCOUNT.POSSIBLE_DUPLICATE', { name: input.name });
  }
  // daily quota per OPENID (shared/quotas.ts), taken once the registration would be written
  const taken = await takeQuota({ by: 'openid', id: openid }, { register: 1 }, now, quota);
  const user: Omit<User, '_id' | 'createdAt'> = {
    openid,
    name: input.name,
    role: 'resident',
    communityId: estate.communityId,
    home,
    householdKey: householdKeyOf(home),
    addressText: addressText(estate.name, home),
    searchKey: searchKeyOf({ name: input.name, estateName: estate.name, home }),
    ...(input.phone ? { phone: input.phone } : {}),
    // anyone can claim any name: unverified until staff of the community see the person
    verified: false,
  };
  try {
    const { _id } = await db.collection('users').add({ data: { ...user, createdAt: db.serverDate() } });
    return toProfile({ ...user, _id: String(_id), createdAt: new Date() });
  } catch (e) {
    await taken.release();
    if (isDuplicateKey(e, 'openid')) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
    throw e;
  }
}
