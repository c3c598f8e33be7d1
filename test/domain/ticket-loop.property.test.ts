/**
 * The new steps of the case loop as properties of `decide` (pure, fast-check; issue 21 "Done when";
 * docs/case-loop-design.md §3): whatever sequence of commands — the old ones and 延期, 挂起, 恢复,
 * 核查 — random people try at random times, every accepted change keeps
 * - a history the loop allows (each event continues from the status the last one left, along the
 *   loop's edges; each new event type only on its own edge);
 * - a deadline the working-day calendar gives: an approved extension's is the end of its date, a
 *   resumed one's is the old deadline moved on by exactly the working days the ticket stood still
 *   (counted here day by day, independently of the code under test, from the calendar's own
 *   `addWorkingDays`);
 * - no suspended ticket ever overdue (its clock stands still: no deadline, never escalated);
 * - `deferred` true exactly when an extension was approved;
 * - a closed community problem checked (a passed 核查) since its last handling.
 * Refusals are AppErrors with the stable codes of the catalogue.
 */
import fc from 'fast-check';
import { addWorkingDays, endOfLocalDay, isOverdue, localDateOf } from '../../cloudfunctions/shared/deadlines';
import { AppError, ERRORS } from '../../cloudfunctions/shared/errors';
import type { Ticket, TicketStatus } from '../../cloudfunctions/shared/model';
import { applyChange, draftTicket } from '../../cloudfunctions/ticket/domain/draft';
import { decide, type Actor, type Command } from '../../cloudfunctions/ticket/domain/workflow';

const reporter: Actor = { id: 'r-zhao', name: '赵建国', role: 'resident', communityId: 'c-1', gridIds: [] };
const worker: Actor = { id: 'w-yan', name: '严婷', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const sameGrid: Actor = { id: 'w-other', name: '网格员甲', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const otherGrid: Actor = { id: 'w-he', name: '何春燕', role: 'gridWorker', communityId: 'c-1', gridIds: ['G2'] };
const outsider: Actor = { id: 'w-chen', name: '陈晓丹', role: 'gridWorker', communityId: 'c-2', gridIds: ['G9'] };
const admin: Actor = { id: 'a-wang', name: '王乐天', role: 'communityAdmin', communityId: 'c-1', gridIds: [] };
const admin2: Actor = { id: 'a-qian', name: '钱卫东', role: 'communityAdmin', communityId: 'c-1', gridIds: [] };
const timer: Actor = { id: 'timer', name: '系统', role: 'timer', communityId: 'c-1', gridIds: [] };

/** The loop's edges (status before → after) each event type may take. */
const EDGES: Record<string, string[]> = {
  reported: ['null>pending'],
  accepted: ['pending>inProgress'],
  assigned: ['pending>inProgress', 'inProgress>inProgress'],
  note: ['inProgress>inProgress', 'handled>handled'],
  coordinated: ['inProgress>inProgress'],
  returned: ['inProgress>pending', 'pending>pending'],
  handled: ['inProgress>handled'],
  followedUp: ['handled>handled'],
  closed: ['handled>closed'],
  rated: ['closed>closed'],
  rework: ['closed>inProgress', 'handled>inProgress'],
  supervised: ['pending>pending', 'inProgress>inProgress'],
  reminded: ['pending>pending', 'inProgress>inProgress'],
  escalated: ['pending>pending', 'inProgress>inProgress'],
  extensionRequested: ['inProgress>inProgress'],
  extended: ['inProgress>inProgress'],
  extensionDeclined: ['inProgress>inProgress'],
  suspended: ['inProgress>inProgress'],
  resumed: ['inProgress>inProgress'],
  verified: ['handled>handled'],
};

const dateIn = (days: number) => fc.constant(days);
type Make = (now: Date, t: Ticket) => Command;
const often = (arbitrary: fc.Arbitrary<Make>) => ({ arbitrary, weight: 4 });
const command: fc.Arbitrary<Make> = fc.oneof(
  fc.constant(() => ({ type: 'accept' }) as Command),
  fc.constant(() => ({ type: 'assign', worker: { id: 'w-yan', name: '严婷' } }) as Command),
  fc.constant(() => ({ type: 'return', reason: '不归本网格' }) as Command),
  fc.constant(() => ({ type: 'handle', result: '已处理' }) as Command),
  fc.constant((now: Date) => ({ type: 'followUp', date: localDateOf(now), method: 'phone', reporterSaid: '好' }) as Command),
  fc.constant(() => ({ type: 'close', summary: '' }) as Command),
  fc.constantFrom('satisfied', 'unsatisfied').map((rating) => () => ({ type: 'rate', rating, comment: '' }) as Command),
  fc.integer({ min: -2, max: 5 }).map((d) => (now: Date) => ({ type: 'supervise', deadline: localDateOf(new Date(now.getTime() + d * 86_400_000)), note: '督办' }) as Command),
  fc.constant(() => ({ type: 'escalate' }) as Command),
  fc.constant(() => ({ type: 'autoClose' }) as Command),
  // 延期: a date around the current deadline and the 60-day limit
  often(fc.oneof(dateIn(-1), dateIn(0), dateIn(1), dateIn(5), dateIn(20), dateIn(61)).map((d): Make => (now, t) => ({ type: 'requestExtension', untilDate: localDateOf(new Date((t.dueAt ?? now).getTime() + d * 86_400_000)), reason: '等待物业' }) as Command)),
  often(fc.boolean().chain((approve) => fc.constantFrom(undefined, '请先联系物业').map((reason) => () => ({ type: 'decideExtension', approve, ...(reason ? { reason } : {}) }) as Command))),
  // 挂起 / 恢复
  often(fc.integer({ min: -1, max: 62 }).map((d) => (now: Date) => ({ type: 'suspend', reason: '等天晴', untilDate: localDateOf(new Date(now.getTime() + d * 86_400_000)) }) as Command)),
  often(fc.constant(() => ({ type: 'resume' }) as Command)),
  // 核查
  often(fc.boolean().chain((passed) => fc.constantFrom('', '还有垃圾').map((note) => () => ({ type: 'verify', passed, note, photos: [] }) as Command))),
);
/** A path through every new step; each run starts with a random part of it (a random walk alone reaches a closing rarely). */
const HAPPY: [Actor, Make, number][] = [
  [worker, () => ({ type: 'accept' }), 1],
  [worker, (now, t) => ({ type: 'requestExtension', untilDate: localDateOf(new Date((t.dueAt ?? now).getTime() + 5 * 86_400_000)), reason: '等待物业' }), 2],
  [admin, () => ({ type: 'decideExtension', approve: true }), 3],
  [worker, (now) => ({ type: 'suspend', reason: '等天晴', untilDate: localDateOf(new Date(now.getTime() + 4 * 86_400_000)) }), 5],
  [timer, () => ({ type: 'resume' }), 100],
  [worker, () => ({ type: 'handle', result: '已处理' }), 24],
  [otherGrid, () => ({ type: 'verify', passed: false, note: '还有垃圾', photos: [] }), 3],
  [worker, () => ({ type: 'handle', result: '已处理' }), 24],
  [worker, (now) => ({ type: 'followUp', date: localDateOf(now), method: 'phone', reporterSaid: '好' }), 2],
  [admin2, () => ({ type: 'verify', passed: true, note: '', photos: [] }), 2],
  [worker, () => ({ type: 'close', summary: '' }), 1],
];

/** Mostly the people who work a ticket (the assignee, admins, another grid's worker), now and then anyone. */
const actor = fc.oneof({ arbitrary: fc.constantFrom(worker, admin, admin2, otherGrid), weight: 4 }, { arbitrary: fc.constantFrom(reporter, sameGrid, outsider, timer), weight: 1 });
const category = fc.constantFrom('sanitation', 'facilities', 'noise', 'other') as fc.Arbitrary<Ticket['category']>;

function fresh(now: Date, cat: Ticket['category']): Ticket {
  return draftTicket({
    id: 't1',
    communityId: 'c-1',
    reporter: { _id: reporter.id, name: reporter.name },
    actor: { _id: reporter.id, name: reporter.name, role: 'resident' },
    source: 'residentReport',
    category: cat,
    text: '楼道里堆满了杂物',
    place: { estate: { _id: 'e1', name: '壁山丽景小区' }, building: '3号楼', unit: null, spot: '' },
    photos: [],
    anonymous: true,
    grids: [{ _id: 'G1', covers: [{ estateId: 'e1', buildings: ['3号楼'] }] } as never],
    requestKey: 'r-zhao:req',
    now,
  });
}

/** Is local date `d` a working day of the calendar: the first working day after the day before is `d` itself. */
function isWorkingDay(d: string): boolean {
  const before = new Date(endOfLocalDay(d).getTime() - 86_400_000);
  return localDateOf(addWorkingDays(before, 1)) === d;
}

/** Working days in (local date of a, local date of b], counted day by day. */
function workingDaysBetween(a: Date, b: Date): number {
  let n = 0;
  for (let d = new Date(endOfLocalDay(localDateOf(a)).getTime() + 1); d.getTime() <= endOfLocalDay(localDateOf(b)).getTime(); d = new Date(d.getTime() + 86_400_000)) {
    if (isWorkingDay(localDateOf(d))) n += 1;
  }
  return n;
}

const COMMUNITY_PROBLEM = new Set(['sanitation', 'greenery', 'facilities', 'roads', 'safety']);

/** The steps the random runs reached (the property must have exercised every new one). */
const reached = new Set<string>();

it('any sequence of the loop’s commands keeps a history the loop allows, calendar deadlines, no suspended ticket overdue, deferred iff an extension was approved', () => {
  fc.assert(
    fc.property(category, fc.integer({ min: 0, max: HAPPY.length }), fc.array(fc.tuple(actor, command, fc.integer({ min: 0, max: 96 })), { minLength: 10, maxLength: 60 }), (cat, prefix, randomAttempts) => {
      const attempts = [...HAPPY.slice(0, prefix), ...randomAttempts];
      let now = new Date('2026-11-20T02:00:00Z');
      let t = fresh(now, cat);
      for (const [a, make, hours] of attempts) {
        now = new Date(now.getTime() + hours * 3_600_000);
        const c = make(now, t);
        let next: Ticket;
        try {
          next = applyChange(t, decide(t, a, c, now), now);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect(Object.keys(ERRORS)).toContain((e as AppError).code);
          continue;
        }
        expect(a.communityId).toBe('c-1');
        const before = t;
        t = next;
        for (const e of t.events.slice(before.events.length)) reached.add(e.type === 'verified' ? `verified:${String(e.detail?.passed)}` : e.type === 'rework' ? `rework:${String(e.detail?.by ?? 'rating')}` : e.type);
        // the history: each event from the status the last one left, along its own edge
        t.events.forEach((e, i) => {
          const prev: TicketStatus | null = i === 0 ? null : t.events[i - 1].to;
          expect({ i, type: e.type, from: e.from }).toEqual({ i, type: e.type, from: prev });
          expect({ type: e.type, edge: EDGES[e.type]?.includes(`${e.from}>${e.to}`) }).toEqual({ type: e.type, edge: true });
        });
        expect(t.status).toBe(t.events[t.events.length - 1].to);
        // no suspended ticket is ever overdue: its clock stands still
        if (t.suspension) {
          expect(t.status).toBe('inProgress');
          expect(t.dueAt).toBeNull();
          expect(t.overdue).toBe(false);
          expect(isOverdue(t, now)).toBe(false);
        }
        // deferred exactly when an extension was approved
        expect(t.deferred ?? false).toBe(t.events.some((e) => e.type === 'extended'));
        // the deadlines the new steps give are the calendar's
        const last = t.events[t.events.length - 1];
        if (last.type === 'extended') expect(t.suspension ? t.suspension.dueAtBefore : t.dueAt).toEqual(endOfLocalDay(String(last.detail?.untilDate)));
        if (last.type === 'resumed' && before.suspension?.dueAtBefore) {
          const stood = workingDaysBetween(before.suspension.at, now);
          expect(last.detail?.workingDays).toBe(stood);
          expect(t.dueAt).toEqual(stood ? addWorkingDays(before.suspension.dueAtBefore, stood) : before.suspension.dueAtBefore);
        }
        if (last.type === 'resumed' || last.type === 'suspended') expect(t.status).toBe('inProgress');
        // a closed community problem was checked since its last handling; a dispute needs no check
        if (t.status === 'closed' && last.type === 'closed' && COMMUNITY_PROBLEM.has(t.category)) {
          const lastHandled = t.events.map((e) => e.type).lastIndexOf('handled');
          expect(t.events.slice(lastHandled).some((e) => e.type === 'verified' && e.detail?.passed === true)).toBe(true);
        }
        if (!COMMUNITY_PROBLEM.has(t.category)) expect(t.events.some((e) => e.type === 'verified')).toBe(false);
        // nobody checks what they handled
        t.events.forEach((e, i) => {
          if (e.type !== 'verified') return;
          const handledBy = t.events.slice(0, i).reverse().find((x) => x.type === 'handled')?.actorId;
          expect(e.actorId).not.toBe(handledBy);
        });
        expect(t.suspendedDays ?? 0).toBeGreaterThanOrEqual(0);
      }
    }),
    { numRuns: 600 },
  );
  for (const step of ['extensionRequested', 'extended', 'extensionDeclined', 'suspended', 'resumed', 'verified:true', 'verified:false', 'rework:verification', 'closed', 'escalated']) expect({ step, reached: reached.has(step) }).toEqual({ step, reached: true });
});
