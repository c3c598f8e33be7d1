/**
 * The proposal lifecycle's writes to `topics` (docs/consultation-design.md §3): a resident's
 * proposal (idempotent on `requestKey`), and each staff move as ONE conditional update on the status
 * it leaves (`where({ _id, communityId, status: _.in(from) })`) with its event pushed in the same write,
 * so two admins (or the threshold reached by two seconds at once) change a topic once.
 * Views: {@link proposalView}.
 */
import { _, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { Estate, Topic, TopicEvent, TopicStatus, User } from '../shared/model';
import { requestHash, requestKey, sameRequest } from '../shared/requests';
import type { Taken } from '../shared/quotas';
import { preloadOf } from '../shared/users';
import type { ProposalView } from './contracts/topics';
import { residentLabel } from './seconds';

/** The `topics` collection. */
const TOPICS = 'topics';

/** The options of a yes/no topic: 同意 / 不同意 / 弃权. */
export const YES_NO_OPTIONS = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

/** Options from labels (a choice topic): keys `o1`, `o2`, … in order. */
export function choiceOptions(labels: readonly string[]): { key: string; label: string }[] {
  return labels.map((label, i) => ({ key: `o${i + 1}`, label }));
}

/** Router preload of a topic of the caller's community by `_id` (`[]` when none). */
export const preloadTopic = (topicId: string) => preloadOf<Topic>({ from: 'topics', match: { _id: topicId }, sameAsCaller: { communityId: 'communityId' } });

/** Router preload of the caller's earlier proposal with this request id. */
export const preloadEarlierProposal = (userId: string, requestId: string) => preloadOf<Topic>({ from: 'topics', match: { requestKey: requestKey(userId, requestId) } });

/** Router preload of an estate of the caller's community. */
export const preloadEstate = (estateId: string) => preloadOf<Estate>({ from: 'estates', match: { _id: estateId }, sameAsCaller: { communityId: 'communityId' } });

/** A topic of `communityId` by id, or null (another community's reads as none). One round trip. */
export async function findTopic(topicId: string, communityId: string): Promise<Topic | null> {
  const { data } = await db.collection(TOPICS).where({ _id: topicId, communityId }).limit(1).get();
  return (data[0] as Topic | undefined) ?? null;
}

/** The topic from a preload, else read; `CONSULT.TOPIC_NOT_FOUND` when the caller's community has none. */
export async function topicOf(topicId: string, communityId: string, preloaded?: readonly Topic[] | null): Promise<Topic> {
  const t = preloaded ? (preloaded[0] ?? null) : await findTopic(topicId, communityId);
  if (!t || t.communityId !== communityId) throw new AppError('CONSULT.TOPIC_NOT_FOUND');
  return t;
}

/** What a new proposal holds, besides who and when. */
export interface NewProposal {
  scope: Topic['scope'];
  title: string;
  background: string;
  options?: string[];
  requestId: string;
  secondsNeeded: number;
}

/**
 * Creates `proposer`'s proposal, or returns the one this `requestId` already made (same payload;
 * another payload → COMMON.REQUEST_REUSED). `reserve` takes the day's quota just before the insert
 * and is released if the insert does not happen. `earlier`: the preloaded earlier proposal (undefined:
 * read here). Round trips: 1 (insert) after the quota, + 1 read when not preloaded or on a race.
 */
export async function createProposal(proposer: User, p: NewProposal, now: Date, reserve: () => Promise<Taken>, earlier?: readonly Topic[] | null): Promise<Topic> {
  const key = requestKey(proposer._id, p.requestId);
  const hash = requestHash({ scope: p.scope, title: p.title, background: p.background, options: p.options ?? null });
  const byKey = async () => {
    const { data } = await db.collection(TOPICS).where({ requestKey: key }).limit(1).get();
    return (data[0] as Topic | undefined) ?? null;
  };
  const first = earlier ? (earlier[0] ?? null) : await byKey();
  if (first) return sameRequest(first, hash);
  const taken = await reserve();
  const event: TopicEvent = { type: 'proposed', at: now, actorId: proposer._id, actorName: residentLabel(proposer.home), actorRole: proposer.role, note: '居民提议' };
  const topic: Topic = {
    _id: newDocId(),
    communityId: proposer.communityId,
    scope: p.scope,
    title: p.title,
    background: p.background,
    kind: p.options ? 'choice' : 'yesNo',
    options: p.options ? choiceOptions(p.options) : YES_NO_OPTIONS,
    rule: 'majority',
    status: 'proposed',
    proposerId: proposer._id,
    secondsNeeded: p.secondsNeeded,
    seconds: 0,
    tallyGraceDays: 3,
    votersMustBeVerified: true,
    events: [event],
    requestKey: key,
    requestHash: hash,
    createdBy: proposer._id,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await db.collection(TOPICS).add({ data: topic });
    return topic;
  } catch (e) {
    await taken.release();
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const raced = await byKey();
    if (!raced) throw e;
    return sameRequest(raced, hash);
  }
}

/**
 * Moves a topic of `communityId` from one of `from` to what `set` says, pushing `event`, in ONE
 * conditional update. Answers whether it changed (false: not in `from` any more — someone else moved
 * it, or it never was). One round trip.
 */
export async function moveTopic(topicId: string, communityId: string, from: readonly TopicStatus[], set: Partial<Topic>, event: TopicEvent): Promise<boolean> {
  const r = await db
    .collection(TOPICS)
    .where({ _id: topicId, communityId, status: _.in([...from]) })
    .update({ data: { ...set, updatedAt: event.at, events: _.push([event]) } });
  return (r.stats?.updated ?? 0) === 1;
}

/**
 * After a second: the display count (only ever raised: `where seconds < n`), and at the threshold
 * the one move `proposed → seconded` with its event. Answers the status after. 1 round trip (+1 when
 * the threshold is reached by another call first and the count still needs raising).
 */
export async function recordSeconds(topic: Topic, n: number, event: TopicEvent): Promise<TopicStatus> {
  if (n >= topic.secondsNeeded && topic.status === 'proposed') {
    if (await moveTopic(topic._id, topic.communityId, ['proposed'], { status: 'seconded', seconds: n }, event)) return 'seconded';
  }
  await db
    .collection(TOPICS)
    .where({ _id: topic._id, seconds: _.lt(n) })
    .update({ data: { seconds: n } });
  return n >= topic.secondsNeeded ? 'seconded' : topic.status;
}

/** The caller's own proposals in their community, newest first (≤ `limit`), with the titles of topics they were merged into. 1–2 round trips. */
export async function proposalsOf(user: User, limit: number): Promise<{ topics: Topic[]; titles: Map<string, string> }> {
  const { data } = await db.collection(TOPICS).where({ proposerId: user._id, communityId: user.communityId }).orderBy('createdAt', 'desc').limit(limit).get();
  const topics = data as Topic[];
  const into = [...new Set(topics.flatMap((t) => (t.merged ? [t.merged.intoTopicId] : [])))];
  const titles = new Map<string, string>();
  if (into.length) {
    const { data: targets } = await db.collection(TOPICS).where({ _id: _.in(into), communityId: user.communityId }).field({ title: true }).get();
    for (const t of targets as Pick<Topic, '_id' | 'title'>[]) titles.set(t._id, t.title);
  }
  return { topics, titles };
}

const iso = (d: Date | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** A topic's scope in words: `全社区`, `壁山丽景小区`, `壁山丽景小区 3号楼` (`estateName`: the estate's name when known). */
export function scopeText(scope: Topic['scope'], estateName?: string | null): string {
  if (scope.kind === 'community') return '全社区';
  const estate = estateName ?? '本小区';
  return scope.kind === 'estate' ? estate : `${estate} ${scope.building}`;
}

/** A topic as {@link ProposalView} for `viewer` (their own → `mine`). Pure. */
export function proposalView(t: Topic, viewer: Pick<User, '_id'>, extra: { intoTitle?: string; estateName?: string | null; proposerLabel?: string } = {}): ProposalView {
  const proposed = t.events.find((e) => e.type === 'proposed');
  return {
    topicId: t._id,
    title: t.title,
    background: t.background,
    scope: t.scope,
    scopeText: scopeText(t.scope, extra.estateName),
    kind: t.kind,
    options: t.options,
    status: t.status,
    seconds: t.seconds,
    secondsNeeded: t.secondsNeeded,
    discussFrom: iso(t.discussFrom),
    voteFrom: iso(t.voteFrom),
    voteUntil: iso(t.voteUntil),
    rule: t.rule,
    civilCodeItem: t.civilCodeItem ?? null,
    decline: t.decline ? { reason: t.decline.reason, at: iso(t.decline.at)! } : null,
    merged: t.merged ? { intoTopicId: t.merged.intoTopicId, intoTitle: extra.intoTitle ?? '', reason: t.merged.reason, at: iso(t.merged.at)! } : null,
    cancelled: t.cancelled ? { reason: t.cancelled.reason, at: iso(t.cancelled.at)! } : null,
    proposerLabel: extra.proposerLabel ?? (t.proposerId ? (proposed?.actorName ?? '居民') : '社区'),
    mine: !!t.proposerId && t.proposerId === viewer._id,
    createdAt: iso(t.createdAt)!,
  };
}
