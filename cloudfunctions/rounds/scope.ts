/**
 * Which grids and households a caller may work on (issue 21): the rules are `shared/policy.ts`'s
 * {@link mayWorkGrid} (a grid worker: the grids in their `gridIds`; an admin: every grid of their
 * community); this file applies them to the grids the router preloaded. Pure but for the fallback
 * read of the grids when they were not preloaded.
 */
import { db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Grid, User } from '../shared/model';
import { assertMayWorkGrid, mayWorkGrid } from '../shared/policy';
import type { LoadedUser } from '../shared/users';
import type { GridChoice } from './contract';
import { gridCovers } from './register';

/** The caller's community's grids: preloaded, else one read. */
export async function gridsOfCommunity(user: LoadedUser, preloaded: readonly Grid[] | undefined | null): Promise<Grid[]> {
  const grids = preloaded ?? ((await db.collection('grids').where({ communityId: user.communityId }).limit(100).get()).data as Grid[]);
  return grids.filter((g) => g.communityId === user.communityId).sort((a, b) => a.code.localeCompare(b.code, 'zh', { numeric: true }));
}

/** The grids the caller may work on, by code. */
export function workableGrids(user: LoadedUser, grids: readonly Grid[]): Grid[] {
  return grids.filter((g) => mayWorkGrid(user, g));
}

/** The grids as choices. */
export function choicesOf(grids: readonly Grid[]): GridChoice[] {
  return grids.map((g) => ({ id: g._id, code: g.code }));
}

/**
 * The grid to look at: `gridId` (of the community, else ROUNDS.GRID_NOT_FOUND; the caller's to work,
 * else ROUNDS.GRID_NOT_YOURS), or without it the first grid the caller may work (none: ROUNDS.GRID_NOT_FOUND).
 */
export function pickGrid(user: LoadedUser, grids: readonly Grid[], gridId: string | undefined): Grid {
  if (gridId) {
    const g = grids.find((x) => x._id === gridId);
    if (!g) throw new AppError('ROUNDS.GRID_NOT_FOUND');
    assertMayWorkGrid(user, g);
    return g;
  }
  const first = workableGrids(user, grids)[0];
  if (!first) throw new AppError('ROUNDS.GRID_NOT_FOUND');
  return first;
}

/**
 * The grid a household falls in for this caller: the first grid covering one of its residents'
 * homes that the caller may work. Residents of the community only; none (moved away, another grid,
 * no such key): ROUNDS.HOUSEHOLD_NOT_FOUND — the same answer whether it exists elsewhere or not.
 */
export function gridOfHousehold(user: LoadedUser, grids: readonly Grid[], residents: readonly Pick<User, 'home' | 'communityId' | 'role'>[]): Grid {
  const homes = residents.filter((r) => r.role === 'resident' && r.communityId === user.communityId && r.home).map((r) => r.home!);
  const g = workableGrids(user, grids).find((grid) => homes.some((h) => gridCovers(grid, h)));
  if (!g) throw new AppError('ROUNDS.HOUSEHOLD_NOT_FOUND');
  return g;
}
