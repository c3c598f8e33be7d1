/**
 * The ticket workflow (pure): who may do what to a ticket in which status, and what changes.
 *
 * The case loop of grid management (GLOSSARY "The standard case workflow"; CJJ/T 106) at
 * neighbourhood scale (issue 9):
 *
 *   pending ──accept / assign──▶ inProgress ──handle──▶ handled ──followUp…──close──▶ closed
 *      ▲  ▲                        │   ▲                                               │
 *      │  └──────return (退单)─────┘   └─────────rate 不满意 (返工, once)────────────────┘
 *      └──return── (a grid's worker, before accepting)        any open ──merge──▶ merged (final)
 *
 * The platform timer: `escalate` (overdue → hard-case list) and `autoClose` (handled for the
 * follow-up window → closed; rule in `autoClose.ts`, issue 11).
 *
 * `decide(ticket, actor, command, now)` checks the rule and returns the {@link Change} — the
 * fields to set and the one event to append — or throws an `AppError` with a stable code; it never
 * touches the database. The platform code (`../changes.ts`) writes the change with one conditional
 * update on the ticket's `version`, so the event and the change land together or not at all, and
 * a concurrent change makes it re-read and decide again (where the rule then refuses, e.g. the
 * second of two workers accepting gets TICKET.ALREADY_ACCEPTED with the holder's name).
 *
 * Errors: TICKET.NOT_FOUND (the caller may not see it — never revealed as "forbidden"),
 * TICKET.ALREADY_ACCEPTED, TICKET.WRONG_STATE, TICKET.NOT_ASSIGNEE, TICKET.FOLLOW_UP_REQUIRED,
 * TICKET.NOT_RATABLE, TICKET.ALREADY_RATED, TICKET.ALREADY_FOLLOWING, TICKET.DEADLINE_INVALID,
 * COMMON.FORBIDDEN; issue 21 (延期, 挂起, 核查; docs/case-loop-design.md §3): TICKET.EXTENSION_PENDING,
 * TICKET.SUSPENDED, TICKET.NOT_SUSPENDED, TICKET.SELF_VERIFY, TICKET.VERIFY_REQUIRED, COMMON.INVALID_INPUT
 * (a decline or a failed check without words).
 *
 * Issue 21's steps keep the status one of the five; their state is in fields: `extension` (a request
 * waiting, approved or declined), `suspension` (while set, `dueAt` is null: the clock stands still,
 * the timer never escalates it, and any deadline set meanwhile waits in `suspension.dueAtBefore`),
 * `verification` (a passed on-site check since the last handling: closing a community problem needs it).
 */
import { AppError } from '../../shared/errors';
import type { HardCaseReason, Ticket, TicketEvent, TicketEventType, TicketStatus } from '../../shared/model';
import { DEPARTMENT_LABELS, FOLLOW_UP_LABELS, RATING_LABELS } from '../../shared/vocabulary/categories';
import { ACCEPT_HOURS, addDays, addHours, addWorkingDays, endOfLocalDay, localDateOf } from '../../shared/deadlines';
import { isCommunityProblem } from '../../shared/vocabulary/categories';
import { TICKET_LIMITS } from '../limits';
import { dateWords } from '../../shared/time';
import { decideAutoClose } from './autoClose';
import { endSuspension } from './suspension';
import { sees } from '../../shared/tickets/audience';
import { isAdminOfTicket, isAssignee, isGridWorkerOfTicket, isVolunteerActorOf, relationOf, seesStaffView, type Actor } from '../../shared/policy';
import { isNeighbourDispute } from '../../shared/vocabulary/categories';

// who stands in which relation to a ticket (relations.ts: audience.ts needs them too, and workflow needs audience)
export { isAdminOfTicket, isAssignee, isGridWorkerOfTicket, relationOf, seesStaffView, type Actor };

/** What a person asks to do (the actions of the `ticket` function, minus creating). */
export type Command =
  | { type: 'accept' }
  | { type: 'assign'; worker: { id: string; name: string } }
  | { type: 'note'; text: string; public: boolean }
  | { type: 'coordinate'; department: keyof typeof DEPARTMENT_LABELS; departmentName?: string; contact: string; agreed: string; by: string }
  | { type: 'return'; reason: string }
  | { type: 'handle'; result: string }
  | { type: 'followUp'; date: string; method: keyof typeof FOLLOW_UP_LABELS; reporterSaid: string }
  | { type: 'close'; summary: string }
  | { type: 'rate'; rating: keyof typeof RATING_LABELS; comment: string }
  | { type: 'join' }
  | { type: 'supervise'; deadline: string; note: string }
  | { type: 'remind'; note: string }
  | { type: 'escalate' }
  | { type: 'autoClose' }
  // issue 21 (docs/case-loop-design.md §3)
  | { type: 'requestExtension'; untilDate: string; reason: string }
  | { type: 'decideExtension'; approve: boolean; reason?: string }
  | { type: 'suspend'; reason: string; untilDate: string }
  | { type: 'resume' }
  | { type: 'verify'; passed: boolean; note: string; photos: string[] }
  // issue 22: the assignee invites a 调解员 volunteer (checked to be an active mediator of the community by the action)
  | { type: 'inviteMediator'; mediator: { id: string; name: string } };

/** The fields a change sets, and the events it appends (one, or two for a rating that sends it back). */
export interface Change {
  set: Partial<Omit<Ticket, '_id' | 'events' | 'version' | 'followerIds'>> & { supervision?: Ticket['supervision'] };
  /** a resident to add to `followerIds` */
  follow?: string;
  events: Omit<TicketEvent, 'at'>[];
  /** true when the ticket's status changes (what notifications follow) */
  to: TicketStatus;
}

const OPEN: ReadonlySet<TicketStatus> = new Set(['pending', 'inProgress', 'handled']);

/** True while a ticket is still being dealt with (not closed, not merged). */
export function isOpen(t: Pick<Ticket, 'status'>): boolean {
  return OPEN.has(t.status);
}

function wrongState(t: Ticket): never {
  throw new AppError('TICKET.WRONG_STATE', { status: t.status });
}

function requireStatus(t: Ticket, ...allowed: TicketStatus[]): void {
  if (!allowed.includes(t.status)) wrongState(t);
}

/** Staff who may work it now: the assignee, or an admin. Others who see it get NOT_ASSIGNEE. */
function requireHandler(t: Ticket, a: Actor): void {
  if (isAssignee(t, a) || isAdminOfTicket(t, a)) return;
  if (seesStaffView(t, a)) throw new AppError('TICKET.NOT_ASSIGNEE');
  throw new AppError('TICKET.NOT_FOUND');
}

function requireStaffView(t: Ticket, a: Actor): void {
  if (!seesStaffView(t, a)) throw new AppError('TICKET.NOT_FOUND');
}

function event(t: Ticket, a: Actor, type: TicketEventType, to: TicketStatus, note: string, isPublic: boolean, detail?: Record<string, unknown>): Omit<TicketEvent, 'at'> {
  return { type, actorId: a.id, actorName: a.name, actorRole: a.role, from: t.status, to, note, public: isPublic, ...(detail ? { detail } : {}) };
}

/** The deadline to handle a ticket accepted (or sent back) `now`: the end of its handle days' last working day (shared/workdays.ts), or an earlier supervision deadline. */
function handleBy(t: Ticket, now: Date): Date {
  const limit = addWorkingDays(now, t.handleDays);
  return t.supervision && t.supervision.deadline < limit ? t.supervision.deadline : limit;
}

/** Days ahead of today a new date may be (an extension's, a suspension's return). */
const MAX_DAYS_AHEAD = TICKET_LIMITS.maxDaysAhead;

/** The local date `days` days after `now`'s local date. */
function dateAhead(now: Date, days: number): string {
  return localDateOf(addDays(endOfLocalDay(localDateOf(now)), days));
}

/** A community problem (社区问题): closing it needs a passed on-site check (核查); disputes and 其他 close on the follow-up as before. */
export function needsVerification(t: Pick<Ticket, 'category'>): boolean {
  return isCommunityProblem(t.category);
}

/** Who recorded the latest handling (反馈) of `t`, or null. */
export function handledBy(t: Pick<Ticket, 'events'>): string | null {
  for (let i = t.events.length - 1; i >= 0; i -= 1) if (t.events[i].type === 'handled') return t.events[i].actorId;
  return null;
}

/**
 * May `a` check (核查) `t` as a person: an admin of its community, a grid worker of its community
 * — any grid — or an active 信息员 volunteer of it (issue 22), who neither holds it nor recorded its
 * latest handling. (Whether it is in a state to be checked is `decide`'s.)
 */
export function mayVerify(t: Ticket, a: Actor): boolean {
  if (a.communityId !== t.communityId) return false;
  if (!(isAdminOfTicket(t, a) || a.role === 'gridWorker' || isVolunteerActorOf(t, a, 'informant'))) return false;
  return !isAssignee(t, a) && handledBy(t) !== a.id;
}

/**
 * Sets deadline `due` on `t`: `dueAt` — or, while it is suspended, the deadline the clock will
 * restart from (`suspension.dueAtBefore`), `dueAt` staying null.
 */
function withDue(t: Ticket, due: Date): Pick<Change['set'], 'dueAt' | 'suspension'> {
  return t.suspension ? { suspension: { ...t.suspension, dueAtBefore: due } } : { dueAt: due };
}

/** Refuses a new date that is not after `after` (local) or more than {@link MAX_DAYS_AHEAD} days ahead of today. */
function requireDateWithin(date: string, after: string, now: Date): void {
  if (date <= after || date > dateAhead(now, MAX_DAYS_AHEAD)) throw new AppError('TICKET.DEADLINE_INVALID');
}

/**
 * Decides a command on a ticket. Returns the change to write; throws the refusal.
 * `now` is the function's clock (shared/clock.ts); dates in commands are local `YYYY-MM-DD`.
 */
export function decide(t: Ticket, a: Actor, c: Command, now: Date): Change {
  switch (c.type) {
    case 'accept': {
      if (a.role !== 'gridWorker') {
        requireStaffView(t, a);
        throw new AppError('COMMON.FORBIDDEN');
      }
      if (t.status !== 'pending') {
        if (!seesStaffView(t, a)) throw new AppError('TICKET.NOT_FOUND');
        if (t.assigneeId && isOpen(t)) throw new AppError('TICKET.ALREADY_ACCEPTED', { assigneeName: t.assigneeName });
        wrongState(t);
      }
      if (!isGridWorkerOfTicket(t, a)) throw new AppError('TICKET.NOT_FOUND');
      return {
        set: { status: 'inProgress', assigneeId: a.id, assigneeName: a.name, acceptedAt: now, dueAt: handleBy(t, now), overdue: false },
        events: [event(t, a, 'accepted', 'inProgress', '', true)],
        to: 'inProgress',
      };
    }
    case 'assign': {
      if (!isAdminOfTicket(t, a)) {
        requireStaffView(t, a);
        throw new AppError('COMMON.FORBIDDEN');
      }
      requireStatus(t, 'pending', 'inProgress');
      if (t.assigneeId === c.worker.id) throw new AppError('TICKET.WRONG_STATE', { status: t.status });
      return {
        set: { status: 'inProgress', assigneeId: c.worker.id, assigneeName: c.worker.name, acceptedAt: now, ...withDue(t, handleBy(t, now)), overdue: false },
        events: [event(t, a, 'assigned', 'inProgress', '', true, { workerId: c.worker.id, workerName: c.worker.name })],
        to: 'inProgress',
      };
    }
    case 'note': {
      requireStaffView(t, a);
      requireStatus(t, 'inProgress', 'handled');
      requireHandler(t, a);
      return { set: {}, events: [event(t, a, 'note', t.status, c.text, c.public)], to: t.status };
    }
    case 'coordinate': {
      requireStaffView(t, a);
      requireStatus(t, 'inProgress');
      requireHandler(t, a);
      const department = c.department === 'other' && c.departmentName ? c.departmentName : DEPARTMENT_LABELS[c.department];
      return {
        set: {},
        events: [event(t, a, 'coordinated', t.status, c.agreed, true, { department: c.department, departmentName: department, contact: c.contact, by: c.by })],
        to: t.status,
      };
    }
    case 'return': {
      // a grid's worker may return a waiting ticket that is not their grid's business; the assignee may return theirs
      const mayReturn = (t.status === 'pending' && isGridWorkerOfTicket(t, a) && !t.assigneeId) || (t.status === 'inProgress' && isAssignee(t, a));
      if (!mayReturn) {
        requireStaffView(t, a);
        if (t.status === 'inProgress' && !isAssignee(t, a)) throw new AppError('TICKET.NOT_ASSIGNEE');
        wrongState(t);
      }
      const ended = t.suspension ? endSuspension(t, now, now) : null;
      return {
        set: {
          status: 'pending',
          gridId: null,
          ...(t.gridId ? { returnedFromGridId: t.gridId } : {}),
          assigneeId: null,
          assigneeName: null,
          hardCase: true,
          hardCaseReason: 'returned',
          dueAt: addHours(now, ACCEPT_HOURS),
          overdue: false,
          returns: (t.returns ?? 0) + 1,
          // a suspension ends with the assignee's hold on it (its days counted); a request of theirs no longer waits
          ...(ended ? { suspension: null, suspendedDays: ended.set.suspendedDays } : {}),
          ...(t.extension?.status === 'requested' ? { extension: null } : {}),
        },
        // the days a suspension it ended stood still go with the event (console.stats' 挂起天数)
        events: [event(t, a, 'returned', 'pending', c.reason, false, ended ? { suspendedDays: ended.days } : undefined)],
        to: 'pending',
      };
    }
    case 'handle': {
      requireStaffView(t, a);
      requireStatus(t, 'inProgress');
      requireHandler(t, a);
      // handled while suspended (the work finished early): the suspension ends, its days counted, on time against the restarted clock
      const ended = t.suspension ? endSuspension(t, now, handleBy(t, now)) : null;
      const resumed = ended ? ended.set : null;
      const due = resumed ? resumed.dueAt : t.dueAt;
      return {
        set: {
          status: 'handled',
          handledAt: now,
          handledOnTime: !due || now <= due,
          dueAt: null,
          overdue: false,
          followUps: 0,
          verification: null,
          ...(resumed ? { suspension: null, suspendedDays: resumed.suspendedDays } : {}),
        },
        events: [event(t, a, 'handled', 'handled', c.result, true, ended ? { suspendedDays: ended.days } : undefined)],
        to: 'handled',
      };
    }
    case 'followUp': {
      requireStaffView(t, a);
      requireStatus(t, 'handled');
      requireHandler(t, a);
      if (!t.reporterId) throw new AppError('TICKET.WRONG_STATE', { status: t.status, reason: 'noReporter' });
      if (c.date > localDateOf(now)) throw new AppError('TICKET.DEADLINE_INVALID');
      return {
        set: { followUps: t.followUps + 1 },
        events: [event(t, a, 'followedUp', t.status, c.reporterSaid, true, { date: c.date, method: c.method, methodLabel: FOLLOW_UP_LABELS[c.method] })],
        to: t.status,
      };
    }
    case 'close': {
      requireStaffView(t, a);
      requireStatus(t, 'handled');
      requireHandler(t, a);
      if (t.reporterId && t.followUps < 1) throw new AppError('TICKET.FOLLOW_UP_REQUIRED');
      if (needsVerification(t) && !t.verification?.passed) throw new AppError('TICKET.VERIFY_REQUIRED');
      return {
        set: { status: 'closed', closedAt: now, closedOnTime: t.handledOnTime !== false, dueAt: null, overdue: false },
        events: [event(t, a, 'closed', 'closed', c.summary, true)],
        to: 'closed',
      };
    }
    case 'rate': {
      if (t.reporterId !== a.id) throw new AppError('TICKET.NOT_FOUND');
      if (t.status !== 'closed') throw new AppError('TICKET.NOT_RATABLE');
      if (t.ratings.length > t.reworks) throw new AppError('TICKET.ALREADY_RATED');
      const rating = { rating: c.rating, comment: c.comment, at: now };
      const rated = event(t, a, 'rated', 'closed', c.comment, true, { rating: c.rating, ratingLabel: RATING_LABELS[c.rating] });
      if (c.rating === 'unsatisfied' && t.reworks === 0) {
        return {
          set: { status: 'inProgress', ratings: [...t.ratings, rating], reworks: 1, dueAt: handleBy(t, now), overdue: false, followUps: 0, ratingAskedAt: null },
          events: [rated, { ...event(t, a, 'rework', 'inProgress', '居民评价不满意，重新处理', true), from: 'closed' }],
          to: 'inProgress',
        };
      }
      return { set: { ratings: [...t.ratings, rating] }, events: [rated], to: 'closed' };
    }
    case 'join': {
      if (a.communityId === t.communityId && a.role !== 'resident') throw new AppError('COMMON.FORBIDDEN');
      // "me too" is for community problems only (audience.ts): another resident — maybe the very
      // neighbour a dispute is about — learns nothing of a dispute, not even that it exists
      if (!relationOf(t, a.id) && !sees(t, 'resident', 'problem')) throw new AppError('TICKET.NOT_FOUND');
      if (a.communityId !== t.communityId || !isOpen(t)) {
        if (a.communityId === t.communityId && (t.status === 'closed' || t.status === 'merged')) throw new AppError('TICKET.WRONG_STATE', { status: t.status });
        throw new AppError('TICKET.NOT_FOUND');
      }
      if (relationOf(t, a.id)) throw new AppError('TICKET.ALREADY_FOLLOWING');
      return { set: {}, follow: a.id, events: [event(t, a, 'joined', t.status, '', false)], to: t.status };
    }
    case 'supervise': {
      if (!isAdminOfTicket(t, a)) {
        requireStaffView(t, a);
        throw new AppError('COMMON.FORBIDDEN');
      }
      requireStatus(t, 'pending', 'inProgress');
      if (c.deadline < localDateOf(now)) throw new AppError('TICKET.DEADLINE_INVALID');
      const deadline = endOfLocalDay(c.deadline);
      const reason: HardCaseReason = t.hardCaseReason ?? 'supervised';
      return {
        set: {
          supervision: { deadline, note: c.note, byId: a.id, byName: a.name, at: now },
          hardCase: true,
          hardCaseReason: reason,
          ...(t.suspension
            ? withDue(t, !t.suspension.dueAtBefore || deadline < t.suspension.dueAtBefore ? deadline : t.suspension.dueAtBefore)
            : { dueAt: t.status === 'pending' || !t.dueAt || deadline < t.dueAt ? deadline : t.dueAt }),
          overdue: false,
        },
        events: [event(t, a, 'supervised', t.status, c.note, true, { deadline: c.deadline })],
        to: t.status,
      };
    }
    case 'remind': {
      if (!isAdminOfTicket(t, a)) {
        requireStaffView(t, a);
        throw new AppError('COMMON.FORBIDDEN');
      }
      requireStatus(t, 'pending', 'inProgress');
      return { set: {}, events: [event(t, a, 'reminded', t.status, c.note, false)], to: t.status };
    }
    case 'escalate': {
      if (a.role !== 'timer') throw new AppError('COMMON.FORBIDDEN');
      // a suspended ticket's clock stands still (dueAt null): never overdue
      if (!(t.status === 'pending' || t.status === 'inProgress') || t.suspension || t.overdue || !t.dueAt || t.dueAt > now) wrongState(t);
      return {
        set: { overdue: true, hardCase: true, hardCaseReason: t.hardCaseReason ?? 'overdue' },
        events: [event(t, a, 'escalated', t.status, t.status === 'pending' ? `超过 ${ACCEPT_HOURS} 小时无人受理，转社区督办` : '超过办理时限，转社区督办', false)],
        to: t.status,
      };
    }
    case 'autoClose':
      // the follow-up window has passed (domain/autoClose.ts): the timer closes it — a community problem only once checked (核查)
      if (needsVerification(t) && !t.verification?.passed && a.role === 'timer') wrongState(t);
      return decideAutoClose(t, a, now);
    case 'requestExtension': {
      requireStaffView(t, a);
      requireStatus(t, 'inProgress');
      if (!isAssignee(t, a)) {
        if (isAdminOfTicket(t, a)) throw new AppError('COMMON.FORBIDDEN');
        throw new AppError('TICKET.NOT_ASSIGNEE');
      }
      if (t.suspension) throw new AppError('TICKET.SUSPENDED');
      if (t.extension?.status === 'requested') throw new AppError('TICKET.EXTENSION_PENDING');
      requireDateWithin(c.untilDate, t.dueAt ? localDateOf(t.dueAt) : localDateOf(now), now);
      return {
        set: { extension: { status: 'requested', untilDate: c.untilDate, reason: c.reason, byId: a.id, byName: a.name, at: now } },
        events: [event(t, a, 'extensionRequested', t.status, c.reason, false, { untilDate: c.untilDate })],
        to: t.status,
      };
    }
    case 'decideExtension': {
      if (!isAdminOfTicket(t, a)) {
        requireStaffView(t, a);
        throw new AppError('COMMON.FORBIDDEN');
      }
      requireStatus(t, 'inProgress');
      const x = t.extension;
      if (!x || x.status !== 'requested') wrongState(t);
      const decided = { ...x, decidedById: a.id, decidedByName: a.name, decidedAt: now };
      if (c.approve) {
        const due = endOfLocalDay(x.untilDate);
        return {
          set: { extension: { ...decided, status: 'approved' }, deferred: true, ...withDue(t, due), overdue: false },
          events: [event(t, a, 'extended', t.status, `办理期限延至 ${dateWords(x.untilDate, now)}`, true, { untilDate: x.untilDate })],
          to: t.status,
        };
      }
      if (!c.reason || !c.reason.trim()) throw new AppError('COMMON.INVALID_INPUT', { field: 'reason' });
      return {
        set: { extension: { ...decided, status: 'declined', declineReason: c.reason } },
        events: [event(t, a, 'extensionDeclined', t.status, c.reason, false, { untilDate: x.untilDate })],
        to: t.status,
      };
    }
    case 'suspend': {
      requireStaffView(t, a);
      requireStatus(t, 'inProgress');
      requireHandler(t, a);
      if (t.suspension) throw new AppError('TICKET.SUSPENDED');
      requireDateWithin(c.untilDate, localDateOf(now), now);
      return {
        set: { suspension: { reason: c.reason, untilDate: c.untilDate, at: now, byId: a.id, byName: a.name, dueAtBefore: t.dueAt }, dueAt: null, overdue: false },
        events: [event(t, a, 'suspended', t.status, c.reason, true, { untilDate: c.untilDate })],
        to: t.status,
      };
    }
    case 'resume': {
      if (a.role === 'timer') {
        // the timer resumes on the return date
        if (t.status !== 'inProgress' || !t.suspension || t.suspension.untilDate > localDateOf(now)) wrongState(t);
      } else {
        requireStaffView(t, a);
        requireStatus(t, 'inProgress');
        requireHandler(t, a);
        if (!t.suspension) throw new AppError('TICKET.NOT_SUSPENDED');
      }
      const ended = endSuspension(t, now, handleBy(t, now));
      return {
        set: ended.set,
        events: [
          event(t, a, 'resumed', t.status, a.role === 'timer' ? '挂起期满，恢复办理' : '恢复办理', true, {
            auto: a.role === 'timer',
            days: ended.days,
            workingDays: ended.workingDays,
            dueDate: localDateOf(ended.set.dueAt),
          }),
        ],
        to: t.status,
      };
    }
    case 'verify': {
      // a worker of another grid of the community may check a handled community problem; of anything else they learn nothing
      // so may an active 信息员 volunteer of the community (issue 22)
      const checker = (a.role === 'gridWorker' && a.communityId === t.communityId) || isVolunteerActorOf(t, a, 'informant');
      if (!seesStaffView(t, a) && !(checker && t.status === 'handled' && needsVerification(t))) throw new AppError('TICKET.NOT_FOUND');
      if (t.status !== 'handled' || !needsVerification(t) || t.verification?.passed) wrongState(t);
      if (!mayVerify(t, a)) throw new AppError('TICKET.SELF_VERIFY');
      // the check itself leaves it handled; a failed one's rework (the next event) sends it back
      const checked = event(t, a, 'verified', 'handled', c.note, true, { passed: c.passed, photos: c.photos });
      if (c.passed) {
        return { set: { verification: { passed: true, note: c.note, photos: c.photos, byId: a.id, byName: a.name, at: now } }, events: [checked], to: 'handled' };
      }
      if ([...c.note.trim()].length < TICKET_LIMITS.verifyNote.failedMin) throw new AppError('COMMON.INVALID_INPUT', { field: 'note' });
      return {
        set: { status: 'inProgress', verifyReworks: (t.verifyReworks ?? 0) + 1, dueAt: handleBy(t, now), overdue: false, followUps: 0, verification: null },
        events: [checked, { ...event(t, a, 'rework', 'inProgress', `现场核查未通过：${c.note}`, true, { by: 'verification' }), from: 'handled' }],
        to: 'inProgress',
      };
    }
    case 'inviteMediator': {
      // the assignee of an open neighbour dispute (not a community problem, not 其他); admins and the grid's others: FORBIDDEN
      requireStaffView(t, a);
      if (!isAssignee(t, a)) throw new AppError('TICKET.NOT_ASSIGNEE');
      if (!isNeighbourDispute(t.category)) throw new AppError('TICKET.NOT_A_DISPUTE');
      requireStatus(t, 'inProgress', 'handled');
      // a party to it (its reporter, a neighbour following it) is never its mediator
      if (relationOf(t, c.mediator.id)) throw new AppError('TICKET.MEDIATOR_IS_PARTY');
      if (t.mediatorIds?.includes(c.mediator.id)) throw new AppError('TICKET.MEDIATOR_INVITED');
      return {
        set: { mediatorIds: [...(t.mediatorIds ?? []), c.mediator.id] },
        events: [event(t, a, 'mediatorInvited', t.status, '', false, { mediatorId: c.mediator.id, mediatorName: c.mediator.name })],
        to: t.status,
      };
    }
  }
}

/** Whether `decide` would allow command type `type` now (the detail page's buttons). */
export function allows(t: Ticket, a: Actor, c: Command, now: Date): boolean {
  try {
    decide(t, a, c, now);
    return true;
  } catch {
    return false;
  }
}

/** Which staff actions the detail page offers `a` on `t` now. Merge needs a second ticket: offered while open. */
export function staffActions(t: Ticket, a: Actor, now: Date) {
  const today = localDateOf(now);
  return {
    accept: allows(t, a, { type: 'accept' }, now),
    note: allows(t, a, { type: 'note', text: 'x', public: false }, now),
    coordinate: allows(t, a, { type: 'coordinate', department: 'other', contact: 'x', agreed: 'x', by: today }, now),
    return: allows(t, a, { type: 'return', reason: 'x' }, now),
    handle: allows(t, a, { type: 'handle', result: 'x' }, now),
    followUp: allows(t, a, { type: 'followUp', date: today, method: 'phone', reporterSaid: 'x' }, now),
    close: allows(t, a, { type: 'close', summary: '' }, now),
    merge: isOpen(t) && seesStaffView(t, a),
    assign: allows(t, a, { type: 'assign', worker: { id: '\u0000', name: '' } }, now),
    supervise: allows(t, a, { type: 'supervise', deadline: today, note: 'x' }, now),
    remind: allows(t, a, { type: 'remind', note: 'x' }, now),
    // issue 21: the earliest date each would take
    requestExtension: allows(t, a, { type: 'requestExtension', untilDate: localDateOf(addDays(t.dueAt ?? now, 1)), reason: 'xx' }, now),
    decideExtension: allows(t, a, { type: 'decideExtension', approve: true }, now),
    suspend: allows(t, a, { type: 'suspend', reason: 'xx', untilDate: dateAhead(now, 1) }, now),
    resume: allows(t, a, { type: 'resume' }, now),
    verify: allows(t, a, { type: 'verify', passed: true, note: '', photos: [] }, now),
    // issue 22: any resident id but the parties' (whether it is an active mediator is the action's check)
    inviteMediator: allows(t, a, { type: 'inviteMediator', mediator: { id: '\u0000', name: '' } }, now),
  };
}

/**
 * The merge rule (并单): `dup` folds into `into` — both open, different, same community, and the
 * caller sees both as staff. The duplicate's reporter and followers then follow the original.
 * Errors: TICKET.NOT_FOUND, TICKET.MERGE_INVALID.
 */
export function decideMerge(dup: Ticket, into: Ticket, a: Actor, now: Date): { dup: Change; into: Change; newFollowers: string[] } {
  if (!seesStaffView(dup, a) || !seesStaffView(into, a)) throw new AppError('TICKET.NOT_FOUND');
  if (dup._id === into._id || dup.communityId !== into.communityId || !isOpen(dup) || !isOpen(into)) throw new AppError('TICKET.MERGE_INVALID');
  const newFollowers = [dup.reporterId, ...dup.followerIds].filter((id): id is string => !!id && id !== into.reporterId && !into.followerIds.includes(id));
  void now;
  return {
    dup: {
      set: { status: 'merged', mergedInto: into._id, dueAt: null, overdue: false },
      events: [event(dup, a, 'merged', 'merged', '与另一个相同的问题合并处理', true, { into: into._id })],
      to: 'merged',
    },
    into: { set: {}, events: [event(into, a, 'mergedIn', into.status, '', false, { from: dup._id })], to: into.status },
    newFollowers,
  };
}
