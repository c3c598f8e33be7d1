/**
 * `register`: a person not yet known to the kiosk becomes a vendor (pending until an admin
 * approves). Contract: `../contract.ts`.
 */
import { callerOpenid, db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newDocId } from '../../shared/ids';
import type { Community, User, Vendor } from '../../shared/model';
import type { Handler } from '../../shared/router';
import { checkText } from '../../shared/security';
import type { actions } from '../contract';
import { insertVendor, vendorIdOfUser } from '../vendors';
import { vendorView } from '../views';

/** The caller's own record as a registration sees it: its id, role, community, and whether its vendor record exists. */
interface Registrant {
  _id: string;
  role: User['role'];
  communityId: string;
  vendor: boolean;
}

/**
 * What `register` must know, in ONE round trip: community `communityId` (null when there is none),
 * and the caller's own `users` record with whether its vendor record exists (null: not known to the
 * kiosk) — an aggregation over `communities` with a `$lookup` of the caller's record by OPENID, and
 * inside it a `$lookup` of its vendor record by `userId` (pipeline-form `$lookup`s, as `loadCaller`
 * uses). A community that does not exist answers `{ community: null, me: null }` (the caller is not
 * read: the registration is refused with VENDOR.NO_MARKET either way).
 */
async function registrationContext(communityId: string, openid: string): Promise<{ community: Community | null; me: Registrant | null }> {
  const { list } = await db
    .collection('communities')
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    .lookup({
      from: 'users',
      pipeline: [
        { $match: { openid } },
        { $limit: 1 },
        { $project: { _id: 1, role: 1, communityId: 1 } },
        { $lookup: { from: 'vendors', localField: '_id', foreignField: 'userId', as: 'vendors' } },
      ],
      as: 'me',
    })
    .end();
  const row = list[0] as (Community & { me: (Omit<Registrant, 'vendor'> & { vendors: unknown[] })[] }) | undefined;
  if (!row) return { community: null, me: null };
  const { me, ...community } = row;
  const u = me[0];
  return { community: community as Community, me: u ? { _id: u._id, role: u.role, communityId: u.communityId, vendor: u.vendors.length > 0 } : null };
}

/**
 * Writes a new vendor: the `users` record (role `vendor`) and then the vendor record — two inserts, no
 * transaction (a transaction of two inserts is 4 round trips: start, 2 inserts, commit; with the read
 * that is 5, over a write's budget of 3, docs/performance.md). What the transaction guaranteed is kept
 * by the order and the keys instead:
 * - no second person and no second vendor: `users.openid` is unique (two taps at once: the second
 *   insert is a duplicate key → VENDOR.ALREADY_REGISTERED, nothing of it written), and the vendor
 *   record's `_id` is derived from the user's (`vendors.ts` `vendorIdOfUser`), so it can exist once;
 * - all or nothing, as anyone else sees it: the vendor record is written last and is what every
 *   other reader looks at (the admin's list, approval, the registry, stalls): until it exists there
 *   is no vendor. A `users` record without it (the function stopped between the two inserts) is
 *   seen only by its person, as "not registered as a vendor yet" (`myVendor` answers `vendor: null`,
 *   the page offers 登记成摊主 again), and their next `register` finishes it (`existingUserId`: the
 *   record of that cut-short registration) — nothing stays half-written.
 * Both records carry the function's clock (`createdAt`, one reading for both). Round trips: 2.
 */
async function registerVendor(
  input: { kind: Vendor['kind']; name: string; phone: string; goods: string[]; provides?: string },
  community: Community,
  openid: string,
  existingUserId: string | null,
): Promise<Vendor> {
  const userId = existingUserId ?? newDocId();
  const createdAt = clockNow();
  const vendor: Vendor = {
    _id: vendorIdOfUser(userId),
    communityId: community._id,
    name: input.name,
    kind: input.kind,
    goods: input.goods,
    ...(input.provides ? { provides: input.provides } : {}),
    userId,
    phone: input.phone,
    status: 'pending',
    regular: false,
    regularStall: null,
    absences: 0,
    createdAt,
  };
  try {
    if (!existingUserId) await db.collection('users').add({ data: { _id: userId, openid, name: input.name, role: 'vendor', communityId: community._id, phone: input.phone, verified: false, createdAt } });
    await insertVendor(vendor);
  } catch (e) {
    // another tap of the same person got there first (its user record, or its finishing insert)
    if (isDuplicateKey(e, 'openid') || isDuplicateKey(e, '_id')) throw new AppError('VENDOR.ALREADY_REGISTERED');
    throw e;
  }
  return vendor;
}

/** `register`: 3 round trips (the context, then the two inserts). */
export const register: Handler<typeof actions.register> = async (input) => {
  const openid = callerOpenid();
  if (!openid) throw new AppError('COMMON.NOT_REGISTERED');
  if (input.kind !== 'serviceVolunteer' && !input.goods.length) throw new AppError('VENDOR.GOODS_REQUIRED');
  if (input.kind === 'serviceVolunteer' && !input.provides) throw new AppError('VENDOR.GOODS_REQUIRED');
  // the community, the caller's own record (if any) and its vendor record: one round trip
  const { community, me } = await registrationContext(input.communityId, openid);
  // a record with its vendor record (or a resident's): registered; one WITHOUT its vendor record is a
  // registration cut short after its first write (registerVendor): this call finishes it
  if (me && (me.role !== 'vendor' || me.vendor)) throw new AppError(me.role === 'vendor' ? 'VENDOR.ALREADY_REGISTERED' : 'VENDOR.ACCOUNT_IS_RESIDENT');
  if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
  if (me && me.communityId !== community._id) throw new AppError('VENDOR.ALREADY_REGISTERED');
  await Promise.all([input.name, input.provides, ...input.goods].filter((t): t is string => !!t).map((t) => checkText(t, openid, 1)));
  return vendorView(await registerVendor(input, community, openid, me?._id ?? null), true);
};
