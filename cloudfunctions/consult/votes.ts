/**
 * The `votes` collection's one home (表决; docs/consultation-design.md §1): one document per
 * household and topic, whatever the channel — the unique index `topic_household_unique`
 * {topicId, householdKey} decides, never a read. `voterKey_unique` {voterKey} (`topicId|userId`, or
 * `paper:<topicId>|<householdKey>`) keeps one person to one household.
 *
 * Casting (`castVote`), at most 2 database calls after the caller's load:
 * 1. the household's vote as preloaded with the caller (or unknown): a paper claim → refused
 *    (`CONSULT.VOTED_ON_PAPER`: the first channel keeps the household); a WeChat/counter vote → step 3;
 * 2. none → `add`; 200 households at once are 200 different keys. A duplicate key (two phones of one
 *    户 at once) → step 3;
 * 3. one conditional update `where({ topicId, householdKey, channel: _.in(['wechat','counter']) })`
 *    changes the household's vote (last write wins); `updated: 0` → one read names the refusal
 *    (a paper claim, or the caller's voterKey on another household's vote); the update itself hitting
 *    `voterKey_unique` → `CONSULT.VOTED_FOR_OTHER_HOUSEHOLD`.
 * No counter is kept on the topic: turnout is an aggregation over `votes` (`turnoutOf`).
 */
import { _, db, duplicateKeyFields, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { AssistConsent, Electorate, Role, Topic, Vote, VoteChannel } from '../shared/model';
import { preloadOf } from '../shared/users';
import type { TopicTurnout } from './contracts/topics';
import { electorateShown, type CountedVotes } from './domain/decide';

export const VOTES = 'votes';

/** The voter key of a person voting (in WeChat, or voted for at the counter). */
export const voterKeyOf = (topicId: string, userId: string): string => `${topicId}|${userId}`;
/** The voter key of a paper claim: one per household. */
export const paperVoterKeyOf = (topicId: string, householdKey: string): string => `paper:${topicId}|${householdKey}`;

/** Preload of the caller's own household's vote on a topic (matched on the caller's stored `householdKey`). */
export const preloadMyVote = (topicId: string) => preloadOf<Vote>({ from: VOTES, match: { topicId }, sameAsCaller: { householdKey: 'householdKey' } });

/** What a WeChat or counter vote carries. */
export interface Ballot {
  topic: Pick<Topic, '_id' | 'communityId'>;
  householdKey: string;
  estateId: string;
  /** normalised, as in the key */
  building: string;
  channel: 'wechat' | 'counter';
  choice: string;
  voterKey: string;
  castBy: { id: string; role: Role };
  subjectId?: string;
  consent?: AssistConsent;
  verified: boolean;
  ownerDeclared?: boolean;
  now: Date;
}

/** The household's vote after casting, and whether it changed an earlier one. */
export interface Cast {
  vote: Vote;
  changed: boolean;
}

/**
 * Casts `b` for its household (module notes). `known`: the household's vote as preloaded (null:
 * none was there; undefined: not known). Errors: CONSULT.VOTED_ON_PAPER, CONSULT.VOTED_FOR_OTHER_HOUSEHOLD.
 */
export async function castVote(b: Ballot, known: Vote | null | undefined): Promise<Cast> {
  if (known?.channel === 'paper') throw new AppError('CONSULT.VOTED_ON_PAPER');
  if (known) return change(b, known);
  const doc: Omit<Vote, '_id'> = {
    topicId: b.topic._id,
    communityId: b.topic.communityId,
    householdKey: b.householdKey,
    estateId: b.estateId,
    building: b.building,
    channel: b.channel,
    choice: b.choice,
    voterKey: b.voterKey,
    castBy: b.castBy,
    ...(b.subjectId ? { subjectId: b.subjectId } : {}),
    ...(b.consent ? { consent: b.consent } : {}),
    verified: b.verified,
    ...(b.ownerDeclared !== undefined ? { ownerDeclared: b.ownerDeclared } : {}),
    castAt: b.now,
    changes: 0,
  };
  try {
    const { _id } = await db.collection(VOTES).add({ data: doc });
    return { vote: { ...doc, _id: String(_id) }, changed: false };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return change(b, null);
  }
}

/** Step 3 of the module notes: one conditional update; on `updated: 0` one read names the refusal. */
async function change(b: Ballot, known: Vote | null): Promise<Cast> {
  const data = {
    channel: b.channel,
    choice: b.choice,
    voterKey: b.voterKey,
    castBy: b.castBy,
    subjectId: b.subjectId ?? _.remove(),
    consent: b.consent ?? _.remove(),
    verified: b.verified,
    ownerDeclared: b.ownerDeclared ?? _.remove(),
    changedAt: b.now,
    changes: _.inc(1),
  };
  let updated: number;
  try {
    ({ stats: { updated } } = await db.collection(VOTES).where({ topicId: b.topic._id, householdKey: b.householdKey, channel: _.in(['wechat', 'counter']) }).update({ data }));
  } catch (e) {
    // the caller's voterKey already sits on another household's vote of this topic
    if (duplicateKeyFields(e)?.includes('voterKey')) throw new AppError('CONSULT.VOTED_FOR_OTHER_HOUSEHOLD');
    throw e;
  }
  if (updated === 0) {
    const { data: found } = await db.collection(VOTES).where({ topicId: b.topic._id, householdKey: b.householdKey }).limit(1).get();
    if ((found[0] as Vote | undefined)?.channel === 'paper') throw new AppError('CONSULT.VOTED_ON_PAPER');
    throw new AppError('CONSULT.VOTED_FOR_OTHER_HOUSEHOLD');
  }
  const castAt = known?.castAt ?? b.now;
  const vote: Vote = {
    _id: known?._id ?? '',
    topicId: b.topic._id,
    communityId: b.topic.communityId,
    householdKey: b.householdKey,
    estateId: b.estateId,
    building: b.building,
    channel: b.channel,
    choice: b.choice,
    voterKey: b.voterKey,
    castBy: b.castBy,
    verified: b.verified,
    castAt,
    changedAt: b.now,
    changes: (known?.changes ?? 0) + 1,
  };
  return { vote, changed: true };
}

/** The household's vote on a topic, or null: one read. */
export async function householdVote(topicId: string, householdKey: string): Promise<Vote | null> {
  const { data } = await db.collection(VOTES).where({ topicId, householdKey }).limit(1).get();
  return (data[0] as Vote | undefined) ?? null;
}

/**
 * Live turnout of a topic: households by channel (paper = rooms claimed), one aggregation.
 * `electorate`: the topic's snapshot (none: unknown), shown by `electorateShown` (never below voted
 * when it is the rooms of registered residents).
 */
export async function turnoutOf(topicId: string, electorate: Electorate | null | undefined): Promise<TopicTurnout> {
  const { list } = await db.collection(VOTES).aggregate().match({ topicId }).group({ _id: '$channel', n: { $sum: 1 } }).end();
  const byChannel: Record<VoteChannel, number> = { wechat: 0, counter: 0, paper: 0 };
  for (const row of list as { _id: VoteChannel; n: number }[]) if (row._id in byChannel) byChannel[row._id] = row.n;
  const voted = byChannel.wechat + byChannel.counter + byChannel.paper;
  const shown = electorateShown(electorate, voted);
  return { voted, electorate: shown?.households ?? null, electorateText: shown?.text ?? null, byChannel };
}

/**
 * Which of `topicIds` a household voted on, and by which channel: one read that never fetches the
 * choice (only `topicId` and `channel` are asked for). Map topicId → channel.
 */
export async function householdChannels(topicIds: string[], householdKey: string): Promise<Map<string, VoteChannel>> {
  if (!topicIds.length) return new Map();
  const { data } = await db.collection(VOTES).where({ householdKey, topicId: _.in(topicIds) }).field({ topicId: true, channel: true }).limit(topicIds.length).get();
  return new Map((data as Pick<Vote, 'topicId' | 'channel'>[]).map((v) => [v.topicId, v.channel]));
}

/** Live turnout by channel of several topics at once (one aggregation): topicId → households by channel. */
export async function channelsByTopic(topicIds: string[]): Promise<Map<string, Record<VoteChannel, number>>> {
  const out = new Map<string, Record<VoteChannel, number>>();
  if (!topicIds.length) return out;
  const { list } = await db.collection(VOTES).aggregate().match({ topicId: _.in(topicIds) }).group({ _id: { topicId: '$topicId', channel: '$channel' }, n: { $sum: 1 } }).end();
  for (const row of list as { _id: { topicId: string; channel: VoteChannel }; n: number }[]) {
    const by = out.get(row._id.topicId) ?? { wechat: 0, counter: 0, paper: 0 };
    if (row._id.channel in by) by[row._id.channel] = row.n;
    out.set(row._id.topicId, by);
  }
  return out;
}

/** Households voted per topic (all channels) for a page of topics: one aggregation. */
export async function votedByTopic(topicIds: string[]): Promise<Map<string, number>> {
  if (!topicIds.length) return new Map();
  const { list } = await db.collection(VOTES).aggregate().match({ topicId: _.in(topicIds) }).group({ _id: '$topicId', n: { $sum: 1 } }).end();
  return new Map((list as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
}

/**
 * The WeChat and counter votes that count for a topic's result: cast before `voteUntil`, by channel
 * and option (one aggregation). Paper is added from the counted tallies by the caller.
 */
export async function digitalCounts(topicId: string, voteUntil: Date): Promise<Pick<CountedVotes, 'wechat' | 'counter'>> {
  const { list } = await db
    .collection(VOTES)
    .aggregate()
    .match({ topicId, channel: _.in(['wechat', 'counter']), castAt: _.lt(voteUntil) })
    .group({ _id: { channel: '$channel', choice: '$choice' }, n: { $sum: 1 } })
    .end();
  const out: Pick<CountedVotes, 'wechat' | 'counter'> = { wechat: {}, counter: {} };
  for (const row of list as { _id: { channel: 'wechat' | 'counter'; choice: string }; n: number }[]) {
    out[row._id.channel][row._id.choice] = (out[row._id.channel][row._id.choice] ?? 0) + row.n;
  }
  return out;
}
