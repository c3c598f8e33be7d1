/**
 * The counter (代办, 解忧铺): `reportFor` files a resident's problem for them, with their spoken
 * consent recorded (`shared/spokenConsent.ts`), and `ticketsFor` lists the resident's tickets; both
 * answer the counter's short view (`TicketView`: who will come, never the reporter's phone).
 */
import { recordSpokenConsent } from '../../shared/spokenConsent';
import { preloadResident, residentOf } from '../../shared/staff';
import type { actions } from '../contract';
import { createTicket, preloadEarlier, preloadEstate, preloadGrids, ticketsOf, toViews } from '../tickets';
import { checkTexts } from './answer';
import type { Handler, Input, PreloadsOf } from '../../shared/router';

/** What `reportFor` reads with the caller: the resident, the grids, an earlier ticket of the same request, the estate. */
export const reportForPreload = (i: Input<typeof actions.reportFor>) => ({
  ...preloadResident(i),
  grids: preloadGrids,
  earlier: preloadEarlier(i.requestId),
  ...(i.where?.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
});

/** Counter (代办): report for a resident with their spoken consent; answers the counter's short view. */
export const reportFor: Handler<typeof actions.reportFor, PreloadsOf<typeof reportForPreload>> = async (input, { user: staff, preloaded }) => {
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
    preloaded,
  });
  return (await toViews([ticket]))[0];
};

/** Counter (代办): the resident's tickets, in the counter's short view. */
export const ticketsFor: Handler<typeof actions.ticketsFor, PreloadsOf<typeof preloadResident>> = async ({ residentId }, { user: staff, preloaded }) => {
  const resident = await residentOf(staff, residentId, preloaded);
  return toViews(await ticketsOf(resident._id));
};
