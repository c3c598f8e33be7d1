/**
 * The waitlist at the counter (候补代办; issue 22), through the real wx-server-sdk against the local
 * emulator: staff put a resident in line for a full event (`joinWaitlistFor`, with the resident's
 * spoken consent), the entry names the event and who put them there, the resident sees it in
 * `myWaitlist`, the counter lists it (`waitlistFor`) and can give it up (`leaveWaitlistFor`); when a
 * place frees, the booking the waitlist makes carries the staff member as its actor and the consent,
 * exactly as a `bookFor` booking would, and the resident is told (消息). Two staff putting the same
 * resident in line at once make one entry; bad input and the wrong caller change nothing (the whole
 * store compared); the write stays within 3 database round trips. A resident's own `joinWaitlist` on
 * an event's slot also carries `eventId`. The clock is fixed: Wednesday 2026-03-04 10:00 China time.
 */
import { codeOf, ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { BookingView, EventSaveResult, EventRoster, MarketDaysResult, WaitlistLeft, WaitlistView } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
const wang = openidOf('a-wang'); // 老城 admin 王乐天
const yan = openidOf('w-yan'); // 老城 grid worker 严婷
const chen = openidOf('w-chen'); // staff of another community (明珠)
const NOW = new Date('2026-03-04T02:00:00Z');
let seq = 0;
const rid = () => `wlc-req-${(seq += 1).toString().padStart(4, '0')}`;
const market = <T>(event: object, who: string): Promise<Envelope<T>> => cloud.act<T>('market', event, who);

/** `n` fresh residents of 老城社区 (ids `${prefix}-i`). */
function residents(prefix: string, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: id, openid: openidOf(id), name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() })));
  return ids;
}

/** A new event with `places` places, filled by fresh residents; answers the event and the bookings that fill it. */
async function fullEvent(title: string, places = 1): Promise<{ eventId: string; slotId: string; bookings: { id: string; openid: string }[] }> {
  const saved = await ok(market<EventSaveResult>({ action: 'saveEvent', requestId: rid(), title, kind: 'performance', date: '2026-03-07', start: '14:30', end: '16:30', place: '石榴籽“解忧铺”', places, description: '' }, wang));
  const bookings = [];
  for (const id of residents(`full-${saved.event.id}`, places)) {
    const b = await ok(market<BookingView>({ action: 'book', slotId: saved.event.slotId, requestId: rid() }, openidOf(id)));
    bookings.push({ id: b.id, openid: openidOf(id) });
  }
  return { eventId: saved.event.id, slotId: saved.event.slotId, bookings };
}

/** The database round trips of one call (emulator's count), with its answer. */
async function trips<T>(event: object, who: string): Promise<{ n: number; r: Envelope<T> }> {
  const before = cloud.db.stats.requests;
  const r = await market<T>(event, who);
  return { n: cloud.db.stats.requests - before, r };
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  cloud.setClock(NOW);
}, 60_000);
afterAll(() => cloud.close());

it('the counter puts a resident in line for a full event; he sees it naming the event; a cancellation books him, made by the staff member with his consent', async () => {
  const ev = await fullEvent('社区文艺演出');
  const [zhaoId] = residents('wlc-zhao', 1);
  const zhao = openidOf(zhaoId);
  await allow(cloud, zhao, ['waitlistPromoted']);
  // warm the worker (the caller's first call reads more)
  await ok(market({ action: 'myWaitlist' }, yan));
  const joined = await trips<WaitlistView>({ action: 'joinWaitlistFor', residentId: zhaoId, slotId: ev.slotId, consent: { spoken: true, note: '本人在柜台口头同意' } }, yan);
  const entry = await ok(Promise.resolve(joined.r));
  console.log(`round trips: joinWaitlistFor ${joined.n}`);
  expect(joined.n).toBeGreaterThanOrEqual(1);
  expect(joined.n).toBeLessThanOrEqual(3);
  expect(entry).toMatchObject({ slotId: ev.slotId, eventId: ev.eventId, serviceName: '社区文艺演出', position: 1, assisted: true, actorName: '严婷' });
  expect(cloud.db.find('waitlist', { _id: entry.id })[0]).toMatchObject({ eventId: ev.eventId, actorId: 'w-yan', actorName: '严婷', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷', note: '本人在柜台口头同意' } });
  // a repeat answers the same place, nothing more written
  const before = cloud.snapshot();
  expect(await ok(market<WaitlistView>({ action: 'joinWaitlistFor', residentId: zhaoId, slotId: ev.slotId, consent: { spoken: true } }, yan))).toMatchObject({ id: entry.id, position: 1 });
  expect(cloud.snapshot()).toBe(before);

  // the resident sees it (named by the event), the counter lists it, the roster shows the line
  expect(await ok(market<WaitlistView[]>({ action: 'myWaitlist' }, zhao))).toEqual([expect.objectContaining({ id: entry.id, eventId: ev.eventId, serviceName: '社区文艺演出', assisted: true, actorName: '严婷', position: 1 })]);
  expect(await ok(market<WaitlistView[]>({ action: 'waitlistFor', residentId: zhaoId }, wang))).toEqual([expect.objectContaining({ id: entry.id, eventId: ev.eventId, position: 1 })]);
  expect((await ok(market<EventRoster>({ action: 'eventRoster', eventId: ev.eventId }, yan))).waitlist).toEqual([expect.objectContaining({ id: entry.id, residentName: `居民${zhaoId}`, position: 1, actorName: '严婷' })]);

  // a place frees: the booking is his, made by 严婷 with his consent, from the waitlist; he is told
  await ok(market({ action: 'cancelBooking', bookingId: ev.bookings[0].id }, ev.bookings[0].openid));
  const mine = (await ok(market<BookingView[]>({ action: 'myBookings' }, zhao))).filter((b) => b.status === 'booked');
  expect(mine).toEqual([expect.objectContaining({ eventId: ev.eventId, fromWaitlist: true, assisted: true, actorName: '严婷', consentRecorded: true, byFamily: false })]);
  expect(cloud.db.find('bookings', { _id: mine[0].id })[0]).toMatchObject({ actorId: 'w-yan', actorName: '严婷', consent: { method: 'spoken', recordedBy: 'w-yan', note: '本人在柜台口头同意' }, waitlistEntryId: entry.id });
  const inbox = await ok(cloud.act<{ messages: { title: string }[] }>('account', { action: 'myMessages' }, zhao));
  expect(inbox.messages[0].title).toBe('候补成功：社区文艺演出');
  expect(cloud.endpoint.messages.inbox(zhao).map((m) => m.templateId)).toContain('waitlistPromotedLocal');
  expect(await ok(market<WaitlistView[]>({ action: 'waitlistFor', residentId: zhaoId }, yan))).toEqual([]);
});

it("a resident's own place in line for an event carries eventId and names no one else", async () => {
  const ev = await fullEvent('重阳义诊');
  const [id] = residents('wlc-own', 1);
  const own = await ok(market<WaitlistView>({ action: 'joinWaitlist', slotId: ev.slotId }, openidOf(id)));
  expect(own).toMatchObject({ eventId: ev.eventId, assisted: false, actorName: `居民${id}` });
  expect(cloud.db.find('waitlist', { _id: own.id })[0].actorId).toBeUndefined();
  // a market slot's place in line has no event
  const days = await ok(market<MarketDaysResult>({ action: 'listMarketDays' }, openidOf(id)));
  const slotId = `${days.days[0].id}_svc-lc-legal_1000`;
  const [slot] = cloud.db.find('slots', { _id: slotId });
  cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: slot.booked as number } }, multi: false, merge: true, upsert: false });
  const market1 = await ok(market<WaitlistView>({ action: 'joinWaitlistFor', residentId: id, slotId, consent: { spoken: true } }, yan));
  expect(market1).toMatchObject({ eventId: null, serviceName: '法律咨询', assisted: true });
});

it('two staff members putting the same resident in line at once make one entry', async () => {
  const ev = await fullEvent('电影放映');
  const [id] = residents('wlc-both', 1);
  const calls = [yan, wang, yan, wang].map((who) => market<WaitlistView>({ action: 'joinWaitlistFor', residentId: id, slotId: ev.slotId, consent: { spoken: true } }, who));
  const answers = await Promise.all(calls.map((c) => ok(c)));
  expect(new Set(answers.map((a) => a.id)).size).toBe(1);
  expect(answers.map((a) => a.position)).toEqual([1, 1, 1, 1]);
  expect(cloud.db.find('waitlist', { residentId: id })).toHaveLength(1);
  expect(cloud.db.find('slots', { _id: ev.slotId })[0].waiting).toBe(1);
});

it('the counter gives up a place in line (取消候补): the slot counts one less, and the next in line moves up', async () => {
  const ev = await fullEvent('健康讲座');
  const [a, b] = residents('wlc-leave', 2);
  const first = await ok(market<WaitlistView>({ action: 'joinWaitlistFor', residentId: a, slotId: ev.slotId, consent: { spoken: true } }, yan));
  const second = await ok(market<WaitlistView>({ action: 'joinWaitlist', slotId: ev.slotId }, openidOf(b)));
  expect(second.position).toBe(2);
  await ok(market({ action: 'waitlistFor', residentId: a }, yan)); // warm
  // not his place: nothing changes
  const before = cloud.snapshot();
  expect(await codeOf(market({ action: 'leaveWaitlistFor', residentId: a, entryId: second.id }, yan))).toBe('BOOKING.NOT_FOUND');
  expect(await codeOf(market({ action: 'leaveWaitlistFor', residentId: a, entryId: first.id }, chen))).toBe('COUNTER.RESIDENT_NOT_FOUND');
  expect(await codeOf(market({ action: 'leaveWaitlistFor', residentId: a, entryId: first.id }, openidOf(a)))).toBe('COMMON.FORBIDDEN');
  expect(cloud.snapshot()).toBe(before);
  const left = await trips<WaitlistLeft>({ action: 'leaveWaitlistFor', residentId: a, entryId: first.id }, yan);
  expect(await ok(Promise.resolve(left.r))).toEqual({ id: first.id, left: true });
  console.log(`round trips: leaveWaitlistFor ${left.n}`);
  expect(left.n).toBeLessThanOrEqual(3);
  expect(cloud.db.find('waitlist', { _id: first.id })[0]).toMatchObject({ status: 'left', leftBy: 'w-yan' });
  expect(cloud.db.find('slots', { _id: ev.slotId })[0].waiting).toBe(1);
  expect(await ok(market<WaitlistView[]>({ action: 'myWaitlist' }, openidOf(b)))).toEqual([expect.objectContaining({ id: second.id, position: 1 })]);
  // a second leave of the same place: already gone
  expect(await codeOf(market({ action: 'leaveWaitlistFor', residentId: a, entryId: first.id }, yan))).toBe('BOOKING.NOT_FOUND');
  const listed = await trips<WaitlistView[]>({ action: 'waitlistFor', residentId: b }, yan);
  console.log(`round trips: waitlistFor ${listed.n}`);
  expect(listed.n).toBeLessThanOrEqual(2);
});

it('bad input, no consent or the wrong caller changes nothing', async () => {
  const ev = await fullEvent('书法体验');
  const [id] = residents('wlc-bad', 1);
  const open = await ok(market<EventSaveResult>({ action: 'saveEvent', requestId: rid(), title: '还有名额的活动', kind: 'talk', date: '2026-03-07', start: '09:00', end: '10:00', place: '活动室', places: 5, description: '' }, wang));
  const before = cloud.snapshot();
  const join = (over: object) => ({ action: 'joinWaitlistFor', residentId: id, slotId: ev.slotId, consent: { spoken: true }, ...over });
  const bad: [object, string, string][] = [
    [join({ consent: { spoken: false } }), yan, 'COUNTER.CONSENT_REQUIRED'],
    [join({ consent: undefined }), yan, 'COMMON.INVALID_INPUT'],
    [join({ consent: { spoken: true, extra: 1 } }), yan, 'COMMON.INVALID_INPUT'],
    [join({ extra: 1 }), yan, 'COMMON.INVALID_INPUT'],
    [join({ slotId: '' }), yan, 'COMMON.INVALID_INPUT'],
    [join({ residentId: 'nobody' }), yan, 'COUNTER.RESIDENT_NOT_FOUND'],
    [join({ residentId: 'r-li' }), yan, 'COUNTER.RESIDENT_NOT_FOUND'],
    [join({ residentId: 'w-yan' }), wang, 'COUNTER.RESIDENT_NOT_FOUND'],
    [join({}), chen, 'COUNTER.RESIDENT_NOT_FOUND'],
    [join({}), openidOf('r-zhao'), 'COMMON.FORBIDDEN'],
    [join({}), `local-stranger-wlc`, 'COMMON.NOT_REGISTERED'],
    [join({ slotId: 'no-such-slot' }), yan, 'BOOKING.SLOT_NOT_FOUND'],
    [join({ slotId: open.event.slotId }), yan, 'BOOKING.NOT_FULL'],
    [{ action: 'waitlistFor', residentId: id, extra: 1 }, yan, 'COMMON.INVALID_INPUT'],
    [{ action: 'waitlistFor', residentId: id }, chen, 'COUNTER.RESIDENT_NOT_FOUND'],
    [{ action: 'leaveWaitlistFor', residentId: id, entryId: 'no-such-entry' }, yan, 'BOOKING.NOT_FOUND'],
    [{ action: 'leaveWaitlistFor', residentId: id }, yan, 'COMMON.INVALID_INPUT'],
  ];
  for (const [event, who, want] of bad) expect([event, await codeOf(market(event, who))]).toEqual([event, want]);
  expect(cloud.snapshot()).toBe(before);
  // the resident already holds a place at it: refused, as joinWaitlist refuses
  expect(await codeOf(market(join({ residentId: ev.bookings[0].openid.replace('local-', '') }), yan))).toBe('BOOKING.ALREADY_BOOKED');
  expect(cloud.snapshot()).toBe(before);
});

it('a family member putting the elder in line is recorded on the entry, and the promoted booking names them', async () => {
  const ev = await fullEvent('包饺子活动');
  const [elder] = residents('wlc-elder', 1);
  const member = 'local-family-wlc-000001';
  cloud.db.insert('familyLinks', [{ _id: 'fl-wlc-1', elderId: elder, elderName: `居民${elder}`, communityId: 'c-laocheng', memberOpenid: member, memberName: '小梅', relation: 'daughter', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷' }, linkedById: 'w-yan', linkedByName: '严婷', at: new Date(), status: 'active', activeKey: `${member}|${elder}` }]);
  const entry = await ok(market<WaitlistView>({ action: 'joinWaitlist', slotId: ev.slotId, forElder: elder }, member));
  expect(entry).toMatchObject({ eventId: ev.eventId, assisted: true, actorName: expect.stringContaining('小梅') });
  expect(cloud.db.find('waitlist', { _id: entry.id })[0]).toMatchObject({ residentId: elder, actorId: 'family:fl-wlc-1' });
  await ok(market({ action: 'cancelBooking', bookingId: ev.bookings[0].id }, ev.bookings[0].openid));
  const [b] = cloud.db.find('bookings', { residentId: elder, status: 'booked' });
  expect(b).toMatchObject({ actorId: 'family:fl-wlc-1', actorName: entry.actorName, waitlistEntryId: entry.id });
  expect(b.consent).toBeUndefined();
});
