/**
 * The proposal lifecycle (docs/consultation-design.md §3; contracts/topics.ts "proposals and
 * discussion"): `propose`, `second` (附议), `myProposals` for residents; `schedule`, `merge`,
 * `decline`, `cancel` for the community's admins. Every move is one conditional update on the status
 * it leaves (`proposals.ts` `moveTopic`); the proposer is told of a merge or decline (inbox always,
 * WeChat `consultResult` when they allowed it).
 */
import { callerOpenid, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import type { Topic, TopicEvent, User } from '../../shared/model';
import { isResident } from '../../shared/policy';
import { exceededKind, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany } from '../../shared/quotas';
import { requestKey } from '../../shared/requests';
import { checkText, SCENE } from '../../shared/security';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import type { actions } from '../contract';
import { CONSULT_LIMITS as L } from '../limits';
import { createProposal, findTopic, moveTopic, preloadEstate, preloadTopic, proposalView, proposalsOf, recordSeconds, topicOf, choiceOptions } from '../proposals';
import { addSecond, countSeconds, householdOf, residentLabel } from '../seconds';
import { electorateOf, estatesOf, scopeBuildings } from '../topics';
import { normalisePart } from '../../shared/households';
import { isHomeInScope } from '../../shared/policy';

/** An event by `user` (staff: their name; residents: their building label, never a name). */
function eventBy(user: User, type: TopicEvent['type'], note: string, at: Date, detail?: Record<string, unknown>): TopicEvent {
  return { type, at, actorId: user._id, actorName: isResident(user) ? residentLabel(user.home) : user.name, actorRole: user.role, note, ...(detail ? { detail } : {}) };
}

// ─── propose ──────────────────────────────────────────────────────────────────────────────────

/** What `propose` reads with the caller: today's quota and, for an estate or building scope, the estate. */
export const proposePreload = (i: Input<typeof actions.propose>) => ({
  quota: preloadQuota(quotaDay(clockNow())),
  ...(i.scope.kind !== 'community' ? { estate: preloadEstate(i.scope.estateId) } : {}),
});

/** 提议: checks in order who (resident, home, verified), the place, the day's quota, the words; then creates (idempotent). */
export const propose: Handler<typeof actions.propose, PreloadsOf<typeof proposePreload>> = async (input, { user, preloaded }) => {
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  if (!user.home) throw new AppError('CONSULT.NO_HOME');
  if (!user.verified) throw new AppError('CONSULT.PROPOSER_NOT_VERIFIED');
  const scope = input.scope;
  let estateName: string | null = null;
  if (scope.kind !== 'community') {
    const estate = preloaded?.estate ? (preloaded.estate[0] ?? null) : ((await db.collection('estates').where({ _id: scope.estateId, communityId: user.communityId }).limit(1).get()).data[0] as { name: string; buildings: string[]; communityId: string } | undefined) ?? null;
    if (!estate || estate.communityId !== user.communityId) throw new AppError('CONSULT.PLACE_NOT_FOUND');
    if (scope.kind === 'building' && !estate.buildings.some((b) => normalisePart(b) === normalisePart(scope.building))) throw new AppError('CONSULT.PLACE_NOT_FOUND');
    estateName = estate.name;
  }
  if (!isHomeInScope(user.home, scope)) throw new AppError('CONSULT.NOT_IN_SCOPE');
  const now = clockNow();
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  if (known && exceededKind(known, { propose: 1 })) {
    // a full day is refused before the words are checked — unless this is a retry of one already made
    const { data } = await db.collection('topics').where({ requestKey: requestKey(user._id, input.requestId) }).limit(1).get();
    if (!data.length) throw tooMany('propose');
  }
  const openid = callerOpenid();
  await Promise.all([checkText(input.title, openid, SCENE.FORUM), checkText(input.background, openid, SCENE.FORUM), ...(input.options ?? []).map((o) => checkText(o, openid, SCENE.FORUM))]);
  const topic = await createProposal(
    user,
    { scope, title: input.title, background: input.background, options: input.options, requestId: input.requestId, secondsNeeded: user.community?.consultation?.secondThreshold ?? L.defaultSecondThreshold },
    now,
    () => takeQuota({ by: 'user', id: user._id }, { propose: 1 }, now, known),
  );
  return proposalView(topic, user, { estateName });
};

// ─── second ───────────────────────────────────────────────────────────────────────────────────

/** What `second` reads with the caller: the topic. */
export const topicPreload = (i: { topicId: string }) => ({ topic: preloadTopic(i.topicId) });

/** 附议: one insert per household (the unique index decides), a count, and at the threshold one conditional move. */
export const second: Handler<typeof actions.second, PreloadsOf<typeof topicPreload>> = async ({ topicId }, { user, preloaded }) => {
  const topic = await topicOf(topicId, user.communityId, preloaded?.topic);
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  if (!user.home) throw new AppError('CONSULT.NO_HOME');
  if (!isHomeInScope(user.home, topic.scope)) throw new AppError('CONSULT.NOT_IN_SCOPE');
  if (topic.status !== 'proposed' && topic.status !== 'seconded') throw new AppError('CONSULT.WRONG_STATE');
  const now = clockNow();
  const householdKey = householdOf(user)!;
  if ((await addSecond({ topicId, householdKey, userId: user._id, at: now })) === 'duplicate') throw new AppError('CONSULT.ALREADY_SECONDED');
  const n = await countSeconds(topicId);
  const status = await recordSeconds(topic, n, { type: 'seconded', at: now, actorId: user._id, actorName: residentLabel(user.home), actorRole: user.role, note: `${n} 户附议，达到 ${topic.secondsNeeded} 户`, detail: { seconds: n } });
  return { seconds: n, needed: topic.secondsNeeded, status };
};

// ─── myProposals ──────────────────────────────────────────────────────────────────────────────

/** 我的提议: the caller's proposals with the decline reason or the merged topic's title. */
export const myProposals: Handler<typeof actions.myProposals> = async (_input, { user }) => {
  const { topics, titles } = await proposalsOf(user, L.myProposals);
  return topics.map((t) => proposalView(t, user, { intoTitle: t.merged ? titles.get(t.merged.intoTopicId) : undefined }));
};

// ─── staff moves ──────────────────────────────────────────────────────────────────────────────

/** Tells the proposer what became of their proposal (inbox; WeChat when allowed). Never throws. */
async function tellProposer(topic: Topic, outcome: '未采纳' | '已合并', reason: string): Promise<void> {
  if (!topic.proposerId) return;
  try {
    const { data } = await db.collection('users').where({ _id: topic.proposerId }).limit(1).get();
    const proposer = data[0] as User | undefined;
    if (!proposer) return;
    await notify({
      userId: proposer._id,
      openid: proposer.openid,
      key: 'consultResult',
      title: outcome === '未采纳' ? '您的提议这次没有采纳' : '您的提议已和别的议题合并',
      lines: [`提议：${topic.title}`, `说明：${reason}`, '在“社区议事 → 我的提议”里可以看到。'],
      page: 'consult/pages/index/index?tab=proposals',
      data: { thing1: topic.title, phrase2: outcome, thing3: reason },
      messageId: `consult-${topic._id}-${outcome === '未采纳' ? 'declined' : 'merged'}`,
    });
  } catch (e) {
    console.error('[consult] telling the proposer failed', e);
  }
}

/** The topic after a move: what was read, with what the move set and its event. */
const after = (t: Topic, set: Partial<Topic>, event: TopicEvent): Topic => ({ ...t, ...set, events: [...t.events, event], updatedAt: event.at });

/** Keeps only the defined fields (the database stores no `undefined`). */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** An admin puts a seconded proposal to the vote: rule, periods, options. */
export const schedule: Handler<typeof actions.schedule, PreloadsOf<typeof topicPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  if (topic.status !== 'seconded') throw new AppError('CONSULT.WRONG_STATE');
  const now = clockNow();
  const [discussFrom, voteFrom, voteUntil] = [input.discussFrom, input.voteFrom, input.voteUntil].map((s) => new Date(s).getTime());
  const hours = (voteUntil - voteFrom) / 3_600_000;
  // the same periods `create` accepts: discussion not after voting, voting 1 hour…60 days, ending in the future
  if (!(discussFrom <= voteFrom && voteUntil > now.getTime() && hours >= L.votePeriodHours.min && hours <= L.votePeriodHours.max)) throw new AppError('CONSULT.PERIOD_INVALID');
  const civil = input.rule === 'civilCode';
  if (civil && (!input.civilCodeItem || input.options)) throw new AppError('CONSULT.CIVIL_CODE_YES_NO');
  // the households that may vote, snapshotted now as `create` does (the register is required for civilCode)
  const electorate = await electorateOf(user.communityId, scopeBuildings(topic.scope, await estatesOf(user.communityId)), civil);
  const set: Partial<Topic> = defined({
    status: 'scheduled' as const,
    rule: input.rule,
    civilCodeItem: input.rule === 'civilCode' ? input.civilCodeItem : undefined,
    minTurnout: input.rule === 'majority' ? input.minTurnout : undefined,
    discussFrom: new Date(discussFrom),
    voteFrom: new Date(voteFrom),
    voteUntil: new Date(voteUntil),
    votersMustBeVerified: true,
    electorate,
    ...(input.options ? { kind: 'choice' as const, options: choiceOptions(input.options) } : {}),
  });
  const event = eventBy(user, 'scheduled', '安排表决', now, { rule: input.rule });
  if (!(await moveTopic(topic._id, user.communityId, ['seconded'], set, event))) throw new AppError('CONSULT.WRONG_STATE');
  return proposalView(after(topic, set, event), user);
};

/** An admin merges a proposal into another topic of the community. */
export const merge: Handler<typeof actions.merge, PreloadsOf<typeof topicPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  if (topic.status !== 'proposed' && topic.status !== 'seconded') throw new AppError('CONSULT.WRONG_STATE');
  const into = input.intoTopicId === topic._id ? null : await findTopic(input.intoTopicId, user.communityId);
  if (!into || ['merged', 'declined', 'closed'].includes(into.status)) throw new AppError('CONSULT.MERGE_TARGET_INVALID');
  const now = clockNow();
  const set: Partial<Topic> = { status: 'merged', merged: { intoTopicId: into._id, reason: input.reason, by: user._id, at: now } };
  const event = eventBy(user, 'merged', input.reason, now, { intoTopicId: into._id });
  if (!(await moveTopic(topic._id, user.communityId, ['proposed', 'seconded'], set, event))) throw new AppError('CONSULT.WRONG_STATE');
  await tellProposer(topic, '已合并', input.reason);
  return proposalView(after(topic, set, event), user, { intoTitle: into.title });
};

/** An admin declines a proposal with a reason the proposer reads. */
export const decline: Handler<typeof actions.decline, PreloadsOf<typeof topicPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  if (topic.status !== 'proposed' && topic.status !== 'seconded') throw new AppError('CONSULT.WRONG_STATE');
  const now = clockNow();
  const set: Partial<Topic> = { status: 'declined', decline: { reason: input.reason, by: user._id, at: now } };
  const event = eventBy(user, 'declined', input.reason, now);
  if (!(await moveTopic(topic._id, user.communityId, ['proposed', 'seconded'], set, event))) throw new AppError('CONSULT.WRONG_STATE');
  await tellProposer(topic, '未采纳', input.reason);
  return proposalView(after(topic, set, event), user);
};

/** An admin closes a topic in discussion or voting (scheduled, before `voteUntil`): no result, votes never counted. */
export const cancel: Handler<typeof actions.cancel, PreloadsOf<typeof topicPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  const now = clockNow();
  if (topic.status !== 'scheduled' || !topic.voteUntil || now >= new Date(topic.voteUntil)) throw new AppError('CONSULT.WRONG_STATE');
  const set: Partial<Topic> = { status: 'closed', cancelled: { reason: input.reason, by: user._id, at: now } };
  const event = eventBy(user, 'cancelled', input.reason, now);
  if (!(await moveTopic(topic._id, user.communityId, ['scheduled'], set, event))) throw new AppError('CONSULT.WRONG_STATE');
  return proposalView(after(topic, set, event), user);
};
