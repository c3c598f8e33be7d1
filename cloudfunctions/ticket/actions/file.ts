/**
 * Tickets staff enter or join up: `fileCase` (a problem they found, or, admins only, one an
 * organisation decided or a superior assigned) and `merge` (并单).
 */
import { markTicketed, ticketableOpinion } from '../../shared/consultation/opinionLink';
import { AppError } from '../../shared/errors';
import { appendTicket, linkableRecord, preloadRoundRecord, roundLinkOf } from '../../shared/rounds/link';
import { assertOwnPhotos } from '../../shared/files';
import { preloadResident, residentOf } from '../../shared/staff';
import { mergeTickets } from '../changes';
import type { actions } from '../contract';
import { createTicket, preloadEarlier, preloadEstate, preloadGridsWithWorkers } from '../tickets';
import { actorOf, checkTexts, staffViewOf } from './answer';
import type { Handler, Input, PreloadsOf } from '../../shared/router';

/** What `fileCase` reads with the caller: the grids, an earlier ticket of the same request, the estate, the resident. */
export const fileCasePreload = (i: Input<typeof actions.fileCase>) => ({
  grids: preloadGridsWithWorkers,
  earlier: preloadEarlier(i.requestId),
  ...(i.where.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
  ...(i.residentId ? preloadResident({ residentId: i.residentId }) : {}),
  ...(roundLinkOf(i) ? { round: preloadRoundRecord(roundLinkOf(i)!) } : {}),
});

export const fileCase: Handler<typeof actions.fileCase, PreloadsOf<typeof fileCasePreload>> = async (input, { user, preloaded }) => {
  if ((input.source === 'superiorAssigned' || input.source === 'organisationDiscussion') && user.role !== 'communityAdmin') throw new AppError('TICKET.SOURCE_NOT_ALLOWED');
  assertOwnPhotos(input.photos, user);
  // 转工单 (issue 20): the opinion must still be open or accepted — or linked already to this very request's ticket (a retry)
  const earlierId = preloaded?.earlier?.[0]?._id ?? null;
  const opinion = input.opinionId ? await ticketableOpinion(input.opinionId, user.communityId, earlierId) : null;
  // 入户走访 / 巡查 (issue 21): a problem found on the caller's own visit or patrol (source 自己找)
  const round = roundLinkOf(input);
  if (round) {
    if ((input.visitId && input.patrolId) || input.opinionId || input.source !== 'selfFound') throw new AppError('COMMON.INVALID_INPUT', [{ path: round.kind === 'visit' ? 'visitId' : 'patrolId', message: 'a visit or a patrol, alone, with source selfFound' }]);
    await linkableRecord(round, user, preloaded?.round);
  }
  await checkTexts(input.text, input.where.spot, input.where.unit);
  const reporter = input.residentId ? await residentOf(user, input.residentId, preloaded) : null;
  const ticket = await createTicket({
    reporter,
    actor: user,
    // a ticket that follows an opinion takes its source from it: 组织议 for one given at a meeting, else 群众提
    source: opinion ? (opinion.source === 'meeting' ? 'organisationDiscussion' : 'residentReport') : input.source,
    ...(opinion ? { opinionId: opinion._id } : {}),
    ...(round ? { [round.kind === 'visit' ? 'visitId' : 'patrolId']: round.id } : {}),
    category: input.category,
    text: input.text,
    where: input.where,
    photos: input.photos,
    anonymous: true,
    requestId: input.requestId,
    preloaded,
  });
  // after the insert, one conditional update; a retry of the same request finds it linked already
  if (opinion) await markTicketed(opinion._id, ticket, { id: user._id, name: user.name });
  if (round) await appendTicket(round, ticket._id, user.communityId);
  return staffViewOf(ticket, user, reporter, true);
};

export const merge: Handler<typeof actions.merge> = async ({ ticketId, intoId }, { user }) => {
  const { into } = await mergeTickets(ticketId, intoId, actorOf(user));
  return staffViewOf(into, user, undefined, true);
};
