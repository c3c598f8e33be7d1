/**
 * Every action a resident, a vendor or a visitor may call (declared `anyone` or `registered` in
 * `account`, `market`, `ticket`, `stall`), each as a repeatable call: shared by the round-trip test
 * (test/functions/round-trips.test.ts: call 0 of each, counted) and `npm run bench` (bench/latency.ts:
 * calls 0…n-1 of each, timed at 0 and 20 ms database latency). Issue 18 §3 budgets: a read ≤ 2
 * database round trips, a write ≤ 3.
 *
 * Call `i` of a row acts as its own person where the action changes what that person has (a fresh
 * resident, vendor or visitor per call: daily quotas and "one per person" rules never refuse a
 * repeat), so every call does the real work, not a repeated submit's shortcut. `prepare` makes what
 * the call needs through the functions or the store, outside what is counted or timed.
 * Add a row here when a resident action is added: the test refuses a table that misses one.
 */
import type { LocalCloud } from '../local/cloud';

/**
 * Read: answers without changing anything; write: records what the person did; creditedWrite: a
 * write by a volunteer that also credits their hours (issue 22: `creditHours`' one insert, made at
 * the same time as the notifications — one more request, no longer wait).
 */
export type Kind = 'read' | 'write' | 'creditedWrite';
/** Round trips a resident's action may make (issue 18 §3). */
export const ROUND_TRIP_BUDGET: Record<Kind, number> = { read: 2, write: 3, creditedWrite: 4 };

type Envelope = { ok: boolean; data?: unknown; error?: { code: string } };

/** One resident action, callable again and again. */
export interface ResidentAction {
  /** `fn.action` */
  name: string;
  kind: Kind;
  /** prepares call `i` (not counted, not timed) and answers who calls with which event */
  prepare: (i: number) => Promise<{ openid: string; event: Record<string, unknown> }>;
}

/** The local OPENID of a seeded or inserted person. */
const oid = (id: string) => `local-${id}`;

/**
 * The table, for `cloud` (seeded demo, 老城社区's coming market days existing). Inserts its own
 * residents (`rt-r-<i>`) and vendors (`rt-v-<i>`) of 老城社区 as calls need them.
 */
export function residentActions(cloud: LocalCloud): ResidentAction[] {
  const call = (fn: string, event: object, openid: string) => cloud.call(fn, event, openid) as Promise<Envelope>;
  const must = async (fn: string, event: object, openid: string): Promise<unknown> => {
    const r = await call(fn, event, openid);
    if (!r.ok) throw new Error(`${fn}.${String((event as { action: string }).action)} failed while preparing: ${JSON.stringify(r)}`);
    return r.data;
  };
  const made = new Set<string>();
  /** A resident of 老城社区 of its own, inserted on first use. */
  const resident = (key: string): string => {
    const id = `rt-r-${key}`;
    if (!made.has(id)) {
      made.add(id);
      cloud.db.insert('users', [{ _id: id, openid: oid(id), name: `居民${key}`, role: 'resident', communityId: 'c-laocheng', home: { estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '301' }, verified: true, createdAt: new Date() }]);
    }
    return oid(id);
  };
  /** An approved farmer of 老城社区 with their own WeChat, inserted on first use. */
  const vendor = (key: string): string => {
    const id = `rt-v-${key}`;
    if (!made.has(id)) {
      made.add(id);
      cloud.db.insert('users', [{ _id: `u-${id}`, openid: oid(id), name: `摊主${key}`, role: 'vendor', communityId: 'c-laocheng', verified: true, createdAt: new Date() }]);
      cloud.db.insert('vendors', [{ _id: id, communityId: 'c-laocheng', name: `摊主${key}`, kind: 'farmer', goods: ['青菜'], userId: `u-${id}`, status: 'approved', regular: false, regularStall: null, absences: 0, createdAt: new Date() }]);
    }
    return oid(id);
  };
  const days = () => (cloud.db.find('marketDays', { communityId: 'c-laocheng', status: 'open', date: { $gte: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) } }, { limit: 20 }) as unknown as { _id: string; date: string }[]).sort((a, b) => (a.date < b.date ? -1 : 1));
  /** A coming day of 老城社区 (the second: the seed gives the first one's stalls away). */
  const day = () => days()[1] ?? days()[0];
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const report = (openid: string, requestId: string) =>
    must('ticket', { action: 'report', category: 'sanitation', text: '楼道里堆满了杂物，老人上下楼不方便', where: { estateId: 'e-bishan', building: '3号楼', spot: '楼道' }, requestId }, openid) as Promise<{ id: string }>;
  /**
   * A full slot of a coming day, for the waitlist rows: its capacity lowered to the places already
   * taken (an earlier bench section may have booked it), or to 1 and taken here when none is.
   */
  let fullSlot = '';
  const full = async (): Promise<string> => {
    if (fullSlot) return fullSlot;
    fullSlot = `${day()._id}_svc-lc-legal_1000`;
    const [slot] = cloud.db.find('slots', { _id: fullSlot }) as unknown as { booked: number }[];
    const taken = slot?.booked ?? 0;
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: fullSlot }, data: { $set: { capacity: Math.max(1, taken) } }, multi: false, merge: true, upsert: false });
    if (taken === 0) await must('market', { action: 'book', slotId: fullSlot, requestId: 'rt-full-slot' }, resident('full'));
    return fullSlot;
  };
  /** The knife queue of a coming day, with room for every call's booking. */
  let roomy = '';
  const knife = (): string => {
    if (roomy) return roomy;
    roomy = `${day()._id}_svc-lc-knife_1000`;
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: roomy }, data: { $set: { capacity: 1_000_000 } }, multi: false, merge: true, upsert: false });
    return roomy;
  };
  /** An event (活动) of 老城社区 a week from today, made once by its admin (its places: one market slot). */
  let eventId = '';
  const event = async (): Promise<string> => {
    if (eventId) return eventId;
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 7 * 86_400_000));
    const saved = (await must('market', { action: 'saveEvent', requestId: 'rt-event-0001', title: '社区文艺演出', kind: 'performance', date, start: '14:30', end: '16:30', place: '石榴籽“解忧铺”', places: 500, description: '' }, oid('a-wang'))) as { event: { id: string } };
    eventId = saved.event.id;
    return eventId;
  };
  /** A resident of 老城社区 who is an active 信息员 volunteer (issue 22), made on first use. */
  const informant = (): string => {
    const openid = resident('informant');
    cloud.db.modify('users', { queryType: 'DOC', query: { _id: 'rt-r-informant' }, data: { $set: { volunteer: { roles: ['informant'], since: new Date(), active: true } } }, multi: false, merge: true, upsert: false });
    return openid;
  };
  const shared: { ticketId?: string } = {};
  const ticket = async (): Promise<string> => {
    shared.ticketId ??= (await report(resident('reporter'), 'rt-shared')).id;
    return shared.ticketId;
  };

  return [
    // account
    { name: 'account.me', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'me' } }) },
    // messages (issue 18): a tap of 允许 reported, the inbox read and marked
    { name: 'account.subscribed', kind: 'write', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'subscribed', templateIds: ['ticketProgressLocal'] } }) },
    { name: 'account.myMessages', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'myMessages' } }) },
    { name: 'account.readMessages', kind: 'write', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'readMessages', all: true } }) },
    { name: 'account.listEstates', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'listEstates' } }) },
    { name: 'account.register', kind: 'write', prepare: async (i) => ({ openid: `local-rt-visitor-reg-${i}`, event: { action: 'register', name: `新居民${i}`, estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: `${100 + i}` } }) },
    // family members (家人代办, issue 22): a code for any WeChat, the member's elders, the elder revoking a link
    { name: 'account.familyCode', kind: 'write', prepare: async (i) => ({ openid: `local-rt-family-${i}`, event: { action: 'familyCode', name: '邹梅' } }) },
    { name: 'account.myElders', kind: 'read', prepare: async (i) => ({ openid: `local-rt-family-${i}`, event: { action: 'myElders' } }) },
    {
      name: 'account.unlinkFamily',
      kind: 'write',
      prepare: async (i) => {
        const openid = resident(`unlink-${i}`);
        const elderId = openid.slice('local-'.length);
        const linkId = `rt-flink-${i}-${Date.now().toString(36)}`;
        const member = `local-rt-member-${linkId}`;
        cloud.db.insert('familyLinks', [{ _id: linkId, elderId, elderName: '居民', communityId: 'c-laocheng', memberOpenid: member, memberName: '家人', relation: 'son', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷' }, linkedById: 'w-yan', linkedByName: '严婷', at: new Date(), status: 'active', activeKey: `${member}|${elderId}` }]);
        return { openid, event: { action: 'unlinkFamily', linkId } };
      },
    },
    { name: 'account.requestLink', kind: 'write', prepare: async (i) => ({ openid: `local-rt-visitor-link-${i}`, event: { action: 'requestLink' } }) },
    {
      name: 'account.bindPhone',
      kind: 'write',
      prepare: async (i) => {
        const openid = resident(`phone-${i}`);
        return { openid, event: { action: 'bindPhone', code: cloud.endpoint.phoneCodes.issue(openid, `139${String(10000000 + i)}`) } };
      },
    },
    // market
    { name: 'market.listMarketDays', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'listMarketDays' } }) },
    { name: 'market.getMarketDay', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'getMarketDay', marketDayId: day()._id } }) },
    { name: 'market.book', kind: 'write', prepare: async (i) => ({ openid: resident(`book-${i}`), event: { action: 'book', slotId: knife(), requestId: `rt-book-${i}` } }) },
    { name: 'market.myBookings', kind: 'read', prepare: async (i) => ({ openid: resident(`book-${i}`), event: { action: 'myBookings' } }) },
    {
      name: 'market.cancelBooking',
      kind: 'write',
      prepare: async (i) => {
        const openid = resident(`cancel-${i}`);
        const b = (await must('market', { action: 'book', slotId: knife(), requestId: `rt-cancel-${i}` }, openid)) as { id: string };
        return { openid, event: { action: 'cancelBooking', bookingId: b.id } };
      },
    },
    { name: 'market.joinWaitlist', kind: 'write', prepare: async (i) => ({ openid: resident(`wait-${i}`), event: { action: 'joinWaitlist', slotId: await full() } }) },
    { name: 'market.myWaitlist', kind: 'read', prepare: async (i) => ({ openid: resident(`wait-${i}`), event: { action: 'myWaitlist' } }) },
    {
      name: 'market.leaveWaitlist',
      kind: 'write',
      prepare: async (i) => {
        const openid = resident(`leave-${i}`);
        const e = (await must('market', { action: 'joinWaitlist', slotId: await full() }, openid)) as { id: string };
        return { openid, event: { action: 'leaveWaitlist', entryId: e.id } };
      },
    },
    // events (活动): their places are a market slot (book, joinWaitlist … above work on it unchanged)
    { name: 'market.listEvents', kind: 'read', prepare: async (i) => (await event(), { openid: resident(`me-${i % 5}`), event: { action: 'listEvents' } }) },
    { name: 'market.getEvent', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'getEvent', eventId: await event() } }) },
    // ticket
    {
      name: 'ticket.report',
      kind: 'write',
      prepare: async (i) => ({ openid: resident(`report-${i}`), event: { action: 'report', category: 'sanitation', text: '楼道里堆满了杂物，老人上下楼不方便', where: { estateId: 'e-bishan', building: '3号楼', spot: '楼道' }, requestId: `rt-report-${i}` } }),
    },
    { name: 'ticket.board', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'board' } }) },
    { name: 'ticket.similar', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'similar', category: 'sanitation', where: { estateId: 'e-bishan', building: '3号楼' } } }) },
    { name: 'ticket.join', kind: 'write', prepare: async (i) => ({ openid: resident(`join-${i}`), event: { action: 'join', ticketId: await ticket() } }) },
    { name: 'ticket.myTickets', kind: 'read', prepare: async (i) => ({ openid: resident(`report-${i}`), event: { action: 'myTickets' } }) },
    { name: 'ticket.get', kind: 'read', prepare: async () => ({ openid: resident('reporter'), event: { action: 'get', ticketId: await ticket() } }) },
    {
      name: 'ticket.rate',
      kind: 'write',
      prepare: async (i) => {
        const openid = resident(`rate-${i}`);
        const t = await report(openid, `rt-rate-${i}`);
        const worker = oid('w-yan');
        for (const s of [{ action: 'accept' }, { action: 'handle', result: '杂物已清走' }, { action: 'followUp', date: today(), method: 'phone', reporterSaid: '清干净了' }, { action: 'verify', passed: true }, { action: 'close', summary: '杂物清走，反映人满意' }]) {
          // 核查 by the admin (issue 21): a community problem closes only once checked by someone other than its handler
          await must('ticket', { ...s, ticketId: t.id }, s.action === 'verify' ? oid('a-wang') : worker);
        }
        return { openid, event: { action: 'rate', ticketId: t.id, rating: 'satisfied', comment: '谢谢' } };
      },
    },
    // a 信息员 volunteer of the 解忧智囊团 (issue 22): their tickets to check, and a check (credited hours)
    { name: 'ticket.volunteerTasks', kind: 'read', prepare: async () => ({ openid: informant(), event: { action: 'volunteerTasks' } }) },
    {
      name: 'ticket.verify',
      kind: 'creditedWrite',
      prepare: async (i) => {
        const t = await report(resident(`verify-${i}`), `rt-verify-${i}`);
        for (const s of [{ action: 'accept' }, { action: 'handle', result: '杂物已清走' }]) await must('ticket', { ...s, ticketId: t.id }, oid('w-yan'));
        return { openid: informant(), event: { action: 'verify', ticketId: t.id, passed: true, note: '去看过了' } };
      },
    },
    // vendor
    { name: 'stall.communities', kind: 'read', prepare: async (i) => ({ openid: `local-rt-visitor-${i}`, event: { action: 'communities' } }) },
    { name: 'stall.registry', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'registry' } }) },
    { name: 'stall.search', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'search', query: '周五的集市有卖白菜和大葱的吗？' } }) },
    { name: 'stall.stalls', kind: 'read', prepare: async (i) => ({ openid: vendor(`s-${i % 5}`), event: { action: 'stalls' } }) },
    {
      name: 'stall.register',
      kind: 'write',
      // the community with the caller's record in one read, then the user and the vendor record (no
      // transaction: stall/actions/register.ts registerVendor)
      prepare: async (i) => ({ openid: `local-rt-visitor-vendor-${i}`, event: { action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: `新摊主${i}`, phone: '13899017788', goods: ['大葱'] } }),
    },
    { name: 'stall.myVendor', kind: 'read', prepare: async (i) => ({ openid: vendor(`s-${i % 5}`), event: { action: 'myVendor' } }) },
    { name: 'stall.updateGoods', kind: 'write', prepare: async (i) => ({ openid: vendor(`s-${i % 5}`), event: { action: 'updateGoods', goods: ['青菜', `萝卜${i % 3}`] } }) },
    { name: 'stall.applyStall', kind: 'write', prepare: async (i) => ({ openid: vendor(`apply-${i}`), event: { action: 'applyStall', dates: [day().date] } }) },
    {
      name: 'stall.withdraw',
      kind: 'write',
      prepare: async (i) => {
        const openid = vendor(`withdraw-${i}`);
        const [a] = (await must('stall', { action: 'applyStall', dates: [day().date] }, openid)) as { id: string }[];
        return { openid, event: { action: 'withdraw', applicationId: a.id } };
      },
    },
    { name: 'stall.watch', kind: 'write', prepare: async (i) => ({ openid: resident(`watch-${i}`), event: { action: 'watch', product: '白菜' } }) },
    { name: 'stall.drawRecord', kind: 'read', prepare: async (i) => ({ openid: resident(`me-${i % 5}`), event: { action: 'drawRecord', date: day().date } }) },
  ];
}
