/**
 * 调解员 on a neighbour dispute (issue 22; docs/everyday-services-design.md §4): `mediators` (the
 * assignee's choices) and `inviteMediator`. The rule (the assignee of an open dispute; never a
 * party; once) is `domain/workflow.ts`'s `inviteMediator` command, decided on the preloaded ticket
 * before anything about the resident is answered; that the resident is an active 调解员 of the
 * community is checked here (`policy.isVolunteerOf`).
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Ticket, User } from '../../shared/model';
import type { LoadedUser } from '../../shared/users';
import { isVolunteerOf, relationOf } from '../../shared/policy';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { preloadOf } from '../../shared/users';
import type { actions, MediatorOption } from '../contract';
import { decide } from '../domain/workflow';
import { tellMediator } from '../mediation';
import { readTicket, type PreloadedTicket } from '../tickets';
import { actorOf, preloadedTicket, ticketPreload } from './answer';
import { staffCommand } from './steps';

/** Most mediators the picker lists. */
const MEDIATORS_MAX = 100;

/** The ticket the action is about, checked by the rule as an invitation of nobody yet (NOT_FOUND, NOT_ASSIGNEE, NOT_A_DISPUTE, WRONG_STATE). */
async function disputeFor(ticketId: string, user: LoadedUser, preloaded: { ticket?: readonly PreloadedTicket[] } | null): Promise<Ticket> {
  const loaded = preloadedTicket(preloaded);
  const t = loaded ? loaded.ticket : await readTicket(ticketId);
  if (!t || t.communityId !== user.communityId) throw new AppError('TICKET.NOT_FOUND');
  decide(t, actorOf(user), { type: 'inviteMediator', mediator: { id: '\u0000', name: '' } }, clockNow());
  return t;
}

export const mediators: Handler<typeof actions.mediators, PreloadsOf<typeof ticketPreload>> = async ({ ticketId }, { user, preloaded }) => {
  const t = await disputeFor(ticketId, user, preloaded);
  const { data } = await db.collection('users').where({ communityId: user.communityId, role: 'resident', 'volunteer.active': true, 'volunteer.roles': 'mediator' }).limit(MEDIATORS_MAX).get();
  return (data as User[])
    .filter((u) => isVolunteerOf(u, user.communityId, 'mediator') && !relationOf(t, u._id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    .map((u): MediatorOption => ({ id: u._id, name: u.name, invited: !!t.mediatorIds?.includes(u._id) }));
};

/** What `inviteMediator` reads with the caller: the ticket with its reporter, and the resident of the caller's community. */
export const inviteMediatorPreload = (i: Input<typeof actions.inviteMediator>) => ({
  ...ticketPreload(i),
  resident: preloadOf<User>({ from: 'users', match: { _id: i.residentId, role: 'resident' }, sameAsCaller: { communityId: 'communityId' } }),
});

export const inviteMediator: Handler<typeof actions.inviteMediator, PreloadsOf<typeof inviteMediatorPreload>> = async ({ ticketId, residentId }, { user, preloaded }) => {
  await disputeFor(ticketId, user, preloaded);
  const resident = (preloaded?.resident ?? ((await db.collection('users').where({ _id: residentId, communityId: user.communityId, role: 'resident' }).limit(1).get()).data as User[])).find((u) => u._id === residentId);
  if (!resident || !isVolunteerOf(resident, user.communityId, 'mediator')) throw new AppError('TICKET.MEDIATOR_NOT_FOUND');
  const view = await staffCommand(ticketId, user, { type: 'inviteMediator', mediator: { id: resident._id, name: resident.name } }, preloaded);
  await tellMediator({ _id: ticketId, category: view.category }, resident, user);
  return view;
};
