/**
 * Handlers of household votes (表决; docs/consultation-design.md §1): `vote` (a resident in WeChat)
 * and `voteFor` (staff at the counter, 代表决, with the resident's spoken consent). Both go through
 * `votes.ts` `castVote`: one vote per household, decided by the unique index. `topicsFor` tells the
 * counter, before casting, which topics the resident's household may vote on and whether it already
 * voted (never how; design §6).
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { householdKeyOf, householdKeyOfUser, normalisePart } from '../../shared/households';
import type { Topic, User } from '../../shared/model';
import { isHomeInScope } from '../../shared/policy';
import { assertStaffOf, assertVoter } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import { preloadResident, residentOf } from '../../shared/staff';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import type { actions } from '../contract';
import { isVotingOpen, PHASE_LABELS, phaseOf } from '../domain/phase';
import { estatesOf, preloadEstates, preloadTopic, scopeLabelOf, topicOf, TOPICS } from '../topics';
import { preloadOf } from '../../shared/users';
import type { CounterTopic } from '../contracts/topics';
import { myVoteOf } from '../views';
import { castVote, channelsByTopic, householdChannels, householdVote, preloadMyVote, turnoutOf, voterKeyOf } from '../votes';

/** The checks shared by both channels, on records already loaded: voter, phase, option. */
function assertCanVote(voter: User, t: Topic, choice: string, now: Date): string {
  assertVoter(voter, t);
  if (!isVotingOpen(t, now)) throw new AppError('CONSULT.NOT_OPEN');
  if (!t.options.some((o) => o.key === choice)) throw new AppError('CONSULT.OPTION_INVALID');
  return householdKeyOfUser(voter) ?? householdKeyOf(voter.home!);
}

/** Preload of `vote`: the topic and the caller's household's vote, with the caller (one round trip). */
export const preloadVote = ({ topicId }: { topicId: string }) => ({ topic: preloadTopic(topicId), myVote: preloadMyVote(topicId) });

/** `vote`: ≤ 3 round trips — the caller with the topic and their household's vote; the insert or the change; the turnout. */
export const vote: Handler<typeof actions.vote, ReturnType<typeof preloadVote>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  const householdKey = assertCanVote(user, t, input.choice, now);
  // the preloaded vote is known only when the record stores its householdKey (older records: unknown, the insert decides)
  const known = user.householdKey ? (preloaded?.myVote ?? []).find((v) => v.householdKey === householdKey) ?? null : undefined;
  const { vote: cast, changed } = await castVote(
    {
      topic: t,
      householdKey,
      estateId: user.home!.estateId,
      building: normalisePart(user.home!.building),
      channel: 'wechat',
      choice: input.choice,
      voterKey: voterKeyOf(t._id, user._id),
      castBy: { id: user._id, role: user.role },
      verified: !!user.verified,
      ...(input.ownerDeclared !== undefined ? { ownerDeclared: input.ownerDeclared } : {}),
      now,
    },
    known,
  );
  const turnout = await turnoutOf(t._id, t.electorate);
  return { myVote: myVoteOf(cast, user._id), turnout, changed };
};

/** Preload of `voteFor`: the topic and the resident (of the caller's community), with the caller. */
export const preloadVoteFor = ({ topicId, residentId }: { topicId: string; residentId: string }) => ({ topic: preloadTopic(topicId), ...preloadResident({ residentId }) });

/** `voteFor` (代表决): the same household rule, cast by staff with the resident's spoken consent; never echoes the choice. */
export const voteFor: Handler<typeof actions.voteFor, ReturnType<typeof preloadVoteFor>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const consent = recordSpokenConsent(input.consent, user);
  assertStaffOf(user, user.communityId);
  const resident = await residentOf(user, input.residentId, preloaded);
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  const householdKey = assertCanVote(resident, t, input.choice, now);
  const { changed } = await castVote(
    {
      topic: t,
      householdKey,
      estateId: resident.home!.estateId,
      building: normalisePart(resident.home!.building),
      channel: 'counter',
      choice: input.choice,
      voterKey: voterKeyOf(t._id, resident._id),
      castBy: { id: user._id, role: user.role },
      subjectId: resident._id,
      consent,
      verified: !!resident.verified,
      ...(input.ownerDeclared !== undefined ? { ownerDeclared: input.ownerDeclared } : {}),
      now,
    },
    undefined,
  );
  return { householdVoted: true, channel: 'counter', changed };
};

/** Whether a resident's household voted on a topic, for the counter page (never how): one read. */
export async function householdVotedOn(topicId: string, resident: User): Promise<boolean> {
  const key = householdKeyOfUser(resident);
  return key ? !!(await householdVote(topicId, key)) : false;
}

/** How many scheduled topics of a community `topicsFor` reads (a community runs a handful at once). */
const OPEN_SCAN = 50;

/** Preload of `topicsFor`: the resident (of the caller's community), the community's scheduled topics (latest-closing first, without events and background) and its estates — with the caller, one round trip. */
export const preloadTopicsFor = ({ residentId }: { residentId: string }) => ({
  ...preloadResident({ residentId }),
  topics: preloadOf<Topic>({ from: TOPICS, match: { status: 'scheduled' }, sameAsCaller: { communityId: 'communityId' }, sort: { voteUntil: -1 }, limit: OPEN_SCAN, exclude: ['events', 'background'] }),
  estates: preloadEstates(),
});

/**
 * `topicsFor` (代表决, before casting): the topics in discussion or voting whose scope holds the
 * resident's home, soonest-closing first, with whether the household voted and by which channel —
 * never the choice. ≤ 3 round trips: the caller with the preloads; then, in parallel, the household's
 * votes (topicId and channel only) and the turnout aggregation.
 */
export const topicsFor: Handler<typeof actions.topicsFor, ReturnType<typeof preloadTopicsFor>> = async ({ residentId }, { user, preloaded }) => {
  const now = clockNow();
  assertStaffOf(user, user.communityId);
  const resident = await residentOf(user, residentId, preloaded);
  const home = resident.home;
  const key = householdKeyOfUser(resident);
  if (!home || !key) return { items: [] };
  const scheduled =
    preloaded?.topics ??
    ((await db.collection(TOPICS).where({ communityId: user.communityId, status: 'scheduled' }).orderBy('voteUntil', 'desc').limit(OPEN_SCAN).field({ events: false, background: false }).get()).data as Topic[]);
  const open = scheduled
    .filter((t) => t.communityId === user.communityId && isHomeInScope(home, t.scope))
    .map((t) => ({ t, phase: phaseOf(t, now) }))
    .filter((x): x is { t: Topic; phase: 'discussion' | 'voting' } => x.phase === 'discussion' || x.phase === 'voting')
    .sort((a, b) => new Date(a.t.voteUntil!).getTime() - new Date(b.t.voteUntil!).getTime());
  const ids = open.map((x) => x.t._id);
  const [estates, mine, turnout] = await Promise.all([
    estatesOf(user.communityId, preloaded?.estates),
    householdChannels(ids, key),
    channelsByTopic(open.filter((x) => x.phase === 'voting').map((x) => x.t._id)),
  ]);
  const items: CounterTopic[] = open.map(({ t, phase }) => {
    const by = turnout.get(t._id) ?? { wechat: 0, counter: 0, paper: 0 };
    return {
      id: t._id,
      title: t.title,
      kind: t.kind,
      options: t.options.map((o) => ({ key: o.key, label: o.label })),
      rule: t.rule,
      civilCodeItem: t.civilCodeItem ?? null,
      scopeLabel: scopeLabelOf(t.scope, estates),
      phase,
      phaseLabel: PHASE_LABELS[phase],
      votersMustBeVerified: t.votersMustBeVerified,
      voteFrom: t.voteFrom ? new Date(t.voteFrom).toISOString() : null,
      voteUntil: t.voteUntil ? new Date(t.voteUntil).toISOString() : null,
      turnout: phase === 'voting' ? { voted: by.wechat + by.counter + by.paper, electorate: t.electorate?.households ?? null, byChannel: by } : null,
      householdVoted: mine.has(t._id),
      channel: mine.get(t._id) ?? null,
    };
  });
  return { items };
};
