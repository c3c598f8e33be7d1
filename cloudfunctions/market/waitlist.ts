/**
 * The waitlist (候补) for full booking slots (issue 10 "On the day"): a resident joins when a slot
 * is full; a cancellation promotes the first in line; nobody is promoted twice and a place is never
 * given to two people.
 *
 * An entry is a document of `waitlist` (`activeKey` = `${residentId}|${slotId}` while waiting:
 * unique, so one entry per resident and slot); the slot counts its waiting entries in `waiting`.
 * While anyone waits, ordinary bookings cannot take a freed place (their hold requires `waiting`
 * 0, `bookings.ts`). Promotion is: claim the first waiting entry (`waiting` → `promoting`, one
 * conditional update: a second promoter cannot claim it), take the place for it (`booked < capacity`
 * and `waiting > 0` → `booked + 1`, `waiting − 1`, the hold pushed: one conditional update, never
 * oversold), write its booking, mark the entry `promoted`. If the place is gone meanwhile the entry
 * waits again. A killed promotion leaves an entry `promoting` or a freed place with people waiting;
 * the market timer (`repairWaitlists`) recounts and promotes again.
 */
import { db, _, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { AssistConsent, Booking, Slot, SlotHold, User } from '../shared/model';
import { notify } from '../shared/consent';
import { requestHash, requestKey } from '../shared/requests';
import { bookingBlocker } from './domain/booking';
import { insertHeld } from './holds';
import { preloadOf } from '../shared/users';

/** One resident waiting for a place in a slot. */
export interface WaitlistEntry {
  _id: string;
  communityId: string;
  slotId: string;
  marketDayId: string;
  serviceId: string;
  serviceName: string;
  slotLabel: string;
  date: string;
  residentId: string;
  residentName: string;
  status: 'waiting' | 'promoting' | 'promoted' | 'left' | 'skipped';
  /** `${residentId}|${slotId}` while waiting or promoting; `done:${_id}` after */
  activeKey: string;
  bookingId?: string;
  createdAt: Date;
  /** events._id when the slot is an event's places (活动, `Slot.eventId`): the pages name the event */
  eventId?: string;
  /**
   * Who put them in line when not the resident themself (staff at the counter, `joinWaitlistFor`; a
   * linked family member, `family:<linkId>`): the booking a promotion makes carries the same
   * `actorId`/`actorName`/`consent` as one made by that person directly.
   */
  actorId?: string;
  actorName?: string;
  /** the resident's spoken consent as the staff member recorded it (`shared/spokenConsent.ts`) */
  consent?: AssistConsent;
  /** who took them out of the line (`leaveWaitlist`: the resident or family; `leaveWaitlistFor`: staff) */
  leftBy?: string;
}

/** Who acts on a resident's line: the resident themself, or staff / a family member for them. */
export type WaitlistActor = Pick<User, '_id' | 'name'>;

/** Place in line (1 = next) of `entry` among the slot's waiting entries ({@link positionsOf}: one query). */
async function positionOf(entry: WaitlistEntry): Promise<number> {
  return (await positionsOf([entry])).get(entry._id) ?? 1;
}

/**
 * Router preload for `joinWaitlist` (issue 18: a write ≤ 3 round trips): the slot, its line (the
 * entries waiting for it, first come first) and the caller's bookings from `today` (local date) on
 * that still hold a place — all in the caller's round trip.
 */
export function preloadJoin(slotId: string, today: string, residentId?: string) {
  const held = { date: { $gte: today }, status: { $in: ['booked', 'checkedIn'] } };
  return {
    slot: preloadOf<Slot>({ from: 'slots', match: { _id: slotId } }),
    line: preloadOf<WaitlistEntry>({ from: 'waitlist', match: { slotId, status: 'waiting' }, sort: { createdAt: 1 }, limit: 1000 }),
    // the caller's own bookings; at the counter (`residentId`) the served resident's, of the caller's community
    mine: residentId
      ? preloadOf<Booking>({ from: 'bookings', match: { ...held, residentId }, sameAsCaller: { communityId: 'communityId' }, limit: 100 })
      : preloadOf<Booking>({ from: 'bookings', match: held, sameAsCaller: { residentId: '_id' }, limit: 100 }),
  };
}

/** Router preload for `leaveWaitlist`: the caller's own entry `entryId` (none if it is not theirs). */
export const preloadEntry = (entryId: string) => ({ entry: preloadOf<WaitlistEntry>({ from: 'waitlist', match: { _id: entryId }, sameAsCaller: { residentId: '_id' } }) });

/** Router preload for `myWaitlist`: the caller's waiting entries, oldest first. */
export const preloadMyEntries = { entries: preloadOf<WaitlistEntry>({ from: 'waitlist', match: { status: 'waiting' }, sameAsCaller: { residentId: '_id' }, sort: { createdAt: 1 }, limit: 50 }) };

/**
 * Puts `resident` in line for `slot` (full, open, not started). Idempotent: an existing entry is
 * returned with its place. `known`: what {@link preloadJoin} fetched with the caller — the slot's
 * line and the resident's bookings holding a place; without it they are read here.
 * Round trips with `known`: the insert and the slot's `waiting` count (2); the place in line is the
 * line as read plus one (a concurrent joiner may share it for this answer; `myWaitlist` counts again).
 * `by`: who puts them in line when not the resident (staff at the counter with the resident's spoken
 * `consent`, or a family member): recorded on the entry and carried to the booking a promotion makes.
 * An existing entry is answered as it is (whoever made it).
 * Errors: BOOKING.SLOT_CLOSED, BOOKING.NOT_FULL (book it instead), BOOKING.ALREADY_BOOKED (the
 * resident has this service that day).
 */
export async function joinWaitlist(
  slot: Slot,
  resident: User,
  now: Date,
  known?: { line: WaitlistEntry[]; mine: Booking[] },
  by?: { actor: WaitlistActor; consent?: AssistConsent },
): Promise<{ entry: WaitlistEntry; position: number }> {
  const blocker = bookingBlocker(slot, now);
  if (blocker === 'BOOKING.SLOT_CLOSED') throw new AppError('BOOKING.SLOT_CLOSED');
  if (!blocker && !(slot.waiting ?? 0)) throw new AppError('BOOKING.NOT_FULL');
  const activeKey = `${resident._id}|${slot._id}`;
  if (known) {
    const at = known.line.findIndex((e) => e.activeKey === activeKey);
    if (at >= 0) return { entry: known.line[at], position: at + 1 };
    if (known.mine.some((b) => b.marketDayId === slot.marketDayId && b.serviceId === slot.serviceId)) throw new AppError('BOOKING.ALREADY_BOOKED');
  } else {
    const { data: booked } = await db.collection('bookings').where({ activeKey: `${resident._id}|${slot.marketDayId}|${slot.serviceId}` }).limit(1).get();
    if (booked.length) throw new AppError('BOOKING.ALREADY_BOOKED');
  }
  const entry: Omit<WaitlistEntry, 'createdAt'> = {
    _id: newDocId(),
    communityId: slot.communityId,
    slotId: slot._id,
    marketDayId: slot.marketDayId,
    serviceId: slot.serviceId,
    serviceName: slot.serviceName,
    slotLabel: slot.label,
    date: slot.date,
    residentId: resident._id,
    residentName: resident.name,
    status: 'waiting',
    activeKey,
    ...(slot.eventId ? { eventId: slot.eventId } : {}),
    ...(by && by.actor._id !== resident._id ? { actorId: by.actor._id, actorName: by.actor.name } : {}),
    ...(by?.consent ? { consent: by.consent } : {}),
  };
  try {
    await db.collection('waitlist').add({ data: { ...entry, createdAt: now } });
  } catch (e) {
    if (!isDuplicateKey(e, 'activeKey')) throw e;
    const { data } = await db.collection('waitlist').where({ activeKey: entry.activeKey }).limit(1).get();
    const existing = data[0] as WaitlistEntry;
    return { entry: existing, position: await positionOf(existing) };
  }
  await db.collection('slots').where({ _id: slot._id }).update({ data: { waiting: _.inc(1) } });
  const full = { ...entry, createdAt: now };
  return { entry: full, position: known ? known.line.length + 1 : await positionOf(full) };
}

/**
 * Leaves the line (the resident, or staff of the community for them). `known`: the entry as preloaded
 * with the caller (null: none of theirs), which saves reading it again. `leftBy`: who is recorded
 * (default the resident; staff at the counter, a family member `family:<linkId>`). Round trips with
 * it: 2 (the entry, the slot's count). Errors: BOOKING.NOT_FOUND.
 */
export async function leaveWaitlist(entryId: string, residentId: string, known?: WaitlistEntry | null, leftBy?: string): Promise<void> {
  if (known === null) throw new AppError('BOOKING.NOT_FOUND');
  const { stats } = await db
    .collection('waitlist')
    .where({ _id: entryId, residentId, status: 'waiting' })
    .update({ data: { status: 'left', activeKey: `done:${entryId}`, leftBy: leftBy ?? residentId } });
  if (stats.updated !== 1) throw new AppError('BOOKING.NOT_FOUND');
  const e = known ?? ((await db.collection('waitlist').where({ _id: entryId }).limit(1).get()).data[0] as WaitlistEntry);
  await db.collection('slots').where({ _id: e.slotId, waiting: _.gt(0) }).update({ data: { waiting: _.inc(-1) } });
}

/** The resident's waiting entries (coming), oldest first. */
export async function entriesOf(residentId: string): Promise<WaitlistEntry[]> {
  const { data } = await db.collection('waitlist').where({ residentId, status: 'waiting' }).orderBy('createdAt', 'asc').limit(50).get();
  return data as WaitlistEntry[];
}

/**
 * Places in line (1 = next) of `entries` (waiting), in one query over their slots' waiting entries
 * (first come first, ties by id). Output: entry id → position.
 */
export async function positionsOf(entries: WaitlistEntry[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (entries.length === 0) return out;
  const slotIds = [...new Set(entries.map((e) => e.slotId))];
  const { data } = await db.collection('waitlist').where({ slotId: _.in(slotIds), status: 'waiting' }).field({ _id: true, slotId: true, createdAt: true }).orderBy('createdAt', 'asc').limit(1000).get();
  const line = (data as { _id: string; slotId: string; createdAt: Date }[]).sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a._id.localeCompare(b._id));
  for (const e of entries) out.set(e._id, line.filter((x) => x.slotId === e.slotId).findIndex((x) => x._id === e._id) + 1 || 1);
  return out;
}

/**
 * Gives `places` freed places of slot `slotId` to the people waiting, first in line first (a
 * cancellation frees one; the timer's repair fills all). Returns the bookings made. Safe to run
 * concurrently and again. Each cancellation promotes into its own freed place only, so with many
 * cancellations at once every take finds a place and the line keeps its order: a promoter takes a
 * place only after its own release, so takes never outnumber releases.
 */
export async function promoteNext(slotId: string, now: Date, places = 1): Promise<Booking[]> {
  const made: Booking[] = [];
  for (let round = 0; round < 200 && made.length < places; round += 1) {
    const { data } = await db.collection('waitlist').where({ slotId, status: 'waiting' }).orderBy('createdAt', 'asc').limit(1).get();
    const next = data[0] as WaitlistEntry | undefined;
    if (!next) return made;
    const claimed = await db.collection('waitlist').where({ _id: next._id, status: 'waiting' }).update({ data: { status: 'promoting' } });
    if (claimed.stats.updated !== 1) continue; // another promoter has them: look at the next in line
    const { data: slots } = await db.collection('slots').where({ _id: slotId }).limit(1).get();
    const slot = slots[0] as Slot | undefined;
    const bookingId = newDocId();
    const h: SlotHold = { id: bookingId, r: next.residentId, at: now };
    const took = slot
      ? await db
          .collection('slots')
          .where({ _id: slotId, booked: _.lt(slot.capacity), waiting: _.gt(0), open: _.neq(false), startAt: _.gt(now) })
          .update({ data: { booked: _.inc(1), waiting: _.inc(-1), holds: _.push(h) } })
      : { stats: { updated: 0 } };
    if (took.stats.updated !== 1) {
      // no place (or the slot closed): they wait again
      await db.collection('waitlist').where({ _id: next._id, status: 'promoting' }).update({ data: { status: 'waiting' } });
      return made;
    }
    const { data: people } = await db.collection('users').where({ _id: next.residentId }).limit(1).get();
    const resident = people[0] as User | undefined;
    try {
      if (!resident) throw new AppError('BOOKING.NOT_FOUND');
      // put in line at the counter (or by family): the booking names them and the consent, as theirs would
      const actor = next.actorId && next.actorName ? { _id: next.actorId, name: next.actorName } : resident;
      const booking = await insertHeld({ slot: slot!, bookingId, resident, actor, ...(next.consent ? { consent: next.consent } : {}), rKey: requestKey(resident._id, `waitlist-${next._id}`), hash: requestHash({ resident: resident._id, slot: slotId }), now, waitlistEntryId: next._id });
      await db.collection('waitlist').where({ _id: next._id }).update({ data: { status: 'promoted', bookingId, activeKey: `done:${next._id}` } });
      made.push(booking);
      const when = `${booking.date} ${booking.slotLabel.split('–')[0]}`;
      await notify({
        userId: resident._id,
        openid: resident.openid,
        key: 'waitlistPromoted',
        title: `候补成功：${booking.serviceName}`,
        lines: [`时间：${when}`, `预约码：${booking.code}`],
        page: `market/pages/booking/index?id=${bookingId}`,
        data: { thing1: booking.serviceName, time2: when, thing3: `候补成功，预约码 ${booking.code}` },
      });
    } catch (e) {
      // they have this service already (or are gone): the place was freed again by insertHeld; skip them
      await db.collection('waitlist').where({ _id: next._id }).update({ data: { status: 'skipped', activeKey: `done:${next._id}` } });
      if (!(e instanceof AppError)) throw e;
    }
  }
  return made;
}

/**
 * Timer repair: for coming slots with people waiting, recount `waiting` from the entries (an entry
 * stuck `promoting` by a killed call waits again) and promote into free places. Idempotent.
 */
export async function repairWaitlists(now: Date): Promise<{ promoted: number }> {
  await db.collection('waitlist').where({ status: 'promoting', createdAt: _.lt(new Date(now.getTime() - 60_000)) }).update({ data: { status: 'waiting' } });
  const { data } = await db.collection('waitlist').where({ status: 'waiting' }).field({ slotId: true }).limit(1000).get();
  const counts = new Map<string, number>();
  for (const e of data as { slotId: string }[]) counts.set(e.slotId, (counts.get(e.slotId) ?? 0) + 1);
  const { data: slots } = await db.collection('slots').where({ waiting: _.gt(0), startAt: _.gt(now) }).field({ _id: true, waiting: true }).limit(1000).get();
  for (const s of slots as { _id: string; waiting: number }[]) if (!counts.has(s._id)) counts.set(s._id, 0);
  let promoted = 0;
  for (const [slotId, n] of counts) {
    await db.collection('slots').where({ _id: slotId, waiting: _.neq(n) }).update({ data: { waiting: n } });
    if (n > 0) promoted += (await promoteNext(slotId, now, n)).length;
  }
  return { promoted };
}
