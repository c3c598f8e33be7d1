/**
 * Scheduled jobs (issue 11) through the real wx-server-sdk, on the controllable clock:
 * - the scheduler fires each function's config.json trigger at its local (UTC+8) times as the clock
 *   moves through the schedule (`LocalCloud.runSchedule`), e.g. Thursday 10:00's reminder of
 *   Friday's booking;
 * - every job run twice equals once (the database is the same after the second run, and the
 *   second run reports nothing done), and each first run did its work (overdue tickets on the
 *   hard-case list, handled tickets closed after the follow-up window, reporters asked to rate);
 * - jobs racing people's actions (a worker's close, a resident's rating) leave each ticket whole:
 *   one `closed` event, one rating, versions counted once.
 */
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { BookingView, MarketDaysResult } from '../../cloudfunctions/market/contract';
import type { QueueItem, ResidentTicketView, StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
let n = 0;
const rid = () => `jobs-${(n += 1).toString().padStart(6, '0')}`;

/** A local (UTC+8) wall-clock time as an instant. */
const localAt = (s: string) => new Date(`${s}+08:00`);
const hm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
const localDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A Date from the emulator's store (another realm: `instanceof` does not hold). */
const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';
type Doc = Record<string, unknown> & { _id: string };
const ticket = (id: string) => cloud.db.find('tickets', { _id: id })[0] as Doc & { events: { type: string; actorRole: string }[]; version: number; status: string; ratings: unknown[] };
const booking = (id: string) => cloud.db.find('bookings', { _id: id })[0] as Doc;
const reminders = (openid: string) => cloud.endpoint.messages.inbox(openid).filter((m) => m.templateId === 'bookingReminderLocal');
const ratingAsks = (openid: string, ticketId: string) => cloud.endpoint.messages.inbox(openid).filter((m) => m.page.includes(ticketId) && m.data.phrase2?.value === '请评价');

const tk = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);
const report = (text: string) => ok(tk<ResidentTicketView>({ action: 'report', category: 'sanitation', text, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid() }, zhao));
/** Reports, accepts, handles and has checked (核查, issue 21: a community problem closes only once checked) a ticket now: it waits in `handled` for its close. */
async function handledTicket(text: string): Promise<string> {
  const t = await report(text);
  await ok(tk<StaffTicketView>({ action: 'accept', ticketId: t.id }, yan));
  await ok(tk<StaffTicketView>({ action: 'handle', ticketId: t.id, result: '已清理干净' }, yan));
  await ok(tk<StaffTicketView>({ action: 'verify', ticketId: t.id, passed: true }, wang));
  return t.id;
}
async function followUp(id: string, at: Date): Promise<void> {
  await ok(tk<StaffTicketView>({ action: 'followUp', ticketId: id, date: localDate(at), method: 'phone', reporterSaid: '已经干净了，满意' }, yan));
}
async function book(openid: string, service: string): Promise<BookingView> {
  const days = await ok(cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openid));
  return ok(cloud.act<BookingView>('market', { action: 'book', slotId: `${days.days[0].id}_${service}_1000`, requestId: rid() }, openid));
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
}, 60_000);
afterAll(() => cloud.close());

describe('the scheduler follows config.json and the clock', () => {
  it('declares one timer trigger per function, as in each config.json', () => {
    expect(cloud.triggers.map((t) => `${t.fn}.${t.name} ${t.config}`)).toEqual(['consult.consultJobs 0 */10 * * * * *', 'market.marketJobs 0 */10 * * * * *', 'parcels.parcelJobs 0 0 9 * * * *', 'posts.postJobs 0 10 0 * * * *', 'stall.vendorJobs 0 */10 * * * * *', 'ticket.ticketJobs 0 */10 * * * * *']);
  });

  it('reminds a Friday booking at Thursday 10:00 local, once; a cancelled booking is not reminded', async () => {
    const thursday9 = localAt('2026-12-03T09:00:00');
    cloud.setClock(thursday9);
    const mine = await book(zhao, 'svc-lc-haircut');
    await allow(cloud, zhao, ['bookingReminder']); // the booking confirm's ask (issue 18): one reminder may be sent
    expect(mine.date).toBe('2026-12-04');
    const theirs = await book(zou, 'svc-lc-haircut');
    await ok(cloud.act('market', { action: 'cancelBooking', bookingId: theirs.id }, zou));

    const before10 = await cloud.runSchedule(localAt('2026-12-03T09:55:00'), ['market']);
    expect(before10.map((f) => hm(f.at))).toEqual(['09:10', '09:20', '09:30', '09:40', '09:50']);
    expect(before10.every((f) => (f.result as Envelope<unknown>).ok)).toBe(true);
    expect(reminders(zhao)).toHaveLength(0);
    expect(booking(mine.id).remindedAt).toBeUndefined();

    const at10 = await cloud.runSchedule(localAt('2026-12-03T10:05:00'), ['market']);
    expect(at10.map((f) => `${f.fn}.${f.name} ${hm(f.at)}`)).toEqual(['market.marketJobs 10:00']);
    expect(at10[0].result).toMatchObject({ ok: true, data: { reminded: 1, delivered: 1 } });
    expect(reminders(zhao)).toHaveLength(1);
    expect(reminders(zhao)[0].data).toMatchObject({ thing1: { value: '爱心义剪' }, character_string4: { value: mine.code } });
    expect(reminders(zou)).toHaveLength(0);
    const remindedAt = (booking(mine.id).remindedAt as Date).getTime();
    expect(remindedAt).toBeGreaterThanOrEqual(localAt('2026-12-03T10:00:00').getTime());
    expect(remindedAt).toBeLessThan(localAt('2026-12-03T10:01:00').getTime());

    const later = await cloud.runSchedule(localAt('2026-12-03T10:35:00'), ['market']);
    expect(later).toHaveLength(3);
    expect(reminders(zhao)).toHaveLength(1);
    expect(booking(mine.id).remindedAt).toEqual(new Date(remindedAt));
  }, 60_000);

  it('the schedule runs every function’s trigger in time order, through a night (each every 10 minutes)', async () => {
    cloud.setClock(localAt('2026-12-04T02:05:00'));
    const fired = await cloud.runSchedule(localAt('2026-12-04T02:30:00'));
    expect(fired.map((f) => `${hm(f.at)} ${f.fn}`)).toEqual(['02:10 consult', '02:10 market', '02:10 stall', '02:10 ticket', '02:20 consult', '02:20 market', '02:20 stall', '02:20 ticket', '02:30 consult', '02:30 market', '02:30 stall', '02:30 ticket']);
    expect(fired.map((f) => (f.result as Envelope<unknown>).ok)).toEqual(fired.map(() => true));
  }, 60_000);
});

describe('each job run twice equals once', () => {
  const B = localAt('2026-12-10T09:00:00');
  const ids: Record<string, string> = {};
  let bookingId = '';

  beforeAll(async () => {
    cloud.setClock(B);
    ids.overdue = (await report('3号楼楼道里堆满了纸箱，没人来收')).id;
    ids.handled = await handledTicket('2号楼门口的垃圾好几天没人清');
    await followUp(ids.handled, B);
    ids.handledNoFollowUp = await handledTicket('1号楼后面的草坪上有建筑垃圾');
    // a week later, 09:00: one ticket closed by its worker
    cloud.setClock(new Date(B.getTime() + 7 * 24 * 3600_000));
    ids.closed = await handledTicket('4号楼楼顶有人堆了杂物');
    await followUp(ids.closed, new Date(B.getTime() + 7 * 24 * 3600_000));
    await ok(tk({ action: 'close', ticketId: ids.closed, summary: '杂物已清走' }, yan));
    bookingId = (await book(zhao, 'svc-lc-haircut')).id; // for Friday the 18th
    // zhao allowed one reminder at the booking, and three progress messages on the tickets' pages after they closed (issue 18)
    await allow(cloud, zhao, ['bookingReminder']);
    await allow(cloud, zhao, ['ticketProgress'], 3);
    // Thursday 14:00: all four jobs have work to do
    cloud.setClock(new Date(B.getTime() + 7 * 24 * 3600_000 + 5 * 3600_000));
  }, 60_000);

  it.each([
    ['ticket', 'markOverdue', { escalated: 1 }],
    ['ticket', 'autoClose', { autoClosed: 2 }],
    ['ticket', 'askRatings', { ratingAsked: 1, delivered: 1 }],
    ['market', 'remindBookings', { reminded: 1, delivered: 1 }],
    ['market', 'ensureMarketDays', {}],
    ['ticket', 'ticketJobs', { escalated: 0, autoClosed: 0, ratingAsked: 0 }],
    ['market', 'marketJobs', { reminded: 0, noShows: 0 }],
    ['stall', 'markAbsences', {}],
    ['stall', 'vendorJobs', {}],
  ])('%s.%s', async (fn, timer, firstDid) => {
    const first = (await cloud.trigger(fn, timer)) as Envelope<Record<string, number>>;
    expect(first).toMatchObject({ ok: true, data: firstDid });
    const once = cloud.snapshot();
    const inboxes = [zhao, zou].map((o) => cloud.endpoint.messages.inbox(o).length);
    const second = (await cloud.trigger(fn, timer)) as Envelope<Record<string, number>>;
    expect(second.ok).toBe(true);
    // everything a second run reports doing is 0 (`communities` is how many it looked at)
    if (second.ok) for (const [k, v] of Object.entries(second.data)) if (k !== 'communities') expect({ [k]: v }).toEqual({ [k]: 0 });
    expect(cloud.snapshot()).toBe(once);
    expect([zhao, zou].map((o) => cloud.endpoint.messages.inbox(o).length)).toEqual(inboxes);
  }, 60_000);

  it('what the first runs did: escalated onto the hard-case list, closed by the timer, asked and reminded once', async () => {
    expect(ticket(ids.overdue)).toMatchObject({ overdue: true, hardCase: true, hardCaseReason: 'overdue', status: 'pending' });
    const hard = await ok(tk<QueueItem[]>({ action: 'hardCases' }, wang));
    expect(hard.map((h) => h.id)).toContain(ids.overdue);
    for (const id of [ids.handled, ids.handledNoFollowUp]) {
      const t = ticket(id);
      expect(t.status).toBe('closed');
      expect(t.events.filter((e) => e.type === 'closed')).toEqual([expect.objectContaining({ actorRole: 'timer', public: true, detail: expect.objectContaining({ auto: true }) })]);
    }
    expect((ticket(ids.handledNoFollowUp).events.at(-1) as unknown as { detail: { followUps: number } }).detail.followUps).toBe(0);
    // the reporter reads why it was closed
    const seen = await ok(tk<{ ticket: { status: string; timeline: { title: string }[] } }>({ action: 'get', ticketId: ids.handled }, zhao));
    expect(seen.ticket.status).toBe('closed');
    expect(seen.ticket.timeline.at(-1)?.title).toBe('回访期满，自动办结');
    expect(isDate(ticket(ids.closed).ratingAskedAt)).toBe(true);
    expect(ratingAsks(zhao, ids.closed)).toHaveLength(1);
    // the two tickets the timer closed are asked about four hours later, in daytime
    expect(ratingAsks(zhao, ids.handled)).toHaveLength(0);
    // closed a few milliseconds after 14:00: the 18:10 run is the first four hours later
    await cloud.runSchedule(localAt('2026-12-17T18:15:00'), ['ticket']);
    expect(ratingAsks(zhao, ids.handled)).toHaveLength(1);
    expect(ratingAsks(zhao, ids.closed)).toHaveLength(1);
    expect(isDate(booking(bookingId).remindedAt)).toBe(true);
    expect(reminders(zhao).filter((m) => m.data.character_string4.value === (booking(bookingId).code as string))).toHaveLength(1);
  }, 60_000);

  it('no rating ask at night: a ticket closed at 18:00 is asked at 09:00 the next morning', async () => {
    cloud.setClock(localAt('2026-12-18T18:00:00'));
    const id = await handledTicket('5号楼电梯口有人乱扔烟头');
    await followUp(id, localAt('2026-12-18T18:00:00'));
    await ok(tk({ action: 'close', ticketId: id, summary: '已提醒并清扫' }, yan));
    await allow(cloud, zhao, ['ticketProgress']);
    const night = await cloud.runSchedule(localAt('2026-12-19T08:55:00'), ['ticket.ticketJobs']);
    expect(night.length).toBeGreaterThan(80);
    expect(ratingAsks(zhao, id)).toHaveLength(0);
    const morning = await cloud.runSchedule(localAt('2026-12-19T09:05:00'), ['ticket.ticketJobs']);
    expect(morning.map((f) => hm(f.at))).toEqual(['09:00']);
    expect(morning[0].result).toMatchObject({ ok: true, data: { ratingAsked: 1 } });
    expect(ratingAsks(zhao, id)).toHaveLength(1);
  }, 120_000);
});

describe('jobs racing people', () => {
  it('auto-close racing the workers’ closes: each ticket closed once, by whoever landed first', async () => {
    const start = localAt('2026-12-21T09:00:00');
    cloud.setClock(start);
    const model = await handledTicket('1号楼楼道灯不亮，晚上看不见');
    await followUp(model, start);
    // 40 more like it, handled a minute apart: the timer works through them oldest first
    const doc = ticket(model);
    const ids = [model];
    cloud.db.insert(
      'tickets',
      Array.from({ length: 40 }, (_, i) => {
        ids.push(`${model}-r${i}`);
        return { ...doc, _id: `${model}-r${i}`, requestKey: `${String(doc.requestKey)}-r${i}`, handledAt: new Date(start.getTime() + (i + 1) * 60_000) };
      }),
    );
    const versions = ids.map((id) => ticket(id).version);
    cloud.setClock(new Date(start.getTime() + 7 * 24 * 3600_000 + 3600_000));
    // while the timer works through them, the worker closes five spread over the list: the timer
    // reaches the first ones first, and finds the later ones changed since it read them
    const byWorker = [1, 6, 14, 26, 40].map((i) => ids[i]);
    // every function worker has loaded the ticket bundle (no cold start to tilt the race)
    await Promise.all(Array.from({ length: 8 }, () => tk({ action: 'queue' }, yan)));
    const [timer, ...closes] = await Promise.all([cloud.trigger('ticket', 'autoClose'), ...byWorker.map((id) => tk({ action: 'close', ticketId: id, summary: '灯已修好' }, yan))]);
    expect(timer).toMatchObject({ ok: true });
    ids.forEach((id, i) => {
      const t = ticket(id);
      const closedEvents = t.events.filter((e) => e.type === 'closed');
      expect(t.status).toBe('closed');
      expect(closedEvents).toHaveLength(1);
      expect(t.version).toBe(versions[i] + 1);
      const w = byWorker.indexOf(id);
      const workerWon = w >= 0 && closes[w].ok;
      expect(closedEvents[0].actorRole).toBe(workerWon ? 'gridWorker' : 'timer');
      if (w >= 0 && !workerWon) expect(closes[w]).toMatchObject({ ok: false, error: { code: 'TICKET.WRONG_STATE' } });
    });
    const timerClosed = ids.filter((id) => ticket(id).events.some((e) => e.type === 'closed' && e.actorRole === 'timer')).length;
    expect((timer as { data: { autoClosed: number } }).data.autoClosed).toBe(timerClosed);
  }, 120_000);

  it('escalation racing the workers’ accepts: every ticket accepted once, escalated at most once, versions counted once', async () => {
    const start = localAt('2026-12-24T09:00:00');
    cloud.setClock(start);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await report(`${i + 1}号楼门口的共享单车堆得走不过去`)).id);
    const versions = ids.map((id) => ticket(id).version);
    cloud.setClock(new Date(start.getTime() + 25 * 3600_000));
    const [timer, ...accepts] = await Promise.all([cloud.trigger('ticket', 'markOverdue'), ...ids.map((id) => tk({ action: 'accept', ticketId: id }, yan))]);
    expect(timer).toMatchObject({ ok: true });
    for (const a of accepts) expect(a).toMatchObject({ ok: true });
    let escalated = 0;
    ids.forEach((id, i) => {
      const t = ticket(id) as ReturnType<typeof ticket> & { overdue: boolean; hardCase: boolean };
      const up = t.events.filter((e) => e.type === 'escalated').length;
      escalated += up;
      expect(t.events.filter((e) => e.type === 'accepted')).toHaveLength(1);
      expect(up).toBeLessThanOrEqual(1);
      expect(t.version).toBe(versions[i] + 1 + up);
      // accepted last: a fresh deadline, so not overdue; escalated first: it stays a hard case
      expect({ status: t.status, overdue: t.overdue, hardCase: t.hardCase }).toEqual({ status: 'inProgress', overdue: false, hardCase: up === 1 });
    });
    expect((timer as { data: { escalated: number } }).data.escalated).toBe(escalated);
  }, 120_000);

  it('rating asks racing the residents’ ratings: one rating each, asked at most once', async () => {
    const start = localAt('2026-12-29T09:00:00');
    cloud.setClock(start);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const id = await handledTicket(`${i + 1}号楼的绿化带里有垃圾`);
      await followUp(id, start);
      await ok(tk({ action: 'close', ticketId: id, summary: '已清理' }, yan));
      ids.push(id);
    }
    cloud.setClock(new Date(start.getTime() + 5 * 3600_000));
    const [asked, ...rated] = await Promise.all([cloud.trigger('ticket', 'askRatings'), ...ids.map((id) => tk({ action: 'rate', ticketId: id, rating: 'satisfied', comment: '很快' }, zhao))]);
    expect(asked).toMatchObject({ ok: true });
    for (const r of rated) expect(r).toMatchObject({ ok: true });
    for (const id of ids) {
      const t = ticket(id);
      expect(t.status).toBe('closed');
      expect(t.ratings).toHaveLength(1);
      expect(t.events.filter((e) => e.type === 'rated')).toHaveLength(1);
      expect(ratingAsks(zhao, id).length).toBeLessThanOrEqual(1);
    }
    // rated now: nobody is asked again
    const again = await cloud.trigger('ticket', 'askRatings');
    expect(again).toMatchObject({ ok: true, data: { ratingAsked: 0 } });
  }, 120_000);
});
