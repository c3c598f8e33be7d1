/**
 * What each audience reads of a topic (docs/consultation-design.md §6): the resident and staff
 * views of `contracts/topics.ts`. A household's choice appears only in `myVote`, given only for the
 * caller's own household; staff parts carry counts, never a choice; the split by option only once
 * decided (`result`). Pure.
 */
import { isStaffOf } from '../shared/policy';
import { roomLabelOfKey, partsOfKey } from '../shared/households';
import type { Estate, PaperTally, Topic, User, Vote } from '../shared/model';
import type { MyVote, PaperTallyView, TopicCard, TopicResultView, TopicStaffPart, TopicTurnout, TopicView } from './contracts/topics';
import { electorateShown, outcomeLabelOf, ruleTextOf } from './domain/decide';
import { PHASE_LABELS, phaseOf, tallyUntilOf } from './domain/phase';
import { scopeBuildings, scopeLabelOf } from './topics';

const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** The household's vote as its own members read it; `viewerId` tells whether they cast it. */
export function myVoteOf(v: Vote, viewerId: string): MyVote {
  return { choice: v.choice, channel: v.channel, byMe: v.castBy.id === viewerId || v.subjectId === viewerId, castAt: iso(v.castAt)!, changedAt: iso(v.changedAt) };
}

/** A room of a key without the estate (`3号楼2单元301`). */
const roomOf = (key: string) => roomLabelOfKey(key);

/** A tally as staff read it. */
export function tallyViewOf(t: PaperTally, estates: Pick<Estate, '_id' | 'name'>[]): PaperTallyView {
  return {
    tallyId: t._id,
    topicId: t.topicId,
    estateId: t.estateId,
    estateName: estates.find((e) => e._id === t.estateId)?.name ?? '',
    building: t.building,
    state: t.state,
    rooms: t.rooms.map(roomOf),
    rejectedRooms: t.rejectedRooms.map((r) => ({ room: roomOf(r.householdKey), channel: r.channel })),
    counts: { ...t.counts },
    blank: t.blank,
    invalid: t.invalid,
    photoFileIds: [...t.photoFileIds],
    revision: t.revision,
    enteredAt: t.state === 'counted' ? iso(t.enteredAt) : null,
  };
}

/** A decided topic's result as everyone reads it. */
export function resultViewOf(t: Topic): TopicResultView | null {
  const r = t.result;
  if (t.status !== 'decided' || !r) return null;
  // an empty channel may come back from the database without its object
  const byChannel = { wechat: r.byChannel?.wechat ?? {}, counter: r.byChannel?.counter ?? {}, paper: r.byChannel?.paper ?? {} };
  const totals = t.options.map((o) => ({ key: o.key, label: o.label, households: (byChannel.wechat[o.key] ?? 0) + (byChannel.counter[o.key] ?? 0) + (byChannel.paper[o.key] ?? 0) }));
  // the stored electorate, shown by its source (a result written before this rule kept the raw snapshot of registered rooms)
  const shown = t.electorate ? electorateShown({ source: t.electorate.source, households: r.households.electorate }, r.households.voted) : null;
  const households = { ...r.households, electorate: shown?.households ?? r.households.electorate };
  const turnout = households.electorate > 0 ? r.households.voted / households.electorate : r.turnout;
  return { ...r, households, turnout, electorateText: shown?.text ?? null, byChannel, totals, outcomeLabel: outcomeLabelOf(r.outcome, t.options), decidedAt: iso(r.decidedAt)! };
}

/** What may stop `user` from voting now, in words (null: they may vote). */
export function cannotVoteReason(t: Topic, user: User, inScope: boolean, myVote: Vote | null, now: Date): string | null {
  if (user.role !== 'resident') return '工作人员请到柜台“代表决”为居民投票';
  if (!user.home) return '请先登记您家的住址';
  if (!inScope) return '您家不在这次表决的范围内';
  const phase = phaseOf(t, now);
  if (phase !== 'voting') return phase === 'upcoming' || phase === 'discussion' ? '还没到投票时间' : '现在不在投票时间';
  if (t.votersMustBeVerified && !user.verified) return '请带身份证到解忧铺柜台核实后再投票';
  if (myVote?.channel === 'paper') return '您家已交纸质表决票';
  return null;
}

/** Everything a topic view needs besides the topic. */
export interface ViewParts {
  user: User;
  estates: Estate[];
  inScope: boolean;
  myVote: Vote | null;
  turnout: TopicTurnout | null;
  seconds: { count: number; mine: boolean };
  tallies: PaperTally[] | null;
  now: Date;
}

/** The topic as `user` may read it: staff of its community get the staff part; nobody else's choice is in it. */
export function topicViewOf(t: Topic, p: ViewParts): TopicView {
  const phase = phaseOf(t, p.now);
  const staff = isStaffOf(p.user, t.communityId);
  const reason = staff ? cannotVoteReason(t, p.user, p.inScope, null, p.now) : cannotVoteReason(t, p.user, p.inScope, p.myVote, p.now);
  return {
    id: t._id,
    communityId: t.communityId,
    title: t.title,
    background: t.background,
    kind: t.kind,
    options: t.options.map((o) => ({ key: o.key, label: o.label })),
    rule: t.rule,
    civilCodeItem: t.civilCodeItem ?? null,
    ruleText: ruleTextOf(t),
    minTurnout: t.minTurnout ?? null,
    scope: t.scope,
    scopeLabel: scopeLabelOf(t.scope, p.estates),
    status: t.status,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    discussFrom: iso(t.discussFrom),
    voteFrom: iso(t.voteFrom),
    voteUntil: iso(t.voteUntil),
    tallyUntil: iso(tallyUntilOf(t)),
    votersMustBeVerified: t.votersMustBeVerified,
    turnout: phase === 'voting' || phase === 'counting' || phase === 'decided' ? p.turnout : null,
    // the choice of a household: to its own members only — never to staff (who have no household here)
    myVote: !staff && p.myVote ? myVoteOf(p.myVote, p.user._id) : null,
    canVote: reason === null,
    cannotVoteReason: reason,
    seconds: { count: p.seconds.count, needed: t.secondsNeeded, mine: p.seconds.mine },
    result: resultViewOf(t),
    publishedAt: iso(t.publishedAt),
    publishNote: t.publishNote ?? null,
    decline: t.decline ? { reason: t.decline.reason, at: iso(t.decline.at)! } : null,
    mergedInto: t.merged?.intoTopicId ?? null,
    cancelled: t.cancelled ? { reason: t.cancelled.reason, at: iso(t.cancelled.at)! } : null,
    staff: staff ? staffPartOf(t, p.estates, p.tallies ?? []) : null,
  };
}

/** The staff part: electorate, per-building register and tallies, events (never a choice). */
export function staffPartOf(t: Topic, estates: Estate[], tallies: PaperTally[]): TopicStaffPart {
  let rows: ReturnType<typeof scopeBuildings> = [];
  try {
    rows = scopeBuildings(t.scope, estates);
  } catch {
    rows = [];
  }
  return {
    electorate: t.electorate ?? null,
    buildings: rows.map((r) => {
      const tally = tallies.find((x) => x.estateId === r.estateId && x.building === r.building) ?? null;
      const fromTopic = t.electorate?.byBuilding.find((b) => b.estateId === r.estateId && b.building === r.building)?.households;
      return { estateId: r.estateId, estateName: r.estateName, building: r.label, households: fromTopic ?? r.households, tally: tally ? tallyViewOf(tally, estates) : null };
    }),
    events: t.events.map((e) => ({ type: e.type, at: iso(e.at)!, actorName: e.actorName, note: e.note })),
    createdBy: t.createdBy,
  };
}

/** A card's turnout: households voted of the electorate as shown (`electorateShown`). */
function cardTurnout(t: Topic, voted: number): NonNullable<TopicCard['turnout']> {
  const shown = electorateShown(t.electorate, voted);
  return { voted, electorate: shown?.households ?? null, electorateText: shown?.text ?? null, byChannel: null };
}

/** A topic in a list; `householdVoted` only for a resident (whether, never how). */
export function topicCardOf(t: Topic, estates: Estate[], voted: number | null, householdVoted: boolean | null, seconds: number, now: Date): TopicCard {
  const phase = phaseOf(t, now);
  const result = resultViewOf(t);
  return {
    id: t._id,
    title: t.title,
    kind: t.kind,
    scopeLabel: scopeLabelOf(t.scope, estates),
    status: t.status,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    voteFrom: iso(t.voteFrom),
    voteUntil: iso(t.voteUntil),
    // decided: the result's households (each counted once, by its one channel); before: the live count
    turnout: result ? { voted: result.households.voted, electorate: result.households.electorate, electorateText: result.electorateText ?? null, byChannel: result.households.byChannel } : phase === 'voting' || phase === 'counting' || phase === 'decided' ? { ...cardTurnout(t, voted ?? 0), byChannel: null } : null,
    householdVoted,
    seconds: { count: seconds, needed: t.secondsNeeded },
    outcomeLabel: result?.outcomeLabel ?? null,
    publishedAt: iso(t.publishedAt),
  };
}

/** The room label of a key with its estate name (`壁山丽景小区3号楼2单元301`). */
export function addressOfKey(key: string, estates: Pick<Estate, '_id' | 'name'>[]): string {
  return `${estates.find((e) => e._id === partsOfKey(key).estateId)?.name ?? ''}${roomOf(key)}`;
}
