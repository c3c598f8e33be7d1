/**
 * A resident's own tickets: `myTickets`, `get` (the resident's or the staff view, by who asks),
 * `join` (附议) and `rate`. Residents see only tickets they reported or joined; anything else is
 * TICKET.NOT_FOUND, exactly as a ticket that does not exist (`shared/tickets/audience.ts`).
 */
import { now as clockNow } from '../../shared/clock';
import { reworkFromTicket } from '../../shared/consultation/opinionLink';
import { AppError } from '../../shared/errors';
import { isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota } from '../../shared/quotas';
import { runCommand } from '../changes';
import type { actions, ResidentTicketView } from '../contract';
import { residentView, staffAudience } from '../domain/views';
import { allows, relationOf, seesStaffView } from '../domain/workflow';
import { helpersFromGrids, preloadGridsWithWorkers, readTicket, ticketsWithHelpers } from '../tickets';
import { actorOf, checkTexts, preloadedTicket, residentViewOf, staffViewOf, ticketPreload } from './answer';
import type { Handler, Input, PreloadsOf } from '../../shared/router';

/** What `join` reads with the caller: the ticket, today's quota, the grids with their workers. */
export const joinPreload = (i: Input<typeof actions.join>) => ({ ...ticketPreload(i), quota: preloadQuota(quotaDay(clockNow())), grids: preloadGridsWithWorkers });

export const join: Handler<typeof actions.join, PreloadsOf<typeof joinPreload>> = async ({ ticketId }, { user, preloaded }) => {
  // daily quota (shared/quotas.ts), taken only once the join is allowed
  const now = clockNow();
  const reserve = isLimited(user) ? () => takeQuota({ by: 'user', id: user._id }, { join: 1 }, now, preloadedQuota(preloaded?.quota, quotaDay(now))) : undefined;
  const { ticket } = await runCommand(ticketId, actorOf(user), { type: 'join' }, preloadedTicket(preloaded)?.ticket, reserve);
  // who will help came with the grids (preloaded with their workers): 3 round trips in all (issue 18)
  const grids = preloaded?.grids;
  return residentViewOf(ticket, user, grids && !ticket.assigneeId ? helpersFromGrids(grids, ticket.gridId) : undefined);
};

export const myTickets: Handler<typeof actions.myTickets> = async (_input, { user }) => {
  // the tickets with their grids' workers' names in one aggregation: 2 round trips with the caller
  const rows = await ticketsWithHelpers(user._id);
  return rows.map(({ ticket: t, helpers }) => residentView(t, user._id, t.assigneeId ? [] : helpers, [])).filter((v): v is ResidentTicketView => !!v);
};

export const get: Handler<typeof actions.get, PreloadsOf<typeof ticketPreload>> = async ({ ticketId }, { user, preloaded }) => {
  const loaded = preloadedTicket(preloaded) ?? { ticket: await readTicket(ticketId), reporter: undefined };
  const t = loaded.ticket;
  if (!t || t.communityId !== user.communityId) throw new AppError('TICKET.NOT_FOUND');
  if (seesStaffView(t, actorOf(user))) return { view: 'staff', ticket: await staffViewOf(t, user, loaded.reporter) };
  // an invited 调解员 (issue 22): the assignee's view, exactly
  if (staffAudience(t, actorOf(user)) === 'mediator') return { view: 'staff', ticket: await staffViewOf(t, user, loaded.reporter) };
  if (relationOf(t, user._id)) return { view: 'resident', ticket: await residentViewOf(t, user) };
  // a grid worker of another grid who may check it (核查, issue 21): the staff view of what they are to check
  if (allows(t, actorOf(user), { type: 'verify', passed: true, note: '', photos: [] }, clockNow())) return { view: 'staff', ticket: await staffViewOf(t, user, loaded.reporter, true) };
  throw new AppError('TICKET.NOT_FOUND');
};

export const rate: Handler<typeof actions.rate, PreloadsOf<typeof ticketPreload>> = async ({ ticketId, rating, comment }, { user, preloaded }) => {
  await checkTexts(comment);
  const { ticket, change } = await runCommand(ticketId, actorOf(user), { type: 'rate', rating, comment }, preloadedTicket(preloaded)?.ticket);
  // 返工 of a ticket that resolved an opinion (issue 20): the opinion is being worked on again
  if (ticket.opinionId && change.events.some((e) => e.type === 'rework')) await reworkFromTicket(ticket, { id: user._id, name: user.name });
  return residentViewOf(ticket, user);
};
