/**
 * Handlers of the meeting actions of `consult` (contracts/meetings.ts; docs/consultation-design.md §4).
 * Reading and writing: `meetings.ts` (meetings) and `signups.ts` (sign-ups); pure rules and views:
 * `domain/meeting.ts`. The meeting is preloaded with the caller in one round trip, only from the
 * caller's own community (`sameAsCaller`), so another community's meeting reads as not found.
 */
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { _, db } from '../../shared/cloud';
import { AppError } from '../../shared/errors';
import { assertOwnPhotos, tempFileUrls } from '../../shared/files';
import type { Meeting, MeetingSignup, User } from '../../shared/model';
import { isResidentOf, isStaffOf } from '../../shared/policy';
import { requestHash, requestKey } from '../../shared/requests';
import type { Handler, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { preloadOf } from '../../shared/users';
import type { MeetingCard, MeetingDetail, SaveMeetingInput, StaffMeetingView } from '../contracts/meetings';
import { meetingActions as actions } from '../contracts/meetings';
import { canHold, meetingCard, meetingInstants, residentMeetingView, signUpKindLabel, signUpRefusal, signUpState, staffMeetingView, type MeetingExtras } from '../domain/meeting';
import { CONSULT_LIMITS as L } from '../limits';
import * as store from '../meetings';
import * as signups from '../signups';

/** The meeting `meetingId` of the caller's community, and the caller's active sign-ups to it (one round trip with the caller). */
export const preloadMeeting = ({ meetingId }: { meetingId: string }) => ({
  meeting: preloadOf<Meeting>({ from: 'meetings', match: { _id: meetingId }, sameAsCaller: { communityId: 'communityId' } }),
  mine: preloadOf<MeetingSignup>({ from: 'meetingSignups', match: { meetingId, status: 'active' }, sameAsCaller: { userId: '_id' }, limit: 2 }),
});
type MeetingPreloads = PreloadsOf<typeof preloadMeeting>;

/** The meeting the preload brought (or read now when it could not), of the caller's community; else CONSULT.MEETING_NOT_FOUND. */
async function meetingOf(user: User, meetingId: string, preloaded: { meeting: Meeting[] } | null): Promise<Meeting> {
  const m = preloaded ? preloaded.meeting[0] : await store.findMeeting(meetingId);
  if (!m || m.communityId !== user.communityId) throw new AppError('CONSULT.MEETING_NOT_FOUND');
  return m;
}

/** The caller's active sign-ups to the meeting (preloaded, or read now). */
async function mineOf(user: User, meetingId: string, preloaded: { mine: MeetingSignup[] } | null): Promise<MeetingSignup[]> {
  return preloaded ? preloaded.mine : signups.signUpsOf(meetingId, user._id);
}

/** Agenda titles and photo URLs of a meeting (two reads at once; none when empty). */
async function extrasOf(m: Meeting, user: User, mine: MeetingSignup[], now: Date, photos: boolean, known?: Record<string, string>): Promise<MeetingExtras> {
  const [topicTitles, photoUrls] = await Promise.all([known ?? store.topicTitles(m.communityId, m.agendaTopicIds), photos ? tempFileUrls(m.photoFileIds) : Promise.resolve({})]);
  const resident = isResidentOf(user, m.communityId);
  return {
    topicTitles,
    photoUrls,
    mySignUps: signUpState(mine),
    canSignUp: resident && (signUpRefusal(m, 'attend', now) === null || signUpRefusal(m, 'speak', now) === null),
  };
}

/** Staff's view of `m` (agenda titles `known` when just read). */
async function staffView(m: Meeting, user: User, now: Date, known?: Record<string, string>): Promise<StaffMeetingView> {
  return staffMeetingView(m, await extrasOf(m, user, [], now, true, known));
}

export const meetings: Handler<typeof actions.meetings> = async ({ filter }, { user }) => {
  const staff = isStaffOf(user, user.communityId);
  if (filter === 'drafts' && !staff) throw new AppError('COMMON.FORBIDDEN');
  const now = clockNow();
  const max = L.meetingList.max;
  const lists = filter ? [filter] : (['coming', 'past'] as const);
  // residents get the community-wide meetings and their own estate's; staff every one
  const audience: store.MeetingAudience = staff ? 'all' : { estateId: user.home?.estateId ?? null };
  const found = await Promise.all(lists.map((f) => store.listMeetings(user.communityId, f, now, max, audience)));
  return found.flat().slice(0, max).map(meetingCard) satisfies MeetingCard[];
};

export const meeting: Handler<typeof actions.meeting, MeetingPreloads> = async ({ meetingId }, { user, preloaded }) => {
  const m = await meetingOf(user, meetingId, preloaded);
  const staff = isStaffOf(user, m.communityId);
  if (!staff && m.status === 'draft') throw new AppError('CONSULT.MEETING_NOT_FOUND');
  const now = clockNow();
  const mine = await mineOf(user, meetingId, preloaded);
  if (staff) return (await staffView(m, user, now)) satisfies MeetingDetail;
  return residentMeetingView(m, await extrasOf(m, user, mine, now, m.status === 'held'));
};

/** The stored fields of a validated form. */
function fieldsOf(input: SaveMeetingInput): store.MeetingFields {
  const { startAt, endAt } = meetingInstants(input.date, input.start, input.end);
  return {
    title: input.title,
    kind: input.kind,
    estateId: input.estateId ?? null,
    startAt,
    endAt,
    place: input.place,
    capacity: input.capacity ?? null,
    speakSlots: input.speakSlots ?? null,
    agendaTopicIds: input.agendaTopicIds,
    attendance: input.attendance.map((r) => ({ role: r.role, count: r.count, ...(r.names?.length ? { names: r.names } : {}), ...(r.org ? { org: r.org } : {}) })),
    minutes: input.minutes,
    photoFileIds: input.photoFileIds,
    decisions: input.decisions.map((d) => ({ text: d.text, ...(d.topicId ? { topicId: d.topicId } : {}), ...(d.opinionId ? { opinionId: d.opinionId } : {}) })),
  };
}

/** The text of a form that WeChat's check reads (one call per 2 500 characters). */
function textOf(input: SaveMeetingInput): string {
  return [input.title, input.place, input.minutes, ...input.attendance.flatMap((r) => [...(r.names ?? []), r.org ?? '']), ...input.decisions.map((d) => d.text)].filter(Boolean).join('\n');
}

/** Checks the links of a form (estate, agenda topics, decisions' topics and opinions) against the community; answers the agenda's titles. */
async function checkLinks(communityId: string, input: SaveMeetingInput): Promise<Record<string, string>> {
  const topicIds = [...new Set([...input.agendaTopicIds, ...input.decisions.flatMap((d) => (d.topicId ? [d.topicId] : []))])];
  const opinionIds = [...new Set(input.decisions.flatMap((d) => (d.opinionId ? [d.opinionId] : [])))];
  const [titles, opinions, estateOk] = await Promise.all([
    store.topicTitles(communityId, topicIds),
    store.opinionIdsOf(communityId, opinionIds),
    input.estateId ? store.estateOf(communityId, input.estateId) : Promise.resolve(true),
  ]);
  if (!estateOk) throw new AppError('CONSULT.ESTATE_NOT_FOUND');
  if (topicIds.some((t) => !titles[t]) || opinionIds.some((o) => !opinions.has(o))) throw new AppError('CONSULT.MEETING_LINK_NOT_FOUND');
  return titles;
}

/** `saveMeeting` reads the meeting with the caller when it saves one. */
export const preloadSave = ({ meetingId }: { meetingId?: string }): { meeting?: ReturnType<typeof preloadMeeting>['meeting'] } =>
  meetingId ? { meeting: preloadMeeting({ meetingId }).meeting } : {};

export const saveMeeting: Handler<typeof actions.saveMeeting, ReturnType<typeof preloadSave>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const fields = fieldsOf(input);
  if (!input.meetingId) {
    const rKey = requestKey(user._id, input.requestId!);
    const hash = requestHash({ ...input, requestId: undefined });
    assertOwnPhotos(input.photoFileIds, user);
    const [titles] = await Promise.all([checkLinks(user.communityId, input), checkText(textOf(input), user.openid)]);
    const m = await store.insertDraft({ communityId: user.communityId, fields, actor: user, rKey, hash, now });
    return staffView(m, user, now, titles);
  }
  const old = await meetingOf(user, input.meetingId, preloaded?.meeting ? { meeting: preloaded.meeting } : null);
  if (old.status === 'cancelled') throw new AppError('CONSULT.MEETING_WRONG_STATE');
  if (old.revision !== input.revision) throw new AppError('CONSULT.DRAFT_STALE');
  // a photo new to the meeting must be the caller's own upload; those already on it stay
  assertOwnPhotos(input.photoFileIds.filter((f) => !old.photoFileIds.includes(f)), user);
  const [titles] = await Promise.all([checkLinks(user.communityId, input), checkText(textOf(input), user.openid)]);
  await store.saveFields(old._id, input.revision!, fields, user, now);
  const { estateId, capacity, speakSlots, ...rest } = fields;
  const saved: Meeting = {
    ...old,
    ...rest,
    estateId: estateId ?? undefined,
    capacity: capacity ?? undefined,
    speakSlots: speakSlots ?? undefined,
    revision: old.revision + 1,
    updatedAt: now,
    events: [...old.events, store.eventOf('saved', user, now)],
  };
  return staffView(saved, user, now, titles);
};

/** The meeting after a refused transition: a second call answers it as it is when it is already `to`; else the refusal. */
async function afterRefusal(meetingId: string, revision: number, to: Meeting['status']): Promise<Meeting> {
  const m = await store.findMeeting(meetingId);
  if (!m) throw new AppError('CONSULT.MEETING_NOT_FOUND');
  if (m.status === to) return m;
  if (m.revision !== revision) throw new AppError('CONSULT.DRAFT_STALE');
  throw new AppError('CONSULT.MEETING_WRONG_STATE');
}

export const announceMeeting: Handler<typeof actions.announceMeeting, MeetingPreloads> = async ({ meetingId, revision }, { user, preloaded }) => {
  const now = clockNow();
  const m = await meetingOf(user, meetingId, preloaded);
  if (m.status === 'planned') return staffView(m, user, now);
  if (m.status !== 'draft' || new Date(m.startAt).getTime() <= now.getTime()) throw new AppError('CONSULT.MEETING_WRONG_STATE');
  const event = store.eventOf('announced', user, now);
  if (!(await store.transition(meetingId, revision, ['draft'], 'planned', event, now))) return staffView(await afterRefusal(meetingId, revision, 'planned'), user, now);
  return staffView({ ...m, status: 'planned', revision: m.revision + 1, events: [...m.events, event] }, user, now);
};

export const holdMeeting: Handler<typeof actions.holdMeeting, MeetingPreloads> = async ({ meetingId, revision }, { user, preloaded }) => {
  const now = clockNow();
  const m = await meetingOf(user, meetingId, preloaded);
  if (m.status === 'held') return staffView(m, user, now);
  if (m.status === 'cancelled') throw new AppError('CONSULT.MEETING_WRONG_STATE');
  if (m.revision !== revision) throw new AppError('CONSULT.DRAFT_STALE');
  if (!canHold(m)) throw new AppError('CONSULT.HOLD_NEEDS_RECORD');
  const event = store.eventOf('held', user, now);
  if (!(await store.transition(meetingId, revision, ['draft', 'planned'], 'held', event, now))) return staffView(await afterRefusal(meetingId, revision, 'held'), user, now);
  return staffView({ ...m, status: 'held', revision: m.revision + 1, events: [...m.events, event] }, user, now);
};

/** `12月3日 周四 19:00` of a meeting, for messages. */
function whenOf(m: Meeting): string {
  const c = meetingCard(m);
  return `${c.dateLabel} ${c.timeLabel.split('–')[0]}`;
}

/** Tells every resident signed up to `m` (inbox always, WeChat when allowed); each once per `tag`. */
async function tellSignedUp(m: Meeting, tag: string, title: string, lines: string[], thing3: string): Promise<{ told: number; byWeChat: number }> {
  const ids = await signups.signedUpUserIds(m._id);
  let told = 0;
  let byWeChat = 0;
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    const { data } = await db.collection('users').where({ _id: _.in(part) }).field({ _id: true, openid: true }).limit(100).get();
    const openids = new Map((data as User[]).map((u) => [u._id, u.openid]));
    const results = await Promise.all(
      part.map((userId) =>
        notify({
          userId,
          openid: openids.get(userId) ?? null,
          key: 'meetingReminder',
          title,
          lines,
          page: `consult/pages/meeting/index?id=${m._id}`,
          data: { thing1: m.title, time2: whenOf(m), thing3 },
          messageId: `meeting-${tag}-${m._id}-${userId}`,
        }),
      ),
    );
    for (const r of results) {
      if (r.stored || r.sent) told += 1;
      if (r.sent) byWeChat += 1;
    }
  }
  return { told, byWeChat };
}

export const cancelMeeting: Handler<typeof actions.cancelMeeting, MeetingPreloads> = async ({ meetingId, reason }, { user, preloaded }) => {
  const now = clockNow();
  const m = await meetingOf(user, meetingId, preloaded);
  if (m.status === 'cancelled') return { meeting: await staffView(m, user, now), residentsTold: 0, residentsByWeChat: 0 };
  if (m.status === 'held') throw new AppError('CONSULT.MEETING_WRONG_STATE');
  await checkText(reason, user.openid);
  const event = store.eventOf('cancelled', user, now, reason);
  const cancelled = { reason, by: user._id, at: now };
  if (!(await store.transition(meetingId, m.revision, ['draft', 'planned'], 'cancelled', event, now, { cancelled }))) {
    // saved or cancelled meanwhile: the caller looks again
    const again = await afterRefusal(meetingId, m.revision, 'cancelled');
    return { meeting: await staffView(again, user, now), residentsTold: 0, residentsByWeChat: 0 };
  }
  const after: Meeting = { ...m, status: 'cancelled', cancelled, revision: m.revision + 1, events: [...m.events, event] };
  const { told, byWeChat } =
    m.status === 'planned' ? await tellSignedUp(after, 'cancel', `会议取消：${m.title}`, [`原定时间：${whenOf(m)}`, `地点：${m.place}`, `取消原因：${reason}`], `已取消：${reason}`) : { told: 0, byWeChat: 0 };
  return { meeting: await staffView(after, user, now), residentsTold: told, residentsByWeChat: byWeChat };
};

export const signUp: Handler<typeof actions.signUp, MeetingPreloads> = async ({ meetingId, kind }, { user, preloaded }) => {
  const m = await meetingOf(user, meetingId, preloaded);
  if (!isResidentOf(user, m.communityId)) throw new AppError('COMMON.FORBIDDEN');
  const now = clockNow();
  const refusal = signUpRefusal(m, kind, now);
  if (refusal === 'closed') throw new AppError('CONSULT.SIGN_UP_CLOSED');
  if (refusal === 'none') throw new AppError('CONSULT.NO_SIGN_UP');
  const mine = await mineOf(user, meetingId, preloaded);
  const before = signUpState(mine);
  if (before[kind]) return { meetingId, mySignUps: before, signedUp: m.signedUp, capacity: m.capacity ?? null, speakers: m.speakers, speakSlots: m.speakSlots ?? null, already: true };
  const r = await signups.signUp(m, user._id, kind, now);
  const add = r.already ? 0 : 1;
  return {
    meetingId,
    mySignUps: { ...before, [kind]: true },
    signedUp: m.signedUp + (kind === 'attend' ? add : 0),
    capacity: m.capacity ?? null,
    speakers: m.speakers + (kind === 'speak' ? add : 0),
    speakSlots: m.speakSlots ?? null,
    already: r.already,
  };
};

export const cancelSignUp: Handler<typeof actions.cancelSignUp, MeetingPreloads> = async ({ meetingId, kind }, { user, preloaded }) => {
  const m = await meetingOf(user, meetingId, preloaded);
  const now = clockNow();
  if (m.status !== 'cancelled' && new Date(m.startAt).getTime() <= now.getTime()) throw new AppError('CONSULT.SIGN_UP_CLOSED');
  const mine = await mineOf(user, meetingId, preloaded);
  const before = signUpState(mine);
  const done = before[kind] ? await signups.cancelSignUp(meetingId, user._id, kind) : false;
  const take = done ? 1 : 0;
  return {
    meetingId,
    mySignUps: { ...before, [kind]: false },
    signedUp: Math.max(0, m.signedUp - (kind === 'attend' ? take : 0)),
    capacity: m.capacity ?? null,
    speakers: Math.max(0, m.speakers - (kind === 'speak' ? take : 0)),
    speakSlots: m.speakSlots ?? null,
    already: !done,
  };
};

export const mySignUps: Handler<typeof actions.mySignUps> = async (_input, { user }) => {
  const list = await signups.mySignUps(user._id, L.meetingList.max);
  const byId = new Map((await store.meetingsByIds([...new Set(list.map((s) => s.meetingId))])).map((m) => [m._id, m]));
  return list
    .filter((s) => byId.has(s.meetingId))
    .map((s) => ({ meetingId: s.meetingId, kind: s.kind, kindLabel: signUpKindLabel(s.kind), at: new Date(s.at).toISOString(), meeting: meetingCard(byId.get(s.meetingId)!) }))
    .sort((a, b) => a.meeting.startAt.localeCompare(b.meeting.startAt));
};
