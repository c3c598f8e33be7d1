/**
 * Home visits (入户走访) and the visit log (民情日志) — issue 21; docs/case-loop-design.md §4.
 *
 * `recordVisit` writes the visit (an insert with the unique `requestKey`: a retry returns the first)
 * and then moves the household's `lastVisitDate` forward (a conditional update that never moves it
 * back; the household's first visit inserts its care document). The care write runs on a retry too,
 * so a visit whose care write was lost is repaired by the retry. Round trips: the caller with the
 * household and an earlier visit of the request (1), the insert (2), the care write (3).
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newDocId } from '../../shared/ids';
import type { Grid, Visit } from '../../shared/model';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { callerOpenid } from '../../shared/cloud';
import { preloadOf } from '../../shared/users';
import type { actions, VisitView } from '../contract';
import { addDaysToDate } from '../../shared/rounds/plan';
import { visitView } from '../domain/views';
import { ROUNDS_LIMITS as L } from '../limits';
import { preloadGrids } from '../register';
import { gridsOfCommunity, pickGrid, workableGrids } from '../scope';
import { householdFor, householdPreload, todayLocal } from './households';

/** What `recordVisit` reads with the caller: the household, and a visit of the same request. */
export const recordVisitPreload = (i: Input<typeof actions.recordVisit>) => ({
  ...householdPreload(i),
  earlier: preloadOf<Visit>({ from: 'visits', match: { requestId: i.requestId }, sameAsCaller: { workerId: '_id' } }),
});

/**
 * Moves household `key`'s last visit forward to `visit` (never back): a conditional update, or the
 * first time an insert of its care document (a concurrent first insert → the update). One round trip
 * (two when two first visits met).
 */
export async function markVisited(key: string, visit: Pick<Visit, '_id' | 'communityId' | 'gridId' | 'date'>, careExists: boolean): Promise<void> {
  const _ = db.command;
  const forward = () =>
    db
      .collection('householdCare')
      .where({ _id: key, communityId: visit.communityId, lastVisitDate: _.or(_.lte(visit.date), _.exists(false)) })
      .update({ data: { lastVisitDate: visit.date, lastVisitId: visit._id, gridId: visit.gridId } });
  if (careExists) {
    await forward();
    return;
  }
  try {
    await db.collection('householdCare').add({ data: { _id: key, communityId: visit.communityId, gridId: visit.gridId, tags: [], lastVisitDate: visit.date, lastVisitId: visit._id } });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await forward();
  }
}

export const recordVisit: Handler<typeof actions.recordVisit, PreloadsOf<typeof recordVisitPreload>> = async (input, { user, preloaded }) => {
  const { group, gridId } = await householdFor(user, input.householdKey, preloaded);
  const today = todayLocal();
  if (input.date > today || input.date < addDaysToDate(today, -L.visitBackDays)) throw new AppError('ROUNDS.VISIT_DATE_INVALID');
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash({ householdKey: input.householdKey, date: input.date, met: input.met, metNote: input.metNote ?? '', topics: input.topics, note: input.note });
  const earlierList = preloaded?.earlier ?? ((await db.collection('visits').where({ requestKey: key }).limit(1).get()).data as Visit[]);
  let visit: Visit | undefined = earlierList.find((v) => v.requestKey === key);
  if (visit) sameRequest(visit, hash);
  else {
    const openid = callerOpenid();
    await Promise.all([input.note, input.metNote ?? ''].filter((t) => t.trim()).map((t) => checkText(t, openid)));
    const draft: Visit = {
      _id: newDocId(),
      communityId: user.communityId,
      gridId,
      householdKey: input.householdKey,
      workerId: user._id,
      workerName: user.name,
      date: input.date,
      met: input.met,
      metNote: input.metNote ?? '',
      topics: [...new Set(input.topics)],
      note: input.note,
      ticketIds: [],
      requestKey: key,
      requestHash: hash,
      createdAt: clockNow(),
    };
    try {
      await db.collection('visits').add({ data: { ...draft, requestId: input.requestId, createdAt: db.serverDate() } });
      visit = draft;
    } catch (e) {
      if (!isDuplicateKey(e, 'requestKey')) throw e;
      const again = (await db.collection('visits').where({ requestKey: key }).limit(1).get()).data[0] as Visit | undefined;
      if (!again) throw e;
      visit = sameRequest(again, hash);
    }
  }
  await markVisited(input.householdKey, visit, !!group.care);
  return visitView(visit, user._id);
};

/** What `visits` reads with the caller: the community's grids. */
export const visitsPreload = () => ({ grids: preloadGrids });

/**
 * 民情日志: visits newest first (≤ listMax) of the grids the caller may work (or the one asked), of
 * one household if asked, between `from` and `to`. Round trips: the caller with the grids (1), the query (2).
 */
export const visits: Handler<typeof actions.visits, PreloadsOf<typeof visitsPreload>> = async ({ gridId, householdKey, from, to }, { user, preloaded }) => {
  const grids = await gridsOfCommunity(user, preloaded?.grids);
  const allowed: Grid[] = gridId ? [pickGrid(user, grids, gridId)] : workableGrids(user, grids);
  if (!allowed.length) return [];
  const _ = db.command;
  const dates = from && to ? _.and(_.gte(from), _.lte(to)) : from ? _.gte(from) : to ? _.lte(to) : undefined;
  const where: Record<string, unknown> = {
    communityId: user.communityId,
    gridId: _.in(allowed.map((g) => g._id)),
    ...(householdKey ? { householdKey } : {}),
    ...(dates ? { date: dates } : {}),
  };
  const { data } = await db.collection('visits').where(where).orderBy('date', 'desc').orderBy('createdAt', 'desc').limit(L.listMax).get();
  return (data as Visit[]).map((v): VisitView => visitView(v, user._id));
};
