/**
 * A new ticket as it is first written (pure; used by `../tickets.ts` and by the local demo seed):
 * routed (`routing.ts`), pending, due to be accepted within 24 hours, with its first event.
 * Input: who reports (null for a worker's own find) and who enters it, the place already resolved
 * (estate checked by the caller), the community's grids and ticket settings, and `now`.
 */
import type { AssistConsent, Estate, Grid, Role, Ticket, TicketCategory, TicketSettings, TicketSource } from '../../shared/model';
import { ACCEPT_HOURS, addHours, handleDaysFor } from '../../shared/deadlines';
import { routeTicket } from './routing';
import type { Change } from './workflow';

export interface Draft {
  id: string;
  communityId: string;
  reporter: { _id: string; name: string } | null;
  actor: { _id: string; name: string; role: Role };
  source: TicketSource;
  category: TicketCategory;
  text: string;
  place: { estate: Pick<Estate, '_id' | 'name'> | null; building: string | null; unit: string | null; spot: string };
  photos: string[];
  anonymous: boolean;
  consent?: AssistConsent;
  /** reported by a linked family member for the reporter (家人代办, router `proxy`): they are the ticket's actor, and the first step says so */
  family?: { actorId: string; actorName: string; note: string; linkId: string };
  grids: Pick<Grid, '_id' | 'covers'>[];
  settings?: TicketSettings;
  requestKey: string;
  requestHash?: string;
  now: Date;
}

/** The ticket document of a draft (instants = `now`; the function writes server dates instead). */
export function draftTicket(d: Draft): Ticket {
  const route = routeTicket(d.grids, { estateId: d.place.estate?._id ?? null, building: d.place.building });
  const assisted = !!d.reporter && d.reporter._id !== d.actor._id;
  return {
    _id: d.id,
    communityId: d.communityId,
    gridId: route.gridId,
    category: d.category,
    text: d.text,
    where: { estateId: d.place.estate?._id ?? null, estateName: d.place.estate?.name ?? null, building: d.place.building, unit: d.place.unit, spot: d.place.spot },
    source: d.source,
    status: 'pending',
    hardCase: route.gridId === null,
    ...(route.gridId === null ? { hardCaseReason: route.reason } : {}),
    reporterId: d.reporter?._id ?? null,
    reporterName: d.reporter?.name ?? null,
    anonymous: d.anonymous,
    followerIds: [],
    actorId: d.family?.actorId ?? d.actor._id,
    actorName: d.family?.actorName ?? d.actor.name,
    ...(d.consent ? { consent: d.consent } : {}),
    photos: d.photos,
    assigneeId: null,
    assigneeName: null,
    dueAt: addHours(d.now, ACCEPT_HOURS),
    handleDays: handleDaysFor(d.settings, d.category),
    overdue: false,
    reworks: 0,
    ratings: [],
    followUps: 0,
    requestKey: d.requestKey,
    ...(d.requestHash ? { requestHash: d.requestHash } : {}),
    version: 0,
    createdAt: d.now,
    updatedAt: d.now,
    events: [
      {
        type: 'reported',
        at: d.now,
        actorId: d.family?.actorId ?? d.actor._id,
        actorName: d.family?.actorName ?? d.actor.name,
        actorRole: d.actor.role,
        from: null,
        to: 'pending',
        note: d.family ? d.family.note : assisted ? `${d.actor.name} 在解忧铺代 ${d.reporter!.name} 反映（居民口头同意）` : d.reporter ? '居民反映' : `${d.actor.name} 登记`,
        public: true,
        // a family member's note is read where the reporter's own words are (shared/tickets/audience.ts noteFacet)
        ...(d.family ? { detail: { by: 'family', linkId: d.family.linkId } } : {}),
      },
    ],
  };
}

/** The ticket after `change`, written at `now` (what the conditional update in `../changes.ts` makes of it). */
export function applyChange(t: Ticket, change: Change, now: Date): Ticket {
  return {
    ...t,
    ...(change.set as Partial<Ticket>),
    version: t.version + 1,
    updatedAt: now,
    followerIds: change.follow && !t.followerIds.includes(change.follow) ? [...t.followerIds, change.follow] : t.followerIds,
    events: [...t.events, ...change.events.map((e) => ({ ...e, at: now }))],
  };
}
