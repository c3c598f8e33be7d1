/**
 * The console's grids page (issue 11): which buildings each grid covers and who works it. Ticket
 * routing reads the grids at each report (`ticket/domain/routing.ts`), so a new report follows an
 * edit at once; tickets already queued stay where they were routed (their grid's workers, or the
 * hard-case list) — an admin moves one with `ticket.assign`.
 *
 * - {@link listGrids}: `{}` → `{ grids: GridView[], estates, workers }` (3 reads in parallel).
 * - {@link saveGrid}: `{ gridId?, code?, covers, workerIds }` → GridView. A new grid takes `code`
 *   (also its `_id`, as the seeded ones; unique). The grid, each joining or leaving worker's
 *   `gridIds` and one `roleChanges` entry per such worker are one transaction.
 *   Errors: GRID.NOT_FOUND, GRID.CODE_TAKEN, the refusals of `domain/roles.ts` `decideGridEdit`
 *   (GRID.PLACE_NOT_FOUND, GRID.OVERLAP, GRID.WORKER_NOT_FOUND, GRID.WORKER_LAST_GRID), COMMON.BUSY.
 *   The overlap check reads the other grids before the transaction: two admins drawing the same
 *   building into two grids in the same second could both pass (left alone: a community has one or
 *   two admins; a ticket on such a building goes to the hard-case list, never lost).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError, type ErrorCode } from '../shared/errors';
import type { Estate, Grid, User } from '../shared/model';
import { withTransaction } from '../shared/transactions';
import { gridsOf } from './people';
import { decideGridEdit, isRefusal } from './domain/roles';
import type { GridsData, GridView } from './contract';
import { robotViews } from './robots';


function gridView(g: Grid, estates: Estate[], workers: Pick<User, '_id' | 'name'>[]): GridView {
  return {
    id: g._id,
    code: g.code,
    covers: g.covers.map((c) => ({ estateId: c.estateId, estateName: estates.find((e) => e._id === c.estateId)?.name ?? '', buildings: c.buildings })),
    workers: g.workerIds.map((w) => ({ id: w, name: workers.find((u) => u._id === w)?.name ?? '' })),
  };
}

async function placesAndWorkers(communityId: string): Promise<{ estates: Estate[]; workers: User[] }> {
  const [e, w] = await Promise.all([
    db.collection('estates').where({ communityId }).limit(100).get(),
    db.collection('users').where({ communityId, role: 'gridWorker' }).field({ _id: true, name: true, role: true, communityId: true, gridIds: true }).limit(100).get(),
  ]);
  return { estates: e.data as Estate[], workers: w.data as User[] };
}

/** The admin's community's grids, its estates (to draw grids from) and its grid workers. */
export async function listGrids(admin: User): Promise<Omit<GridsData, 'robots'>> {
  const [grids, { estates, workers }] = await Promise.all([gridsOf(admin.communityId), placesAndWorkers(admin.communityId)]);
  return {
    grids: grids.map((g) => gridView(g, estates, workers)),
    estates: estates.map((e) => ({ id: e._id, name: e.name, buildings: e.buildings })),
    workers: workers.map((w) => ({ id: w._id, name: w.name, gridIds: w.gridIds ?? [] })),
  };
}

/** Creates or edits a grid of the admin's community; see the module doc. */
export async function saveGrid(admin: User, input: { gridId?: string; code?: string; covers: { estateId: string; buildings: string[] }[]; workerIds: string[] }): Promise<GridView> {
  const [grids, { estates, workers }] = await Promise.all([gridsOf(admin.communityId), placesAndWorkers(admin.communityId)]);
  const existing = input.gridId ? grids.find((g) => g._id === input.gridId) : undefined;
  if (input.gridId && !existing) throw new AppError('GRID.NOT_FOUND');
  if (!existing && !input.code) throw new AppError('COMMON.INVALID_INPUT', { field: 'code' });
  const edit = decideGridEdit(admin.communityId, existing?._id ?? null, input, estates, grids, workers);
  if (isRefusal(edit)) throw new AppError(edit.code as ErrorCode, 'details' in edit ? edit.details : undefined);
  const gridId = existing?._id ?? (input.code as string);
  const grid: Grid = { _id: gridId, code: existing?.code ?? (input.code as string), communityId: admin.communityId, covers: edit.covers, workerIds: edit.workerIds };
  try {
    await withTransaction(async (t) => {
      if (existing) {
        const fresh = (await t.collection('grids').doc(gridId).get()).data as Grid | null;
        if (!fresh) throw new AppError('GRID.NOT_FOUND');
        await t.collection('grids').doc(gridId).update({ data: { covers: grid.covers, workerIds: grid.workerIds } });
      } else {
        await t.collection('grids').add({ data: grid });
      }
      for (const workerId of [...edit.joins, ...edit.leaves]) {
        const w = (await t.collection('users').doc(workerId).get()).data as User | null;
        if (!w) continue;
        const before = w.gridIds ?? [];
        const after = edit.joins.includes(workerId) ? [...new Set([...before, gridId])].sort() : before.filter((g) => g !== gridId);
        if (after.length === 0) throw new AppError('GRID.WORKER_LAST_GRID', { workerName: w.name });
        await t.collection('users').doc(workerId).update({ data: { gridIds: after } });
        await t.collection('roleChanges').add({
          data: { communityId: admin.communityId, userId: w._id, userName: w.name, from: { role: w.role, gridIds: before }, to: { role: w.role, gridIds: after }, via: 'grid', byId: admin._id, byName: admin.name, at: clockNow() },
        });
      }
    });
  } catch (e) {
    if (!existing && isDuplicateKey(e)) throw new AppError('GRID.CODE_TAKEN');
    throw e;
  }
  return gridView(grid, estates, workers);
}

/**
 * The grids page (`account.grids`): {@link listGrids} with each grid's WeCom group robot
 * (`robots.ts`, the key masked; a grid without one: `set: false`), in the order of the grids.
 * Reads in parallel: estates, workers, grids, robots.
 */
export async function gridsData(admin: User): Promise<GridsData> {
  const [grids, robots] = await Promise.all([listGrids(admin), robotViews(admin)]);
  return { ...grids, robots: grids.grids.map((g) => robots.get(g.id) ?? { gridId: g.id, set: false, masked: null, lastPostAt: null, lastError: null }) };
}
