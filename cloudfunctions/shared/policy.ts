/**
 * Who may call what: the one permission policy of every cloud function (DESIGN.md, "Who may call
 * what"; issue 7 §2).
 *
 * Two layers, both here:
 * 1. **Caller kinds** — each action declares one (`router.ts` `action.<kind>(…)`); the router
 *    loads the caller's `users` record by OPENID (from `getWXContext()`, never from the payload)
 *    and refuses the call before the handler runs:
 *    - `anyone`: any client caller, registered or not (the user record may be null);
 *    - `registered`: a `users` record exists for the OPENID (else `COMMON.NOT_REGISTERED`);
 *    - `staff`: a grid worker or community admin (else `COMMON.FORBIDDEN`);
 *    - `admin`: a community admin (else `COMMON.FORBIDDEN`);
 *    - `timer`: the platform's timer trigger only (an event `{ Type: 'Timer' }` with no caller
 *      OPENID and a non-client SOURCE); a client sending that shape gets `COMMON.FORBIDDEN`.
 * 2. **Target predicates** — whether the loaded caller may act on a given record (a slot of a
 *   community, a resident, a ticket: its admin, its grid's worker, its assignee, its reporter or a
 *   follower), and {@link inCallerCommunity}, the one scope of a query to the caller's community. Handlers call the `assert…` functions below once they
 *   have loaded the record; every refusal is `COMMON.FORBIDDEN` or a not-found code that does not
 *   reveal other communities' records.
 *
 * The table of every action and its rule is `docs/permissions.md`, generated from the declarations
 * (`test/policy/permission-table.test.ts` keeps it current).
 */
import { AppError } from './errors';
import { normalisePart } from './households';
import type { Grid, Role, Ticket, User, VolunteerRole } from './model';

/** Caller kinds an action can declare (layer 1). */
export type CallerKind = 'anyone' | 'registered' | 'staff' | 'admin' | 'timer';

/** What an action declares: its caller kind and, in words, the target rule its handler applies. */
export interface Who {
  kind: CallerKind;
  /** The target-level rule in words (English), for the permission table; '' when there is none. */
  rule: string;
  /** A linked family member may call it for the elder (`forElder`, 家人代办; router.ts): the contract's `familyProxy`. */
  familyProxy?: true;
}

/** The roles that serve residents at the counter (代办). */
const STAFF_ROLES: ReadonlySet<string> = new Set(['gridWorker', 'communityAdmin']);

/** Chinese and English names of the caller kinds (the permission table). */
export const CALLER_KIND_LABELS: Record<CallerKind, string> = {
  anyone: 'anyone (任何人，含未登记的访客)',
  registered: 'registered user (已登记的人)',
  staff: 'staff: grid worker or community admin (网格员、社区管理员)',
  admin: 'community admin (社区管理员)',
  timer: 'platform timer trigger only (定时触发器)',
};

/** True if `user` is a grid worker or a community admin (of any community). */
export function isStaff(user: Pick<User, 'role'>): boolean {
  return STAFF_ROLES.has(user.role);
}

/** True if `user` is a community admin (of any community). */
export function isAdmin(user: Pick<User, 'role'>): boolean {
  return user.role === 'communityAdmin';
}

/** True if `user` belongs to community `communityId` (any role). */
export function isMemberOf(user: Pick<User, 'communityId'>, communityId: string): boolean {
  return user.communityId === communityId;
}

/** True if `user` is staff of community `communityId`. */
export function isStaffOf(user: Pick<User, 'role' | 'communityId'>, communityId: string): boolean {
  return isStaff(user) && isMemberOf(user, communityId);
}

/** True if `user` is a community admin of `communityId`. */
export function isAdminOf(user: Pick<User, 'role' | 'communityId'>, communityId: string): boolean {
  return isAdmin(user) && isMemberOf(user, communityId);
}

/** True if `user` is a resident (居民: not staff, not a vendor). */
export function isResident(user: Pick<User, 'role'>): boolean {
  return user.role === 'resident';
}

/** True if `user` is a resident of community `communityId`. */
export function isResidentOf(user: Pick<User, 'role' | 'communityId'>, communityId: string): boolean {
  return isResident(user) && isMemberOf(user, communityId);
}

/**
 * True if `user` is an active volunteer (解忧智囊团, issue 22) of community `communityId`: a resident of
 * it whose `volunteer` membership is active, holding `role` when one is given.
 */
export function isVolunteerOf(user: Pick<User, 'role' | 'communityId' | 'volunteer'>, communityId: string, role?: VolunteerRole): boolean {
  const v = user.volunteer;
  if (!isResidentOf(user, communityId) || !v || !v.active) return false;
  return !role || v.roles.includes(role);
}

/** Layer 1: whether a loaded caller (null = no `users` record) passes `kind`; throws the refusal. */
export function assertCallerKind(kind: Exclude<CallerKind, 'timer'>, user: User | null): void {
  if (kind === 'anyone') return;
  if (!user) throw new AppError('COMMON.NOT_REGISTERED');
  if (kind === 'staff' && !isStaff(user)) throw new AppError('COMMON.FORBIDDEN');
  if (kind === 'admin' && !isAdmin(user)) throw new AppError('COMMON.FORBIDDEN');
}

/**
 * Layer 1 for timers. The real platform invokes a timer trigger with `{ Type: 'Timer', TriggerName,
 * Time }`, no caller OPENID, and `SOURCE` `wx_trigger` (getWXContext docs: SOURCE 的枚举类型). A
 * client can send the same event shape but always carries an OPENID (wx.cloud.callFunction), so the
 * absent OPENID is the test; a client SOURCE is refused as well.
 */
export function isPlatformTimer(ctx: { OPENID?: string; SOURCE?: string }): boolean {
  if (ctx.OPENID) return false;
  const source = ctx.SOURCE ?? '';
  return !/(^|,)(wx_client|wx_devtools|wx_localdebug)(,|$)/.test(source);
}

/** Layer 2: the caller must belong to `communityId` (book at one's own market). Else COMMON.FORBIDDEN. */
export function assertMemberOf(user: User, communityId: string): void {
  if (!isMemberOf(user, communityId)) throw new AppError('COMMON.FORBIDDEN');
}

/** Layer 2: the caller must be a resident of `communityId` (residents' own requests, e.g. being told about a product). Else COMMON.FORBIDDEN. */
export function assertResidentOf(user: User, communityId: string): void {
  if (!isResidentOf(user, communityId)) throw new AppError('COMMON.FORBIDDEN');
}

/** Layer 2: the caller must be staff of `communityId`. Else COMMON.FORBIDDEN. */
export function assertStaffOf(user: User, communityId: string): void {
  if (!isStaffOf(user, communityId)) throw new AppError('COMMON.FORBIDDEN');
}

/** Layer 2: the caller must be a community admin of `communityId`. Else COMMON.FORBIDDEN. */
export function assertAdminOf(user: User, communityId: string): void {
  if (!isAdminOf(user, communityId)) throw new AppError('COMMON.FORBIDDEN');
}

/**
 * The scope of a caller's queries: `match` within the caller's own community — every read a handler
 * makes for "the caller's community's …" goes through this (a record of another community is then
 * simply not found, which reveals nothing).
 */
export function inCallerCommunity<M extends Record<string, unknown>>(user: Pick<User, 'communityId'>, match: M): M & { communityId: string } {
  return { ...match, communityId: user.communityId };
}

// ---- Layer 2 for tickets: who stands in which relation to a ticket (pure; used by the ticket
// workflow, by who-sees-what in shared/tickets/audience.ts, and by the ledger) ----

/** Who acts: the loaded caller, or the platform timer. */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'timer';
  communityId: string;
  gridIds: string[];
  /** the roles of an active volunteer (解忧智囊团, issue 22) of `communityId` — {@link isVolunteerOf}; absent or empty for anyone else */
  volunteerRoles?: VolunteerRole[];
}

/** The actor's active volunteer roles in their community (a resident's `volunteer`, when active): `actorOf` fills {@link Actor.volunteerRoles} with it. */
export function volunteerRolesOf(user: Pick<User, 'role' | 'communityId' | 'volunteer'>): VolunteerRole[] {
  return isVolunteerOf(user, user.communityId) ? [...(user.volunteer?.roles ?? [])] : [];
}

/** True if actor `a` is an active volunteer of the ticket's community in `role`. */
export function isVolunteerActorOf(t: Pick<Ticket, 'communityId'>, a: Actor, role: VolunteerRole): boolean {
  return a.role === 'resident' && a.communityId === t.communityId && !!a.volunteerRoles?.includes(role);
}

/** An invited 调解员 of the ticket (issue 22): on its `mediatorIds` and still an active mediator of its community. */
export function isMediatorOfTicket(t: Pick<Ticket, 'communityId' | 'mediatorIds'>, a: Actor): boolean {
  return !!t.mediatorIds?.includes(a.id) && isVolunteerActorOf(t, a, 'mediator');
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

// ---- Layer 2 for consultation (issue 20; docs/consultation-design.md §3): whose household a topic's scope holds ----

/** A topic's scope as far as the rule needs it (`model.ts` `TopicScope`, with the topic's community). */
interface ScopedTopic {
  communityId: string;
  scope: { kind: 'community' } | { kind: 'estate'; estateId: string } | { kind: 'building'; estateId: string; building: string };
}

/**
 * True if `user`'s home is in `topic`'s scope: the topic's community, and for an estate or building
 * scope the same estate (and building, compared as in household keys: `3号楼` = `3` = `３栋`).
 * No home → false.
 */
export function isHouseholdInScope(user: Pick<User, 'communityId' | 'home'>, topic: ScopedTopic): boolean {
  if (!user.home || user.communityId !== topic.communityId) return false;
  return isHomeInScope(user.home, topic.scope);
}

/** Whether a home lies in a topic's scope (the whole community, its estate, or its building; building names compared normalised). The community is the caller's check. */
export function isHomeInScope(home: NonNullable<User['home']>, s: ScopedTopic['scope']): boolean {
  if (s.kind === 'community') return true;
  if (home.estateId !== s.estateId) return false;
  return s.kind === 'estate' || normalisePart(home.building) === normalisePart(s.building);
}

/**
 * Layer 2 for a household vote: `user` must be a resident of the topic's community
 * (`COMMON.FORBIDDEN`) with a home (`CONSULT.NO_HOME`) in its scope (`CONSULT.NOT_IN_SCOPE`), and
 * verified when the topic requires it (`CONSULT.NOT_VERIFIED`). The phase is the caller's to check.
 */
export function assertVoter(user: Pick<User, 'role' | 'communityId' | 'home' | 'verified'>, topic: ScopedTopic & { votersMustBeVerified: boolean }): void {
  if (!isResidentOf(user, topic.communityId)) throw new AppError('COMMON.FORBIDDEN');
  if (!user.home) throw new AppError('CONSULT.NO_HOME');
  if (!isHouseholdInScope(user, topic)) throw new AppError('CONSULT.NOT_IN_SCOPE');
  if (topic.votersMustBeVerified && !user.verified) throw new AppError('CONSULT.NOT_VERIFIED');
}

// ─── the grid workers' own rounds (issue 21; docs/case-loop-design.md §4) ───

/**
 * Whether `user` works on grid `grid`'s rounds (its households, care tags, visits, patrols): a grid
 * worker responsible for it (`users.gridIds`), or an admin of its community. Residents and vendors
 * never (care tags are staff-only).
 */
export function mayWorkGrid(user: Pick<User, 'role' | 'communityId' | 'gridIds'>, grid: Pick<Grid, '_id' | 'communityId'>): boolean {
  if (user.communityId !== grid.communityId) return false;
  if (user.role === 'communityAdmin') return true;
  return user.role === 'gridWorker' && (user.gridIds ?? []).includes(grid._id);
}

/** Layer 2 for a grid's rounds: {@link mayWorkGrid}, else `ROUNDS.GRID_NOT_YOURS`. */
export function assertMayWorkGrid(user: Pick<User, 'role' | 'communityId' | 'gridIds'>, grid: Pick<Grid, '_id' | 'communityId'>): void {
  if (!mayWorkGrid(user, grid)) throw new AppError('ROUNDS.GRID_NOT_YOURS');
}

/** A visit or patrol record may carry a ticket found on it only when it is the caller's own, in their community (`ticket.fileCase` with `visitId`/`patrolId`). */
export function isOwnRoundRecord(user: Pick<User, '_id' | 'communityId'>, record: { workerId: string; communityId: string }): boolean {
  return record.workerId === user._id && record.communityId === user.communityId;
}
