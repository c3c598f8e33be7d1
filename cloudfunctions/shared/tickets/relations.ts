/**
 * Who stands in which relation to a ticket (pure): the acting person ({@link Actor}), and whether they
 * are an admin of its community, a worker of its grid, its assignee, staff who see everything of it,
 * or its reporter or a follower. Input: the ticket's fields named in each signature and the actor;
 * output: a boolean (or the resident's relation). Used by the workflow (workflow.ts, which re-exports
 * them) and by who-sees-what (audience.ts); here so that neither of those imports the other.
 */
import type { Role, Ticket } from '../model';

/** Who acts: the loaded caller, or the platform timer. */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'timer';
  communityId: string;
  gridIds: string[];
}

/** An admin of the ticket's community. */
export function isAdminOfTicket(t: Pick<Ticket, 'communityId'>, a: Actor): boolean {
  return a.role === 'communityAdmin' && a.communityId === t.communityId;
}

/** A grid worker responsible for the ticket's grid. */
export function isGridWorkerOfTicket(t: Pick<Ticket, 'communityId' | 'gridId'>, a: Actor): boolean {
  return a.role === 'gridWorker' && a.communityId === t.communityId && !!t.gridId && a.gridIds.includes(t.gridId);
}

/** The worker handling it. */
export function isAssignee(t: Pick<Ticket, 'communityId' | 'assigneeId'>, a: Actor): boolean {
  return !!t.assigneeId && t.assigneeId === a.id && a.communityId === t.communityId;
}

/** Staff who see everything of the ticket: its grid's workers, its assignee, the community's admins. */
export function seesStaffView(t: Pick<Ticket, 'communityId' | 'gridId' | 'assigneeId'>, a: Actor): boolean {
  return isAdminOfTicket(t, a) || isGridWorkerOfTicket(t, a) || isAssignee(t, a);
}

/** The reporter, or a neighbour following it (joined, or merged in): who sees the resident view. */
export function relationOf(t: Pick<Ticket, 'reporterId' | 'followerIds'>, userId: string): 'mine' | 'joined' | null {
  if (t.reporterId === userId) return 'mine';
  return t.followerIds.includes(userId) ? 'joined' : null;
}
