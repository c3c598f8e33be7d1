/**
 * The consultation figures' definitions (`cloudfunctions/console/domain/consultation.ts`, issue 20),
 * table by table: each case is a handful of documents, run through the real pipelines by mingo (the
 * emulator's aggregation engine) and reduced by `consultationFigures`, against numbers worked out by
 * hand. Period: 2026-11-01 … 2026-11-30 (Asia/Shanghai); clock 2026-12-05 unless a case says.
 */
import 'mingo/init/system';
import { Aggregator } from 'mingo';
import {
  consultationFigures,
  meetingStages,
  opinionStages,
  outcomeKey,
  topicStages,
} from '../../cloudfunctions/console/domain/consultation';
import { periodOf } from '../../cloudfunctions/console/domain/period';
import type { ConsultationFigures } from '../../cloudfunctions/console/contract';

const P = periodOf('2026-11-01', '2026-11-30');
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);
const C = 'c-1';

type Doc = Record<string, unknown>;
const run = (docs: Doc[], stages: Record<string, unknown>[]) => new Aggregator(stages as never).run(docs) as never[];

function figures(data: { meetings?: Doc[]; opinions?: Doc[]; topics?: Doc[] }, now = at('12-05 10:00')): ConsultationFigures {
  return consultationFigures({
    meetings: run(data.meetings ?? [], meetingStages(C, P)),
    opinions: run(data.opinions ?? [], opinionStages(C, P, now)),
    topics: run(data.topics ?? [], topicStages(C, P)),
  });
}
const count = (list: { key: string; count: number }[], key: string) => list.find((i) => i.key === key)?.count;

let n = 0;
const meeting = (kind: string, status: string, startAt: string, attendance: { role: string; count: number }[] = [], communityId = C): Doc => ({ _id: `m${++n}`, communityId, kind, status, startAt: at(startAt), attendance });

type Ev = [type: string, when: string];
const opinion = (created: string, due: string, events: Ev[], communityId = C): Doc => ({
  _id: `o${++n}`,
  communityId,
  createdAt: at(created),
  dueAt: at(due),
  events: [['given', created] as Ev, ...events].map(([type, when]) => ({ type, at: at(when) })),
});

describe('meetings held', () => {
  it.each([
    ['held, inside the period, every kind counts', [meeting('ownersMeeting', 'held', '11-03 19:00'), meeting('corridor', 'held', '11-20 10:00')], 2],
    ['local dates: 11-01 00:00 and 11-30 23:59 Shanghai are in; 10-31 23:59 and 12-01 00:00 are out', [meeting('forum', 'held', '11-01 00:00'), meeting('forum', 'held', '11-30 23:59'), meeting('forum', 'held', '10-31 23:59'), meeting('forum', 'held', '12-01 00:00')], 2],
    ['planned, draft and cancelled meetings do not count', [meeting('forum', 'planned', '11-03 19:00'), meeting('forum', 'draft', '11-03 19:00'), meeting('forum', 'cancelled', '11-03 19:00')], 0],
    ["another community's meeting does not count", [meeting('forum', 'held', '11-03 19:00', [], 'c-2')], 0],
  ])('%s', (_, meetings, total) => {
    expect(figures({ meetings }).meetingsHeld.total).toBe(total);
  });

  it('by kind, and attendance summed by role over the meetings held', () => {
    const f = figures({
      meetings: [
        meeting('ownersMeeting', 'held', '11-03 19:00', [{ role: 'residentRep', count: 12 }, { role: 'propertyManager', count: 2 }]),
        meeting('ownersMeeting', 'held', '11-10 19:00', [{ role: 'residentRep', count: 8 }, { role: 'cppccMember', count: 1 }]),
        meeting('corridor', 'held', '11-12 10:00', []),
        meeting('corridor', 'planned', '11-28 10:00', [{ role: 'residentRep', count: 50 }]),
      ],
    });
    expect(f.meetingsHeld.total).toBe(3);
    expect([count(f.meetingsHeld.byKind, 'ownersMeeting'), count(f.meetingsHeld.byKind, 'corridor'), count(f.meetingsHeld.byKind, 'forum')]).toEqual([2, 1, 0]);
    expect(f.attendance.total).toBe(23);
    expect([count(f.attendance.byRole, 'residentRep'), count(f.attendance.byRole, 'propertyManager'), count(f.attendance.byRole, 'cppccMember')]).toEqual([20, 2, 1]);
    expect(f.meetingsHeld.byKind.find((k) => k.key === 'ownersMeeting')?.label).toBe('业主会议');
  });
});

describe('opinions', () => {
  it.each<[string, Doc, Partial<Record<'collected' | 'resolved' | 'ticketed' | 'answered' | 'due' | 'onTime', number>>]>([
    ['given in the period, still open, due later than now', opinion('11-20 10:00', '12-10 18:00', []), { collected: 1, due: 0 }],
    ['given in October, resolved in November by its deadline', opinion('10-20 10:00', '11-03 18:00', [['accepted', '10-21 09:00'], ['resolved', '11-02 10:00']]), { collected: 0, resolved: 1, due: 1, onTime: 1 }],
    ['resolved in November, reopened by an unsatisfied rating in November: not resolved at the end', opinion('11-02 10:00', '11-16 18:00', [['resolved', '11-05 10:00'], ['rated', '11-06 10:00'], ['reopened', '11-06 10:00'], ['accepted', '11-06 10:01']]), { collected: 1, resolved: 0, due: 1, onTime: 1 }],
    ['resolved in November, reopened in December: resolved at the period’s end', opinion('11-02 10:00', '11-16 18:00', [['resolved', '11-05 10:00'], ['reopened', '12-02 10:00']]), { collected: 1, resolved: 1, due: 1, onTime: 1 }],
    ['ticketed in November, its ticket closed in November: ticketed and resolved', opinion('11-02 10:00', '11-16 18:00', [['ticketed', '11-03 10:00'], ['resolved', '11-10 10:00']]), { collected: 1, resolved: 1, ticketed: 1, due: 1, onTime: 1 }],
    ['ticketed in November, closed in December: ticketed only', opinion('11-20 10:00', '12-04 18:00', [['ticketed', '11-21 10:00'], ['resolved', '12-02 10:00']]), { collected: 1, resolved: 0, ticketed: 1, due: 0 }],
    ['answered with a reason: answered, never resolved', opinion('11-02 10:00', '11-16 18:00', [['answered', '11-17 10:00']]), { collected: 1, answered: 1, resolved: 0, due: 1, onTime: 0 }],
    ['due in the period, never replied, deadline passed: late', opinion('11-02 10:00', '11-16 18:00', [['accepted', '11-03 10:00']]), { collected: 1, due: 1, onTime: 0 }],
    ['due in the period, replied only after the period: late', opinion('11-02 10:00', '11-16 18:00', [['resolved', '12-01 10:00']]), { collected: 1, resolved: 0, due: 1, onTime: 0 }],
    ['resolved exactly at the deadline: on time', opinion('11-02 10:00', '11-16 18:00', [['resolved', '11-16 18:00']]), { collected: 1, resolved: 1, due: 1, onTime: 1 }],
    ['given in December: nothing in November', opinion('12-01 10:00', '12-15 18:00', [['resolved', '12-02 10:00']]), { collected: 0, resolved: 0, due: 0 }],
    ["another community's opinion", opinion('11-02 10:00', '11-16 18:00', [['resolved', '11-05 10:00']], 'c-2'), { collected: 0, resolved: 0, due: 0 }],
  ])('%s', (_, doc, want) => {
    const f = figures({ opinions: [doc] });
    const got = { collected: f.opinionsCollected, resolved: f.opinionsResolved, ticketed: f.opinionsTicketed, answered: f.opinionsAnswered, due: f.opinionsDue, onTime: f.opinionsRepliedOnTime };
    expect(got).toEqual({ collected: 0, resolved: 0, ticketed: 0, answered: 0, due: 0, onTime: 0, ...want });
  });

  it('an opinion due in the period but not yet (the clock is inside the period) and not replied counts in neither; the rate is null when nothing is due', () => {
    const f = figures({ opinions: [opinion('11-20 10:00', '11-28 18:00', [])] }, at('11-25 10:00'));
    expect([f.opinionsDue, f.onTimeReplyRate]).toEqual([0, null]);
    const g = figures({ opinions: [opinion('11-20 10:00', '11-28 18:00', [['answered', '11-24 10:00']])] }, at('11-25 10:00'));
    expect([g.opinionsDue, g.opinionsRepliedOnTime, g.onTimeReplyRate]).toEqual([1, 1, 1]);
  });

  it('sums over many opinions: on-time rate 2 / 3', () => {
    const f = figures({
      opinions: [
        opinion('11-02 10:00', '11-16 18:00', [['resolved', '11-05 10:00']]),
        opinion('11-02 10:00', '11-16 18:00', [['answered', '11-10 10:00']]),
        opinion('11-02 10:00', '11-16 18:00', []),
      ],
    });
    expect([f.opinionsCollected, f.opinionsResolved, f.opinionsAnswered, f.opinionsDue, f.opinionsRepliedOnTime, f.onTimeReplyRate]).toEqual([3, 1, 1, 3, 2, 0.667]);
  });
});

describe('topics decided', () => {
  const topic = (outcome: string, decidedAt: string, h: { wechat: number; counter: number; paper: number; electorate: number }, status = 'decided'): Doc => ({
    _id: `t${++n}`,
    communityId: C,
    status,
    result: { outcome, decidedAt: at(decidedAt), households: { voted: h.wechat + h.counter + h.paper, byChannel: { wechat: h.wechat, counter: h.counter, paper: h.paper }, electorate: h.electorate } },
  });

  it('by outcome, and turnout per channel summed over the topics decided in the period', () => {
    const f = figures({
      topics: [
        topic('passed', '11-10 10:00', { wechat: 30, counter: 5, paper: 10, electorate: 60 }),
        topic('meetsHouseholdThresholds', '11-20 10:00', { wechat: 50, counter: 10, paper: 30, electorate: 120 }),
        topic('optB', '11-25 10:00', { wechat: 10, counter: 0, paper: 0, electorate: 20 }),
        topic('passed', '12-02 10:00', { wechat: 99, counter: 0, paper: 0, electorate: 100 }),
        topic('passed', '11-10 10:00', { wechat: 99, counter: 0, paper: 0, electorate: 100 }, 'closed'),
      ],
    });
    expect(f.topicsDecided.total).toBe(3);
    expect([count(f.topicsDecided.byOutcome, 'passed'), count(f.topicsDecided.byOutcome, 'meetsHouseholdThresholds'), count(f.topicsDecided.byOutcome, 'chosen'), count(f.topicsDecided.byOutcome, 'failed')]).toEqual([1, 1, 1, 0]);
    const t = f.turnoutByChannel;
    expect(t.electorate).toBe(200);
    expect([t.wechat.numerator, t.counter.numerator, t.paper.numerator, t.all.numerator]).toEqual([90, 15, 40, 145]);
    expect([t.wechat.rate, t.counter.rate, t.paper.rate, t.all.rate]).toEqual([0.45, 0.075, 0.2, 0.725]);
  });

  it('no topic: zero and null rates', () => {
    const f = figures({});
    expect(f.topicsDecided.total).toBe(0);
    expect(f.turnoutByChannel.all).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it.each([
    ['passed', 'passed'],
    ['failed', 'failed'],
    ['tie', 'tie'],
    ['noQuorum', 'noQuorum'],
    ['noVotes', 'noVotes'],
    ['failsHouseholdThresholds', 'failsHouseholdThresholds'],
    ['planA', 'chosen'],
    ['agree', 'chosen'],
  ])('outcome %s is grouped as %s', (stored, key) => expect(outcomeKey(stored)).toBe(key));
});
