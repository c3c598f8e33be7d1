/**
 * The demo's event (issue 22, local/seed/demo-events.ts) through the real functions: 老城's residents
 * see the coming 石榴籽文艺演出 nearly full (2 of 9 places left); 严婷's roster lists the 7 sign-ups with 钱秀英's made at the counter;
 * the market's repair timer finds nothing to release (every hold has its booking); 邹建庄 signs up.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { BookingView, EventRoster, EventsResult } from '../../cloudfunctions/market/contract';
import { DEMO_EVENT_ID } from '../../local/seed/demo-events';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('老城 sees the coming 文艺演出 nearly full, with its sign-ups; the repair timer keeps every place', async () => {
  const list = await ok(cloud.act<EventsResult>('market', { action: 'listEvents' }, openidOf('r-zhao')));
  const ev = list.events.find((e) => e.id === DEMO_EVENT_ID)!;
  expect(ev).toMatchObject({ title: '石榴籽文艺演出', kindLabel: '文艺演出', place: '石榴籽“解忧铺”', places: 9, booked: 7, remaining: 2, state: 'open', myBooking: null });
  expect(ev.description).toMatch(/歌舞.*小品.*戏曲/);
  const roster = await ok(cloud.act<EventRoster>('market', { action: 'eventRoster', eventId: DEMO_EVENT_ID }, openidOf('w-yan')));
  expect(roster.bookings).toHaveLength(7);
  expect(roster.bookings.find((b) => b.residentName === '钱秀英')).toMatchObject({ assisted: true, actorName: '严婷', consentRecorded: true });
  await cloud.trigger('market', 'ensureMarketDays');
  const [slot] = cloud.db.find('slots', { _id: `ev_${DEMO_EVENT_ID}` });
  expect([slot.booked, (slot.holds as unknown[]).length]).toEqual([7, 7]);
  await ok(cloud.act('market', { action: 'book', slotId: `ev_${DEMO_EVENT_ID}`, requestId: 'demo-zou-signup' }, openidOf('r-zou')));
  expect((await ok(cloud.act<EventsResult>('market', { action: 'listEvents' }, openidOf('r-zou')))).events.find((e) => e.id === DEMO_EVENT_ID)).toMatchObject({ booked: 8, remaining: 1 });
  const mine = await ok(cloud.act<BookingView[]>('market', { action: 'myBookings' }, openidOf('r-zou')));
  expect(mine.find((b) => b.eventId === DEMO_EVENT_ID)).toMatchObject({ serviceName: '石榴籽文艺演出', status: 'booked', cancellable: true });
});
