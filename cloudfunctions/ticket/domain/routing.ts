/**
 * Routing (pure): which grid a reported problem belongs to. Grid management (CJ/T 349, GB/T 30428.1)
 * divides a community into grids of buildings with named responsible workers; a problem is queued
 * for the grid that covers its place:
 * 1. the grid covering the estate and building;
 * 2. else, if only the estate is known, a grid covering that estate (the first by code);
 * 3. else none: the community owns it (属地兜底) and it waits for an admin to assign it.
 */
import type { Grid } from '../../shared/model';

export interface Place {
  estateId: string | null;
  building: string | null;
}

/** The id of the grid for `place` among `grids` (one community's), or null. */
export function routeToGrid(grids: Pick<Grid, '_id' | 'code' | 'covers'>[], place: Place): string | null {
  if (!place.estateId) return null;
  const sorted = [...grids].sort((a, b) => a.code.localeCompare(b.code));
  if (place.building) {
    const exact = sorted.find((g) => g.covers.some((c) => c.estateId === place.estateId && c.buildings.includes(place.building!)));
    if (exact) return exact._id;
  }
  const estate = sorted.find((g) => g.covers.some((c) => c.estateId === place.estateId));
  return estate ? estate._id : null;
}

/** Chinese names of the categories, for the forms and lists. */
export const CATEGORY_LABELS = {
  dispute: '邻里纠纷',
  publicSpace: '占用公共空间',
  sanitation: '环境卫生',
  repairs: '房屋设施维修',
  safety: '安全隐患',
  greenery: '绿化',
  roads: '道路破损',
  other: '其他',
} as const;
