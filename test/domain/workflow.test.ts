/**
 * The ticket workflow's rules as properties (pure, fast-check): whatever people try, in whatever
 * order, every ticket's history stays one the case loop allows — each event continues from the
 * status the last one left, only the loop's edges are taken, a pending ticket has nobody assigned,
 * a closed one with a reporter was followed up, rework happens at most once, nobody rates twice
 * per closing, and refused commands are refused with a stable code.
 */
import fc from 'fast-check';
import { AppError } from '../../cloudfunctions/shared/errors';
import type { Ticket, TicketStatus } from '../../cloudfunctions/shared/model';
import { applyChange, draftTicket } from '../../cloudfunctions/ticket/domain/draft';
import { decide, type Actor, type Command } from '../../cloudfunctions/ticket/domain/workflow';

const reporter: Actor = { id: 'r-zhao', name: '赵建国', role: 'resident', communityId: 'c-1', gridIds: [] };
const neighbour: Actor = { id: 'r-zou', name: '邹建庄', role: 'resident', communityId: 'c-1', gridIds: [] };
const worker: Actor = { id: 'w-yan', name: '严婷', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const otherWorker: Actor = { id: 'w-other', name: '网格员甲', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const outsider: Actor = { id: 'w-chen', name: '陈晓丹', role: 'gridWorker', communityId: 'c-2', gridIds: ['G9'] };
const admin: Actor = { id: 'a-wang', name: '王乐天', role: 'communityAdmin', communityId: 'c-1', gridIds: [] };
const timer: Actor = { id: 'timer', name: '系统', role: 'timer', communityId: 'c-1', gridIds: [] };

const EDGES = new Set([
  'null>pending',
  'pending>inProgress',
  'inProgress>inProgress',
  'inProgress>handled',
  'inProgress>pending',
  'pending>pending',
  'handled>handled',
  'handled>closed',
  'closed>closed',
  'closed>inProgress',
]);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.constant<Command>({ type: 'accept' }),
  fc.constant<Command>({ type: 'assign', worker: { id: 'w-other', name: '网格员甲' } }),
  fc.boolean().map<Command>((p) => ({ type: 'note', text: '记录', public: p })),
  fc.constant<Command>({ type: 'coordinate', department: 'lawEnforcement', contact: '马队长', agreed: '限期拆除', by: '2026-12-01' }),
  fc.constant<Command>({ type: 'return', reason: '不归本网格' }),
  fc.constant<Command>({ type: 'handle', result: '已处理' }),
  fc.constantFrom('2026-01-01', '2999-01-01').map<Command>((date) => ({ type: 'followUp', date, method: 'phone', reporterSaid: '好' })),
  fc.constant<Command>({ type: 'close', summary: '' }),
  fc.constantFrom('satisfied', 'fairlySatisfied', 'unsatisfied').map<Command>((rating) => ({ type: 'rate', rating: rating as 'satisfied', comment: '' })),
  fc.constant<Command>({ type: 'join' }),
  fc.constantFrom('2020-01-01', '2999-01-01').map<Command>((deadline) => ({ type: 'supervise', deadline, note: '督办' })),
  fc.constant<Command>({ type: 'remind', note: '催办' }),
  fc.constant<Command>({ type: 'escalate' }),
);
const actor = fc.constantFrom(reporter, neighbour, worker, otherWorker, outsider, admin, timer);
const KNOWN_CODES = /^(TICKET\.(NOT_FOUND|ALREADY_ACCEPTED|WRONG_STATE|NOT_ASSIGNEE|FOLLOW_UP_REQUIRED|NOT_RATABLE|ALREADY_RATED|ALREADY_FOLLOWING|DEADLINE_INVALID)|COMMON\.FORBIDDEN)$/;

function fresh(now: Date): Ticket {
  return draftTicket({
    id: 't1',
    communityId: 'c-1',
    reporter: { _id: reporter.id, name: reporter.name },
    actor: { _id: reporter.id, name: reporter.name, role: 'resident' },
    source: 'residentReport',
    category: 'sanitation',
    text: '楼上半夜装修',
    place: { estate: { _id: 'e1', name: '壁山丽景小区' }, building: '3号楼', unit: null, spot: '' },
    photos: [],
    anonymous: true,
    grids: [{ _id: 'G1', covers: [{ estateId: 'e1', buildings: ['3号楼'] }] }],
    requestKey: 'r-zhao:req',
    now,
  });
}

it('any sequence of attempts leaves a history the case loop allows', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(actor, command, fc.integer({ min: 0, max: 72 })), { maxLength: 40 }), (attempts) => {
      let now = new Date('2026-11-20T02:00:00Z');
      let t = fresh(now);
      for (const [a, c, hours] of attempts) {
        now = new Date(now.getTime() + hours * 3_600_000);
        let next: Ticket;
        try {
          next = applyChange(t, decide(t, a, c, now), now);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toMatch(KNOWN_CODES);
          continue;
        }
        // nobody outside the community ever changes it; residents only rate (the reporter) or join (a neighbour)
        expect(a.communityId).toBe('c-1');
        if (a.role === 'resident') expect(c.type === 'rate' ? a.id === reporter.id : c.type === 'join' && a.id !== reporter.id).toBe(true);
        t = next;
        // invariants after every accepted change
        expect(t.version).toBe(t.events.length - 1);
        t.events.forEach((e, i) => {
          const prev: TicketStatus | null = i === 0 ? null : t.events[i - 1].to;
          expect({ i, from: e.from }).toEqual({ i, from: prev });
          expect(EDGES.has(`${e.from}>${e.to}`)).toBe(true);
        });
        expect(t.status).toBe(t.events[t.events.length - 1].to);
        if (t.status === 'pending') expect(t.assigneeId).toBeNull();
        if (t.status === 'inProgress' || t.status === 'handled') expect(t.assigneeId).not.toBeNull();
        if (t.status === 'closed') expect(t.events.some((e) => e.type === 'followedUp')).toBe(true);
        expect(t.reworks).toBeLessThanOrEqual(1);
        expect(t.ratings.length).toBeLessThanOrEqual(t.reworks + 1);
        expect(t.events.filter((e) => e.type === 'closed').length).toBeGreaterThanOrEqual(t.ratings.length);
        if (t.overdue) expect(t.hardCase).toBe(true);
      }
    }),
    { numRuns: 500 },
  );
});

it('a neighbour’s join of a dispute is refused exactly as a missing ticket, whatever its status (issue 16)', () => {
  const now = new Date('2026-11-20T02:00:00Z');
  for (const status of ['pending', 'inProgress', 'handled', 'closed', 'merged'] as TicketStatus[]) {
    const t = { ...fresh(now), category: 'noise' as const, status };
    expect(() => decide(t, neighbour, { type: 'join' }, now)).toThrow(expect.objectContaining({ code: 'TICKET.NOT_FOUND' }));
  }
  // a community problem is "me too"
  expect(decide(fresh(now), neighbour, { type: 'join' }, now).follow).toBe(neighbour.id);
});

it('the reporter’s identity never enters an event a neighbour could see', () => {
  let now = new Date('2026-11-20T02:00:00Z');
  let t = fresh(now);
  for (const [a, c] of [
    [neighbour, { type: 'join' }],
    [worker, { type: 'accept' }],
    [worker, { type: 'note', text: '反映人赵建国要求保密', public: false }],
  ] as [Actor, Command][]) {
    now = new Date(now.getTime() + 3_600_000);
    t = applyChange(t, decide(t, a, c, now), now);
  }
  const publicText = JSON.stringify(t.events.filter((e) => e.public).map((e) => [e.note, e.detail]));
  expect(publicText).not.toContain('赵建国');
});
