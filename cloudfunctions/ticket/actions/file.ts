/**
 * Tickets staff enter: `fileCase` (a problem they found, or, admins only, one an organisation decided
 * or a superior assigned), `merge` (并单), and at the counter `reportFor` (for a resident, with their
 * spoken consent) and `ticketsFor` (the resident's tickets, in the counter's short view).
 */
import { AppError } from '../../shared/errors';
import { assertOwnPhotos } from '../../shared/files';
import type { Estate, Grid, Ticket } from '../../shared/model';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import { preloadResident, residentOf } from '../../shared/staff';
import type { Preload } from '../../shared/users';
import { mergeTickets } from '../changes';
import type { actions } from '../contract';
import { createTicket, preloadEarlier, preloadEstate, preloadGrids, preloadGridsWithWorkers, ticketsOf, toViews } from '../tickets';
import { actorOf, checkTexts, staffViewOf } from './answer';
import type { Handler, Input } from './handler';

type Preloaded = { grids?: Grid[]; estate?: Estate[]; earlier?: Ticket[] } | undefined;

/** What `fileCase` reads with the caller: the grids, an earlier ticket of the same request, the estate, the resident. */
export const fileCasePreload = (i: Input<typeof actions.fileCase>): Record<string, Preload> => ({
  grids: preloadGridsWithWorkers,
  earlier: preloadEarlier(i.requestId),
  ...(i.where.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
  ...(i.residentId ? preloadResident({ residentId: i.residentId }) : {}),
});

export const fileCase: Handler<typeof actions.fileCase> = async (input, { user, preloaded }) => {
  if ((input.source === 'superiorAssigned' || input.source === 'organisationDiscussion') && user.role !== 'communityAdmin') throw new AppError('TICKET.SOURCE_NOT_ALLOWED');
  assertOwnPhotos(input.photos, user);
  await checkTexts(input.text, input.where.spot, input.where.unit);
  const reporter = input.residentId ? await residentOf(user, input.residentId, preloaded) : null;
  const ticket = await createTicket({
    reporter,
    actor: user,
    source: input.source,
    category: input.category,
    text: input.text,
    where: input.where,
    photos: input.photos,
    anonymous: true,
    requestId: input.requestId,
    preloaded: preloaded as Preloaded,
  });
  return staffViewOf(ticket, user, reporter, true);
};

export const merge: Handler<typeof actions.merge> = async ({ ticketId, intoId }, { user }) => {
  const { into } = await mergeTickets(ticketId, intoId, actorOf(user));
  return staffViewOf(into, user, undefined, true);
};

/** What `reportFor` reads with the caller: the resident, the grids, an earlier ticket of the same request, the estate. */
export const reportForPreload = (i: Input<typeof actions.reportFor>): Record<string, Preload> => ({
  ...preloadResident(i),
  grids: preloadGrids,
  earlier: preloadEarlier(i.requestId),
  ...(i.where?.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
});

/** Counter (代办): report for a resident with their spoken consent; answers the counter's short view. */
export const reportFor: Handler<typeof actions.reportFor> = async (input, { user: staff, preloaded }) => {
  const consent = recordSpokenConsent(input.consent, staff);
  const resident = await residentOf(staff, input.residentId, preloaded);
  await checkTexts(input.text, input.where?.spot, input.consent.note);
  const ticket = await createTicket({
    reporter: resident,
    actor: staff,
    source: 'residentReport',
    consent,
    category: input.category,
    text: input.text,
    where: input.where ?? {},
    photos: [],
    anonymous: true,
    requestId: input.requestId,
    preloaded: preloaded as Preloaded,
  });
  return (await toViews([ticket]))[0];
};

export const ticketsFor: Handler<typeof actions.ticketsFor> = async ({ residentId }, { user: staff, preloaded }) => {
  const resident = await residentOf(staff, residentId, preloaded);
  return toViews(await ticketsOf(resident._id));
};
