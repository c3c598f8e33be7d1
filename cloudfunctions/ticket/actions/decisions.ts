/**
 * `pendingDecisions` (issue 21; docs/case-loop-design.md §3): what waits for the caller on the desk —
 * for admins the extension requests (延期申请) waiting for a decision and the handled community
 * problems not yet checked (核查); for a grid worker the community's tickets to check that are not
 * theirs (neither held nor handled by them; `workflow.mayVerify`). One aggregation (the tickets, with
 * their grid's code and their reporter joined): 2 round trips with the caller. The views are the
 * staff views of `domain/views.ts` without temporary photo URLs (`photos: []`; opening the ticket
 * with `get` gives them) — a list costs no storage call.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import type { Grid, Ticket, User } from '../../shared/model';
import type { LoadedUser } from '../../shared/users';
import type { Handler } from '../../shared/router';
import { COMMUNITY_PROBLEMS } from '../../shared/tickets/audience';
import { facetsFor } from '../../shared/tickets/audience';
import type { actions, PendingDecisions, StaffTicketView } from '../contract';
import { staffAudience, staffView } from '../domain/views';
import { AppError } from '../../shared/errors';
import { allows, type Actor } from '../domain/workflow';
import { toTicket } from '../tickets';
import { actorOf } from './answer';

/** Each list holds at most this many tickets. */
export const DECISIONS_LIMIT = 100;

/** The staff view of `t` for `actor` from what the aggregation brought (grid code, reporter's phone), without photo URLs. */
function listView(t: Ticket, actor: Actor, gridCode: string | null, reporter: User | undefined, now: Date): StaffTicketView {
  const may = facetsFor(t, staffAudience(t, actor));
  return staffView(t, actor, { gridCode, reporterPhone: may.has('reporterPhone') ? (reporter?.phone ?? null) : null, photos: [] }, now);
}

export const pendingDecisions: Handler<typeof actions.pendingDecisions> = async (_input, { user }) => {
  const _ = db.command;
  const admin = user.role === 'communityAdmin';
  const toCheck = { status: 'handled', category: _.in(COMMUNITY_PROBLEMS), 'verification.passed': _.neq(true) };
  const match = admin
    ? _.and([{ communityId: user.communityId }, _.or([{ status: 'inProgress', 'extension.status': 'requested' }, toCheck])])
    : _.and([{ communityId: user.communityId }, toCheck, { assigneeId: _.neq(user._id) }]);
  const { list } = await db
    .collection('tickets')
    .aggregate()
    .match(match)
    .sort({ updatedAt: 1 })
    .limit(DECISIONS_LIMIT * (admin ? 2 : 1))
    .lookup({ from: 'grids', localField: 'gridId', foreignField: '_id', as: 'gridDoc' })
    .lookup({ from: 'users', localField: 'reporterId', foreignField: '_id', as: 'reporterDoc' })
    .end();
  return decisionsOf(list as Row[], user, clockNow());
};

/** A ticket as the aggregation brings it. */
type Row = Ticket & { gridDoc?: Grid[]; reporterDoc?: User[] };

/** Splits the rows into the two lists for `user` (pure but for the views' clock). */
function decisionsOf(rows: Row[], user: LoadedUser, now: Date): PendingDecisions {
  const actor = actorOf(user);
  const extensions: { t: Ticket; view: StaffTicketView }[] = [];
  const toVerify: { t: Ticket; view: StaffTicketView }[] = [];
  for (const { gridDoc, reporterDoc, ...raw } of rows) {
    const t = toTicket(raw);
    const view = () => listView(t, actor, gridDoc?.[0]?.code ?? null, reporterDoc?.[0], now);
    if (t.status === 'inProgress' && t.extension?.status === 'requested' && allows(t, actor, { type: 'decideExtension', approve: true }, now)) extensions.push({ t, view: view() });
    else if (allows(t, actor, { type: 'verify', passed: true, note: '', photos: [] }, now)) toVerify.push({ t, view: view() });
  }
  const at = (d: Date | undefined) => d?.getTime() ?? 0;
  return {
    extensions: extensions.sort((a, b) => at(a.t.extension?.at) - at(b.t.extension?.at)).slice(0, DECISIONS_LIMIT).map((x) => x.view),
    toVerify: toVerify.sort((a, b) => at(a.t.handledAt) - at(b.t.handledAt)).slice(0, DECISIONS_LIMIT).map((x) => x.view),
  };
}

/**
 * `volunteerTasks` (issue 22): a volunteer's tickets — for a 信息员 the community's handled community
 * problems to check (the `informant` view, through `allows(verify)`: none they handled), for a 调解员
 * the disputes they were invited onto (the `mediator` view: the assignee's). One aggregation over both
 * (2 round trips with the caller). Not an active volunteer of the community: COMMON.FORBIDDEN.
 */
export const volunteerTasks: Handler<typeof actions.volunteerTasks> = async (_input, { user }) => {
  const actor = actorOf(user);
  const roles = actor.volunteerRoles ?? [];
  if (!roles.length) throw new AppError('COMMON.FORBIDDEN');
  const informant = roles.includes('informant');
  const mediator = roles.includes('mediator');
  if (!informant && !mediator) return { toVerify: [], mediations: [] };
  const _ = db.command;
  const branches = [
    ...(informant ? [{ status: 'handled', category: _.in(COMMUNITY_PROBLEMS), 'verification.passed': _.neq(true) }] : []),
    ...(mediator ? [{ mediatorIds: user._id }] : []),
  ];
  const { list } = await db
    .collection('tickets')
    .aggregate()
    .match(_.and([{ communityId: user.communityId }, branches.length > 1 ? _.or(branches) : branches[0]]))
    .sort({ updatedAt: -1 })
    .limit(DECISIONS_LIMIT * 2)
    .lookup({ from: 'grids', localField: 'gridId', foreignField: '_id', as: 'gridDoc' })
    .lookup({ from: 'users', localField: 'reporterId', foreignField: '_id', as: 'reporterDoc' })
    .end();
  const now = clockNow();
  const toVerify: { t: Ticket; view: StaffTicketView }[] = [];
  const mediations: StaffTicketView[] = [];
  for (const { gridDoc, reporterDoc, ...raw } of list as Row[]) {
    const t = toTicket(raw);
    const view = () => listView(t, actor, gridDoc?.[0]?.code ?? null, reporterDoc?.[0], now);
    if (staffAudience(t, actor) === 'mediator') mediations.push(view());
    else if (informant && allows(t, actor, { type: 'verify', passed: true, note: '', photos: [] }, now)) toVerify.push({ t, view: view() });
  }
  const at = (d: Date | undefined) => d?.getTime() ?? 0;
  return {
    toVerify: toVerify.sort((a, b) => at(a.t.handledAt) - at(b.t.handledAt)).slice(0, DECISIONS_LIMIT).map((x) => x.view),
    mediations: mediations.slice(0, DECISIONS_LIMIT),
  };
};
