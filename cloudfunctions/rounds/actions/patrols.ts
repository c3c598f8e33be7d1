/**
 * Patrol rounds (巡查) — issue 21; docs/case-loop-design.md §4. A grid worker starts a round of
 * their grid, ends it with the places checked and a note; problems found on it become tickets
 * (`ticket.fileCase` with `patrolId`). One open round per worker, held by the unique index on
 * `openKey` (= the worker's id while open, the patrol's own id once ended: a unique index holds
 * `null` once, so an ended round keeps a unique placeholder), so two starts at once open one.
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newDocId } from '../../shared/ids';
import type { Grid, Patrol } from '../../shared/model';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { callerOpenid } from '../../shared/cloud';
import { preloadOf, type LoadedUser } from '../../shared/users';
import { isVolunteerOf } from '../../shared/policy';
import { creditHours } from '../../shared/volunteering';
import type { actions, PatrolView } from '../contract';
import { patrolView } from '../domain/views';
import { ROUNDS_LIMITS as L } from '../limits';
import { preloadGrids } from '../register';
import { gridsOfCommunity, pickGrid, workableGrids } from '../scope';

/** A patrol as stored. */
type StoredPatrol = Patrol;

const codeOf = (grids: readonly Grid[], gridId: string) => grids.find((g) => g._id === gridId)?.code ?? '';

/** What `startPatrol` reads with the caller: the grids, a patrol of the same request, the caller's open round. */
export const startPatrolPreload = (i: Input<typeof actions.startPatrol>) => ({
  grids: preloadGrids,
  earlier: preloadOf<StoredPatrol>({ from: 'patrols', match: { requestId: i.requestId }, sameAsCaller: { workerId: '_id' } }),
  open: preloadOf<StoredPatrol>({ from: 'patrols', match: { status: 'open' }, sameAsCaller: { workerId: '_id' } }),
});

/**
 * Starts a round: the caller's grid as its worker, or — an active 巡逻员 volunteer of the community
 * (issue 22) — any grid of the community, as a grid worker of it would (an admin is not a grid's
 * patroller: ROUNDS.GRID_NOT_YOURS). Round trips: 1 + the insert.
 */
export const startPatrol: Handler<typeof actions.startPatrol, PreloadsOf<typeof startPatrolPreload>> = async ({ gridId, requestId }, { user, preloaded }) => {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const patroller = isVolunteerOf(user, user.communityId, 'patroller');
  const grid = patroller ? grids.find((g) => g._id === gridId) : pickGrid(user, grids, gridId);
  if (!grid) throw new AppError('ROUNDS.GRID_NOT_FOUND');
  if (user.role !== 'gridWorker' && !patroller) throw new AppError('ROUNDS.GRID_NOT_YOURS');
  const key = requestKey(user._id, requestId);
  const hash = requestHash({ gridId });
  const earlier = (preloaded?.earlier ?? ((await db.collection('patrols').where({ requestKey: key }).limit(1).get()).data as StoredPatrol[])).find((p) => p.requestKey === key);
  if (earlier) return patrolView(sameRequest(earlier, hash), codeOf(grids, earlier.gridId), user._id);
  const open = preloaded?.open ?? ((await db.collection('patrols').where({ workerId: user._id, status: 'open' }).limit(1).get()).data as StoredPatrol[]);
  if (open.some((p) => p.status === 'open' && p.workerId === user._id)) throw new AppError('ROUNDS.PATROL_OPEN');
  const now = clockNow();
  const patrol: StoredPatrol = {
    _id: newDocId(),
    communityId: user.communityId,
    gridId: grid._id,
    workerId: user._id,
    workerName: user.name,
    startedAt: now,
    endedAt: null,
    places: [],
    note: '',
    ticketIds: [],
    status: 'open',
    requestKey: key,
    requestHash: hash,
    openKey: user._id,
    createdAt: now,
  };
  try {
    await db.collection('patrols').add({ data: { ...patrol, requestId, startedAt: db.serverDate(), createdAt: db.serverDate() } });
  } catch (e) {
    if (isDuplicateKey(e, 'requestKey')) {
      const again = (await db.collection('patrols').where({ requestKey: key }).limit(1).get()).data[0] as StoredPatrol | undefined;
      if (again) return patrolView(sameRequest(again, hash), codeOf(grids, again.gridId), user._id);
    }
    if (isDuplicateKey(e, 'openKey')) throw new AppError('ROUNDS.PATROL_OPEN');
    throw e;
  }
  return patrolView(patrol, grid.code, user._id);
};

/** What `endPatrol` reads with the caller: the patrol (the caller's own), the grids (its code). */
export const endPatrolPreload = (i: Input<typeof actions.endPatrol>) => ({
  grids: preloadGrids,
  patrol: preloadOf<StoredPatrol>({ from: 'patrols', match: { _id: i.patrolId }, sameAsCaller: { workerId: '_id' } }),
});

const samePlaces = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Ends the caller's open round (one conditional update on `status: open`). Round trips: 1 + the
 * update; a 巡逻员 volunteer's round then credits its length in minutes (≤ 240, `creditHours`
 * `patrol:<patrolId>:<userId>`: once, also when the end is repeated) — 1 more.
 */
export const endPatrol: Handler<typeof actions.endPatrol, PreloadsOf<typeof endPatrolPreload>> = async ({ patrolId, places, note }, { user, preloaded }) => {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const found = (preloaded?.patrol ?? ((await db.collection('patrols').where({ _id: patrolId, workerId: user._id }).limit(1).get()).data as StoredPatrol[])).find(
    (p) => p._id === patrolId && p.workerId === user._id && p.communityId === user.communityId,
  );
  if (!found) throw new AppError('ROUNDS.PATROL_NOT_FOUND');
  const clean = [...new Set(places)];
  const sameEnd = () => samePlaces(found.places ?? [], clean) && (found.note ?? '') === note;
  if (found.status === 'ended') {
    if (!sameEnd()) throw new AppError('ROUNDS.PATROL_ENDED');
    // a repeated end: the hours the first may not have written (crediting twice is a no-op)
    if (found.endedAt) await creditPatrol(user, found, new Date(found.endedAt));
    return patrolView(found, codeOf(grids, found.gridId), user._id);
  }
  const openid = callerOpenid();
  await Promise.all([note, ...clean].filter((t) => t.trim()).map((t) => checkText(t, openid)));
  const r = await db
    .collection('patrols')
    .where({ _id: patrolId, workerId: user._id, status: 'open' })
    .update({ data: { status: 'ended', endedAt: db.serverDate(), places: clean, note, openKey: patrolId } });
  if ((r.stats?.updated ?? 0) !== 1) throw new AppError('ROUNDS.PATROL_ENDED');
  const endedAt = clockNow();
  await creditPatrol(user, found, endedAt);
  return patrolView({ ...found, status: 'ended', endedAt, places: clean, note }, codeOf(grids, found.gridId), user._id);
};

/** Credits a 巡逻员 volunteer's ended round `p` (its length in whole minutes, at least 1; the table caps it at 240). Staff: nothing. */
async function creditPatrol(user: LoadedUser, p: StoredPatrol, endedAt: Date): Promise<void> {
  if (!isVolunteerOf(user, user.communityId, 'patroller')) return;
  const minutes = Math.max(1, Math.round((endedAt.getTime() - new Date(p.startedAt).getTime()) / 60_000));
  await creditHours({ communityId: user.communityId, userId: user._id, name: user.name, source: 'patrol', refId: p._id, minutes, at: endedAt });
}

/** What `patrols` reads with the caller: the grids. */
export const patrolsPreload = () => ({ grids: preloadGrids });

/** 巡查记录: newest first (≤ listMax). Round trips: 1 + the query. */
export const patrols: Handler<typeof actions.patrols, PreloadsOf<typeof patrolsPreload>> = async ({ gridId }, { user, preloaded }) => {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const allowed = gridId ? [pickGrid(user, grids, gridId)] : workableGrids(user, grids);
  if (!allowed.length) return [];
  const { data } = await db
    .collection('patrols')
    .where({ communityId: user.communityId, gridId: db.command.in(allowed.map((g) => g._id)) })
    .orderBy('startedAt', 'desc')
    .limit(L.listMax)
    .get();
  return (data as StoredPatrol[]).map((p): PatrolView => patrolView(p, codeOf(grids, p.gridId), user._id));
};

/** What `volunteerPatrol` reads with the caller: the grids, the caller's open round, their last ended rounds. */
export const volunteerPatrolPreload = () => ({
  grids: preloadGrids,
  open: preloadOf<StoredPatrol>({ from: 'patrols', match: { status: 'open' }, sameAsCaller: { workerId: '_id' } }),
  recent: preloadOf<StoredPatrol>({ from: 'patrols', match: { status: 'ended' }, sameAsCaller: { workerId: '_id' }, sort: { endedAt: -1 }, limit: L.volunteerRecent }),
});

/**
 * 巡逻 (issue 22): a 巡逻员 volunteer's page — the community's grids (id and code only), their open
 * round and their last `volunteerRecent` ended ones. Anyone but an active 巡逻员 volunteer of the
 * caller's community (`isVolunteerOf`): COMMON.FORBIDDEN. Round trips: 1 (everything preloaded with
 * the caller; 3 reads in parallel when the preload could not be fetched).
 */
export const volunteerPatrol: Handler<typeof actions.volunteerPatrol, PreloadsOf<typeof volunteerPatrolPreload>> = async (_input, { user, preloaded }) => {
  if (!isVolunteerOf(user, user.communityId, 'patroller')) throw new AppError('COMMON.FORBIDDEN');
  const [grids, open, recent] = await Promise.all([
    gridsOfCommunity(user, preloaded?.grids),
    preloaded?.open ?? db.collection('patrols').where({ workerId: user._id, status: 'open' }).limit(1).get().then((r) => r.data as StoredPatrol[]),
    preloaded?.recent ?? db.collection('patrols').where({ workerId: user._id, status: 'ended' }).orderBy('endedAt', 'desc').limit(L.volunteerRecent).get().then((r) => r.data as StoredPatrol[]),
  ]);
  const mine = (p: StoredPatrol) => p.workerId === user._id && p.communityId === user.communityId;
  const openOne = open.find((p) => mine(p) && p.status === 'open');
  const ended = recent
    .filter((p) => mine(p) && p.status === 'ended')
    .sort((a, b) => new Date(b.endedAt ?? 0).getTime() - new Date(a.endedAt ?? 0).getTime())
    .slice(0, L.volunteerRecent);
  return {
    grids: grids.map((g) => ({ id: g._id, name: g.code })),
    open: openOne ? patrolView(openOne, codeOf(grids, openOne.gridId), user._id) : null,
    recent: ended.map((p) => patrolView(p, codeOf(grids, p.gridId), user._id)),
  };
};
