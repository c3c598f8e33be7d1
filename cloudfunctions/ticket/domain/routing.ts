/**
 * Routing (pure): which grid a reported problem belongs to. Grid management (CJ/T 349, GB/T 30428.1)
 * divides a community into grids of buildings with named responsible workers; a problem is queued
 * for the grid that covers its place (issue 9, "Routing and the queue"):
 * 1. estate and building known: the one grid covering that building;
 * 2. only the estate known (a spot such as 地下室楼道 or 绿化带): the one grid covering the estate;
 * 3. no grid, or several grids (a spot shared by two grids' buildings): none — the community owns
 *    it (属地兜底) and it goes on the hard-case list, never lost and never dropped.
 */
import type { Grid } from '../../shared/model';

export interface Place {
  estateId: string | null;
  building: string | null;
}

/** Where a place was routed: a grid, or the community's hard-case list and why. */
export type Route = { gridId: string } | { gridId: null; reason: 'noGrid' | 'severalGrids' };

/** The grid for `place` among `grids` (one community's). */
export function routeTicket(grids: Pick<Grid, '_id' | 'covers'>[], place: Place): Route {
  if (!place.estateId) return { gridId: null, reason: 'noGrid' };
  const covering = grids.filter((g) =>
    g.covers.some((c) => c.estateId === place.estateId && (place.building ? c.buildings.includes(place.building) : true)),
  );
  if (covering.length === 1) return { gridId: covering[0]._id };
  return { gridId: null, reason: covering.length ? 'severalGrids' : 'noGrid' };
}

/** The id of the grid for `place`, or null (see {@link routeTicket}). */
export function routeToGrid(grids: Pick<Grid, '_id' | 'covers'>[], place: Place): string | null {
  return routeTicket(grids, place).gridId;
}

export { CATEGORY_LABELS } from '../../shared/vocabulary/categories';
