/**
 * The consultation figures (有事来商量, issue 20; docs/consultation-design.md §4 "Figures"), pure:
 * the aggregation pipelines the database runs over `meetings`, `opinions` and `topics`, and the
 * reduction of their grouped rows into {@link ConsultationFigures}. `../consultation.ts` sends them.
 *
 * Period P = `period.start` .. `period.end` (local dates Asia/Shanghai, both inclusive; `period.ts`).
 * - meetingsHeld: meetings with `status: held` whose `startAt` falls in P (its local date is in
 *   P), every kind, with `byKind`. "召开业主会议 N 次" = `meetingsHeld.total` (the press counts its
 *   议事 meetings together); `byKind` shows 业主会议 beside it.
 * - attendance: Σ `attendance[].count` of those meetings, with `byRole`.
 * - opinionsCollected: opinions created (`createdAt`) in P.
 * - opinionsResolved: opinions with a `resolved` event in P (resolved directly or by their ticket's
 *   closing) whose status at P's end — the last status event at or before it — is still
 *   `resolved` (an unsatisfied rating that reopened it in P takes it out). "收集并解决群众意见建议
 *   M 条" = opinionsResolved.
 * - opinionsTicketed / opinionsAnswered: opinions with a `ticketed` / `answered` (答复 with a
 *   reason; never counted as resolved) event in P.
 * - onTimeReplyRate: of the opinions due (`dueAt`) in P, those whose first final step (resolved,
 *   ticketed or answered) came by `dueAt`; an opinion due later than now and not replied yet is
 *   not due yet and counts in neither (it may still be answered in time). Null when none is due.
 * - topicsDecided: topics `decided` whose `result.decidedAt` is in P, by outcome (`passed`,
 *   `failed`, `tie`, `noQuorum`, `noVotes`, `meetsHouseholdThresholds`, `failsHouseholdThresholds`
 *   — `consult/domain/decide.ts`'s outcomes —, or `chosen`: a choice topic whose option won).
 * - turnoutByChannel: over those topics, Σ households voted in a channel ÷ Σ electorate (the
 *   households that could vote); `all` = Σ households voted ÷ Σ electorate.
 *
 * Events of an opinion: `given` (open), `accepted`, `resolved`, `ticketed`, `answered`,
 * `reopened` (back to accepted) change its status; `rated` and `overdue` do not.
 * The pipelines use only stages and operators the CloudBase aggregation has (see `figures.ts`) and
 * end with a `$limit` (it answers 20 rows otherwise).
 */
import type { AttendanceRole, MeetingKind, VoteChannel } from '../../shared/model';
import type { ConsultationFigures, CountItem } from '../contract';
import { GROUP_LIMIT, rate, ratio } from './figures';
import type { Period } from './period';

type Expr = Record<string, unknown>;

/** 会议类型 and 参会人员 by role: the one vocabulary's words (`shared/vocabulary/consultation.ts`). */
import { ATTENDANCE_ROLE_LABELS, MEETING_KIND_LABELS } from '../../shared/vocabulary/consultation';

export { ATTENDANCE_ROLE_LABELS, MEETING_KIND_LABELS };

/** A decided topic's outcome, grouped for the figures (a choice topic's winning option is `chosen`). */
export type OutcomeKey = 'passed' | 'failed' | 'chosen' | 'tie' | 'noQuorum' | 'noVotes' | 'meetsHouseholdThresholds' | 'failsHouseholdThresholds';

export const OUTCOME_LABELS: Record<OutcomeKey, string> = {
  passed: '通过',
  failed: '未通过',
  chosen: '选出方案',
  tie: '票数相同',
  noQuorum: '参与户数不够',
  noVotes: '无人投票',
  meetsHouseholdThresholds: '达到户数条件',
  failsHouseholdThresholds: '未达到户数条件',
};

/** 表决渠道. */
export const CHANNEL_LABELS: Record<VoteChannel, string> = { wechat: '微信', counter: '柜台代投', paper: '纸质票' };

/** An opinion's final steps (its first one answers the resident). */
const FINAL = ['resolved', 'ticketed', 'answered'];
/** The events that change an opinion's status. */
const STATUS_EVENTS = ['given', 'accepted', 'resolved', 'ticketed', 'answered', 'reopened'];
/** Earlier than any real instant: "no resolved event" in a `$max`. */
const EPOCH = new Date(0);
/** Later than any real instant: "no final step" in a `$min`. */
const NEVER = new Date('9999-12-31T00:00:00Z');

const inPeriod = (field: string, p: Period): Expr => ({ $and: [{ $gte: [field, p.start] }, { $lte: [field, p.end] }] });
const flag = (cond: unknown): Expr => ({ $cond: [cond, 1, 0] });
const range = (p: Period): Expr => ({ $gte: p.start, $lte: p.end });

/**
 * Meetings held in P and their attendance, in one pipeline: each meeting's attendance unwound
 * (a meeting with none kept once), one row per (kind, role) with the meetings' ids and the people
 * counted. The ids are few (the meetings of a period), so `$addToSet` stays small.
 */
export function meetingStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, status: 'held', startAt: range(p) } },
    { $project: { kind: 1, attendance: 1 } },
    { $unwind: { path: '$attendance', preserveNullAndEmptyArrays: true } },
    { $group: { _id: { kind: '$kind', role: { $ifNull: ['$attendance.role', ''] } }, meetings: { $addToSet: '$_id' }, n: { $sum: { $ifNull: ['$attendance.count', 0] } } } },
    { $limit: GROUP_LIMIT },
  ];
}

export interface MeetingRow {
  _id: { kind: MeetingKind; role: AttendanceRole | '' };
  meetings: string[];
  n: number;
}

/**
 * The opinions that can count in P — created in P, due in P, or with a final step in P — reduced
 * to one row: each opinion's status events up to P's end are unwound and grouped per opinion (its
 * last status event's time and its last `resolved` one's — still resolved at P's end when they are
 * the same —, its first final step, which steps fell in P), then summed. No `$sort`: the
 * `$max`/`$min` of instants need no order.
 * `now`: the clock, for "due and passed".
 */
export function opinionStages(communityId: string, p: Period, now: Date): Expr[] {
  const dueUntil = now < p.end ? now : p.end;
  return [
    { $match: { communityId, $or: [{ createdAt: range(p) }, { dueAt: range(p) }, { events: { $elemMatch: { type: { $in: FINAL }, at: range(p) } } }] } },
    { $project: { createdAt: 1, dueAt: 1, events: 1 } },
    { $unwind: '$events' },
    { $match: { 'events.at': { $lte: p.end }, 'events.type': { $in: STATUS_EVENTS } } },
    {
      $group: {
        _id: '$_id',
        createdAt: { $first: '$createdAt' },
        dueAt: { $first: '$dueAt' },
        lastAt: { $max: '$events.at' },
        lastResolvedAt: { $max: { $cond: [{ $eq: ['$events.type', 'resolved'] }, '$events.at', EPOCH] } },
        firstFinal: { $min: { $cond: [{ $in: ['$events.type', FINAL] }, '$events.at', NEVER] } },
        resolvedIn: { $max: flag({ $and: [{ $eq: ['$events.type', 'resolved'] }, { $gte: ['$events.at', p.start] }] }) },
        ticketedIn: { $max: flag({ $and: [{ $eq: ['$events.type', 'ticketed'] }, { $gte: ['$events.at', p.start] }] }) },
        answeredIn: { $max: flag({ $and: [{ $eq: ['$events.type', 'answered'] }, { $gte: ['$events.at', p.start] }] }) },
      },
    },
    {
      $group: {
        _id: null,
        collected: { $sum: flag(inPeriod('$createdAt', p)) },
        resolved: { $sum: flag({ $and: [{ $eq: ['$resolvedIn', 1] }, { $gte: ['$lastResolvedAt', '$lastAt'] }] }) },
        ticketed: { $sum: '$ticketedIn' },
        answered: { $sum: '$answeredIn' },
        due: { $sum: flag({ $and: [inPeriod('$dueAt', p), { $or: [{ $lte: ['$dueAt', dueUntil] }, { $lt: ['$firstFinal', NEVER] }] }] }) },
        onTime: { $sum: flag({ $and: [inPeriod('$dueAt', p), { $lte: ['$firstFinal', '$dueAt'] }] }) },
      },
    },
    { $limit: GROUP_LIMIT },
  ];
}

export interface OpinionRow {
  collected: number;
  resolved: number;
  ticketed: number;
  answered: number;
  due: number;
  onTime: number;
}

/** Topics decided in P: one row per outcome with the households voted per channel and the electorate. */
export function topicStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, status: 'decided', 'result.decidedAt': range(p) } },
    {
      $group: {
        _id: '$result.outcome',
        n: { $sum: 1 },
        wechat: { $sum: { $ifNull: ['$result.households.byChannel.wechat', 0] } },
        counter: { $sum: { $ifNull: ['$result.households.byChannel.counter', 0] } },
        paper: { $sum: { $ifNull: ['$result.households.byChannel.paper', 0] } },
        voted: { $sum: { $ifNull: ['$result.households.voted', 0] } },
        electorate: { $sum: { $ifNull: ['$result.households.electorate', 0] } },
      },
    },
    { $limit: GROUP_LIMIT },
  ];
}

export interface TopicRow {
  _id: string;
  n: number;
  wechat: number;
  counter: number;
  paper: number;
  voted: number;
  electorate: number;
}

/** The outcome group of a stored `result.outcome` (an option key of a choice topic → `chosen`). */
export function outcomeKey(outcome: string): OutcomeKey {
  return outcome in OUTCOME_LABELS && outcome !== 'chosen' ? (outcome as OutcomeKey) : 'chosen';
}

function items<K extends string>(labels: Record<K, string>, counts: Map<string, number>): CountItem[] {
  return (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key], count: counts.get(key) ?? 0 }));
}

/** The consultation figures from the grouped rows (definitions: the module comment). */
export function consultationFigures(rows: { meetings: MeetingRow[]; opinions: OpinionRow[]; topics: TopicRow[] }): ConsultationFigures {
  const byKind = new Map<string, Set<string>>();
  const roles = new Map<string, number>();
  for (const r of rows.meetings) {
    const ids = byKind.get(r._id.kind) ?? new Set<string>();
    r.meetings.forEach((id) => ids.add(id));
    byKind.set(r._id.kind, ids);
    if (r._id.role) roles.set(r._id.role, (roles.get(r._id.role) ?? 0) + r.n);
  }
  const kinds = new Map([...byKind].map(([k, ids]) => [k, ids.size]));
  const o = rows.opinions[0] ?? { collected: 0, resolved: 0, ticketed: 0, answered: 0, due: 0, onTime: 0 };
  const outcomes = new Map<string, number>();
  const t = { wechat: 0, counter: 0, paper: 0, voted: 0, electorate: 0 };
  for (const r of rows.topics) {
    const k = outcomeKey(String(r._id));
    outcomes.set(k, (outcomes.get(k) ?? 0) + r.n);
    for (const c of ['wechat', 'counter', 'paper', 'voted', 'electorate'] as const) t[c] += r[c];
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    meetingsHeld: { total: sum(kinds), byKind: items(MEETING_KIND_LABELS, kinds) },
    attendance: { total: sum(roles), byRole: items(ATTENDANCE_ROLE_LABELS, roles) },
    opinionsCollected: o.collected,
    opinionsResolved: o.resolved,
    opinionsTicketed: o.ticketed,
    opinionsAnswered: o.answered,
    opinionsDue: o.due,
    opinionsRepliedOnTime: o.onTime,
    onTimeReplyRate: rate(o.onTime, o.due),
    topicsDecided: { total: sum(outcomes), byOutcome: items(OUTCOME_LABELS, outcomes) },
    turnoutByChannel: {
      electorate: t.electorate,
      wechat: ratio(t.wechat, t.electorate),
      counter: ratio(t.counter, t.electorate),
      paper: ratio(t.paper, t.electorate),
      all: ratio(t.voted, t.electorate),
    },
  };
}
