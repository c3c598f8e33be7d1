/**
 * Store of `meetingSignups` (a resident's sign-up to attend or speak at a meeting; issue 20, design §4),
 * and the places they take on the meeting (`meetings.signedUp` / `speakers`) — the market's hold
 * pattern (`market/holds.ts`) without a slots collection:
 * 1. insert the sign-up with `activeKey = meetingId|userId|kind` (unique index: a double tap, or two
 *    phones of one resident, make one sign-up; the second insert gets a duplicate key);
 * 2. one conditional update takes a place: `where({ _id, status: 'planned', signedUp: _.lt(capacity) })
 *    .update({ signedUp: _.inc(1) })` — 30 residents at once for 20 places: 20 updates match, 10 do not;
 * 3. `updated: 0` → the insert is undone (removed) and the call answers `CONSULT.MEETING_FULL`.
 * Crash analysis: a call killed between 1 and 2 leaves an active sign-up that holds no place (the
 * resident saw no answer; their retry answers `already`). The count errs on the side of free places,
 * never beyond capacity; staff see the sign-ups in the attendance they record. Cancelling frees a
 * place only when the conditional update that cancels it matched (at most once per sign-up).
 */
import { _, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { Meeting, MeetingSignup } from '../shared/model';
import { placeFields, signUpActiveKey } from './domain/meeting';

const SIGNUPS = 'meetingSignups';

/** What {@link signUp} did: a new sign-up (with the meeting's count after it) or one that was there. */
export type SignUpOutcome = { already: false; taken: number } | { already: true };

/**
 * Signs `userId` up for `kind` at `meeting` (steps 1–3 of the module note). Round trips: the insert
 * and the place (2); a full meeting adds the undo. `meeting` is the document read with the caller
 * (its limit and id; the count is taken by the conditional update, not from it).
 * Errors: CONSULT.MEETING_FULL.
 */
export async function signUp(meeting: Pick<Meeting, '_id' | 'capacity' | 'speakSlots'>, userId: string, kind: 'attend' | 'speak', now: Date): Promise<SignUpOutcome> {
  const _id = newDocId();
  const doc: MeetingSignup = { _id, meetingId: meeting._id, userId, kind, activeKey: signUpActiveKey(meeting._id, userId, kind), status: 'active', at: now };
  try {
    await db.collection(SIGNUPS).add({ data: doc });
  } catch (e) {
    if (isDuplicateKey(e, 'activeKey')) return { already: true };
    throw e;
  }
  const { count, limit } = placeFields(kind);
  const max = meeting[limit] ?? 0;
  let updated = 0;
  try {
    ({ stats: { updated } } = await db
      .collection('meetings')
      .where({ _id: meeting._id, status: 'planned', [count]: _.lt(max) })
      .update({ data: { [count]: _.inc(1) } }));
  } catch (e) {
    await undo(_id);
    throw e;
  }
  if (updated !== 1) {
    await undo(_id);
    throw new AppError('CONSULT.MEETING_FULL');
  }
  return { already: false, taken: 1 };
}

/** Removes a sign-up that got no place (only while it is still active). */
async function undo(signupId: string): Promise<void> {
  await db.collection(SIGNUPS).where({ _id: signupId, status: 'active' }).remove();
}

/**
 * Cancels the caller's active sign-up of `kind` and frees its place. Returns false when there was
 * none (a second tap). Round trips: the read, the cancel, the place.
 */
export async function cancelSignUp(meetingId: string, userId: string, kind: 'attend' | 'speak'): Promise<boolean> {
  const { data } = await db.collection(SIGNUPS).where({ activeKey: signUpActiveKey(meetingId, userId, kind) }).limit(1).get();
  const s = data[0] as MeetingSignup | undefined;
  if (!s) return false;
  const { stats } = await db.collection(SIGNUPS).where({ _id: s._id, status: 'active' }).update({ data: { status: 'cancelled', activeKey: `cancelled:${s._id}` } });
  if (stats.updated !== 1) return false;
  const { count } = placeFields(kind);
  await db.collection('meetings').where({ _id: meetingId, [count]: _.gt(0) }).update({ data: { [count]: _.inc(-1) } });
  return true;
}

/** The caller's active sign-ups to one meeting (both kinds). */
export async function signUpsOf(meetingId: string, userId: string): Promise<MeetingSignup[]> {
  const { data } = await db.collection(SIGNUPS).where({ meetingId, userId, status: 'active' }).limit(2).get();
  return data as MeetingSignup[];
}

/** The caller's active sign-ups, latest first, at most `limit`. */
export async function mySignUps(userId: string, limit: number): Promise<MeetingSignup[]> {
  const { data } = await db.collection(SIGNUPS).where({ userId, status: 'active' }).orderBy('at', 'desc').limit(limit).get();
  return data as MeetingSignup[];
}

/** The ids of the residents with an active sign-up (either kind) to a meeting, each once. */
export async function signedUpUserIds(meetingId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (let skip = 0; ; skip += 100) {
    const { data } = await db.collection(SIGNUPS).where({ meetingId, status: 'active' }).field({ userId: true }).skip(skip).limit(100).get();
    for (const s of data as MeetingSignup[]) ids.add(s.userId);
    if (data.length < 100) break;
  }
  return [...ids];
}
