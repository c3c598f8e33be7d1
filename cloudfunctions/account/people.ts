/**
 * The console's people page (issue 11 "People, roles, grids"): an admin lists the people of their
 * community, makes a person a grid worker of some grids or an admin, or removes a role; every
 * change is written with its log entry in one transaction.
 *
 * - {@link listPeople}: `{ query? }` → `{ people: PersonView[], grids: GridSummary[] }` (3 reads in
 *   parallel: people, grids, estates — a grid is offered with its buildings).
 * - {@link setRole}: `{ userId, role, gridIds? }` → `{ person: PersonView, changed }`. The person's
 *   `role`/`gridIds`, every grid they join or leave (`grids.workerIds`) and a `roleChanges` entry
 *   are one transaction (DESIGN.md: a person's grids and a grid's workers never disagree).
 *   Errors: the refusals of `domain/roles.ts` `decideRoleChange` (ACCOUNT.PERSON_NOT_FOUND,
 *   ACCOUNT.OWN_ROLE, ACCOUNT.ROLE_NOT_CHANGEABLE, ACCOUNT.NOT_VERIFIED, ACCOUNT.NO_WECHAT,
 *   ACCOUNT.GRIDS_REQUIRED, ACCOUNT.GRID_NOT_FOUND, ACCOUNT.HAS_OPEN_TICKETS), COMMON.BUSY.
 * - {@link personOf}: `{ userId }` → `{ person, grids, log }` — one person of the community, the
 *   grids they may be given and their logged role changes (3 reads in parallel). Errors:
 *   ACCOUNT.PERSON_NOT_FOUND (also for a vendor or someone of another community).
 * - {@link roleLog}: `{ userId? }` → the community's role changes, newest first (at most 100).
 *
 * The first admin of a community is never made here: the setup step `npm run db:setup -- --admin-openid` (docs/deploy.md) makes it.
 */
import { db, _ } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError, type ErrorCode } from '../shared/errors';
import type { Estate, Grid, User } from '../shared/model';
import { hasWeChat } from '../shared/openids';
import { withTransaction } from '../shared/transactions';
import { maskPhone } from '../shared/vocabulary/phone';
import { queryTerms } from './domain/search';
import { decideRoleChange, isRefusal, type AssignableRole } from './domain/roles';
import { ROLE_LABELS } from '../shared/vocabulary/roles';
import type { GridSummary, PeopleList, PersonDetail, PersonView, RoleChangeEntry, RoleSet } from './contract';
import { inCallerCommunity } from '../shared/policy';



/** The buildings `g` covers, estate by estate (`壁山丽景小区 1号楼、2号楼`; `；` between estates). */
export function gridPlace(g: Pick<Grid, 'covers'>, estates: Pick<Estate, '_id' | 'name'>[]): string {
  return g.covers.map((c) => `${estates.find((e) => e._id === c.estateId)?.name ?? ''} ${c.buildings.join('、')}`.trim()).join('；');
}

/** The grids of a community as the people page offers them, with their buildings (one more read, in parallel). */
async function gridSummaries(communityId: string): Promise<{ grids: Grid[]; summaries: GridSummary[] }> {
  const [grids, estates] = await Promise.all([gridsOf(communityId), db.collection('estates').where({ communityId }).limit(100).get()]);
  const list = estates.data as Estate[];
  return { grids, summaries: grids.map((g) => ({ id: g._id, code: g.code, place: gridPlace(g, list), workerIds: g.workerIds })) };
}


/** At most this many people are listed (a neighbourhood's staff and the residents found). */
const PEOPLE_LIMIT = 100;

/** The console's view of a person. */
export function personView(u: User, grids: Pick<Grid, '_id' | 'code'>[]): PersonView {
  const gridIds = u.role === 'gridWorker' ? (u.gridIds ?? []) : [];
  const codes = new Map(grids.map((g) => [g._id, g.code]));
  return {
    id: u._id,
    name: u.name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    gridIds,
    gridCodes: gridIds.map((g) => codes.get(g) ?? g),
    address: u.addressText ?? '',
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    verified: u.verified === true,
    hasWeChat: hasWeChat(u),
  };
}

/** The grids of a community (one round trip). */
export async function gridsOf(communityId: string): Promise<Grid[]> {
  const { data } = await db.collection('grids').where({ communityId }).orderBy('code', 'asc').limit(100).get();
  return data as Grid[];
}

/**
 * The people of the admin's community: staff first, then residents, by name; with `query`, those
 * whose name or address matches it (as the counter's search reads it). Vendors are not listed
 * (vendor approval manages them).
 */
export async function listPeople(admin: User, query: string | undefined): Promise<PeopleList> {
  const terms = query ? queryTerms(query) : [];
  const base = inCallerCommunity(admin, { role: _.in(['resident', 'gridWorker', 'communityAdmin']) });
  const where = terms.length ? _.and([base, ...terms.map((t) => _.or([{ searchKey: db.RegExp({ regexp: t }) }, { name: db.RegExp({ regexp: t }) }]))]) : base;
  const [found, { grids, summaries }] = await Promise.all([db.collection('users').where(where).orderBy('name', 'asc').limit(PEOPLE_LIMIT).get(), gridSummaries(admin.communityId)]);
  const rank: Record<string, number> = { communityAdmin: 0, gridWorker: 1, resident: 2 };
  const people = (found.data as User[]).sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name, 'zh'));
  return { people: people.map((u) => personView(u, grids)), grids: summaries };
}

/** How many tickets `userId` holds: accepted or assigned, not closed (`assignee_status_due` index). */
export async function openTicketsOf(userId: string): Promise<number> {
  const { total } = await db.collection('tickets').where({ assigneeId: userId, status: _.in(['inProgress', 'handled']) }).count();
  return total;
}

/**
 * Gives `userId` the role `role` (with `gridIds` for a grid worker), by admin `admin`; see the
 * module doc. Round trips: 3 reads (person, grids, open tickets) + the transaction.
 */
export async function setRole(admin: User, input: { userId: string; role: AssignableRole; gridIds?: string[] }): Promise<RoleSet> {
  const [targetRes, grids, openTickets] = await Promise.all([
    db.collection('users').where(inCallerCommunity(admin, { _id: input.userId })).limit(1).get(),
    gridsOf(admin.communityId),
    openTicketsOf(input.userId),
  ]);
  const target = (targetRes.data[0] as User | undefined) ?? null;
  const decision = decideRoleChange(admin, target, input, grids, openTickets);
  if (isRefusal(decision)) throw new AppError(decision.code as ErrorCode, 'details' in decision ? decision.details : undefined);
  if (!target || !decision.changed) return { person: personView(target as User, grids), changed: false };
  const { updated, changed } = await withTransaction(async (t): Promise<{ updated: User; changed: boolean }> => {
    // re-read inside the transaction: another admin may have changed the person since
    const fresh = (await t.collection('users').doc(target._id).get()).data as User | null;
    if (!fresh) throw new AppError('ACCOUNT.PERSON_NOT_FOUND');
    const again = decideRoleChange(admin, fresh, input, grids, openTickets);
    if (isRefusal(again)) throw new AppError(again.code as ErrorCode, 'details' in again ? again.details : undefined);
    if (!again.changed) return { updated: fresh, changed: false };
    await t.collection('users').doc(fresh._id).update({ data: { role: again.role, gridIds: again.gridIds } });
    for (const gridId of [...again.joins, ...again.leaves]) {
      const grid = (await t.collection('grids').doc(gridId).get()).data as Grid | null;
      if (!grid) continue;
      const workerIds = again.joins.includes(gridId) ? [...new Set([...grid.workerIds, fresh._id])] : grid.workerIds.filter((w) => w !== fresh._id);
      await t.collection('grids').doc(gridId).update({ data: { workerIds } });
    }
    await t.collection('roleChanges').add({
      data: {
        communityId: admin.communityId,
        userId: fresh._id,
        userName: fresh.name,
        from: { role: fresh.role, gridIds: fresh.role === 'gridWorker' ? (fresh.gridIds ?? []) : [] },
        to: { role: again.role, gridIds: again.gridIds },
        via: 'role',
        byId: admin._id,
        byName: admin.name,
        at: clockNow(),
      },
    });
    return { updated: { ...fresh, role: again.role, gridIds: again.gridIds }, changed: true };
  });
  return { person: personView(updated, grids), changed };
}

/** One person of the admin's community with the grids on offer and their role changes; see the module doc. */
export async function personOf(admin: User, userId: string): Promise<PersonDetail> {
  const [found, { grids, summaries }, log] = await Promise.all([db.collection('users').where(inCallerCommunity(admin, { _id: userId })).limit(1).get(), gridSummaries(admin.communityId), roleLog(admin, userId)]);
  const u = found.data[0] as User | undefined;
  if (!u || u.role === 'vendor') throw new AppError('ACCOUNT.PERSON_NOT_FOUND');
  return { person: personView(u, grids), grids: summaries, log };
}

/** The role changes of the admin's community (of one person with `userId`), newest first, at most 100. */
export async function roleLog(admin: User, userId: string | undefined): Promise<RoleChangeEntry[]> {
  const { data } = await db
    .collection('roleChanges')
    .where(inCallerCommunity(admin, userId ? { userId } : {}))
    .orderBy('at', 'desc')
    .limit(100)
    .get();
  return data as RoleChangeEntry[];
}
