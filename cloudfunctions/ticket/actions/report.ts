/**
 * `report`: a resident reports a problem (contract.ts). The day's quota (`shared/quotas.ts`) is read
 * with the caller and a full day refused before anything else; the words pass content security; the
 * ticket is created (`tickets.ts`, idempotent on `requestId`) taking the quota just before it is
 * written; the answer names who will help from the grids preloaded with their workers.
 */
import { now as clockNow } from '../../shared/clock';
import { assertOwnPhotos } from '../../shared/files';
import { exceededKind, isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany, type QuotaTake } from '../../shared/quotas';
import type { actions } from '../contract';
import { createTicket, helpersFromGrids, preloadEarlier, preloadEstate, preloadGridsWithWorkers } from '../tickets';
import { checkTexts, residentViewOf } from './answer';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { familyReportNote } from '../../shared/vocabulary/family';

/** What `report` reads with the caller: the grids with their workers, an earlier ticket of the same request, today's quota, the estate. */
export const reportPreload = (i: Input<typeof actions.report>) => ({
  grids: preloadGridsWithWorkers,
  earlier: preloadEarlier(i.requestId),
  quota: preloadQuota(quotaDay(clockNow())),
  ...(i.where?.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
});

export const report: Handler<typeof actions.report, PreloadsOf<typeof reportPreload>> = async (input, { user, preloaded, proxy }) => {
  assertOwnPhotos(input.photos, user);
  // daily quota (shared/quotas.ts): a day already full is refused before anything else is asked
  const now = clockNow();
  const take: QuotaTake = { report: 1, photo: input.photos.length };
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  const full = isLimited(user) && known ? exceededKind(known, take) : null;
  if (full && !preloaded?.earlier?.length) throw tooMany(full);
  await checkTexts(input.text, input.where?.spot, input.where?.unit);
  const ticket = await createTicket({
    reporter: user,
    actor: user,
    source: 'residentReport',
    category: input.category,
    text: input.text,
    where: input.where ?? {},
    photos: input.photos,
    anonymous: input.anonymous,
    requestId: input.requestId,
    // 家人代办: the linked family member reports for the elder (router `proxy`); the first step names them
    ...(proxy ? { family: { actorId: proxy.actorId, actorName: proxy.actorName, note: familyReportNote(proxy.relation, proxy.memberName), linkId: proxy.linkId } } : {}),
    preloaded,
    reserve: isLimited(user) ? () => takeQuota({ by: 'user', id: user._id }, take, now, known) : undefined,
  });
  // who will help came with the grids (preloaded with their workers): no read of its own
  const grids = preloaded?.grids;
  return residentViewOf(ticket, user, grids && !ticket.assigneeId ? helpersFromGrids(grids, ticket.gridId) : undefined);
};
