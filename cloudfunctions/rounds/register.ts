/**
 * The household register (户册) of a grid, derived from `users` (issue 21; docs/case-loop-design.md
 * §4): the residents whose `home` is in a building the grid covers (`Grid.covers`), grouped by
 * `householdKey` (`shared/households.ts`), each group joined with its `householdCare` document
 * (care tags, last visit). No personal data is added: names and rooms are the residents' own records.
 *
 * {@link registerOf} is ONE aggregation (one database round trip at any size up to
 * `ROUNDS_LIMITS.householdsMax` households): `$match` (community, residents, covered buildings) →
 * `$project` → `$group` by householdKey → `$lookup` householdCare by `_id` → `$sort` → `$limit`
 * (CloudBase answers 20 rows without a `$limit`; it has no `$facet`: see
 * `cloudfunctions/console/domain/figures.ts`). A resident whose record is older than issue 20 and
 * has no stored householdKey is keyed in code from their home; their care documents are then read
 * in one more round trip (none when every record has its key, as every record written since does).
 */
import { db } from '../shared/cloud';
import { householdKeyOf, roomLabelOfKey } from '../shared/households';
import type { CareTag, Estate, Grid, HouseholdCare, HouseholdKey, Home, User, VisitPlans } from '../shared/model';
import { preloadOf } from '../shared/users';
import { CARE_TAG_LABELS } from '../shared/vocabulary/rounds';
import type { HouseholdResident, HouseholdRow } from './contract';
import { scheduleOf } from '../shared/rounds/plan';
import { ROUNDS_LIMITS as L } from './limits';

/** Preload of the caller's community's grids (at most 100). */
export const preloadGrids = preloadOf<Grid>({ from: 'grids', match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 100 });
/** Preload of the caller's community's estates (at most 100; their names). */
export const preloadEstates = preloadOf<Estate>({ from: 'estates', match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 100 });
/** Preload of the residents of one household of the caller's community (at most 50). */
export const preloadResidents = (householdKey: string) => preloadOf<User>({ from: 'users', match: { householdKey, role: 'resident' }, sameAsCaller: { communityId: 'communityId' }, limit: 50 });
/** Preload of one household's care document (tags, last visit) in the caller's community. */
export const preloadCare = (householdKey: string) => preloadOf<HouseholdCare>({ from: 'householdCare', match: { _id: householdKey }, sameAsCaller: { communityId: 'communityId' } });

/** One household as the aggregation groups it. */
export interface RegisterGroup {
  householdKey: HouseholdKey;
  home: Home;
  residents: HouseholdResident[];
  care: HouseholdCare | null;
}

/** The `$match` of a grid's residents: the community's residents whose home is in a covered building. */
export function residentsOfGridMatch(grid: Pick<Grid, 'communityId' | 'covers'>): Record<string, unknown> {
  const covers = grid.covers.filter((c) => c.buildings.length);
  return {
    communityId: grid.communityId,
    role: 'resident',
    $or: covers.length ? covers.map((c) => ({ 'home.estateId': c.estateId, 'home.building': { $in: c.buildings } })) : [{ _id: { $in: [] } }],
  };
}

/** Whether grid `grid` covers home `home` (its estate and building). */
export function gridCovers(grid: Pick<Grid, 'covers'>, home: Pick<Home, 'estateId' | 'building'>): boolean {
  return grid.covers.some((c) => c.estateId === home.estateId && c.buildings.includes(home.building));
}

type Row = { _id: HouseholdKey | null; home: Home; residents: (HouseholdResident & { home?: Home })[]; care?: HouseholdCare[] };

/**
 * The households of grid `grid`, with their care documents. One round trip (+1 only for records
 * older than issue 20 without a householdKey, see the module notes). At most `householdsMax`.
 */
export async function registerOf(grid: Pick<Grid, '_id' | 'communityId' | 'covers'>): Promise<RegisterGroup[]> {
  const { list } = await db
    .collection('users')
    .aggregate()
    .match(residentsOfGridMatch(grid))
    .project({ _id: 1, name: 1, called: 1, home: 1, householdKey: 1 })
    .group({ _id: '$householdKey', home: { $first: '$home' }, residents: { $push: { id: '$_id', name: '$name', called: '$called', home: '$home' } } })
    .lookup({ from: 'householdCare', localField: '_id', foreignField: '_id', as: 'care' })
    .sort({ _id: 1 })
    .limit(L.householdsMax + 1)
    .end();
  const rows = list as Row[];
  const out: RegisterGroup[] = [];
  const legacy = new Map<HouseholdKey, RegisterGroup>();
  for (const r of rows) {
    const residents = r.residents.map((p) => ({ id: p.id, name: p.name, called: p.called ?? null }));
    if (r._id) {
      out.push({ householdKey: r._id, home: r.home, residents, care: r.care?.find((c) => c.communityId === grid.communityId) ?? null });
      continue;
    }
    // records without a stored key: keyed from their homes
    for (const p of r.residents) {
      if (!p.home) continue;
      const key = householdKeyOf(p.home);
      const g = legacy.get(key) ?? { householdKey: key, home: p.home, residents: [], care: null };
      g.residents.push({ id: p.id, name: p.name, called: p.called ?? null });
      legacy.set(key, g);
    }
  }
  if (legacy.size) {
    const known = new Map(out.map((g) => [g.householdKey, g]));
    const fresh: RegisterGroup[] = [];
    for (const g of legacy.values()) {
      const same = known.get(g.householdKey);
      if (same) same.residents.push(...g.residents);
      else fresh.push(g);
    }
    if (fresh.length) {
      const { data } = await db
        .collection('householdCare')
        .where({ communityId: grid.communityId, _id: db.command.in(fresh.map((g) => g.householdKey)) })
        .limit(1000)
        .get();
      const cares = new Map((data as HouseholdCare[]).map((c) => [c._id, c]));
      for (const g of fresh) out.push({ ...g, care: cares.get(g.householdKey) ?? null });
    }
  }
  return out.slice(0, L.householdsMax);
}

/** Names in Chinese order, one collator for every comparison. */
const NAME_ORDER = new Intl.Collator('zh');

/** A household's row of the register (care tags from its care document; schedule by `plans` on `today`). */
export function rowOf(g: RegisterGroup, gridId: string, estates: readonly Pick<Estate, '_id' | 'name'>[], plans: VisitPlans, today: string): HouseholdRow {
  const tags: CareTag[] = g.care?.tags ?? [];
  const lastVisitDate = g.care?.lastVisitDate ?? null;
  return {
    householdKey: g.householdKey,
    roomLabel: roomLabelOfKey(g.householdKey),
    estateId: g.home.estateId,
    estateName: estates.find((e) => e._id === g.home.estateId)?.name ?? '',
    gridId,
    residents: [...g.residents].sort((a, b) => NAME_ORDER.compare(a.name, b.name)),
    tags,
    tagLabels: tags.map((t) => CARE_TAG_LABELS[t]),
    lastVisitDate,
    ...scheduleOf(tags, lastVisitDate, plans, today),
  };
}
