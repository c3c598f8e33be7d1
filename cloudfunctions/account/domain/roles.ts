/**
 * Who may hold which role, and how grids may be drawn: the pure rules behind the console's
 * people and grids pages (issue 11 "People, roles, grids"). No platform code: the cloud function
 * (`account/people.ts`, `account/grids.ts`) loads the records and writes what these decide.
 *
 * Rules (and their sources):
 * - Only a community admin changes roles, for people of their own community (issue 11; DESIGN.md
 *   "Who may call what"); the policy checks the caller kind, {@link decideRoleChange} the target.
 * - An admin never changes their own role (a self-demotion could leave nobody able to undo it; the
 *   first admin is created by the documented setup step, docs/deploy.md).
 * - Vendors' records are managed by vendor approval (`stall` function), not here.
 * - Staff must be people the community has seen: a verified record with their own WeChat (a
 *   counter-registered resident without WeChat could never sign in as staff).
 * - A grid worker works at least one grid of the community (CJ/T 349: every grid has named
 *   workers; a worker without a grid would see an empty queue); other roles hold no grids.
 * - A person with open tickets (accepted and not closed) does not stop being staff until those
 *   tickets are assigned to someone else (nothing is silently dropped).
 * - One building belongs to one grid (GB/T 30428.1 grid division: grids do not overlap); a ticket
 *   whose place several grids cover goes to the hard-case list (`ticket/domain/routing.ts`), so
 *   overlaps are refused at the edit.
 */
import type { Grid, Role, User } from '../../shared/model';

/** The roles an admin can give here. */
export type AssignableRole = Extract<Role, 'resident' | 'gridWorker' | 'communityAdmin'>;

/** Why a role change is refused: a stable code of `shared/errors.ts` and its details. */
export type RoleRefusal =
  | { code: 'ACCOUNT.PERSON_NOT_FOUND' }
  | { code: 'ACCOUNT.OWN_ROLE' }
  | { code: 'ACCOUNT.ROLE_NOT_CHANGEABLE' }
  | { code: 'ACCOUNT.NOT_VERIFIED' }
  | { code: 'ACCOUNT.NO_WECHAT' }
  | { code: 'ACCOUNT.GRIDS_REQUIRED' }
  | { code: 'ACCOUNT.GRID_NOT_FOUND'; details: { gridIds: string[] } }
  | { code: 'ACCOUNT.HAS_OPEN_TICKETS'; details: { openTickets: number } };

/** What a role change does: the person's new role and grids, and the grids they join and leave. */
export interface RoleChange {
  role: AssignableRole;
  gridIds: string[];
  joins: string[];
  leaves: string[];
  /** false when the person already holds exactly this role and these grids */
  changed: boolean;
}

/**
 * Decides a role change of `target` by `admin` to `role` with `gridIds` (only for gridWorker).
 * `grids` are the community's grids; `openTickets` how many tickets the target holds (accepted,
 * not closed). Returns the change, or the refusal.
 */
export function decideRoleChange(
  admin: Pick<User, '_id' | 'communityId'>,
  target: Pick<User, '_id' | 'communityId' | 'role' | 'gridIds' | 'verified' | 'openid'> | null,
  want: { role: AssignableRole; gridIds?: string[] },
  grids: Pick<Grid, '_id' | 'communityId'>[],
  openTickets: number,
): RoleChange | RoleRefusal {
  if (!target || target.communityId !== admin.communityId) return { code: 'ACCOUNT.PERSON_NOT_FOUND' };
  if (target._id === admin._id) return { code: 'ACCOUNT.OWN_ROLE' };
  if (target.role === 'vendor') return { code: 'ACCOUNT.ROLE_NOT_CHANGEABLE' };
  const gridIds = want.role === 'gridWorker' ? [...new Set(want.gridIds ?? [])].sort() : [];
  if (want.role === 'gridWorker' && gridIds.length === 0) return { code: 'ACCOUNT.GRIDS_REQUIRED' };
  const known = new Set(grids.filter((g) => g.communityId === admin.communityId).map((g) => g._id));
  const unknown = gridIds.filter((g) => !known.has(g));
  if (unknown.length) return { code: 'ACCOUNT.GRID_NOT_FOUND', details: { gridIds: unknown } };
  const before = [...(target.gridIds ?? [])].sort();
  const changed = target.role !== want.role || before.join('|') !== gridIds.join('|');
  if (changed && want.role !== 'resident') {
    if (target.verified !== true) return { code: 'ACCOUNT.NOT_VERIFIED' };
    if (!target.openid || target.openid.startsWith('nowechat:')) return { code: 'ACCOUNT.NO_WECHAT' };
  }
  if (want.role === 'resident' && target.role !== 'resident' && openTickets > 0) return { code: 'ACCOUNT.HAS_OPEN_TICKETS', details: { openTickets } };
  return {
    role: want.role,
    gridIds,
    joins: gridIds.filter((g) => !before.includes(g)),
    leaves: before.filter((g) => !gridIds.includes(g)),
    changed,
  };
}

/** A building's key in a grid's covers: `estateId|building`. */
export const buildingKey = (estateId: string, building: string) => `${estateId}|${building}`;

/** Why a grid edit is refused. */
export type GridRefusal =
  | { code: 'GRID.PLACE_NOT_FOUND'; details: { estateId: string; building?: string } }
  | { code: 'GRID.OVERLAP'; details: { building: string; estateName: string; gridCode: string } }
  | { code: 'GRID.WORKER_NOT_FOUND'; details: { workerIds: string[] } }
  | { code: 'GRID.WORKER_LAST_GRID'; details: { workerName: string } };

/** What a grid edit does to its workers: who joins and who leaves (their `gridIds` change with it). */
export interface GridEdit {
  covers: Grid['covers'];
  workerIds: string[];
  joins: string[];
  leaves: string[];
}

/**
 * Decides an edit of grid `gridId` (null = new) of the admin's community: it covers `covers`
 * (buildings of the community's `estates`, none covered by another grid of `grids`) and is worked
 * by `workerIds` (grid workers of the community among `workers`). A worker leaving it must keep
 * another grid.
 */
export function decideGridEdit(
  communityId: string,
  gridId: string | null,
  want: { covers: { estateId: string; buildings: string[] }[]; workerIds: string[] },
  estates: { _id: string; communityId: string; name: string; buildings: string[] }[],
  grids: Pick<Grid, '_id' | 'code' | 'communityId' | 'covers' | 'workerIds'>[],
  workers: Pick<User, '_id' | 'name' | 'role' | 'communityId' | 'gridIds'>[],
): GridEdit | GridRefusal {
  const estateById = new Map(estates.filter((e) => e.communityId === communityId).map((e) => [e._id, e]));
  const covers: Grid['covers'] = [];
  for (const c of want.covers) {
    const estate = estateById.get(c.estateId);
    if (!estate) return { code: 'GRID.PLACE_NOT_FOUND', details: { estateId: c.estateId } };
    const missing = c.buildings.find((b) => !estate.buildings.includes(b));
    if (missing !== undefined) return { code: 'GRID.PLACE_NOT_FOUND', details: { estateId: c.estateId, building: missing } };
    const buildings = estate.buildings.filter((b) => c.buildings.includes(b));
    const existing = covers.find((x) => x.estateId === c.estateId);
    if (existing) existing.buildings = estate.buildings.filter((b) => existing.buildings.includes(b) || buildings.includes(b));
    else if (buildings.length) covers.push({ estateId: c.estateId, buildings });
  }
  const owner = new Map<string, Pick<Grid, 'code'>>();
  for (const g of grids) if (g.communityId === communityId && g._id !== gridId) for (const c of g.covers) for (const b of c.buildings) owner.set(buildingKey(c.estateId, b), g);
  for (const c of covers)
    for (const b of c.buildings) {
      const other = owner.get(buildingKey(c.estateId, b));
      if (other) return { code: 'GRID.OVERLAP', details: { building: b, estateName: estateById.get(c.estateId)?.name ?? '', gridCode: other.code } };
    }
  const workerIds = [...new Set(want.workerIds)];
  const byId = new Map(workers.filter((w) => w.communityId === communityId && w.role === 'gridWorker').map((w) => [w._id, w]));
  const unknown = workerIds.filter((w) => !byId.has(w));
  if (unknown.length) return { code: 'GRID.WORKER_NOT_FOUND', details: { workerIds: unknown } };
  const before = gridId ? (grids.find((g) => g._id === gridId)?.workerIds ?? []) : [];
  const leaves = before.filter((w) => !workerIds.includes(w));
  for (const w of leaves) {
    const worker = workers.find((x) => x._id === w);
    if (worker && worker.role === 'gridWorker' && (worker.gridIds ?? []).filter((g) => g !== gridId).length === 0) return { code: 'GRID.WORKER_LAST_GRID', details: { workerName: worker.name } };
  }
  return { covers, workerIds, joins: workerIds.filter((w) => !before.includes(w)), leaves };
}

/** True if a decision is a refusal. */
export function isRefusal<T extends object>(d: T | RoleRefusal | GridRefusal): d is RoleRefusal | GridRefusal {
  return 'code' in d;
}
