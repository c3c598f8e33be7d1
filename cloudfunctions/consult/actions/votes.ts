/**
 * Handlers of household votes (表决; docs/consultation-design.md §1): `vote` (a resident in WeChat)
 * and `voteFor` (staff at the counter, 代表决, with the resident's spoken consent). Both go through
 * `votes.ts` `castVote`: one vote per household, decided by the unique index.
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { householdKeyOf, householdKeyOfUser, normalisePart } from '../../shared/households';
import type { Topic, User } from '../../shared/model';
import { assertStaffOf, assertVoter } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import { preloadResident, residentOf } from '../../shared/staff';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import type { actions } from '../contract';
import { isVotingOpen } from '../domain/phase';
import { preloadTopic, topicOf } from '../topics';
import { myVoteOf } from '../views';
import { castVote, householdVote, preloadMyVote, turnoutOf, voterKeyOf } from '../votes';

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
