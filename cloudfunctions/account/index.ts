/**
 * Cloud function `account`: who the caller is to the kiosk.
 *
 * Actions (details in docs/api.md):
 * - `me` {} → { registered: false } | { registered: true, user: Profile, community } — the caller
 *   (by OPENID) and their community.
 * - `listEstates` {} → Estate summaries of every community, for the registration form.
 * - `register` { name, estateId, building, unit, room, phone?, confirmDuplicate? } → Profile — a new
 *   resident for this OPENID. Errors: ACCOUNT.ALREADY_REGISTERED, ACCOUNT.ESTATE_NOT_FOUND,
 *   ACCOUNT.POSSIBLE_DUPLICATE (details: { name }; a resident of that name already lives at that
 *   home — unless `confirmDuplicate`: the person says they are someone else), COMMON.INVALID_INPUT,
 *   COMMON.TOO_MANY (more than 5 registrations and link codes by one OPENID in a day; shared/quotas.ts).
 * - `searchResidents` { query } → ResidentCard[] (at most 20) — staff only (grid workers, community
 *   admins): residents of the caller's community found by name, called name, pinyin or initials, or
 *   address as people say it (赵建国, 赵, zjg, 3栋301, ３号楼; domain/search.ts). Phones are masked; each card says whether the resident is
 *   verified and lists other records with the same name and address (`duplicateOf`).
 * - `getResident` { residentId } → ResidentCard — staff: one resident of their community.
 * - `registerFor` { name, estateId, building, unit, room, phone?, called?, requestId,
 *   consent: { spoken, note? }, confirmDuplicate? } → ResidentCard — staff register a resident
 *   without WeChat at the counter (代登记; residents.ts). Errors: COUNTER.CONSENT_REQUIRED,
 *   COUNTER.POSSIBLE_DUPLICATE, ACCOUNT.ESTATE_NOT_FOUND, COMMON.FORBIDDEN, COMMON.REQUEST_REUSED.
 * - `verifyResident` { residentId } → ResidentCard — staff verify who a resident is.
 * - `requestLink` {} → { code, expiresAt, minutes } — an unregistered WeChat asks for a code to be
 *   linked to its counter-made record (linking.ts). A new code takes the OPENID's daily quota
 *   (COMMON.TOO_MANY); the same code handed out again does not.
 * - `confirmLink` { residentId, code } → ResidentCard — staff link that WeChat to the resident.
 * Community admins only (the console's people and grids pages, issue 11; people.ts, grids.ts):
 * - `people` { query? } → { people, grids } — the community's staff and residents.
 * - `person` { userId } → { person, grids, log } — one of them, with their role changes.
 * - `setRole` { userId, role: resident|gridWorker|communityAdmin, gridIds? } → { person, changed }.
 * - `roleLog` { userId? } → the community's logged role changes, newest first.
 * - `grids` {} → { grids, estates, workers, robots }; `saveGrid` { gridId?, code?, covers, workerIds } → GridView.
 * - `setGridRobot` { gridId, webhook: string | null } → RobotView; `testGridRobot` { gridId } →
 *   { robot } — a grid's WeCom group robot (robots.ts; issue 18): the key is shown masked, to admins only.
 * - `bindPhone` { code } → Profile — registered callers: the number WeChat's phone-number button
 *   shared (its one-time `code`) becomes the caller's own phone (phone.ts). Errors:
 *   ACCOUNT.PHONE_CODE_INVALID, COMMON.INTERNAL.
 * Messages (issue 18; messages.ts, shared/consent.ts):
 * - `me` also answers `unreadMessages` (0 for a visitor): the home page's count of 消息.
 * - `subscribed` { templateIds: 1..3 } → { left } — the caller tapped 允许 for these templates
 *   (`wx.requestSubscribeMessage` answered 'accept'): one more WeChat message of each may be sent.
 *   Errors: COMMON.INVALID_INPUT (an id the kiosk does not use; nothing written), COMMON.FORBIDDEN
 *   (a placeholder OPENID), COMMON.NOT_REGISTERED (no OPENID).
 * - `myMessages` { before?, beforeId? } → { messages, unread, more }; `readMessages` { ids } | { all: true } → { unread }
 *   — the caller's own inbox only.
 * The first admin of a community is made by the setup step `npm run db:setup -- --seed <file> --admin-openid <OPENID>` (docs/deploy.md), never by an action.
 */
import { z } from 'zod';
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { quotaDay, quotaDocId, takeQuota, type QuotaDoc } from '../shared/quotas';
import { AppError } from '../shared/errors';
import type { Estate, User } from '../shared/model';
import { action, createMain, permissionsOf } from '../shared/router';
import { id, noFields, phone, requestId, shortText, text } from '../shared/schemas';
import { spokenConsent } from '../shared/spokenConsent';
import { confirmLink, normalizeCode, requestLink } from './linking';
import { addressText, duplicatesOf, toProfile, type Profile } from './profile';
import { searchKeyOf } from './domain/search';
import { registerFor, residentCard, searchResidents, verifyResident } from './residents';
import { listPeople, personOf, roleLog, setRole } from './people';
import { listGrids, saveGrid } from './grids';
import { robotViews, setGridRobot, testGridRobot } from './robots';
import { bindPhone } from './phone';
import { myMessages, pagePreload, readMessages, unreadCount } from './messages';
import { recordConsent, type InboxDoc } from '../shared/consent';

const registerInput = z
  .object({
    name: shortText(20),
    estateId: id,
    building: shortText(20),
    unit: shortText(20),
    room: shortText(20),
    phone: phone.optional(),
    /** The person saw ACCOUNT.POSSIBLE_DUPLICATE and says they are someone else of the same name. */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict();

const registerForInput = registerInput
  .extend({
    called: shortText(20).optional(),
    requestId,
    consent: spokenConsent,
  })
  .strict();

/** A link code as staff type it: letters and digits (spaces and case forgiven). */
const linkCodeInput = z
  .string()
  .max(20)
  .regex(/^[A-Za-z0-9 ]*$/)
  .transform(normalizeCode)
  .pipe(z.string().min(4).max(12));

const residentOnly = z.object({ residentId: id }).strict();

/** A grid code as communities write them: G-LC-01 (letters, digits, `-`). */
const gridCode = z.string().min(2).max(20).regex(/^[A-Za-z0-9-]+$/);

const saveGridInput = z
  .object({
    gridId: id.optional(),
    code: gridCode.optional(),
    covers: z.array(z.object({ estateId: id, buildings: z.array(shortText(20)).min(1).max(100) }).strict()).max(20),
    workerIds: z.array(id).max(20),
  })
  .strict();

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

const actions = {
  me: action.anyone(noFields, async (_input, { user }) => {
    if (!user) return { registered: false as const, unreadMessages: 0 };
    const { community } = user;
    return {
      registered: true as const,
      unreadMessages: await unreadCount(user._id),
      user: toProfile(user),
      community: community ? { id: community._id, name: community.name, kiosk: community.kiosk, hasMarket: !!community.market, contact: community.contact ?? null } : null,
    };
  }),

  listEstates: action.anyone(
    noFields,
    async () => {
      const { data } = await db.collection('estates').orderBy('communityId', 'asc').limit(1000).get();
      return (data as Estate[]).map((e) => ({ id: e._id, communityId: e.communityId, name: e.name, buildings: e.buildings }));
    },
    '',
    { loadsCaller: false },
  ),

  register: action.anyone(
    registerInput,
    async (input): Promise<Profile> => {
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
    },
    '',
    // the caller is looked up with the estate (registrationContext): 3 round trips in all (issue 18)
    { loadsCaller: false },
  ),

  searchResidents: action.staff(
    z.object({ query: text(1, 30) }).strict(),
    async ({ query }, { user: staff }) => searchResidents(staff, query),
    "residents of the caller's own community only",
  ),

  getResident: action.staff(residentOnly, async ({ residentId }, { user: staff }) => residentCard(staff, residentId), "a resident of the caller's own community"),

  registerFor: action.staff(registerForInput, async (input, { user: staff }) => registerFor(staff, input), "the estate is in the caller's own community; the resident's spoken consent"),

  verifyResident: action.staff(residentOnly, async ({ residentId }, { user: staff }) => verifyResident(staff, residentId), "a resident of the caller's own community"),

  // the caller is looked up with the link request (linking.ts linkContext): 3 round trips in all (issue 18)
  requestLink: action.anyone(noFields, async () => requestLink(), 'a caller with an OPENID that is not registered', { loadsCaller: false }),

  confirmLink: action.staff(
    z.object({ residentId: id, code: linkCodeInput }).strict(),
    async ({ residentId, code }, { user: staff }) => confirmLink(staff, residentId, code),
    "a resident of the caller's own community, registered at the counter and not linked yet; the code of an unregistered WeChat",
  ),

  bindPhone: action.registered(
    z.object({ code: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/) }).strict(),
    async ({ code }, { user }) => bindPhone(user, code),
    "the caller's own record only",
  ),

  // ─── messages (issue 18): consent to WeChat messages, and the inbox ───
  subscribed: action.anyone(
    z.object({ templateIds: z.array(z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/)).min(1).max(3) }).strict(),
    async ({ templateIds }) => recordConsent(callerOpenid(), templateIds),
    "the caller's own OPENID (not a placeholder); only the kiosk's template ids",
    { loadsCaller: false },
  ),
  myMessages: action.registered(
    // the cursor is the last message shown: its `at` and its `id` (beforeId means nothing without before)
    z.object({ before: z.number().int().positive().max(8.64e15).optional(), beforeId: id.optional() }).strict(),
    async ({ before, beforeId }, { user, preloaded }) => myMessages(user._id, before === undefined ? undefined : { before, beforeId }, preloaded?.page as InboxDoc[] | undefined),
    "the caller's own messages only",
    { preload: ({ before, beforeId }) => ({ page: pagePreload(before === undefined ? undefined : { before, beforeId }) }) },
  ),
  readMessages: action.registered(
    z.union([z.object({ ids: z.array(id).min(1).max(50) }).strict(), z.object({ all: z.literal(true) }).strict()]),
    async (input, { user }) => readMessages(user._id, input),
    "the caller's own messages only",
  ),

  // ─── the console: people, roles, grids (community admins) ───
  people: action.admin(z.object({ query: text(0, 30).optional() }).strict(), async ({ query }, { user }) => listPeople(user, query), "people of the caller's own community (not vendors)"),
  person: action.admin(z.object({ userId: id }).strict(), async ({ userId }, { user }) => personOf(user, userId), "a person of the caller's own community (not a vendor)"),
  setRole: action.admin(
    z.object({ userId: id, role: z.enum(['resident', 'gridWorker', 'communityAdmin']), gridIds: z.array(id).max(20).optional() }).strict(),
    async (input, { user }) => setRole(user, input),
    "a person of the caller's own community, never the caller; staff must be verified and have their own WeChat; a grid worker works grids of the community",
  ),
  roleLog: action.admin(z.object({ userId: id.optional() }).strict(), async ({ userId }, { user }) => roleLog(user, userId), "the caller's own community"),
  grids: action.admin(
    noFields,
    async (_input, { user }) => {
      const [grids, robots] = await Promise.all([listGrids(user), robotViews(user)]);
      return { ...grids, robots: grids.grids.map((g) => robots.get(g.id) ?? { gridId: g.id, set: false, masked: null, lastPostAt: null, lastError: null }) };
    },
    "the caller's own community",
  ),
  saveGrid: action.admin(saveGridInput, async (input, { user }) => saveGrid(user, input), "a grid of the caller's own community: its estates' buildings, not another grid's; its grid workers"),
  setGridRobot: action.admin(
    z.object({ gridId: id, webhook: z.string().max(300).nullable() }).strict(),
    async (input, { user }) => setGridRobot(user, input),
    "a grid of the caller's own community; only a WeCom group robot address (qyapi.weixin.qq.com) or its key; the key is answered masked",
  ),
  testGridRobot: action.admin(z.object({ gridId: id }).strict(), async (input, { user }) => testGridRobot(user, input), "a grid of the caller's own community that has a robot"),
};

export const main = createMain(actions);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions);
