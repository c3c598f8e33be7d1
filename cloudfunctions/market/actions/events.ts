/**
 * Events (活动: 文艺演出, 义诊, 宣讲) on the market's booking engine: `listEvents`, `getEvent`,
 * `saveEvent`, `cancelEvent`, `eventRoster` (contract.ts has what each answers). An event's places
 * are one market slot (`domain/events.ts` `eventSlot`); residents sign up with `book` on it, wait with
 * `joinWaitlist`, are booked for at the counter with `bookFor` and checked in with `checkIn` /
 * `checkInByCode` — the market's own actions, unchanged. Nothing here takes or frees a place except
 * through the market's conditional slot updates (`waitlist.ts` `promoteNext`, `shared/slotClosures.ts`).
 *
 * Order of writes: a new event's slot first (deterministic id from the request key), then the event
 * document (the completion marker; a listed event always has its slot). An edit of places is one
 * conditional update of the slot (`booked <= places`), then the event; a cancel marks the event, then
 * closes the slot and cancels its bookings (`cancelBookingsOf`, idempotent), then tells the waiting.
 */
import { _, callerOpenid, db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import type { Booking, CommunityEvent, Slot, User } from '../../shared/model';
import { isStaffOf } from '../../shared/policy';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import { checkText } from '../../shared/security';
import { cancelBookingsOf, tally } from '../../shared/slotClosures';
import { residentOf } from '../../shared/staff';
import { local, localInstant } from '../../shared/time';
import type { Handler, PreloadsOf } from '../../shared/router';
import { preloadOf } from '../../shared/users';
import { toView } from '../bookings';
import type { actions, EventView } from '../contract';
import { eventIdFor, eventSlot, eventSlotId, eventView, placesBlocker, placesFreed } from '../domain/events';
import { positionsOf, promoteNext, type WaitlistEntry } from '../waitlist';

/** The event `eventId` of the caller's community, or null. */
async function readEvent(communityId: string, eventId: string): Promise<CommunityEvent | null> {
  const { data } = await db.collection('events').where({ _id: eventId, communityId }).limit(1).get();
  return (data[0] as CommunityEvent | undefined) ?? null;
}

async function readSlot(slotId: string): Promise<Slot | null> {
  const { data } = await db.collection('slots').where({ _id: slotId }).limit(1).get();
  return (data[0] as Slot | undefined) ?? null;
}

/**
 * Whom the views' `myBooking`/`myWaitlist` are about: the caller, or with `forResidentId` (staff at
 * the counter, 代报名) that resident of their community. Errors: COMMON.FORBIDDEN, COUNTER.RESIDENT_NOT_FOUND.
 */
async function whoFor(user: User, forResidentId?: string): Promise<User> {
  if (!forResidentId) return user;
  if (!isStaffOf(user, user.communityId ?? '')) throw new AppError('COMMON.FORBIDDEN');
  return residentOf(user, forResidentId);
}

/** What the views need about the resident they are for: their active bookings and waiting entries (of these slots or more). */
interface Mine {
  bookings: Booking[];
  entries: WaitlistEntry[];
}

/** Resident `whoId`'s active bookings and places in line for `slotIds`: two queries at once (staff at the counter). */
async function readMine(whoId: string, slotIds: string[]): Promise<Mine> {
  if (!slotIds.length) return { bookings: [], entries: [] };
  const [bookings, entries] = await Promise.all([
    db.collection('bookings').where({ residentId: whoId, slotId: _.in(slotIds), status: _.in(['booked', 'checkedIn']) }).limit(100).get(),
    db.collection('waitlist').where({ residentId: whoId, slotId: _.in(slotIds), status: 'waiting' }).limit(100).get(),
  ]);
  return { bookings: bookings.data as Booking[], entries: entries.data as WaitlistEntry[] };
}

/**
 * Views of `events` (with their slots) with `mine` (the resident's bookings and places in line); the
 * places in line cost one query, and only when they wait for one of these events.
 */
async function viewsOf(events: { e: CommunityEvent; slot: Slot | null }[], mine: Mine, now: Date): Promise<EventView[]> {
  const slotIds = new Set(events.map((x) => x.e.slotId));
  const bySlot = new Map(mine.bookings.filter((b) => slotIds.has(b.slotId) && (b.status === 'booked' || b.status === 'checkedIn')).map((b) => [b.slotId, b]));
  const waiting = mine.entries.filter((w) => slotIds.has(w.slotId) && w.status === 'waiting');
  const positions = await positionsOf(waiting);
  const waitBySlot = new Map(waiting.map((w) => [w.slotId, w]));
  return events.map(({ e, slot }) => {
    const b = bySlot.get(e.slotId);
    const w = waitBySlot.get(e.slotId);
    return eventView(e, slot, now, {
      booking: b ? { id: b._id, code: b.code, status: b.status as 'booked' | 'checkedIn' } : null,
      waiting: w ? { id: w._id, position: positions.get(w._id) ?? 1 } : null,
    });
  });
}

/** An event as joined with its slot (`$lookup` as `slot`). */
type EventWithSlot = CommunityEvent & { slot?: Slot[] };
const split = ({ slot, ...e }: EventWithSlot) => ({ e: e as CommunityEvent, slot: slot?.[0] ?? null });

/**
 * Preload (listEvents, issue 18: a read ≤ 2 round trips): the caller's community's open events from
 * today on with their slots, the caller's active bookings from today on and their places in line —
 * all with the caller.
 */
export function preloadEvents() {
  const today = local(clockNow()).format('YYYY-MM-DD');
  return {
    events: preloadOf<EventWithSlot>({ from: 'events', sameAsCaller: { communityId: 'communityId' }, match: { status: 'open', date: { $gte: today } }, sort: { date: 1, start: 1 }, limit: 50, join: { from: 'slots', localField: 'slotId', foreignField: '_id', as: 'slot' } }),
    mine: preloadOf<Booking>({ from: 'bookings', sameAsCaller: { residentId: '_id' }, match: { date: { $gte: today }, status: { $in: ['booked', 'checkedIn'] } }, limit: 100 }),
    entries: preloadOf<WaitlistEntry>({ from: 'waitlist', sameAsCaller: { residentId: '_id' }, match: { status: 'waiting' }, limit: 50 }),
  };
}

/** `listEvents`: the caller's community's open events from today on, soonest first, with their places. */
export const listEvents: Handler<typeof actions.listEvents, PreloadsOf<typeof preloadEvents>> = async ({ forResidentId }, { user, preloaded }) => {
  const now = clockNow();
  const today = local(now).format('YYYY-MM-DD');
  const found = preloaded
    ? preloaded.events
    : ((await db.collection('events').aggregate().match({ communityId: user.communityId, status: 'open', date: _.gte(today) }).sort({ date: 1, start: 1 }).limit(50).lookup({ from: 'slots', localField: 'slotId', foreignField: '_id', as: 'slot' }).end()).list as EventWithSlot[]);
  const events = found
    .map(split)
    .sort((a, b) => (a.e.date + a.e.start < b.e.date + b.e.start ? -1 : a.e.date + a.e.start > b.e.date + b.e.start ? 1 : 0))
    // over already (today, ended): not coming any more
    .filter(({ slot }) => !slot || new Date(slot.endAt).getTime() > now.getTime());
  const slotIds = events.map((x) => x.e.slotId);
  const mine = forResidentId
    ? await readMine((await whoFor(user, forResidentId))._id, slotIds)
    : preloaded
      ? { bookings: preloaded.mine, entries: preloaded.entries }
      : await readMine(user._id, slotIds);
  return { communityName: user.community?.name ?? null, events: await viewsOf(events, mine, now) };
};

/** Preload (getEvent): the event of the caller's community with its slot, the caller's booking and place in line for it. */
export function preloadEvent({ eventId }: { eventId: string }) {
  const slotId = eventSlotId(eventId);
  return {
    event: preloadOf<EventWithSlot>({ from: 'events', sameAsCaller: { communityId: 'communityId' }, match: { _id: eventId }, join: { from: 'slots', localField: 'slotId', foreignField: '_id', as: 'slot' } }),
    mine: preloadOf<Booking>({ from: 'bookings', sameAsCaller: { residentId: '_id' }, match: { slotId, status: { $in: ['booked', 'checkedIn'] } }, limit: 1 }),
    entries: preloadOf<WaitlistEntry>({ from: 'waitlist', sameAsCaller: { residentId: '_id' }, match: { slotId, status: 'waiting' }, limit: 1 }),
  };
}

/** `getEvent`: one event of the caller's community. */
export const getEvent: Handler<typeof actions.getEvent, PreloadsOf<typeof preloadEvent>> = async ({ eventId, forResidentId }, { user, preloaded }) => {
  const now = clockNow();
  let x: { e: CommunityEvent; slot: Slot | null } | null;
  if (preloaded) x = preloaded.event[0] ? split(preloaded.event[0]) : null;
  else {
    const e = await readEvent(user.communityId ?? '', eventId);
    x = e ? { e, slot: await readSlot(e.slotId) } : null;
  }
  if (!x) throw new AppError('EVENT.NOT_FOUND');
  const mine = forResidentId
    ? await readMine((await whoFor(user, forResidentId))._id, [x.e.slotId])
    : preloaded
      ? { bookings: preloaded.mine, entries: preloaded.entries }
      : await readMine(user._id, [x.e.slotId]);
  return (await viewsOf([x], mine, now))[0];
};

/** `saveEvent`: create (idempotent per admin and requestId) or edit an event of the caller's community. */
export const saveEvent: Handler<typeof actions.saveEvent> = async (input, { user }) => {
  const now = clockNow();
  const communityId = user.communityId ?? '';
  await checkText([input.title, input.place, input.description].filter(Boolean).join('\n'), callerOpenid());
  if (!input.eventId) return createEvent(input as typeof input & { requestId: string; date: string; start: string; end: string }, user, communityId, now);

  const e = await readEvent(communityId, input.eventId);
  if (!e) throw new AppError('EVENT.NOT_FOUND');
  if (e.status === 'cancelled') throw new AppError('EVENT.CANCELLED');
  const slot = await readSlot(e.slotId);
  if (!slot) throw new AppError('EVENT.NOT_FOUND');
  const { title, kind, description, place, places } = input;
  // places: one conditional update — never below the places booked at the moment of writing
  const { stats } = await db
    .collection('slots')
    .where({ _id: slot._id, booked: _.lte(places) })
    .update({ data: { capacity: places, serviceName: title, place } });
  if (stats.updated !== 1) {
    const fresh = await readSlot(slot._id);
    throw new AppError((fresh && placesBlocker(fresh, places)) || 'COMMON.BUSY');
  }
  await db.collection('events').where({ _id: e._id }).update({ data: { title, kind, description, place, places, updatedAt: db.serverDate() } });
  // places a raise frees go to the people waiting first (as saveService does)
  const freed = placesFreed(slot, places);
  const promoted = freed > 0 ? (await promoteNext(slot._id, now, freed)).length : 0;
  const saved = { ...e, title, kind, description, place, places };
  return { event: (await viewsOf([{ e: saved, slot: await readSlot(slot._id) }], await readMine(user._id, [slot._id]), now))[0], created: false, promoted };
};

/** A new event: its slot first, then the event (the completion marker). A repeat returns the first. */
async function createEvent(input: { requestId: string; title: string; kind: CommunityEvent['kind']; date: string; start: string; end: string; place: string; places: number; description: string }, user: User, communityId: string, now: Date) {
  const rKey = requestKey(user._id, input.requestId);
  const { requestId: _r, ...asked } = input;
  const hash = requestHash(asked);
  const eventId = eventIdFor(rKey);
  const existing = await readEvent(communityId, eventId);
  if (existing) {
    const first = sameRequest(existing, hash);
    return { event: (await viewsOf([{ e: first, slot: await readSlot(first.slotId) }], { bookings: [], entries: [] }, now))[0], created: true, promoted: 0 };
  }
  if (localInstant(input.date, input.start).getTime() <= now.getTime()) throw new AppError('EVENT.IN_PAST');
  const e: Omit<CommunityEvent, 'createdAt'> = {
    _id: eventId,
    communityId,
    title: input.title,
    kind: input.kind,
    date: input.date,
    start: input.start,
    end: input.end,
    place: input.place,
    places: input.places,
    description: input.description,
    status: 'open',
    slotId: eventSlotId(eventId),
    byId: user._id,
    byName: user.name,
    requestKey: rKey,
    requestHash: hash,
  };
  const slot = eventSlot(e);
  try {
    await db.collection('slots').add({ data: slot });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // a retry of a create that died after its slot
  }
  try {
    await db.collection('events').add({ data: { ...e, createdAt: db.serverDate() } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await readEvent(communityId, eventId);
    if (!first) throw err;
    sameRequest(first, hash);
  }
  return { event: eventView({ ...e, createdAt: now }, slot, now), created: true, promoted: 0 };
}

/** `cancelEvent`: the event, its slot and bookings (residents told), and its line (the waiting told too). */
export const cancelEvent: Handler<typeof actions.cancelEvent> = async ({ eventId, reason }, { user }) => {
  const e = await readEvent(user.communityId ?? '', eventId);
  if (!e) throw new AppError('EVENT.NOT_FOUND');
  await checkText(reason, callerOpenid());
  await db.collection('events').where({ _id: e._id }).update({ data: { status: 'cancelled', cancelReason: reason, cancelledBy: user._id, cancelledAt: db.serverDate() } });
  const { data: line } = await db.collection('waitlist').where({ slotId: e.slotId, status: 'waiting' }).limit(1000).get();
  const { cancelled, told } = await cancelBookingsOf([e.slotId], reason, user._id);
  // the people waiting hear it too (a stable message id: a repeated call never tells them twice)
  const waiting = tally();
  const waiters = line as WaitlistEntry[];
  if (waiters.length) {
    const { data: us } = await db.collection('users').where({ _id: _.in(waiters.map((w) => w.residentId)) }).field({ _id: true, openid: true }).limit(1000).get();
    const openid = new Map((us as User[]).map((u) => [u._id, u.openid]));
    const when = `${e.date} ${e.start}`;
    for (const w of waiters) {
      const r = await notify({
        userId: w.residentId,
        openid: openid.get(w.residentId) ?? null,
        key: 'bookingChange',
        title: `活动取消了：${e.title}`,
        lines: [`时间：${when}`, `原因：${reason}`, '您在候补中，不用再等了'],
        page: `events/pages/detail/index?id=${e._id}`,
        data: { thing1: e.title, time2: when, thing3: `已取消：${reason}` },
        messageId: `event-cancel-${e._id}-${w.residentId}`,
      });
      waiting.add(w.residentId, r);
    }
  }
  const w = waiting.result();
  return { bookingsCancelled: cancelled.length, residentsTold: told.told + w.told, residentsByWeChat: told.byWeChat + w.byWeChat };
};

/** `eventRoster`: who is signed up (签到 state) and who waits, for staff of the event's community. */
export const eventRoster: Handler<typeof actions.eventRoster> = async ({ eventId }, { user }) => {
  const now = clockNow();
  const e = await readEvent(user.communityId ?? '', eventId);
  if (!e) throw new AppError('EVENT.NOT_FOUND');
  const [slot, bookings, line] = await Promise.all([
    readSlot(e.slotId),
    db.collection('bookings').where({ slotId: e.slotId, status: _.in(['booked', 'checkedIn']) }).orderBy('createdAt', 'asc').limit(1000).get(),
    db.collection('waitlist').where({ slotId: e.slotId, status: 'waiting' }).orderBy('createdAt', 'asc').limit(1000).get(),
  ]);
  const list = bookings.data as Booking[];
  const waiters = (line.data as WaitlistEntry[]).sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a._id.localeCompare(b._id));
  return {
    event: eventView(e, slot, now),
    // the event's start is its "market" start: checkInOpen is exact
    bookings: list.map((b) => toView(b, now, new Date(b.startAt))),
    waitlist: waiters.map((w, i) => ({ id: w._id, residentName: w.residentName, position: i + 1, joinedAt: new Date(w.createdAt).toISOString(), actorName: w.actorId && w.actorName ? w.actorName : null })),
    checkedIn: list.filter((b) => b.status === 'checkedIn').length,
  };
};
