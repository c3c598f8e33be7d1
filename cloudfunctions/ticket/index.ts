/**
 * Cloud function `ticket`: residents' reports of neighbour disputes and community problems
 * (诉求), queued for the grid workers of the grid they fall in.
 *
 * So far the counter's part (代办; grid workers and community admins, for residents of their own
 * community):
 * - `reportFor` { residentId, category, text, where?: { estateId?, building?, spot? }, requestId,
 *   consent: { spoken, note? } } → TicketView — a `residentReport` ticket for the resident, entered by
 *   the caller with the resident's spoken consent, routed to its grid, with its first event.
 *   Errors: COMMON.FORBIDDEN, COUNTER.RESIDENT_NOT_FOUND, COUNTER.CONSENT_REQUIRED, TICKET.PLACE_NOT_FOUND.
 * - `ticketsFor` { residentId } → TicketView[] the resident reported.
 * The grid workers' queue, accept, follow-up and close come with the ticket workflow.
 */
import { z } from 'zod';
import { db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Estate } from '../shared/model';
import { action, createMain, permissionsOf } from '../shared/router';
import { id, requestId, shortText, spokenConsent, text } from '../shared/schemas';
import { preloadResident, residentOf } from '../shared/staff';
import { createTicket, ticketsOf, toViews } from './tickets';
import { CATEGORY_LABELS } from './domain/routing';

const category = z.enum(Object.keys(CATEGORY_LABELS) as [keyof typeof CATEGORY_LABELS, ...(keyof typeof CATEGORY_LABELS)[]]);
const where = z
  .object({ estateId: id.optional(), building: shortText(20).optional(), spot: text(0, 50).optional() })
  .strict();

const actions = {
  reportFor: action.staff(
    z
      .object({
        residentId: id,
        category,
        text: text(5, 500, { multiline: true }),
        where: where.optional(),
        requestId,
        consent: spokenConsent,
      })
      .strict(),
    async (input, { user: staff, preloaded }) => {
      if (!input.consent.spoken) throw new AppError('COUNTER.CONSENT_REQUIRED');
      const resident = await residentOf(staff, input.residentId, preloaded);
      const place = input.where ?? {};
      if (place.estateId) {
        const { data } = await db.collection('estates').where({ _id: place.estateId, communityId: resident.communityId }).limit(1).get();
        const estate = data[0] as Estate | undefined;
        if (!estate || (place.building && !estate.buildings.includes(place.building))) throw new AppError('TICKET.PLACE_NOT_FOUND');
      }
      const ticket = await createTicket({
        reporter: resident,
        actor: staff,
        consent: { method: 'spoken', recordedBy: staff._id, recordedByName: staff.name, ...(input.consent.note ? { note: input.consent.note } : {}) },
        category: input.category,
        text: input.text,
        where: place,
        requestId: input.requestId,
      });
      return (await toViews([ticket]))[0];
    },
    "the resident and the place are in the caller's own community",
    { preload: preloadResident },
  ),

  ticketsFor: action.staff(
    z.object({ residentId: id }).strict(),
    async ({ residentId }, { user: staff, preloaded }) => {
      const resident = await residentOf(staff, residentId, preloaded);
      return toViews(await ticketsOf(resident._id));
    },
    "a resident of the caller's own community",
    { preload: preloadResident },
  ),
};

export const main = createMain(actions);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions);
