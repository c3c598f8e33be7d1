/**
 * The household register (户册), one household, its care tags (关爱对象) and the visit plans
 * (走访计划) — issue 21; docs/case-loop-design.md §4. Who may call: `shared/policy.ts` `mayWorkGrid`.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { localDateOf } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../shared/cloud';
import type { CareTag, Estate, Grid, HouseholdCare, User, Visit } from '../../shared/model';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { preloadOf, type LoadedUser } from '../../shared/users';
import { CARE_TAGS } from '../../shared/vocabulary/rounds';
import type { actions, HouseholdDetail, HouseholdRow, VisitPlansView } from '../contract';
import { byDue, effectivePlans, plansOf, addDaysToDate } from '../../shared/rounds/plan';
import { byNewestVisit, visitView } from '../domain/views';
import { ROUNDS_LIMITS as L } from '../limits';
import { preloadCare, preloadEstates, preloadGrids, preloadResidents, registerOf, rowOf, type RegisterGroup } from '../register';
import { choicesOf, gridOfHousehold, gridsOfCommunity, pickGrid, workableGrids } from '../scope';

/** Today's local date (China time). */
export const todayLocal = (): string => localDateOf(clockNow());

/** What `households` reads with the caller: the community's grids and estates. */
export const householdsPreload = () => ({ grids: preloadGrids, estates: preloadEstates });

export const households: Handler<typeof actions.households, PreloadsOf<typeof householdsPreload>> = async ({ gridId }, { user, preloaded }) => {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const grid = pickGrid(user, grids, gridId);
  const groups = await registerOf(grid);
  const plans = plansOf(user.community);
  const today = todayLocal();
  const estates = preloaded?.estates ?? [];
  const rows = groups.map((g) => rowOf(g, grid._id, estates, plans, today)).sort(byDue);
  const since = addDaysToDate(today, -29);
  return {
    gridId: grid._id,
    gridCode: grid.code,
    grids: choicesOf(workableGrids(user, grids)),
    households: rows,
    totals: {
      households: rows.length,
      residents: rows.reduce((n, r) => n + r.residents.length, 0),
      due: rows.filter((r) => r.due).length,
      tagged: rows.filter((r) => r.tags.length > 0).length,
      neverVisited: rows.filter((r) => !r.lastVisitDate).length,
      visitedLast30Days: rows.filter((r) => !!r.lastVisitDate && r.lastVisitDate >= since).length,
    },
    today,
  };
};

/** What the actions on one household read with the caller: grids, estates, its residents, its care document. */
export const householdPreload = ({ householdKey }: { householdKey: string }) => ({
  grids: preloadGrids,
  estates: preloadEstates,
  residents: preloadResidents(householdKey),
  care: preloadCare(householdKey),
});

/** The household `householdKey` as the caller may see it: its group, grid and estates. ROUNDS.HOUSEHOLD_NOT_FOUND otherwise. */
export async function householdFor(
  user: LoadedUser,
  householdKey: string,
  preloaded: { grids?: readonly Grid[]; estates?: readonly Estate[]; residents?: readonly User[]; care?: readonly HouseholdCare[] } | null,
): Promise<{ group: RegisterGroup; gridId: string; estates: readonly Estate[] }> {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const residents = (preloaded?.residents ?? ((await db.collection('users').where({ communityId: user.communityId, householdKey, role: 'resident' }).limit(50).get()).data as User[])).filter(
    (r) => r.communityId === user.communityId && r.role === 'resident' && r.householdKey === householdKey,
  );
  const grid = gridOfHousehold(user, grids, residents);
  const care = (preloaded?.care ?? ((await db.collection('householdCare').where({ _id: householdKey, communityId: user.communityId }).limit(1).get()).data as HouseholdCare[])).find(
    (c) => c._id === householdKey && c.communityId === user.communityId,
  );
  const home = residents.find((r) => r.home)!.home!;
  return {
    group: { householdKey, home, residents: residents.map((r) => ({ id: r._id, name: r.name, called: r.called ?? null })), care: care ?? null },
    gridId: grid._id,
    estates: preloaded?.estates ?? ((await db.collection('estates').where({ communityId: user.communityId }).limit(100).get()).data as Estate[]),
  };
}

/** What `household` reads with the caller: as {@link householdPreload}, and its latest visits. */
export const householdDetailPreload = (i: Input<typeof actions.household>) => ({
  ...householdPreload(i),
  visits: preloadOf<Visit>({ from: 'visits', match: { householdKey: i.householdKey }, sameAsCaller: { communityId: 'communityId' }, sort: { date: -1, createdAt: -1 }, limit: L.householdVisits }),
});

export const household: Handler<typeof actions.household, PreloadsOf<typeof householdDetailPreload>> = async ({ householdKey }, { user, preloaded }) => {
  const { group, gridId, estates } = await householdFor(user, householdKey, preloaded);
  const row = rowOf(group, gridId, estates, plansOf(user.community), todayLocal());
  const visits =
    preloaded?.visits ??
    ((await db.collection('visits').where({ communityId: user.communityId, householdKey }).orderBy('date', 'desc').orderBy('createdAt', 'desc').limit(L.householdVisits).get()).data as Visit[]);
  const care = group.care;
  const detail: HouseholdDetail = {
    ...row,
    tagsBy: care?.tagsAt && care.tagsByName ? { name: care.tagsByName, at: new Date(care.tagsAt).toISOString() } : null,
    visits: [...visits].sort(byNewestVisit).map((v) => visitView(v, user._id)),
  };
  return detail;
};

/**
 * Sets a household's care tags: an update of its care document, or — the first time — an insert
 * (a concurrent first insert loses to the unique `_id` and updates instead). Round trips: the caller
 * with everything (1) and one write (2), or 3 when two first writes met.
 */
export const setCareTags: Handler<typeof actions.setCareTags, PreloadsOf<typeof householdPreload>> = async ({ householdKey, tags }, { user, preloaded }) => {
  const { group, gridId, estates } = await householdFor(user, householdKey, preloaded);
  const clean: CareTag[] = CARE_TAGS.filter((t) => tags.includes(t));
  const fields = { tags: clean, tagsById: user._id, tagsByName: user.name, tagsAt: db.serverDate() };
  const update = () => db.collection('householdCare').where({ _id: householdKey, communityId: user.communityId }).update({ data: { ...fields, gridId } });
  if (group.care) await update();
  else {
    try {
      await db.collection('householdCare').add({ data: { _id: householdKey, communityId: user.communityId, gridId, ...fields } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const r = await update();
      if ((r.stats?.updated ?? 0) === 0) throw new AppError('ROUNDS.HOUSEHOLD_NOT_FOUND');
    }
  }
  const care: HouseholdCare = { ...(group.care ?? { _id: householdKey, communityId: user.communityId, gridId }), gridId, tags: clean, tagsById: user._id, tagsByName: user.name, tagsAt: clockNow() };
  const row: HouseholdRow = rowOf({ ...group, care }, gridId, estates, plansOf(user.community), todayLocal());
  return row;
};

/** The plan view of a community. */
function plansView(community: LoadedUser['community']): VisitPlansView {
  const plans = plansOf(community);
  return { visitEveryDays: plans, effective: effectivePlans(plans), isDefault: !community?.rounds?.visitEveryDays };
}

export const visitPlans: Handler<typeof actions.visitPlans> = async (_input, { user }) => plansView(user.community);

/** Replaces the community's plan (`_.set`: a tag left out is removed, not merged). Round trips: caller (1), the update (2). */
export const setVisitPlans: Handler<typeof actions.setVisitPlans> = async ({ visitEveryDays }, { user }) => {
  const plans = Object.fromEntries(Object.entries(visitEveryDays).filter(([, v]) => v !== undefined)) as typeof visitEveryDays;
  await db.collection('communities').doc(user.communityId).update({ data: { rounds: db.command.set({ visitEveryDays: plans }) } });
  return plansView({ ...(user.community ?? ({ _id: user.communityId } as NonNullable<LoadedUser['community']>)), rounds: { visitEveryDays: plans } });
};
