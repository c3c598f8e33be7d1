/**
 * The opinion actions of `consult` (意见建议, issue 20; contracts/opinions.ts): giving one (app,
 * counter, meeting), the staff lists, one opinion by who asks, the staff steps (accept, resolve,
 * answer — the giver told at each final step, `shared/consultation/opinionLink.ts` `tellGiver`)
 * and the giver's rating. Identity only from the caller (OPENID); a resident sees only their own.
 */
import { callerOpenid, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { tellGiver, toOpinion } from '../../shared/consultation/opinionLink';
import { addWorkingDays, opinionReplyDaysFor } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import type { Meeting, Opinion, User } from '../../shared/model';
import { inCallerCommunity, isResident, isStaffOf } from '../../shared/policy';
import { exceededKind, isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany } from '../../shared/quotas';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import { preloadResident, residentOf } from '../../shared/staff';
import type { LoadedUser } from '../../shared/users';
import type { actions } from '../contract';
import type { StaffOpinionView } from '../contracts/opinions';
import type { OpinionCommand } from '../domain/opinionFlow';
import { cardOf, giverView, staffView } from '../domain/opinionViews';
import { createOpinion, listOpinions, opinionsOfGiver, preloadOpinion, runOpinion } from '../opinions';

/** The content-security check of what people wrote (each non-empty text; the caller's OPENID). */
async function checkTexts(...texts: (string | undefined)[]): Promise<void> {
  const openid = callerOpenid();
  await Promise.all(texts.filter((t): t is string => !!t && !!t.trim()).map((t) => checkText(t, openid)));
}

/** The community's reply working days (`consultation.opinionReplyWorkingDays`, default 10). */
const replyDays = (user: LoadedUser): number => opinionReplyDaysFor(user.community?.consultation);

/** The giver's user record (name, phone) for the staff view; null for a name-only giver. One round trip when there is one. */
async function giverOf(o: Opinion): Promise<User | null> {
  if (!o.giver.userId) return null;
  const { data } = await db.collection('users').where({ _id: o.giver.userId, communityId: o.communityId }).limit(1).get();
  return (data[0] as User | undefined) ?? null;
}

/** The staff view of `o`, with its giver read. */
async function staffViewOf(o: Opinion): Promise<StaffOpinionView> {
  return staffView(o, await giverOf(o), clockNow());
}

/** What `giveOpinion` reads with the caller: today's quota. */
export const giveOpinionPreload = () => ({ quota: preloadQuota(quotaDay(clockNow())) });

export const giveOpinion: Handler<typeof actions.giveOpinion, PreloadsOf<typeof giveOpinionPreload>> = async (input, { user, preloaded }) => {
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  const now = clockNow();
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  const full = isLimited(user) && known ? exceededKind(known, { opinion: 1 }) : null;
  if (full) throw tooMany(full);
  await checkTexts(input.text, input.place);
  const opinion = await createOpinion({
    communityId: user.communityId,
    source: 'app',
    text: input.text,
    place: input.place || undefined,
    giver: { userId: user._id, name: user.name, ...(user.householdKey ? { householdKey: user.householdKey } : {}) },
    requesterId: user._id,
    requestId: input.requestId,
    dueAt: addWorkingDays(now, replyDays(user)),
    reserve: isLimited(user) ? () => takeQuota({ by: 'user', id: user._id }, { opinion: 1 }, now, known) : undefined,
  });
  return giverView(opinion, clockNow());
};

/** What `giveOpinionFor` reads with the caller: the resident. */
export const giveOpinionForPreload = (i: Input<typeof actions.giveOpinionFor>) => preloadResident(i);

export const giveOpinionFor: Handler<typeof actions.giveOpinionFor, PreloadsOf<typeof giveOpinionForPreload>> = async (input, { user: staff, preloaded }) => {
  const consent = recordSpokenConsent(input.consent, staff);
  const resident = await residentOf(staff, input.residentId, preloaded);
  await checkTexts(input.text, input.place, input.consent.note);
  const opinion = await createOpinion({
    communityId: staff.communityId,
    source: 'counter',
    text: input.text,
    place: input.place || undefined,
    giver: { userId: resident._id, name: resident.name, ...(resident.householdKey ? { householdKey: resident.householdKey } : {}) },
    actor: staff,
    consent,
    requesterId: staff._id,
    requestId: input.requestId,
    dueAt: addWorkingDays(clockNow(), replyDays(staff)),
  });
  return staffView(opinion, resident, clockNow());
};

export const recordOpinions: Handler<typeof actions.recordOpinions> = async ({ meetingId, opinions }, { user: staff }) => {
  const _ = db.command;
  // everything is checked before anything is written: the meeting, the residents named, the words
  const residentIds = [...new Set(opinions.flatMap((o) => ('residentId' in o.giver ? [o.giver.residentId] : [])))];
  const [meetingRead, residentsRead] = await Promise.all([
    db.collection('meetings').where(inCallerCommunity(staff, { _id: meetingId })).limit(1).get(),
    residentIds.length ? db.collection('users').where(inCallerCommunity(staff, { _id: _.in(residentIds), role: 'resident' })).limit(residentIds.length).get() : Promise.resolve({ data: [] }),
  ]);
  const meeting = meetingRead.data[0] as Meeting | undefined;
  if (!meeting || meeting.status === 'cancelled') throw new AppError('CONSULT.OPINION_MEETING_NOT_FOUND');
  const residents = new Map((residentsRead.data as User[]).map((u) => [u._id, u]));
  if (residentIds.some((id) => !residents.has(id))) throw new AppError('COUNTER.RESIDENT_NOT_FOUND');
  await checkTexts(...opinions.flatMap((o) => [o.text, o.place, 'name' in o.giver ? o.giver.name : undefined]));
  const dueAt = addWorkingDays(clockNow(), replyDays(staff));
  const made = await Promise.all(
    opinions.map(async (o) => {
      const resident = 'residentId' in o.giver ? residents.get(o.giver.residentId)! : null;
      const giver: Opinion['giver'] = resident ? { userId: resident._id, name: resident.name, ...(resident.householdKey ? { householdKey: resident.householdKey } : {}) } : { name: 'name' in o.giver ? o.giver.name : '' };
      const opinion = await createOpinion({ communityId: staff.communityId, source: 'meeting', meetingId, text: o.text, place: o.place || undefined, giver, actor: staff, requesterId: staff._id, requestId: o.requestId, dueAt });
      return staffView(opinion, resident, clockNow());
    }),
  );
  return made;
};

export const listForStaff: Handler<typeof actions.opinions> = async (filter, { user }) => {
  const now = clockNow();
  return (await listOpinions(user.communityId, filter, now)).map((o) => cardOf(o, now));
};

export const myOpinions: Handler<typeof actions.myOpinions> = async (_input, { user }) => {
  const now = clockNow();
  return (await opinionsOfGiver(user._id, user.communityId)).map((o) => giverView(o, now));
};

export const overdueOpinions: Handler<typeof actions.overdueOpinions> = async (_input, { user }) => {
  const now = clockNow();
  return (await listOpinions(user.communityId, { overdue: true }, now)).map((o) => cardOf(o, now));
};

/** The preloaded opinion: the document, null (none in the caller's community), undefined (not preloaded). */
function preloadedOpinion(preloaded: { opinion?: readonly Opinion[] } | null): Opinion | null | undefined {
  if (!preloaded?.opinion) return undefined;
  return preloaded.opinion[0] ?? null;
}

type OnePreloads = PreloadsOf<typeof preloadOpinion>;

export const opinion: Handler<typeof actions.opinion, OnePreloads> = async ({ opinionId }, { user, preloaded }) => {
  const { opinion: o } = await runOpinionRead(opinionId, user, preloaded);
  if (isStaffOf(user, o.communityId)) return staffViewOf(o);
  if (o.giver.userId === user._id) return giverView(o, clockNow());
  throw new AppError('CONSULT.OPINION_NOT_FOUND');
};

/** The opinion (preloaded, else read) of the caller's community. Errors: CONSULT.OPINION_NOT_FOUND. */
async function runOpinionRead(opinionId: string, user: LoadedUser, preloaded: { opinion?: readonly Opinion[] } | null): Promise<{ opinion: Opinion }> {
  const first = preloadedOpinion(preloaded);
  const o = first === undefined ? (await db.collection('opinions').where({ _id: opinionId, communityId: user.communityId }).limit(1).get()).data[0] : first;
  if (!o || (o as Opinion).communityId !== user.communityId) throw new AppError('CONSULT.OPINION_NOT_FOUND');
  return { opinion: toOpinion(o) };
}

/** Runs a staff step and tells the giver when it was a final one; answers the staff view. */
async function staffStep(opinionId: string, user: LoadedUser, cmd: OpinionCommand, preloaded: { opinion?: readonly Opinion[] } | null): Promise<StaffOpinionView> {
  const { opinion: o, change } = await runOpinion(opinionId, user.communityId, { id: user._id, name: user.name }, cmd, replyDays(user), preloadedOpinion(preloaded));
  if (!change.noop && change.final) await tellGiver(o, true);
  return staffViewOf(o);
}

export const acceptOpinion: Handler<typeof actions.acceptOpinion, OnePreloads> = ({ opinionId }, { user, preloaded }) => staffStep(opinionId, user, { type: 'accept' }, preloaded);

export const resolveOpinion: Handler<typeof actions.resolveOpinion, OnePreloads> = async ({ opinionId, what, when }, { user, preloaded }) => {
  await checkTexts(what);
  return staffStep(opinionId, user, { type: 'resolve', what, when }, preloaded);
};

export const answerOpinion: Handler<typeof actions.answerOpinion, OnePreloads> = async ({ opinionId, text, reason }, { user, preloaded }) => {
  await checkTexts(text, reason);
  return staffStep(opinionId, user, { type: 'answer', text, reason }, preloaded);
};

export const rateOpinion: Handler<typeof actions.rateOpinion, OnePreloads> = async ({ opinionId, rating, comment }, { user, preloaded }) => {
  const { opinion: first } = await runOpinionRead(opinionId, user, preloaded);
  // only its giver: anyone else learns nothing, as for an opinion that does not exist
  if (first.giver.userId !== user._id) throw new AppError('CONSULT.OPINION_NOT_FOUND');
  await checkTexts(comment);
  const { opinion: o } = await runOpinion(opinionId, user.communityId, { id: user._id, name: user.name }, { type: 'rate', rating, comment }, replyDays(user), first);
  return giverView(o, clockNow());
};
