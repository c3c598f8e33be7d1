/**
 * Store of `meetings` (会议, issue 20; docs/consultation-design.md §4): the reads the views need
 * (a meeting, the community's lists, agenda topics' titles, links of decisions) and the writes —
 * the draft's insert (idempotent by `requestKey`), each save one conditional update on `{ _id,
 * revision }` that sets `revision + 1` (never a read-then-write: two phones saving the same revision,
 * one wins, the other answers `CONSULT.DRAFT_STALE`), status changes (conditional on the status and
 * the revision read), the reminder's claim and mark. Every write appends its event in the same update.
 */
import { _, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { Meeting, User } from '../shared/model';
import { sameRequest } from '../shared/requests';

const MEETINGS = 'meetings';

/** A meeting event as stored. */
export type MeetingEvent = Meeting['events'][number];

/** The event of `actor` doing `type` now. */
export function eventOf(type: string, actor: Pick<User, '_id' | 'name'>, now: Date, note = ''): MeetingEvent {
  return { type, at: now, actorId: actor._id, actorName: actor.name, note };
}

/** A meeting by id, or null. */
export async function findMeeting(meetingId: string): Promise<Meeting | null> {
  const { data } = await db.collection(MEETINGS).where({ _id: meetingId }).limit(1).get();
  return (data[0] as Meeting | undefined) ?? null;
}

/** The fields of a meeting the form sets (everything but status, counts, revision, convenor, events, keys). */
export type MeetingFields = Pick<Meeting, 'title' | 'kind' | 'startAt' | 'endAt' | 'place' | 'agendaTopicIds' | 'attendance' | 'minutes' | 'photoFileIds' | 'decisions'> & {
  estateId: string | null;
  capacity: number | null;
  speakSlots: number | null;
};

/** Drops the null optional fields (absent in the document). */
function stored(f: MeetingFields): Omit<MeetingFields, 'estateId' | 'capacity' | 'speakSlots'> & Partial<Pick<Meeting, 'estateId' | 'capacity' | 'speakSlots'>> {
  const { estateId, capacity, speakSlots, ...rest } = f;
  return { ...rest, ...(estateId ? { estateId } : {}), ...(capacity !== null ? { capacity } : {}), ...(speakSlots !== null ? { speakSlots } : {}) };
}

/**
 * Inserts a new draft. A repeated `requestKey` answers the first draft (`COMMON.REQUEST_REUSED` when
 * it was made for other fields).
 */
export async function insertDraft(input: { communityId: string; fields: MeetingFields; actor: User; rKey: string; hash: string; now: Date }): Promise<Meeting> {
  const { fields, actor, now } = input;
  const doc: Meeting = {
    _id: newDocId(),
    communityId: input.communityId,
    ...stored(fields),
    convenor: { id: actor._id, name: actor.name },
    status: 'draft',
    signedUp: 0,
    speakers: 0,
    revision: 0,
    events: [eventOf('created', actor, now)],
    requestKey: input.rKey,
    requestHash: input.hash,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await db.collection(MEETINGS).add({ data: doc });
    return doc;
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const { data } = await db.collection(MEETINGS).where({ requestKey: input.rKey }).limit(1).get();
    const first = data[0] as Meeting | undefined;
    if (!first) throw e;
    return sameRequest(first, input.hash);
  }
}

/**
 * Saves the whole form of `meeting` read at `revision`: one conditional update on `{ _id, revision,
 * status: draft|planned|held, signedUp ≤ capacity, speakers ≤ speakSlots }` that sets `revision + 1`.
 * On no match, one read names the refusal: gone → CONSULT.MEETING_NOT_FOUND, cancelled →
 * CONSULT.MEETING_WRONG_STATE, another revision → CONSULT.DRAFT_STALE, else the places →
 * CONSULT.CAPACITY_BELOW_SIGNED_UP.
 */
export async function saveFields(meetingId: string, revision: number, fields: MeetingFields, actor: User, now: Date): Promise<void> {
  const unset = { ...(fields.estateId ? {} : { estateId: _.remove() }), ...(fields.capacity !== null ? {} : { capacity: _.remove() }), ...(fields.speakSlots !== null ? {} : { speakSlots: _.remove() }) };
  const { stats } = await db
    .collection(MEETINGS)
    .where({ _id: meetingId, revision, status: _.in(['draft', 'planned', 'held']), signedUp: _.lte(fields.capacity ?? 0), speakers: _.lte(fields.speakSlots ?? 0) })
    .update({ data: { ...stored(fields), ...unset, revision: _.inc(1), updatedAt: now, events: _.push([eventOf('saved', actor, now)]) } });
  if (stats.updated === 1) return;
  const m = await findMeeting(meetingId);
  if (!m) throw new AppError('CONSULT.MEETING_NOT_FOUND');
  if (m.status === 'cancelled') throw new AppError('CONSULT.MEETING_WRONG_STATE');
  if (m.revision !== revision) throw new AppError('CONSULT.DRAFT_STALE');
  throw new AppError('CONSULT.CAPACITY_BELOW_SIGNED_UP');
}

/**
 * Moves `meeting` from one of `from` to `to`, conditional on the revision read (and the status),
 * setting `revision + 1` and appending the event; `extra` fields are set with it. Returns whether it
 * did; on no match the caller re-reads to name the refusal.
 */
export async function transition(meetingId: string, revision: number, from: Meeting['status'][], to: Meeting['status'], event: MeetingEvent, now: Date, extra: Record<string, unknown> = {}): Promise<boolean> {
  const { stats } = await db
    .collection(MEETINGS)
    .where({ _id: meetingId, revision, status: _.in(from) })
    .update({ data: { status: to, ...extra, revision: _.inc(1), updatedAt: now, events: _.push([event]) } });
  return stats.updated === 1;
}

/** Fields a list does not need. */
const LIST_FIELDS = { events: false, decisions: false, photoFileIds: false, requestKey: false, requestHash: false } as const;

/** Marks the heavy fields a list leaves out as empty (so the card's code reads the same type). */
function listed(data: unknown[]): Meeting[] {
  return (data as Meeting[]).map((m) => ({ ...m, minutes: m.minutes ?? '', events: [], decisions: [], photoFileIds: [] }));
}

/**
 * Whose list it is: `all` (staff: every meeting of the community), or a resident's — the
 * community-wide meetings and those of their own estate (`estateId`; null: no home, community-wide only).
 */
export type MeetingAudience = 'all' | { estateId: string | null };

/**
 * The community's meetings for a list: `coming` (planned or cancelled, not ended, soonest first),
 * `past` (held, or planned and ended, latest first), `drafts` (latest saved first), for `audience`
 * (an estate's meeting is listed to its own estate's residents only; the filter is in the query, so
 * other estates' meetings never take places of the `limit`). At most `limit`.
 */
export async function listMeetings(communityId: string, filter: 'coming' | 'past' | 'drafts', now: Date, limit: number, audience: MeetingAudience = 'all'): Promise<Meeting[]> {
  const col = db.collection(MEETINGS);
  // minutes are kept for `hasMinutes` (≤ 5 000 characters × 50 at most)
  const fields = LIST_FIELDS;
  const where = (q: Record<string, unknown>) =>
    audience === 'all'
      ? col.where(q)
      : col.where(_.and([q, _.or([{ estateId: _.exists(false) }, ...(audience.estateId ? [{ estateId: audience.estateId }] : [])])]));
  if (filter === 'drafts') {
    const { data } = await where({ communityId, status: 'draft' }).orderBy('updatedAt', 'desc').field(fields).limit(limit).get();
    return listed(data);
  }
  if (filter === 'coming') {
    const { data } = await where({ communityId, status: _.in(['planned', 'cancelled']), endAt: _.gte(now) }).orderBy('startAt', 'asc').field(fields).limit(limit).get();
    return listed(data);
  }
  const [held, over] = await Promise.all([
    where({ communityId, status: 'held' }).orderBy('startAt', 'desc').field(fields).limit(limit).get(),
    where({ communityId, status: 'planned', endAt: _.lt(now) }).orderBy('startAt', 'desc').field(fields).limit(limit).get(),
  ]);
  return listed([...held.data, ...over.data])
    .sort((a, b) => new Date(b.startAt).getTime() - new Date(a.startAt).getTime())
    .slice(0, limit);
}

/** Meetings by id (for a resident's sign-ups), without the heavy fields. */
export async function meetingsByIds(ids: string[]): Promise<Meeting[]> {
  if (!ids.length) return [];
  const { data } = await db.collection(MEETINGS).where({ _id: _.in(ids) }).field(LIST_FIELDS).limit(100).get();
  return listed(data);
}

/** Titles of the community's topics among `ids` (topic id → title; topics of other communities left out). */
export async function topicTitles(communityId: string, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const { data } = await db.collection('topics').where({ _id: _.in(ids), communityId }).field({ _id: true, title: true }).limit(100).get();
  return Object.fromEntries((data as { _id: string; title: string }[]).map((t) => [t._id, t.title]));
}

/** The ids among `ids` of the community's opinions. */
export async function opinionIdsOf(communityId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { data } = await db.collection('opinions').where({ _id: _.in(ids), communityId }).field({ _id: true }).limit(100).get();
  return new Set((data as { _id: string }[]).map((o) => o._id));
}

/** True when estate `estateId` belongs to the community. */
export async function estateOf(communityId: string, estateId: string): Promise<boolean> {
  const { data } = await db.collection('estates').where({ _id: estateId, communityId }).field({ _id: true }).limit(1).get();
  return data.length === 1;
}

/** Planned meetings starting in `[from, to)` not yet reminded and not claimed by a live run, at most 20. */
export async function dueForReminder(from: Date, to: Date, free: unknown): Promise<Meeting[]> {
  const { data } = await db
    .collection(MEETINGS)
    .where({ status: 'planned', startAt: _.gte(from).and(_.lt(to)), remindedAt: _.exists(false), remindClaim: free })
    .field(LIST_FIELDS)
    .limit(20)
    .get();
  return listed(data);
}

/** Claims a meeting's reminder for this run (one conditional update); false when another run has it. */
export async function claimReminder(meetingId: string, claim: Date, free: unknown): Promise<boolean> {
  const { stats } = await db.collection(MEETINGS).where({ _id: meetingId, status: 'planned', remindedAt: _.exists(false), remindClaim: free }).update({ data: { remindClaim: claim } });
  return stats.updated === 1;
}

/** Ends this run's claim: reminded (`done`), or released for the next run. */
export async function endReminder(meetingId: string, claim: Date, done: boolean): Promise<void> {
  await db.collection(MEETINGS).where({ _id: meetingId, remindClaim: claim }).update({ data: done ? { remindedAt: db.serverDate(), remindClaim: null } : { remindClaim: null } });
}
