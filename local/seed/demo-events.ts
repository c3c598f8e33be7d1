/**
 * The demo's events (活动, issue 22; `npm start` only, with the demo tickets), written directly as
 * documents of the model types (`cloudfunctions/shared/model.ts` `CommunityEvent`, `Slot`, `Booking`),
 * dated relative to the seed's clock `now`: in 老城社区 (c-laocheng), 王乐天 (a-wang) published two days
 * ago a 文艺演出 (歌舞、小品、戏曲) at 石榴籽“解忧铺”, four days after today, 15:30–17:30, 9 places —
 * 7 signed up (nearly full): neighbours from the other demo seeds, one of them (钱秀英, 82) signed up
 * at the counter by 严婷 with her spoken consent. 赵建国 and 邹建庄 are not signed up (the browser tests
 * use their 我的预约; the walk-through signs them up). The event's places are one market slot (`market/domain/events.ts` `eventSlot`), its
 * `booked` = its holds = the bookings below, so the market's repair timer finds nothing to release.
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { Booking, CommunityEvent, Slot } from '../../cloudfunctions/shared/model';
import { localDateOf } from '../../cloudfunctions/shared/deadlines';
import { eventSlot } from '../../cloudfunctions/market/domain/events';
import { activeKey } from '../../cloudfunctions/market/domain/booking';

const DAY = 24 * 3_600_000;

/** The seeded event's id, for tests and the walk-through. */
export const DEMO_EVENT_ID = 'event-demo-performance';

/** Who is signed up (all residents of 老城 in the demo seeds; r-qian at the counter), with fixed codes. */
const SIGNED_UP: { id: string; name: string; code: string; counter?: true }[] = [
  { id: 'r-ma', name: '马桂兰', code: 'WX7KQC' },
  { id: 'r-tian', name: '田玉山', code: 'WX7KQD' },
  { id: 'r-su', name: '苏明', code: 'WX7KQE' },
  { id: 'r-qian', name: '钱秀英', code: 'WX7KQF', counter: true },
  { id: 'r-he', name: '何德福', code: 'WX7KQG' },
  { id: 'r-liu', name: '刘桂香', code: 'WX7KQH' },
  { id: 'r-kong', name: '孔令军', code: 'WX7KQJ' },
];

/** The demo's event, its slot and its bookings (pure; see the module notes). */
export function demoEvents(now: Date): { events: CommunityEvent[]; slots: Slot[]; bookings: Booking[] } {
  const created = new Date(now.getTime() - 2 * DAY);
  const event: CommunityEvent = {
    _id: DEMO_EVENT_ID,
    communityId: 'c-laocheng',
    title: '石榴籽文艺演出',
    kind: 'performance',
    date: localDateOf(new Date(now.getTime() + 4 * DAY)),
    start: '15:30',
    end: '17:30',
    place: '石榴籽“解忧铺”',
    places: 9,
    description: '社区文艺队带来歌舞、小品、戏曲（秦腔、花儿），邻居们一起来热闹热闹。行动不便的老人可以打解忧铺电话，志愿者上门接送。',
    status: 'open',
    slotId: `ev_${DEMO_EVENT_ID}`,
    byId: 'a-wang',
    byName: '王乐天',
    createdAt: created,
    requestKey: `a-wang:${DEMO_EVENT_ID}`,
    requestHash: 'demo',
  };
  const slot = eventSlot(event);
  const bookings: Booking[] = SIGNED_UP.map((p, i) => {
    const at = new Date(created.getTime() + (i + 1) * 3_600_000);
    const id = `booking-demo-event-${p.id}`;
    slot.holds.push({ id, r: p.id, at });
    return {
      _id: id,
      code: p.code,
      communityId: event.communityId,
      marketDayId: slot.marketDayId,
      date: slot.date,
      slotId: slot._id,
      serviceId: slot.serviceId,
      serviceName: slot.serviceName,
      slotLabel: slot.label,
      mode: 'slots',
      startAt: slot.startAt,
      endAt: slot.endAt,
      place: slot.place,
      residentId: p.id,
      residentName: p.name,
      actorId: p.counter ? 'w-yan' : p.id,
      actorName: p.counter ? '严婷' : p.name,
      ...(p.counter ? { consent: { method: 'spoken' as const, recordedBy: 'w-yan', recordedByName: '严婷', note: '本人在柜台口头同意' } } : {}),
      eventId: event._id,
      status: 'booked',
      activeKey: activeKey(p.id, slot.marketDayId, slot.serviceId),
      requestKey: `${p.counter ? 'w-yan' : p.id}:demo-event-${p.id}`,
      createdAt: at,
    };
  });
  slot.booked = slot.holds.length;
  return { events: [event], slots: [slot], bookings };
}

/** Writes the demo's event into `db` (see the module notes). */
export function seedDemoEvents(db: LocalDatabase, now: Date): void {
  if (!db.collectionNames().includes('events')) db.createCollection('events');
  const d = demoEvents(now);
  db.insert('slots', d.slots as never[]);
  db.insert('events', d.events as never[]);
  db.insert('bookings', d.bookings as never[]);
}
