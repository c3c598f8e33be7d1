/**
 * Cloud function `account`: who the caller is to the kiosk.
 *
 * Actions (details in docs/api.md):
 * - `me` {} → { registered: false } | { registered: true, user: Profile, community } — the caller
 *   (by OPENID) and their community.
 * - `listEstates` {} → Estate summaries of every community, for the registration form.
 * - `register` { name, estateId, building, unit, room, phone? } → Profile — a new resident for this
 *   OPENID. Errors: ACCOUNT.ALREADY_REGISTERED, ACCOUNT.ESTATE_NOT_FOUND, COMMON.INVALID_INPUT.
 * - `searchResidents` { query } → ResidentCard[] (at most 20) — staff only (grid workers, community
 *   admins): residents of the caller's community whose name or address contains `query`
 *   (e.g. 赵建国, 赵, 3号楼, 301). Phones are masked.
 * Roles and grids are never set here: only a community admin changes them (console, later).
 */
import { z } from 'zod';
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Estate, User } from '../shared/model';
import { action, createMain, permissionsOf } from '../shared/router';
import { id, noFields, phone, shortText } from '../shared/schemas';
import { addressText, toProfile, toResidentCard, type Profile } from './profile';

const registerInput = z
  .object({
    name: shortText(20),
    estateId: id,
    building: shortText(20),
    unit: shortText(20),
    room: shortText(20),
    phone: phone.optional(),
  })
  .strict();

const actions = {
  me: action.anyone(noFields, async (_input, { user }) => {
    if (!user) return { registered: false as const };
    const { community } = user;
    return {
      registered: true as const,
      user: toProfile(user),
      community: community ? { id: community._id, name: community.name, kiosk: community.kiosk, hasMarket: !!community.market } : null,
    };
  }),

  listEstates: action.anyone(noFields, async () => {
    const { data } = await db.collection('estates').orderBy('communityId', 'asc').limit(1000).get();
    return (data as Estate[]).map((e) => ({ id: e._id, communityId: e.communityId, name: e.name, buildings: e.buildings }));
  }),

  register: action.anyone(registerInput, async (input, { user: known }): Promise<Profile> => {
    const openid = callerOpenid();
    if (!openid) throw new AppError('COMMON.NOT_REGISTERED');
    if (known) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
    const { data } = await db.collection('estates').where({ _id: input.estateId }).limit(1).get();
    const estate = data[0] as Estate | undefined;
    if (!estate || !estate.buildings.includes(input.building)) throw new AppError('ACCOUNT.ESTATE_NOT_FOUND');
    const home = { estateId: estate._id, building: input.building, unit: input.unit, room: input.room };
    const user: Omit<User, '_id' | 'createdAt'> = {
      openid,
      name: input.name,
      role: 'resident',
      communityId: estate.communityId,
      home,
      addressText: addressText(estate.name, home),
      ...(input.phone ? { phone: input.phone } : {}),
    };
    try {
      const { _id } = await db.collection('users').add({ data: { ...user, createdAt: db.serverDate() } });
      return toProfile({ ...user, _id: String(_id), createdAt: new Date() });
    } catch (e) {
      if (isDuplicateKey(e, 'openid')) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
      throw e;
    }
  }),

  searchResidents: action.staff(z.object({ query: z.string().trim().min(1).max(20).regex(/^[\p{L}\p{N}]+$/u) }).strict(), async ({ query }, { user: staff }) => {
    // the query holds only letters and digits, so it is safe inside a regular expression
    const match = db.RegExp({ regexp: query, options: 'i' });
    const { data } = await db
      .collection('users')
      .where(db.command.and([{ communityId: staff.communityId, role: 'resident' }, db.command.or([{ name: match }, { called: match }, { addressText: match }])]))
      .orderBy('name', 'asc')
      .limit(20)
      .get();
    return (data as User[]).map(toResidentCard);
  }, "residents of the caller's own community only"),
};

export const main = createMain(actions);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions);
