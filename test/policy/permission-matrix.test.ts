/**
 * The permission matrix (issue 7 §2): every action of every function, called as every kind of
 * caller, through the real wx-server-sdk. Only the allowed calls succeed; every refused call
 * answers an error and writes nothing (the whole store is compared before and after).
 *
 * Callers: an unregistered visitor (a fresh OPENID each call), "the resident" (邹建庄, 老城社区,
 * 5号楼 → grid G-LC-02) whose records the calls target, another resident of the same community
 * (赵建国), a resident of another community (李秀兰, 明珠社区), a grid worker of another grid of the
 * same community (G-LC-01 only), staff of another community (陈晓丹, 明珠), a community admin
 * (王乐天, 老城), an approved vendor of 老城社区's market (哈力木, role vendor) and the platform timer
 * (no OPENID, SOURCE wx_trigger).
 *
 * Every action a function declares (its exported `permissions`) must have a row here: adding an
 * action without deciding who may call it fails this test. It also keeps `docs/permissions.md`,
 * the table a newcomer reads, equal to the declarations (`UPDATE_PERMISSIONS=1` rewrites it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { declaredActions, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { MarketDaysResult } from '../../cloudfunctions/market/contract';
import { CALLER_KIND_LABELS } from '../../cloudfunctions/shared/policy';
import { localDateOf } from '../../cloudfunctions/shared/deadlines';
import { householdKeyOf } from '../../cloudfunctions/shared/households';

const CALLERS = ['unregistered', 'resident', 'sameCommunityResident', 'otherCommunityResident', 'gridWorkerOfOtherGrid', 'staffOfOtherCommunity', 'communityAdmin', 'vendor', 'timer'] as const;
type CallerName = (typeof CALLERS)[number];
type Allowed = Partial<Record<CallerName, true>>;

const ALL: Allowed = Object.fromEntries(CALLERS.map((c) => [c, true]));
const REGISTERED_HERE: Allowed = { resident: true, sameCommunityResident: true, gridWorkerOfOtherGrid: true, communityAdmin: true, vendor: true };
const REGISTERED: Allowed = { ...REGISTERED_HERE, otherCommunityResident: true, staffOfOtherCommunity: true };
const STAFF_HERE: Allowed = { gridWorkerOfOtherGrid: true, communityAdmin: true };
const STAFF: Allowed = { ...STAFF_HERE, staffOfOtherCommunity: true };

let cloud: TestCloud;
let dayId: string;
let strangers = 0;
let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique += 1)}`;

/** Calls `fn` with `event` as `caller` (the timer: no OPENID, SOURCE wx_trigger, as the platform invokes it). */
function callAs(caller: CallerName, fn: string, event: object): Promise<Envelope<unknown>> {
  if (caller === 'timer') return cloud.pool.invoke(fn, event, { OPENID: '', APPID: '', SOURCE: 'wx_trigger' }) as Promise<Envelope<unknown>>;
  const openid = {
    unregistered: `local-stranger-${(strangers += 1)}`,
    resident: openidOf('r-zou'),
    sameCommunityResident: openidOf('r-zhao'),
    otherCommunityResident: openidOf('r-li'),
    gridWorkerOfOtherGrid: openidOf('w-other'),
    staffOfOtherCommunity: openidOf('w-chen'),
    communityAdmin: openidOf('a-wang'),
    vendor: openidOf('v-farmer-2'),
  }[caller];
  return cloud.act(fn, event, openid);
}

/** A fresh booking of "the resident" (so that an allowed cancel or check-in has something to act on). */
async function zouBooking(): Promise<string> {
  const services = ['svc-lc-knife_1000', 'svc-lc-clinic_1000', 'svc-lc-haircut_1000', 'svc-lc-repair_1000', 'svc-lc-legal_1000'];
  for (const day of await comingDays()) {
    for (const s of services) {
      const r = await cloud.act<{ id: string }>('market', { action: 'book', slotId: `${day}_${s}`, requestId: `zou-${next()}` }, openidOf('r-zou'));
      if (r.ok) return r.data.id;
    }
  }
  throw new Error('no place left for a fixture booking');
}
let days: string[] = [];
async function comingDays(): Promise<string[]> {
  if (!days.length) {
    const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zou'));
    if (!r.ok) throw new Error(JSON.stringify(r));
    days = r.data.days.map((d) => d.id);
  }
  return days;
}

/** A new resident of 老城社区 with their own WeChat, verified by staff (an admin may give them a role). */
function seenResident(): string {
  const id = `fixture-${next()}`;
  cloud.db.insert('users', [{ _id: id, openid: `local-${id}`, name: '居民', role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() }]);
  return id;
}

/** A new resident of 老城社区 without WeChat (each allowed booking for them is a first one). */
function freshResident(): string {
  const id = `fixture-${next()}`;
  cloud.db.insert('users', [{ _id: id, openid: `nowechat:${id}`, name: '居民', role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() }]);
  return id;
}

/** A full coming slot (its places shrunk to those booked, or one place booked by a fresh resident), for the counter's waitlist rows. */
async function fullSlotForCounter(): Promise<string> {
  const all = await comingDays();
  const slotId = `${all[all.length - 1]}_svc-lc-legal_1130`;
  const [s] = cloud.db.find('slots', { _id: slotId });
  if ((s.booked as number) === 0) {
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: 1 } }, multi: false, merge: true, upsert: false });
    const r = await cloud.act('market', { action: 'bookFor', residentId: freshResident(), slotId, requestId: `wf-${next()}`, consent: { spoken: true } }, openidOf('a-wang'));
    if (!r.ok) throw new Error(JSON.stringify(r));
  } else if ((s.booked as number) < (s.capacity as number)) {
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: s.booked as number } }, multi: false, merge: true, upsert: false });
  }
  return slotId;
}

/** A resident registered at the counter (no WeChat) and a fresh visitor's link code. */
async function linkFixture(): Promise<{ residentId: string; code: string }> {
  const made = await cloud.act<{ id: string }>(
    'account',
    { action: 'registerFor', name: `无微信${next()}`, estateId: 'e-bishan', building: '6号楼', unit: '1单元', room: '101', requestId: `fixture-${next()}`, consent: { spoken: true } },
    openidOf('a-wang'),
  );
  const link = await cloud.act<{ code: string }>('account', { action: 'requestLink' }, `visitor-${next()}`);
  if (!made.ok || !link.ok) throw new Error(JSON.stringify({ made, link }));
  return { residentId: made.data.id, code: link.data.code };
}

/**
 * A fresh ticket of "the resident" (邹建庄) at `building` of 壁山丽景小区 (1号楼 → G-LC-01, whose
 * worker is the "grid worker of another grid" caller; 5号楼 → G-LC-02), driven to `state` by that
 * grid's worker (网格员甲 for G-LC-01, 严婷 for G-LC-02); with no building it is an estate-level spot that
 * both grids cover: the community's hard-case list.
 */
async function zouTicket(building: '1号楼' | '5号楼' | null, state: 'pending' | 'inProgress' | 'handled' | 'followedUp' | 'verified' | 'closed' = 'pending'): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true); // setup files many tickets as 邹建庄: not his daily quota's business (quotas.test.ts)
  const r = await cloud.act<{ id: string }>('ticket', { action: 'report', category: 'sanitation', text: '楼道里堆了很多杂物，影响通行', where: building ? { estateId: 'e-bishan', building } : { estateId: 'e-bishan', spot: '小区门口' }, requestId: `zt-${next()}` }, openidOf('r-zou'));
  if (!r.ok) throw new Error(JSON.stringify(r));
  const worker = building === '1号楼' ? openidOf('w-other') : openidOf('w-yan');
  const steps: object[] = [
    { action: 'accept' },
    { action: 'handle', result: '杂物已清理' },
    { action: 'followUp', date: '2026-01-05', method: 'phone', reporterSaid: '清理干净了' },
    // 核查 by the admin (issue 21): a community problem closes only once checked
    { action: 'verify', passed: true },
    { action: 'close' },
  ];
  const upTo = { pending: 0, inProgress: 1, handled: 2, followedUp: 3, verified: 4, closed: 5 }[state];
  for (const step of steps.slice(0, upTo)) {
    const s = await cloud.act('ticket', { ...step, ticketId: r.data.id }, (step as { action: string }).action === 'verify' ? openidOf('a-wang') : worker);
    if (!s.ok) throw new Error(JSON.stringify(s));
  }
  return r.data.id;
}

/** The local (Asia/Shanghai) date `days` days from the emulator's clock (the real one here). */
const dateAhead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);

/** A fresh in-progress ticket of 1号楼 (held by 网格员甲, the "grid worker of another grid" caller) after `step` by `by` (issue 21: a waiting extension request, a suspension). */
async function zouTicketAfter(step: object, by = 'w-other'): Promise<string> {
  const id = await zouTicket('1号楼', 'inProgress');
  const s = await cloud.act('ticket', { ...step, ticketId: id }, openidOf(by));
  if (!s.ok) throw new Error(JSON.stringify(s));
  return id;
}

/**
 * A fresh topic of 老城社区 scoped to the whole community (issue 20), written directly: `open` (voting
 * now), `ended` (voting over, counting) or `decided` (with a result); `withTally`: an empty paper tally
 * of 壁山丽景小区 6号楼 (nothing claimed, revision 0).
 */
function consultTopic(state: 'open' | 'ended' | 'decided', withTally = false): string {
  const id = `ct${next()}`;
  const now = Date.now();
  const options = [{ key: 'agree', label: '同意' }, { key: 'disagree', label: '不同意' }, { key: 'abstain', label: '弃权' }];
  const open = state === 'open';
  cloud.db.insert('topics', [{
    _id: id, communityId: 'c-laocheng', scope: { kind: 'community' }, title: '充电桩安装', background: '小区空地上安装电动车充电桩', kind: 'yesNo', options, rule: 'majority',
    status: state === 'decided' ? 'decided' : 'scheduled', secondsNeeded: 10, seconds: 0,
    discussFrom: new Date(now - 10 * 86_400_000), voteFrom: new Date(now - (open ? 3_600_000 : 9 * 86_400_000)), voteUntil: new Date(now + (open ? 86_400_000 : -5 * 86_400_000)),
    tallyGraceDays: 3, votersMustBeVerified: true, events: [], requestKey: `fixture:${id}`, createdBy: 'a-wang', createdAt: new Date(now), updatedAt: new Date(now),
    ...(state === 'decided' ? { result: { byChannel: { wechat: { agree: 1 }, counter: {}, paper: {} }, households: { voted: 1, byChannel: { wechat: 1, counter: 0, paper: 0 }, electorate: 0 }, turnout: null, outcome: 'passed', passed: true, checks: [], ruleText: '简单多数', decidedAt: new Date(now) } } : {}),
  }]);
  if (withTally) cloud.db.insert('paperTallies', [{ _id: `${id}|e-bishan|6`, topicId: id, communityId: 'c-laocheng', estateId: 'e-bishan', building: '6', rooms: [], rejectedRooms: [], counts: {}, blank: 0, invalid: 0, photoFileIds: [], state: 'claiming', enteredBy: 'a-wang', enteredAt: new Date(now), revision: 0 }]);
  return id;
}

/** A fresh opinion of "the resident" (邹建庄), open or resolved (by the admin). */
async function zouOpinion(state: 'open' | 'resolved' = 'open'): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true);
  const r = await cloud.act<{ id: string }>('consult', { action: 'giveOpinion', text: '希望在广场多放几张长椅', requestId: `zo-${next()}` }, openidOf('r-zou'));
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (state === 'resolved') {
    const s = await cloud.act('consult', { action: 'resolveOpinion', opinionId: r.data.id, what: '已添置长椅', when: '2026-01-05' }, openidOf('a-wang'));
    if (!s.ok) throw new Error(JSON.stringify(s));
  }
  return r.data.id;
}

/** A held meeting of 老城社区 (the meetings branch declares the collection; until then it is made here). */
function heldMeeting(): string {
  if (!cloud.db.collectionNames().includes('meetings')) cloud.db.createCollection('meetings');
  const id = `mt-${next()}`;
  cloud.db.insert('meetings', [{ _id: id, communityId: 'c-laocheng', title: '业主会议', kind: 'ownersMeeting', status: 'held', startAt: new Date(), endAt: new Date(), place: '居委会', convenor: { id: 'a-wang', name: '王乐天' }, signedUp: 0, speakers: 0, agendaTopicIds: [], attendance: [], minutes: '', photoFileIds: [], decisions: [], revision: 1, events: [], requestKey: `x:${id}` }]);
  return id;
}

/** A fresh vendor of 老城社区 (with their own WeChat), pending or approved. */
function freshVendor(status: 'pending' | 'approved'): string {
  const id = `vf-${next()}`;
  cloud.db.insert('users', [{ _id: `u-${id}`, openid: `local-${id}`, name: '农户', role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() }]);
  cloud.db.insert('vendors', [{ _id: id, communityId: 'c-laocheng', name: '农户', kind: 'farmer', goods: ['白菜'], userId: `u-${id}`, status, regular: false, regularStall: null, absences: 0, createdAt: new Date() }]);
  return id;
}

/** The local date today (Asia/Shanghai). */
const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A stall application of a fresh approved vendor on `date` (allocated unless no stall is free). */
async function freshApplication(date: string): Promise<{ vendorId: string; applicationId: string }> {
  const vendorId = freshVendor('approved');
  const id = `app-${next()}`;
  cloud.db.insert('stallApplications', [{ _id: id, communityId: 'c-laocheng', vendorId, vendorName: '农户', goods: ['白菜'], date, status: 'allocated', stallNumber: 900 + unique, stallKey: `c-laocheng|${date}|${900 + unique}`, vendorDayKey: `${vendorId}|${date}`, createdAt: new Date() }]);
  return { vendorId, applicationId: id };
}

/** A fresh topic of 老城社区 for the consult rows (issue 20): scope 壁山丽景小区 (邹建庄 and 赵建国 live there). */
function proposalTopic(status: string, extra: Record<string, unknown> = {}): string {
  const id = `topic-${next()}`;
  const now = Date.now();
  cloud.db.insert('topics', [{ _id: id, communityId: 'c-laocheng', scope: { kind: 'estate', estateId: 'e-bishan' }, title: '小区加装充电桩', background: '电动车充电难，想在小区里装充电桩。', kind: 'yesNo', options: [{ key: 'agree', label: '同意' }, { key: 'disagree', label: '不同意' }, { key: 'abstain', label: '弃权' }], rule: 'majority', status, secondsNeeded: 10, seconds: 0, tallyGraceDays: 3, votersMustBeVerified: true, events: [], requestKey: `fixture:${id}`, createdBy: 'a-wang', createdAt: new Date(), updatedAt: new Date(), ...(status === 'scheduled' ? { discussFrom: new Date(now - 60_000), voteFrom: new Date(now + 86_400_000), voteUntil: new Date(now + 7 * 86_400_000) } : {}), ...extra }]);
  return id;
}

/** A fresh comment by 赵建国 on a topic in discussion (issue 20). */
function consultComment(): string {
  const topicId = proposalTopic('scheduled');
  const id = `comment-${next()}`;
  cloud.db.insert('topicComments', [{ _id: id, topicId, communityId: 'c-laocheng', authorId: 'r-zhao', authorLabel: '3号楼居民', text: '我家同意', at: new Date(), requestKey: `r-zhao:${id}` }]);
  return id;
}

/** A meeting form of 老城社区 (far in the future: open for sign-up). */
const MEETING_FORM = { title: '充电桩安装议事会', kind: 'consultation', date: '2031-03-11', start: '19:00', end: '20:30', place: '居委会二楼会议室', capacity: 50, speakSlots: 5 };

/** A fresh meeting of 老城社区, made by its admin: planned (announced) unless `draft`. */
async function freshMeeting(status: 'draft' | 'planned' = 'planned', over: Record<string, unknown> = {}): Promise<{ id: string; revision: number }> {
  const d = await cloud.act<{ id: string; revision: number }>('consult', { action: 'saveMeeting', requestId: `fm-${next()}`, ...MEETING_FORM, ...over }, openidOf('a-wang'));
  if (!d.ok) throw new Error(JSON.stringify(d));
  if (status === 'draft') return d.data;
  const p = await cloud.act<{ id: string; revision: number }>('consult', { action: 'announceMeeting', meetingId: d.data.id, revision: d.data.revision }, openidOf('a-wang'));
  if (!p.ok) throw new Error(JSON.stringify(p));
  return p.data;
}

interface Row {
  fn: string;
  action: string;
  allowed: Allowed;
  /** the event (prepared fresh for each caller, after the store snapshot is NOT yet taken) */
  event: () => Promise<object> | object;
}

const ROWS: Row[] = [
  // market
  // ─── consult: topics and votes (issue 20) ───
  { fn: 'consult', action: 'create', allowed: STAFF_HERE, event: () => ({ action: 'create', title: '车棚加装雨棚', background: '车棚漏雨，想加装雨棚，请每户表决。', kind: 'yesNo', scope: { kind: 'building', estateId: 'e-bishan', building: '1号楼' }, rule: 'majority', discussFrom: new Date(Date.now() - 3_600_000).toISOString(), voteFrom: new Date().toISOString(), voteUntil: new Date(Date.now() + 86_400_000).toISOString(), requestId: `ct-${next()}` }) },
  { fn: 'consult', action: 'topics', allowed: REGISTERED, event: () => ({ action: 'topics' }) },
  { fn: 'consult', action: 'topic', allowed: REGISTERED_HERE, event: () => ({ action: 'topic', topicId: consultTopic('open') }) },
  { fn: 'consult', action: 'vote', allowed: { resident: true, sameCommunityResident: true }, event: () => ({ action: 'vote', topicId: consultTopic('open'), choice: 'agree', requestId: `cv-${next()}` }) },
  { fn: 'consult', action: 'voteFor', allowed: STAFF_HERE, event: () => ({ action: 'voteFor', topicId: consultTopic('open'), residentId: 'r-zou', choice: 'agree', consent: { spoken: true }, requestId: `cf-${next()}` }) },
  { fn: 'consult', action: 'topicsFor', allowed: STAFF_HERE, event: () => ({ action: 'topicsFor', residentId: 'r-zou' }) },
  { fn: 'consult', action: 'households', allowed: STAFF, event: () => ({ action: 'households' }) },
  { fn: 'consult', action: 'setHouseholds', allowed: { communityAdmin: true }, event: () => ({ action: 'setHouseholds', estateId: 'e-bishan', households: [{ building: '6号楼', count: 120 }] }) },
  { fn: 'consult', action: 'claimPaperRooms', allowed: STAFF_HERE, event: () => ({ action: 'claimPaperRooms', topicId: consultTopic('open'), estateId: 'e-bishan', building: '6号楼', rooms: [{ unit: '1单元', room: '101' }] }) },
  { fn: 'consult', action: 'enterPaperCounts', allowed: STAFF_HERE, event: () => ({ action: 'enterPaperCounts', topicId: consultTopic('open', true), estateId: 'e-bishan', building: '6号楼', counts: {}, blank: 0, invalid: 0, photoFileIds: [], revision: 0 }) },
  { fn: 'consult', action: 'finishCounting', allowed: { communityAdmin: true }, event: () => ({ action: 'finishCounting', topicId: consultTopic('ended'), noPaperBuildings: [1, 2, 3, 4, 5, 6].map((n) => ({ estateId: 'e-bishan', building: `${n}号楼` })) }) },
  { fn: 'consult', action: 'publish', allowed: { communityAdmin: true }, event: () => ({ action: 'publish', topicId: consultTopic('decided') }) },
  { fn: 'consult', action: 'timer:consultJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'consultJobs', Time: new Date().toISOString() }) },
  { fn: 'market', action: 'listMarketDays', allowed: ALL, event: () => ({ action: 'listMarketDays' }) },
  { fn: 'market', action: 'getMarketDay', allowed: ALL, event: () => ({ action: 'getMarketDay', marketDayId: dayId }) },
  { fn: 'market', action: 'book', allowed: REGISTERED_HERE, event: () => ({ action: 'book', slotId: `${dayId}_svc-lc-clinic_1000`, requestId: `m-${next()}` }) },
  { fn: 'market', action: 'myBookings', allowed: REGISTERED, event: () => ({ action: 'myBookings' }) },
  { fn: 'market', action: 'cancelBooking', allowed: { resident: true, ...STAFF_HERE }, event: async () => ({ action: 'cancelBooking', bookingId: await zouBooking() }) },
  {
    fn: 'market',
    action: 'bookFor',
    allowed: STAFF_HERE,
    event: () => ({ action: 'bookFor', residentId: freshResident(), slotId: `${dayId}_svc-lc-knife_1000`, requestId: `bf-${next()}`, consent: { spoken: true } }),
  },
  { fn: 'market', action: 'bookingsFor', allowed: STAFF_HERE, event: () => ({ action: 'bookingsFor', residentId: 'r-zou' }) },
  {
    fn: 'market',
    action: 'checkIn',
    allowed: STAFF_HERE,
    event: async () => {
      const bookingId = await zouBooking();
      const [b] = cloud.db.find('bookings', { _id: bookingId });
      // the market opens in 30 minutes: check-in is open
      cloud.db.modify('marketDays', { queryType: 'DOC', query: { _id: b.marketDayId as string }, data: { $set: { startAt: new Date(Date.now() + 30 * 60_000) } }, multi: false, merge: true, upsert: false });
      return { action: 'checkIn', bookingId };
    },
  },
  {
    fn: 'market',
    action: 'joinWaitlist',
    allowed: REGISTERED_HERE,
    event: async () => {
      // a full one-place slot of a coming day (a fresh resident holds its place)
      const all = await comingDays();
      const slotId = `${all[all.length - 1]}_svc-lc-legal_1100`;
      const [s] = cloud.db.find('slots', { _id: slotId });
      if ((s.booked as number) < (s.capacity as number)) {
        cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: s.booked as number } }, multi: false, merge: true, upsert: false });
        if ((s.booked as number) === 0) {
          const r = await cloud.act('market', { action: 'bookFor', residentId: freshResident(), slotId, requestId: `jw-${next()}`, consent: { spoken: true } }, openidOf('a-wang'));
          if (!r.ok) {
            cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: 1 } }, multi: false, merge: true, upsert: false });
            const again = await cloud.act('market', { action: 'bookFor', residentId: freshResident(), slotId, requestId: `jw-${next()}`, consent: { spoken: true } }, openidOf('a-wang'));
            if (!again.ok) throw new Error(JSON.stringify(again));
          }
        }
      }
      return { action: 'joinWaitlist', slotId };
    },
  },
  {
    fn: 'market',
    action: 'leaveWaitlist',
    allowed: { resident: true },
    event: async () => {
      const entryId = `wl-${next()}`;
      const day = (await comingDays())[2];
      cloud.db.insert('waitlist', [{ _id: entryId, communityId: 'c-laocheng', slotId: `${day}_svc-lc-legal_1000`, marketDayId: day, serviceId: 'svc-lc-legal', serviceName: '法律咨询', slotLabel: '10:00–10:30', date: day.slice('c-laocheng_'.length), residentId: 'r-zou', residentName: '邹建庄', status: 'waiting', activeKey: `r-zou|x-${entryId}`, createdAt: new Date() }]);
      return { action: 'leaveWaitlist', entryId };
    },
  },
  { fn: 'market', action: 'myWaitlist', allowed: REGISTERED, event: () => ({ action: 'myWaitlist' }) },
  { fn: 'market', action: 'joinWaitlistFor', allowed: STAFF_HERE, event: async () => ({ action: 'joinWaitlistFor', residentId: freshResident(), slotId: await fullSlotForCounter(), consent: { spoken: true } }) },
  { fn: 'market', action: 'waitlistFor', allowed: STAFF_HERE, event: () => ({ action: 'waitlistFor', residentId: 'r-zou' }) },
  {
    fn: 'market',
    action: 'leaveWaitlistFor',
    allowed: STAFF_HERE,
    event: async () => {
      const entryId = `wlf-${next()}`;
      const day = (await comingDays())[2];
      cloud.db.insert('waitlist', [{ _id: entryId, communityId: 'c-laocheng', slotId: `${day}_svc-lc-legal_1000`, marketDayId: day, serviceId: 'svc-lc-legal', serviceName: '法律咨询', slotLabel: '10:00–10:30', date: day.slice('c-laocheng_'.length), residentId: 'r-zou', residentName: '邹建庄', status: 'waiting', activeKey: `r-zou|x-${entryId}`, createdAt: new Date() }]);
      return { action: 'leaveWaitlistFor', residentId: 'r-zou', entryId };
    },
  },
  {
    fn: 'market',
    action: 'checkInByCode',
    allowed: STAFF_HERE,
    event: async () => {
      // a fresh resident's booking (made at the counter), so the fixture never runs out of places
      const made = await cloud.act<{ id: string }>('market', { action: 'bookFor', residentId: freshResident(), slotId: `${dayId}_svc-lc-knife_1000`, requestId: `cb-${next()}`, consent: { spoken: true } }, openidOf('a-wang'));
      if (!made.ok) throw new Error(JSON.stringify(made));
      const [b] = cloud.db.find('bookings', { _id: made.data.id });
      cloud.db.modify('marketDays', { queryType: 'DOC', query: { _id: b.marketDayId as string }, data: { $set: { startAt: new Date(Date.now() + 30 * 60_000) } }, multi: false, merge: true, upsert: false });
      return { action: 'checkInByCode', code: b.code };
    },
  },
  {
    fn: 'market',
    action: 'cancelMarketDay',
    allowed: { communityAdmin: true },
    event: () => {
      // a market day of its own (far ahead, no bookings), so that cancelling it leaves the others alone
      const date = `2099-0${1 + (unique % 9)}-1${unique % 10}`;
      const id = `c-laocheng_${date}_${next()}`;
      cloud.db.insert('marketDays', [{ _id: id, communityId: 'c-laocheng', date, start: '10:00', end: '13:00', place: '门前', startAt: new Date('2099-01-01'), endAt: new Date('2099-01-01'), status: 'open', marketName: '解忧集市', services: [], slotCount: 0 }]);
      return { action: 'cancelMarketDay', marketDayId: id, reason: '大风降温' };
    },
  },
  {
    fn: 'market',
    action: 'withdrawService',
    allowed: { communityAdmin: true },
    event: () => {
      const dayId = `c-laocheng_2099-02-0${1 + (unique % 9)}_${next()}`;
      cloud.db.insert('slots', [{ _id: `${dayId}_svc-lc-haircut_1000`, communityId: 'c-laocheng', marketDayId: dayId, date: '2099-02-01', serviceId: 'svc-lc-haircut', serviceName: '爱心义剪', mode: 'slots', label: '10:00–10:20', startAt: new Date('2099-02-01T02:00:00Z'), endAt: new Date('2099-02-01T02:20:00Z'), capacity: 2, booked: 0, holds: [], place: '门前' }]);
      return { action: 'withdrawService', marketDayId: dayId, serviceId: 'svc-lc-haircut', reason: '理发师傅生病' };
    },
  },
  { fn: 'market', action: 'timer:marketJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'marketJobs', Time: new Date().toISOString() }) },
  { fn: 'market', action: 'marketSettings', allowed: { communityAdmin: true }, event: () => ({ action: 'marketSettings' }) },
  {
    fn: 'market',
    action: 'updateMarketSettings',
    allowed: { communityAdmin: true },
    // the settings as seeded: an allowed call changes nothing that other rows rely on
    event: () => ({ action: 'updateMarketSettings', name: '解忧集市', weekday: 5, start: '10:00', end: '13:00', place: '壁山丽景小区 石榴籽“解忧铺”门前', horizonWeeks: 4 }),
  },
  {
    fn: 'market',
    action: 'saveService',
    allowed: { communityAdmin: true },
    event: () => ({ action: 'saveService', serviceId: 'svc-lc-haircut', name: '爱心义剪', kind: 'service', bookingMode: 'slots', slotMinutes: 20, capacity: 2, description: '志愿者免费理发，每 20 分钟一档，两把椅子', provider: '张师傅', order: 1, active: true }),
  },
  {
    fn: 'market',
    action: 'setStallPlan',
    allowed: { communityAdmin: true },
    event: () => ({ action: 'setStallPlan', stalls: Array.from({ length: 8 }, (_, i) => ({ number: i + 1, label: `${i + 1}号摊位`, active: true })) }),
  },
  { fn: 'market', action: 'timer:ensureMarketDays', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'ensureMarketDays', Time: new Date().toISOString() }) },
  { fn: 'market', action: 'timer:remindBookings', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'remindBookings', Time: new Date().toISOString() }) },
  // events (活动, issue 22): an event's places are a market slot; 老城's events are 老城's
  { fn: 'market', action: 'listEvents', allowed: REGISTERED, event: () => (laochengEvent(), { action: 'listEvents' }) },
  { fn: 'market', action: 'getEvent', allowed: REGISTERED_HERE, event: () => ({ action: 'getEvent', eventId: laochengEvent() }) },
  { fn: 'market', action: 'saveEvent', allowed: { communityAdmin: true }, event: () => ({ action: 'saveEvent', requestId: `ev-${next()}`, title: '社区文艺演出', kind: 'performance', date: '2099-03-07', start: '14:30', end: '16:30', place: '石榴籽“解忧铺”', places: 30, description: '歌舞、小品、戏曲' }) },
  { fn: 'market', action: 'cancelEvent', allowed: { communityAdmin: true }, event: () => ({ action: 'cancelEvent', eventId: laochengEvent(), reason: '场地临时维修' }) },
  { fn: 'market', action: 'eventRoster', allowed: STAFF_HERE, event: () => ({ action: 'eventRoster', eventId: laochengEvent() }) },
  // ticket
  {
    fn: 'ticket',
    action: 'reportFor',
    allowed: STAFF_HERE,
    event: () => ({ action: 'reportFor', residentId: 'r-zou', category: 'sanitation', text: '楼道里堆了很多杂物，影响通行', requestId: `t-${next()}`, consent: { spoken: true } }),
  },
  { fn: 'ticket', action: 'ticketsFor', allowed: STAFF_HERE, event: () => ({ action: 'ticketsFor', residentId: 'r-zou' }) },
  { fn: 'ticket', action: 'report', allowed: REGISTERED, event: () => ({ action: 'report', category: 'roads', text: '小区门口的路面坑洼，下雨积水', requestId: `tr-${next()}` }) },
  { fn: 'ticket', action: 'board', allowed: REGISTERED, event: () => ({ action: 'board' }) },
  { fn: 'ticket', action: 'similar', allowed: REGISTERED, event: () => ({ action: 'similar', category: 'sanitation', where: { estateId: 'e-bishan', building: '5号楼' } }) },
  { fn: 'ticket', action: 'join', allowed: { sameCommunityResident: true }, event: async () => ({ action: 'join', ticketId: await zouTicket('5号楼') }) },
  { fn: 'ticket', action: 'myTickets', allowed: REGISTERED, event: () => ({ action: 'myTickets' }) },
  { fn: 'ticket', action: 'get', allowed: { resident: true, communityAdmin: true }, event: async () => ({ action: 'get', ticketId: await zouTicket('5号楼') }) },
  { fn: 'ticket', action: 'rate', allowed: { resident: true }, event: async () => ({ action: 'rate', ticketId: await zouTicket('5号楼', 'closed'), rating: 'satisfied' }) },
  { fn: 'ticket', action: 'queue', allowed: STAFF, event: () => ({ action: 'queue' }) },
  { fn: 'ticket', action: 'accept', allowed: { gridWorkerOfOtherGrid: true }, event: async () => ({ action: 'accept', ticketId: await zouTicket('1号楼') }) },
  { fn: 'ticket', action: 'note', allowed: STAFF_HERE, event: async () => ({ action: 'note', ticketId: await zouTicket('1号楼', 'inProgress'), text: '已电话联系物业' }) },
  {
    fn: 'ticket',
    action: 'coordinate',
    allowed: STAFF_HERE,
    event: async () => ({ action: 'coordinate', ticketId: await zouTicket('1号楼', 'inProgress'), department: 'propertyManager', contact: '物业王经理', agreed: '三天内清理', by: '2026-12-31' }),
  },
  { fn: 'ticket', action: 'returnTicket', allowed: { gridWorkerOfOtherGrid: true }, event: async () => ({ action: 'returnTicket', ticketId: await zouTicket('1号楼', 'inProgress'), reason: '不归本网格管' }) },
  { fn: 'ticket', action: 'handle', allowed: STAFF_HERE, event: async () => ({ action: 'handle', ticketId: await zouTicket('1号楼', 'inProgress'), result: '已清理' }) },
  { fn: 'ticket', action: 'followUp', allowed: STAFF_HERE, event: async () => ({ action: 'followUp', ticketId: await zouTicket('1号楼', 'handled'), date: '2026-01-05', method: 'visit', reporterSaid: '满意' }) },
  { fn: 'ticket', action: 'close', allowed: STAFF_HERE, event: async () => ({ action: 'close', ticketId: await zouTicket('1号楼', 'verified') }) },
  { fn: 'ticket', action: 'merge', allowed: STAFF_HERE, event: async () => ({ action: 'merge', ticketId: await zouTicket('1号楼'), intoId: await zouTicket('1号楼') }) },
  {
    fn: 'ticket',
    action: 'fileCase',
    allowed: STAFF_HERE,
    event: () => ({ action: 'fileCase', source: 'selfFound', category: 'greenery', text: '绿化带里有人种菜，二十多处', where: { estateId: 'e-bishan', spot: '绿化带' }, requestId: `fc-${next()}` }),
  },
  { fn: 'ticket', action: 'hardCases', allowed: { communityAdmin: true }, event: () => ({ action: 'hardCases' }) },
  { fn: 'ticket', action: 'workers', allowed: { communityAdmin: true }, event: () => ({ action: 'workers' }) },
  { fn: 'ticket', action: 'assign', allowed: { communityAdmin: true }, event: async () => ({ action: 'assign', ticketId: await zouTicket(null), workerId: 'w-other' }) },
  { fn: 'ticket', action: 'supervise', allowed: { communityAdmin: true }, event: async () => ({ action: 'supervise', ticketId: await zouTicket('1号楼', 'inProgress'), deadline: '2099-12-31', note: '请本周内办结' }) },
  { fn: 'ticket', action: 'remind', allowed: { communityAdmin: true }, event: async () => ({ action: 'remind', ticketId: await zouTicket('1号楼', 'inProgress'), note: '请抓紧办理' }) },
  // issue 21: 延期, 挂起, 核查 and what waits on the desk
  { fn: 'ticket', action: 'requestExtension', allowed: { gridWorkerOfOtherGrid: true }, event: async () => ({ action: 'requestExtension', ticketId: await zouTicket('1号楼', 'inProgress'), untilDate: dateAhead(30), reason: '要等物业排期' }) },
  { fn: 'ticket', action: 'decideExtension', allowed: { communityAdmin: true }, event: async () => ({ action: 'decideExtension', ticketId: await zouTicketAfter({ action: 'requestExtension', untilDate: dateAhead(30), reason: '要等物业排期' }), approve: true }) },
  { fn: 'ticket', action: 'suspend', allowed: STAFF_HERE, event: async () => ({ action: 'suspend', ticketId: await zouTicket('1号楼', 'inProgress'), reason: '等供电局来修', untilDate: dateAhead(10) }) },
  { fn: 'ticket', action: 'resume', allowed: STAFF_HERE, event: async () => ({ action: 'resume', ticketId: await zouTicketAfter({ action: 'suspend', reason: '等供电局来修', untilDate: dateAhead(10) }) }) },
  // issue 22: 赵建国 (the same community's resident) is an active volunteer of every role (beforeAll): as 信息员 he may check
  { fn: 'ticket', action: 'verify', allowed: { ...STAFF_HERE, sameCommunityResident: true }, event: async () => ({ action: 'verify', ticketId: await zouTicket('5号楼', 'handled'), passed: true }) },
  { fn: 'ticket', action: 'pendingDecisions', allowed: STAFF, event: () => ({ action: 'pendingDecisions' }) },
  // issue 22: the assignee of a dispute (网格员甲 holds 邹建庄's 1号楼 one) picks and invites a 调解员 (赵建国); a volunteer's own list
  { fn: 'ticket', action: 'mediators', allowed: { gridWorkerOfOtherGrid: true }, event: async () => ({ action: 'mediators', ticketId: await zouDispute() }) },
  { fn: 'ticket', action: 'inviteMediator', allowed: { gridWorkerOfOtherGrid: true }, event: async () => ({ action: 'inviteMediator', ticketId: await zouDispute(), residentId: 'r-zhao' }) },
  { fn: 'ticket', action: 'volunteerTasks', allowed: { sameCommunityResident: true }, event: () => ({ action: 'volunteerTasks' }) },
  { fn: 'ticket', action: 'timer:resumeSuspensions', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'resumeSuspensions', Time: new Date().toISOString() }) },
  { fn: 'ticket', action: 'settings', allowed: STAFF, event: () => ({ action: 'settings' }) },
  { fn: 'ticket', action: 'setSettings', allowed: { communityAdmin: true }, event: () => ({ action: 'setSettings', handleDays: { noise: 4 } }) },
  { fn: 'ticket', action: 'timer:ticketJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'ticketJobs', Time: new Date().toISOString() }) },
  { fn: 'ticket', action: 'timer:markOverdue', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'markOverdue', Time: new Date().toISOString() }) },
  { fn: 'ticket', action: 'timer:autoClose', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'autoClose', Time: new Date().toISOString() }) },
  { fn: 'ticket', action: 'timer:askRatings', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'askRatings', Time: new Date().toISOString() }) },
  { fn: 'ticket', action: 'timer:postToRobots', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'postToRobots', Time: new Date().toISOString() }) },
  // consult: opinions (issue 20)
  { fn: 'consult', action: 'giveOpinion', allowed: { resident: true, sameCommunityResident: true, otherCommunityResident: true }, event: () => { cloud.db.remove('quotas', 'WHERE', {}, true); return { action: 'giveOpinion', text: '小区门口的路灯坏了', requestId: `go-${next()}` }; } },
  { fn: 'consult', action: 'giveOpinionFor', allowed: STAFF_HERE, event: () => ({ action: 'giveOpinionFor', residentId: 'r-zou', text: '菜市场门口积水要处理', consent: { spoken: true }, requestId: `gf-${next()}` }) },
  { fn: 'consult', action: 'recordOpinions', allowed: STAFF_HERE, event: () => ({ action: 'recordOpinions', meetingId: heldMeeting(), opinions: [{ text: '希望增设充电桩', giver: { name: '张大爷' }, requestId: `ro-${next()}` }] }) },
  { fn: 'consult', action: 'opinions', allowed: STAFF, event: () => ({ action: 'opinions', overdue: true }) },
  { fn: 'consult', action: 'myOpinions', allowed: REGISTERED, event: () => ({ action: 'myOpinions' }) },
  { fn: 'consult', action: 'opinion', allowed: { resident: true, ...STAFF_HERE }, event: async () => ({ action: 'opinion', opinionId: await zouOpinion() }) },
  { fn: 'consult', action: 'acceptOpinion', allowed: STAFF_HERE, event: async () => ({ action: 'acceptOpinion', opinionId: await zouOpinion() }) },
  { fn: 'consult', action: 'resolveOpinion', allowed: STAFF_HERE, event: async () => ({ action: 'resolveOpinion', opinionId: await zouOpinion(), what: '已添置长椅', when: '2026-01-05' }) },
  { fn: 'consult', action: 'answerOpinion', allowed: STAFF_HERE, event: async () => ({ action: 'answerOpinion', opinionId: await zouOpinion(), text: '暂时不能添置', reason: '广场没有空地' }) },
  { fn: 'consult', action: 'rateOpinion', allowed: { resident: true }, event: async () => ({ action: 'rateOpinion', opinionId: await zouOpinion('resolved'), rating: 'satisfied' }) },
  { fn: 'consult', action: 'overdueOpinions', allowed: STAFF, event: () => ({ action: 'overdueOpinions' }) },
  // vendor
  { fn: 'stall', action: 'registry', allowed: ALL, event: () => ({ action: 'registry' }) },
  { fn: 'stall', action: 'search', allowed: ALL, event: () => ({ action: 'search', query: '白菜' }) },
  { fn: 'stall', action: 'stalls', allowed: REGISTERED, event: () => ({ action: 'stalls' }) },
  { fn: 'stall', action: 'register', allowed: { unregistered: true }, event: () => ({ action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '新农户', phone: '13899017788', goods: ['大葱'] }) },
  { fn: 'stall', action: 'myVendor', allowed: REGISTERED, event: () => ({ action: 'myVendor' }) },
  { fn: 'stall', action: 'updateGoods', allowed: { vendor: true }, event: () => ({ action: 'updateGoods', goods: ['土豆', '红薯', '洋芋'] }) },
  { fn: 'stall', action: 'applyStall', allowed: { vendor: true }, event: async () => ({ action: 'applyStall', dates: [(await comingDays())[1].slice('c-laocheng_'.length)] }) },
  {
    fn: 'stall',
    action: 'withdraw',
    allowed: { vendor: true },
    event: async () => {
      const date = (await comingDays())[2].slice('c-laocheng_'.length);
      const r = await cloud.act<{ id: string }[]>('stall', { action: 'applyStall', dates: [date] }, openidOf('v-farmer-2'));
      if (!r.ok) throw new Error(JSON.stringify(r));
      return { action: 'withdraw', applicationId: r.data[0].id };
    },
  },
  { fn: 'stall', action: 'watch', allowed: { resident: true, sameCommunityResident: true }, event: () => ({ action: 'watch', product: `白菜${next().slice(-2)}` }) },
  { fn: 'stall', action: 'vendors', allowed: { communityAdmin: true }, event: () => ({ action: 'vendors' }) },
  { fn: 'stall', action: 'approve', allowed: { communityAdmin: true }, event: () => ({ action: 'approve', vendorId: freshVendor('pending') }) },
  { fn: 'stall', action: 'reject', allowed: { communityAdmin: true }, event: () => ({ action: 'reject', vendorId: freshVendor('pending'), reason: '信息不全' }) },
  { fn: 'stall', action: 'setRegular', allowed: { communityAdmin: true }, event: () => ({ action: 'setRegular', vendorId: freshVendor('approved'), stallNumber: 4 }) },
  { fn: 'stall', action: 'assignStall', allowed: { communityAdmin: true }, event: async () => ({ action: 'assignStall', vendorId: freshVendor('approved'), date: (await comingDays())[0].slice('c-laocheng_'.length) }) },
  { fn: 'stall', action: 'release', allowed: { communityAdmin: true }, event: async () => ({ action: 'release', applicationId: (await freshApplication((await comingDays())[3].slice('c-laocheng_'.length))).applicationId }) },
  { fn: 'stall', action: 'dayList', allowed: STAFF, event: async () => ({ action: 'dayList', date: (await comingDays())[0].slice('c-laocheng_'.length) }) },
  { fn: 'stall', action: 'checkIn', allowed: STAFF_HERE, event: async () => ({ action: 'checkIn', applicationId: (await freshApplication(todayLocal())).applicationId }) },
  { fn: 'stall', action: 'communities', allowed: ALL, event: () => ({ action: 'communities' }) },
  { fn: 'stall', action: 'drawRecord', allowed: REGISTERED, event: async () => ({ action: 'drawRecord', date: (await comingDays())[0].slice('c-laocheng_'.length) }) },
  {
    fn: 'stall',
    action: 'moveStall',
    allowed: { communityAdmin: true },
    // a fresh holder of stall 900+ moved to stall 8 of the fourth coming day (free: only the admin's call succeeds)
    event: async () => ({ action: 'moveStall', applicationId: (await freshApplication((await comingDays())[3].slice('c-laocheng_'.length))).applicationId, toNumber: 8 }),
  },
  { fn: 'stall', action: 'setAllocation', allowed: { communityAdmin: true }, event: () => ({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 6, drawAt: '23:59' }) },
  {
    fn: 'stall',
    action: 'drawStalls',
    allowed: { communityAdmin: true },
    event: async () => {
      cloud.db.modify('communities', { queryType: 'WHERE', query: { _id: 'c-laocheng' }, data: { $set: { stallAllocation: { mode: 'lottery', drawDaysBefore: 6, drawAt: '23:59' } } }, multi: false, merge: true, upsert: false });
      return { action: 'drawStalls', date: (await comingDays())[2].slice('c-laocheng_'.length) };
    },
  },
  { fn: 'stall', action: 'timer:vendorJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'vendorJobs', Time: new Date().toISOString() }) },
  { fn: 'stall', action: 'timer:drawStalls', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'drawStalls', Time: new Date().toISOString() }) },
  { fn: 'stall', action: 'timer:markAbsences', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'markAbsences', Time: new Date().toISOString() }) },
  // account
  { fn: 'account', action: 'me', allowed: ALL, event: () => ({ action: 'me' }) },
  { fn: 'account', action: 'listEstates', allowed: ALL, event: () => ({ action: 'listEstates' }) },
  {
    fn: 'account',
    action: 'register',
    allowed: { unregistered: true },
    event: () => ({ action: 'register', name: `新居民${next()}`, estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' }),
  },
  { fn: 'account', action: 'searchResidents', allowed: STAFF, event: () => ({ action: 'searchResidents', query: '5号楼' }) },
  { fn: 'account', action: 'getResident', allowed: STAFF_HERE, event: () => ({ action: 'getResident', residentId: 'r-zou' }) },
  {
    fn: 'account',
    action: 'registerFor',
    allowed: STAFF_HERE,
    event: () => ({ action: 'registerFor', name: `代登记${next()}`, estateId: 'e-bishan', building: '2号楼', unit: '1单元', room: '202', requestId: `rf-${next()}`, consent: { spoken: true } }),
  },
  { fn: 'account', action: 'verifyResident', allowed: STAFF_HERE, event: () => ({ action: 'verifyResident', residentId: 'r-zou' }) },
  { fn: 'account', action: 'requestLink', allowed: { unregistered: true }, event: () => ({ action: 'requestLink' }) },
  { fn: 'account', action: 'confirmLink', allowed: STAFF_HERE, event: async () => ({ action: 'confirmLink', ...(await linkFixture()) }) },
  // a fresh code of the phone-number button each call (a code answers once)
  { fn: 'account', action: 'bindPhone', allowed: REGISTERED, event: () => ({ action: 'bindPhone', code: cloud.endpoint.phoneCodes.issue('local-matrix-tap', '13912345678') }) },
  // messages (issue 18): anyone with an OPENID reports their taps of 允许; the inbox is one's own
  { fn: 'account', action: 'subscribed', allowed: { ...REGISTERED, unregistered: true }, event: () => ({ action: 'subscribed', templateIds: ['ticketProgressLocal'] }) },
  { fn: 'account', action: 'myMessages', allowed: REGISTERED, event: () => ({ action: 'myMessages' }) },
  { fn: 'account', action: 'readMessages', allowed: REGISTERED, event: () => ({ action: 'readMessages', all: true }) },
  // family members (家人代办, issue 22): anyone with an OPENID gets a code; staff of the elder's community link it; staff or the elder unlink
  { fn: 'account', action: 'familyCode', allowed: { ...ALL, timer: undefined }, event: () => ({ action: 'familyCode', name: '邹梅' }) },
  { fn: 'account', action: 'linkFamily', allowed: STAFF_HERE, event: async () => ({ action: 'linkFamily', code: await familyCodeFixture(), residentId: 'r-zou', relation: 'daughter', consent: { spoken: true } }) },
  { fn: 'account', action: 'unlinkFamily', allowed: { resident: true, ...STAFF_HERE }, event: () => ({ action: 'unlinkFamily', linkId: zouFamilyLink() }) },
  { fn: 'account', action: 'myElders', allowed: ALL, event: () => ({ action: 'myElders' }) },
  { fn: 'account', action: 'familyLinksOf', allowed: STAFF_HERE, event: () => ({ action: 'familyLinksOf', residentId: 'r-zou' }) },
  { fn: 'account', action: 'people', allowed: { communityAdmin: true }, event: () => ({ action: 'people', query: '5号楼' }) },
  { fn: 'account', action: 'person', allowed: { communityAdmin: true }, event: () => ({ action: 'person', userId: 'r-zou' }) },
  { fn: 'account', action: 'setRole', allowed: { communityAdmin: true }, event: () => ({ action: 'setRole', userId: seenResident(), role: 'gridWorker', gridIds: ['G-LC-02'] }) },
  { fn: 'account', action: 'roleLog', allowed: { communityAdmin: true }, event: () => ({ action: 'roleLog', userId: 'r-zou' }) },
  { fn: 'account', action: 'grids', allowed: { communityAdmin: true }, event: () => ({ action: 'grids' }) },
  {
    fn: 'account',
    action: 'saveGrid',
    allowed: { communityAdmin: true },
    event: () => {
      const g = cloud.db.find('grids', { _id: 'G-LC-02' })[0] as unknown as { covers: unknown; workerIds: unknown };
      return { action: 'saveGrid', gridId: 'G-LC-02', covers: g.covers, workerIds: g.workerIds };
    },
  },
  // a grid's WeCom group robot (issue 18): a robot made in the emulator for each call
  { fn: 'account', action: 'setGridRobot', allowed: { communityAdmin: true }, event: () => ({ action: 'setGridRobot', gridId: 'G-LC-02', webhook: cloud.endpoint.wecom.createRobot().webhook }) },
  {
    fn: 'account',
    action: 'testGridRobot',
    allowed: { communityAdmin: true },
    event: async () => {
      const r = await cloud.act('account', { action: 'setGridRobot', gridId: 'G-LC-02', webhook: cloud.endpoint.wecom.createRobot().webhook }, openidOf('a-wang'));
      if (!r.ok) throw new Error(JSON.stringify(r));
      return { action: 'testGridRobot', gridId: 'G-LC-02' };
    },
  },
  // consult: meetings (issue 20) — a fresh meeting of 老城社区 per call, made by its admin
  { fn: 'consult', action: 'meetings', allowed: REGISTERED, event: () => ({ action: 'meetings' }) },
  { fn: 'consult', action: 'meeting', allowed: REGISTERED_HERE, event: async () => ({ action: 'meeting', meetingId: (await freshMeeting()).id }) },
  { fn: 'consult', action: 'saveMeeting', allowed: STAFF, event: () => ({ action: 'saveMeeting', requestId: `sm-${next()}`, ...MEETING_FORM }) },
  { fn: 'consult', action: 'announceMeeting', allowed: STAFF_HERE, event: async () => ({ action: 'announceMeeting', meetingId: (await freshMeeting('draft')).id, revision: 0 }) },
  {
    fn: 'consult',
    action: 'holdMeeting',
    allowed: STAFF_HERE,
    event: async () => {
      const m = await freshMeeting('draft', { minutes: '议定：试装充电桩', attendance: [{ role: 'resident', count: 5 }] });
      return { action: 'holdMeeting', meetingId: m.id, revision: m.revision };
    },
  },
  { fn: 'consult', action: 'cancelMeeting', allowed: STAFF_HERE, event: async () => ({ action: 'cancelMeeting', meetingId: (await freshMeeting()).id, reason: '改期' }) },
  { fn: 'consult', action: 'signUp', allowed: { resident: true, sameCommunityResident: true }, event: async () => ({ action: 'signUp', meetingId: (await freshMeeting()).id, kind: 'attend' }) },
  {
    fn: 'consult',
    action: 'cancelSignUp',
    allowed: REGISTERED_HERE,
    event: async () => {
      const m = await freshMeeting();
      const r = await cloud.act('consult', { action: 'signUp', meetingId: m.id, kind: 'attend' }, openidOf('r-zou'));
      if (!r.ok) throw new Error(JSON.stringify(r));
      return { action: 'cancelSignUp', meetingId: m.id, kind: 'attend' };
    },
  },
  { fn: 'consult', action: 'mySignUps', allowed: REGISTERED, event: () => ({ action: 'mySignUps' }) },
  // console (staff of another community get their own community's figures; scoping: test/functions/console-stats.test.ts)
  { fn: 'console', action: 'stats', allowed: STAFF, event: () => ({ action: 'stats', from: '2026-11-01', to: '2026-11-30' }) },
  { fn: 'console', action: 'exportLedger', allowed: { communityAdmin: true }, event: () => ({ action: 'exportLedger', from: '2026-11-01', to: '2026-11-30', format: 'csv', kind: 'tickets' }) },
  // consult: proposals and discussion (issue 20)
  { fn: 'consult', action: 'propose', allowed: { resident: true, sameCommunityResident: true, otherCommunityResident: true }, event: () => ({ action: 'propose', title: '小区加装充电桩', background: '电动车充电难，想在小区里装充电桩。', scope: { kind: 'community' }, requestId: `cp-${next()}` }) },
  { fn: 'consult', action: 'second', allowed: { resident: true, sameCommunityResident: true }, event: () => ({ action: 'second', topicId: proposalTopic('proposed') }) },
  { fn: 'consult', action: 'myProposals', allowed: REGISTERED, event: () => ({ action: 'myProposals' }) },
  { fn: 'consult', action: 'schedule', allowed: { communityAdmin: true }, event: () => ({ action: 'schedule', topicId: proposalTopic('seconded'), rule: 'majority', discussFrom: new Date().toISOString(), voteFrom: new Date(Date.now() + 86_400_000).toISOString(), voteUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() }) },
  { fn: 'consult', action: 'merge', allowed: { communityAdmin: true }, event: () => ({ action: 'merge', topicId: proposalTopic('proposed'), intoTopicId: proposalTopic('scheduled'), reason: '是同一件事' }) },
  { fn: 'consult', action: 'decline', allowed: { communityAdmin: true }, event: () => ({ action: 'decline', topicId: proposalTopic('proposed'), reason: '这件事归物业管，已转给物业' }) },
  { fn: 'consult', action: 'cancel', allowed: { communityAdmin: true }, event: () => ({ action: 'cancel', topicId: proposalTopic('scheduled'), reason: '先做检测再议' }) },
  { fn: 'consult', action: 'comments', allowed: { resident: true, sameCommunityResident: true, ...STAFF_HERE }, event: () => ({ action: 'comments', topicId: proposalTopic('scheduled') }) },
  { fn: 'consult', action: 'comment', allowed: { resident: true, sameCommunityResident: true, ...STAFF_HERE }, event: () => ({ action: 'comment', topicId: proposalTopic('scheduled'), text: '我家同意装充电桩', requestId: `cc-${next()}` }) },
  { fn: 'consult', action: 'hideComment', allowed: STAFF_HERE, event: () => ({ action: 'hideComment', commentId: consultComment(), reason: '涉及邻居隐私' }) },
  // rounds (issue 21): "the resident"'s household is in G-LC-02 — the other grid's worker (G-LC-01) and other communities' staff are refused
  { fn: 'rounds', action: 'households', allowed: STAFF, event: () => ({ action: 'households' }) },
  { fn: 'rounds', action: 'household', allowed: { communityAdmin: true }, event: () => ({ action: 'household', householdKey: ZOU_HOUSEHOLD }) },
  { fn: 'rounds', action: 'recordVisit', allowed: { communityAdmin: true }, event: () => ({ action: 'recordVisit', householdKey: ZOU_HOUSEHOLD, date: localDateOf(new Date()), met: 'self', topics: ['policy'], note: '', requestId: `rv-${next()}` }) },
  { fn: 'rounds', action: 'visits', allowed: STAFF, event: () => ({ action: 'visits' }) },
  { fn: 'rounds', action: 'setCareTags', allowed: { communityAdmin: true }, event: () => ({ action: 'setCareTags', householdKey: ZOU_HOUSEHOLD, tags: ['emptyNest'] }) },
  // issue 22: 赵建国, an active 巡逻员, patrols a grid of his community as its worker would
  { fn: 'rounds', action: 'startPatrol', allowed: { gridWorkerOfOtherGrid: true, sameCommunityResident: true }, event: () => ({ action: 'startPatrol', gridId: 'G-LC-01', requestId: `sp-${next()}` }) },
  { fn: 'rounds', action: 'endPatrol', allowed: { gridWorkerOfOtherGrid: true }, event: () => ({ action: 'endPatrol', patrolId: otherWorkersPatrol(), places: ['1号楼门口'], note: '' }) },
  { fn: 'rounds', action: 'patrols', allowed: STAFF, event: () => ({ action: 'patrols' }) },
  // issue 22: a 巡逻员's own page (赵建国 is one); staff who are not volunteers: COMMON.FORBIDDEN
  { fn: 'rounds', action: 'volunteerPatrol', allowed: { sameCommunityResident: true }, event: () => ({ action: 'volunteerPatrol' }) },
  { fn: 'rounds', action: 'visitPlans', allowed: { communityAdmin: true }, event: () => ({ action: 'visitPlans' }) },
  { fn: 'rounds', action: 'setVisitPlans', allowed: { communityAdmin: true }, event: () => ({ action: 'setVisitPlans', visitEveryDays: { default: 90, livingAlone: 7 } }) },
  // parcels (issue 22): staff of 老城社区 log, pick up and deliver "the resident"'s parcels; other communities' staff find none
  { fn: 'parcels', action: 'log', allowed: STAFF_HERE, event: () => ({ action: 'log', residentId: 'r-zou', carrier: 'sf', shelf: 'A-3', requestId: `pl-${next()}` }) },
  { fn: 'parcels', action: 'shelf', allowed: STAFF, event: () => ({ action: 'shelf' }) },
  { fn: 'parcels', action: 'pickUp', allowed: STAFF_HERE, event: () => ({ action: 'pickUp', parcelId: zouParcel() }) },
  // issue 22: and any active volunteer of the community (赵建国) — the door-delivery list: staff (their own community's) and volunteers
  { fn: 'parcels', action: 'deliver', allowed: { ...STAFF_HERE, sameCommunityResident: true }, event: () => ({ action: 'deliver', parcelId: zouParcel() }) },
  { fn: 'parcels', action: 'toDeliver', allowed: { ...STAFF, sameCommunityResident: true }, event: () => ({ action: 'toDeliver' }) },
  { fn: 'parcels', action: 'myParcels', allowed: REGISTERED, event: () => ({ action: 'myParcels' }) },
  { fn: 'parcels', action: 'timer:parcelJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'parcelJobs', Time: new Date().toISOString() }) },
  // notices (issue 22): a community-wide notice is read by anyone registered in 老城 (a vendor of its market too); other communities: NOTICES.NOT_FOUND
  { fn: 'notices', action: 'publish', allowed: { communityAdmin: true }, event: () => ({ action: 'publish', kind: 'notice', title: '停水通知', body: '明天上午停水检修，请提前储水。', audience: { kind: 'community' }, pinned: false, expiresOn: null, requestId: `np-${next()}` }) },
  { fn: 'notices', action: 'withdraw', allowed: { communityAdmin: true }, event: () => ({ action: 'withdraw', noticeId: laochengNotice(), reason: '时间改了，另行通知' }) },
  { fn: 'notices', action: 'forMe', allowed: REGISTERED, event: () => ({ action: 'forMe' }) },
  { fn: 'notices', action: 'read', allowed: REGISTERED_HERE, event: () => ({ action: 'read', noticeId: laochengNotice() }) },
  { fn: 'notices', action: 'list', allowed: STAFF, event: () => ({ action: 'list' }) },
  // errands (issue 22): residents ask for themselves (a vendor is refused); staff of 老城社区 act on "the resident"'s errand; others: ERRANDS.NOT_FOUND
  { fn: 'errands', action: 'request', allowed: { resident: true, sameCommunityResident: true, otherCommunityResident: true }, event: () => ({ action: 'request', kind: 'utilities', what: '交5号楼1单元502的水费', requestId: `er-${next()}` }) },
  { fn: 'errands', action: 'requestFor', allowed: STAFF_HERE, event: () => ({ action: 'requestFor', residentId: 'r-zou', kind: 'certificate', what: '开居住证明', consent: { spoken: true }, requestId: `ef-${next()}` }) },
  { fn: 'errands', action: 'accept', allowed: STAFF_HERE, event: () => ({ action: 'accept', errandId: zouErrand() }) },
  { fn: 'errands', action: 'done', allowed: STAFF_HERE, event: () => ({ action: 'done', errandId: zouErrand(), receiptPhotos: [], note: '证明已开好' }) },
  { fn: 'errands', action: 'cancel', allowed: { resident: true, ...STAFF_HERE }, event: () => ({ action: 'cancel', errandId: zouErrand() }) },
  { fn: 'errands', action: 'mine', allowed: REGISTERED, event: () => ({ action: 'mine' }) },
  { fn: 'errands', action: 'list', allowed: STAFF, event: () => ({ action: 'list', status: 'requested' }) },
  // providers (issue 22): the directory to anyone registered (their own community's); admins keep it; "the resident"'s referral is theirs and 老城 staff's
  { fn: 'providers', action: 'directory', allowed: REGISTERED, event: () => ({ action: 'directory' }) },
  { fn: 'providers', action: 'manage', allowed: STAFF, event: () => ({ action: 'manage' }) },
  { fn: 'providers', action: 'saveProvider', allowed: { communityAdmin: true }, event: () => ({ action: 'saveProvider', name: '张师傅家政', service: 'housekeeping', phone: '13900001111', area: '老城社区', priceNote: '', requestId: `ps-${next()}` }) },
  { fn: 'providers', action: 'deactivate', allowed: { communityAdmin: true }, event: () => ({ action: 'deactivate', providerId: laochengProvider() }) },
  { fn: 'providers', action: 'askReferral', allowed: { resident: true, sameCommunityResident: true, otherCommunityResident: true }, event: () => ({ action: 'askReferral', service: 'plumbing', need: '厨房下水道堵了', requestId: `pa-${next()}` }) },
  { fn: 'providers', action: 'refer', allowed: STAFF_HERE, event: () => ({ action: 'refer', referralId: zouReferral('requested'), providerId: laochengProvider() }) },
  { fn: 'providers', action: 'rate', allowed: { resident: true }, event: () => ({ action: 'rate', referralId: zouReferral('referred'), stars: 5, comment: '来得快' }) },
  { fn: 'providers', action: 'cancelReferral', allowed: { resident: true, ...STAFF_HERE }, event: () => ({ action: 'cancelReferral', referralId: zouReferral('requested') }) },
  { fn: 'providers', action: 'myReferrals', allowed: REGISTERED, event: () => ({ action: 'myReferrals' }) },
  { fn: 'providers', action: 'referrals', allowed: STAFF, event: () => ({ action: 'referrals', status: 'requested' }) },
  // volunteers (issue 22): 老城's admin runs the team and roster, its staff mark duties and enter hours; a fresh volunteer each call (no caller is one: the volunteer's own reading is tested in test/functions/volunteers.test.ts)
  { fn: 'volunteers', action: 'team', allowed: STAFF, event: () => ({ action: 'team' }) },
  { fn: 'volunteers', action: 'enlist', allowed: { communityAdmin: true }, event: () => ({ action: 'enlist', residentId: seenResident(), roles: ['patroller'] }) },
  { fn: 'volunteers', action: 'retire', allowed: { communityAdmin: true }, event: () => ({ action: 'retire', residentId: laochengVolunteer(), reason: '搬家了' }) },
  { fn: 'volunteers', action: 'roster', allowed: { ...STAFF, sameCommunityResident: true }, event: () => ({ action: 'roster', weekOf: chinaToday() }) },
  { fn: 'volunteers', action: 'setDuty', allowed: { communityAdmin: true }, event: () => ({ action: 'setDuty', residentId: laochengVolunteer(), date: chinaToday(), slot: 'am', role: 'patroller' }) },
  { fn: 'volunteers', action: 'removeDuty', allowed: { communityAdmin: true }, event: () => ({ action: 'removeDuty', dutyId: laochengDuty() }) },
  { fn: 'volunteers', action: 'markDuty', allowed: STAFF_HERE, event: () => ({ action: 'markDuty', dutyId: laochengDuty(), status: 'done' }) },
  { fn: 'volunteers', action: 'addHours', allowed: STAFF_HERE, event: () => ({ action: 'addHours', residentId: laochengVolunteer(), minutes: 30, date: chinaToday(), note: '帮忙搬书', requestId: `vh-${next()}` }) },
  { fn: 'volunteers', action: 'mine', allowed: REGISTERED, event: () => ({ action: 'mine' }) },
  // posts (issue 22): residents (each on their own community's board) and staff publish; a vendor does not; "the resident"'s post is withdrawn by him only, taken down by 老城's staff, contacted by another resident of 老城
  { fn: 'posts', action: 'publish', allowed: { resident: true, sameCommunityResident: true, otherCommunityResident: true, gridWorkerOfOtherGrid: true, staffOfOtherCommunity: true, communityAdmin: true }, event: () => ({ action: 'publish', kind: 'swap', title: '儿童自行车', body: '九成新，送给需要的邻居', photos: [], days: 7, requestId: `pp-${next()}` }) },
  { fn: 'posts', action: 'list', allowed: REGISTERED, event: () => ({ action: 'list' }) },
  { fn: 'posts', action: 'mine', allowed: REGISTERED, event: () => ({ action: 'mine' }) },
  { fn: 'posts', action: 'withdraw', allowed: { resident: true }, event: () => ({ action: 'withdraw', postId: zouPost() }) },
  { fn: 'posts', action: 'takeDown', allowed: STAFF_HERE, event: () => ({ action: 'takeDown', postId: zouPost(), reason: '内容不合适' }) },
  { fn: 'posts', action: 'contact', allowed: { sameCommunityResident: true }, event: () => ({ action: 'contact', postId: zouPost(), text: '我想要，怎么联系', requestId: `pc-${next()}` }) },
  { fn: 'posts', action: 'timer:postJobs', allowed: { timer: true }, event: () => ({ Type: 'Timer', TriggerName: 'postJobs', Time: new Date().toISOString() }) },
];

/** A fresh requested errand (代办证明) of "the resident" (邹建庄) in 老城社区, written straight into the store. */
function zouErrand(): string {
  const id = `errand-${next()}`;
  cloud.db.insert('errands', [{ _id: id, communityId: 'c-laocheng', residentId: 'r-zou', residentName: '邹建庄', kind: 'certificate', what: '开居住证明', status: 'requested', requestedAt: new Date(), requestedBy: { id: 'r-zou', name: '邹建庄' }, receiptPhotos: [], events: [], requestKey: `r-zou:${id}` }]);
  return id;
}

/** A fresh active provider (管道疏通) of 老城社区, written straight into the store. */
function laochengProvider(): string {
  const id = `provider-${next()}`;
  cloud.db.insert('providers', [{ _id: id, communityId: 'c-laocheng', name: '马师傅管道疏通', service: 'plumbing', phone: '13900002222', area: '老城社区', priceNote: '', verifiedById: 'a-wang', verifiedByName: '王乐天', verifiedAt: new Date(), active: true, createdAt: new Date(), requestKey: `a-wang:${id}` }]);
  return id;
}

/** A fresh referral of "the resident" in 老城社区, requested or already referred to a fresh provider. */
function zouReferral(status: 'requested' | 'referred'): string {
  const id = `referral-${next()}`;
  const provider = status === 'referred' ? { providerId: laochengProvider(), providerName: '马师傅管道疏通', referredById: 'a-wang', referredByName: '王乐天', referredAt: new Date() } : {};
  cloud.db.insert('referrals', [{ _id: id, communityId: 'c-laocheng', service: 'plumbing', residentId: 'r-zou', residentName: '邹建庄', need: '厨房下水道堵了', status, askedAt: new Date(), requestKey: `r-zou:${id}`, ...provider }]);
  return id;
}


/** Today's date in China (the volunteers rows). */
const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A fresh active 巡逻员 of 老城社区, written straight into the store (volunteers, issue 22). */
function laochengVolunteer(): string {
  const id = seenResident();
  cloud.db.modify('users', { queryType: 'WHERE', query: { _id: id }, data: { $set: { volunteer: { roles: ['patroller'], since: new Date(), active: true } } }, multi: false, merge: true, upsert: false });
  return id;
}

/** A fresh planned duty of today's morning for a fresh volunteer of 老城社区 (volunteers, issue 22). */
function laochengDuty(): string {
  const volunteerId = laochengVolunteer();
  const date = chinaToday();
  const id = `${date}:am:${volunteerId}`;
  cloud.db.insert('duties', [{ _id: id, communityId: 'c-laocheng', date, slot: 'am', role: 'patroller', volunteerId, volunteerName: '居民', status: 'planned', setById: 'a-wang', setByName: '王乐天', setAt: new Date() }]);
  return id;
}

/** "The resident"'s household (邹建庄, 5号楼1单元502, grid G-LC-02). */
const ZOU_HOUSEHOLD = householdKeyOf({ estateId: 'e-bishan', building: '5号楼', unit: '1单元', room: '502' });

let parcelCount = 0;
/** A fresh waiting parcel of "the resident" (邹建庄) in 老城社区, written straight into the store. */
function zouParcel(): string {
  const id = `parcel-${next()}`;
  const code = String(100000 + (parcelCount += 1));
  cloud.db.insert('parcels', [{ _id: id, communityId: 'c-laocheng', residentId: 'r-zou', residentName: '邹建庄', carrier: 'sf', shelf: 'A-1', code, codeKey: `c-laocheng|${code}|${id}`, status: 'waiting', loggedById: 'w-yan', loggedByName: '严婷', loggedAt: new Date(), requestKey: `w-yan:${id}`, events: [] }]);
  return id;
}

/** A fresh coming event of 老城 with its slot, written straight into the store (events, issue 22). */
function laochengEvent(): string {
  const id = `event-${next()}`;
  cloud.db.insert('slots', [{ _id: `ev_${id}`, communityId: 'c-laocheng', marketDayId: `event:${id}`, date: '2099-03-07', serviceId: id, serviceName: '社区文艺演出', mode: 'slots', label: '14:30–16:30', startAt: new Date('2099-03-07T06:30:00Z'), endAt: new Date('2099-03-07T08:30:00Z'), capacity: 30, booked: 0, holds: [], open: true, waiting: 0, place: '石榴籽“解忧铺”', eventId: id }]);
  cloud.db.insert('events', [{ _id: id, communityId: 'c-laocheng', title: '社区文艺演出', kind: 'performance', date: '2099-03-07', start: '14:30', end: '16:30', place: '石榴籽“解忧铺”', places: 30, description: '', status: 'open', slotId: `ev_${id}`, byId: 'a-wang', byName: '王乐天', createdAt: new Date(), requestKey: `a-wang:${id}`, requestHash: 'x' }]);
  return id;
}

/** A fresh published 旧物置换 post of "the resident" (邹建庄) in 老城社区, written straight into the store (posts, issue 22). */
function zouPost(): string {
  const id = `post-${next()}`;
  cloud.db.insert('posts', [{ _id: id, communityId: 'c-laocheng', kind: 'swap', title: '旧书架', body: '', photos: [], byId: 'r-zou', byName: '5号楼 邹邻居', status: 'published', expiresOn: '2099-12-31', createdAt: new Date(), requestKey: `r-zou:${id}` }]);
  return id;
}

/** A fresh family link code of a new WeChat (家人代办). */
async function familyCodeFixture(): Promise<string> {
  const r = await cloud.act<{ code: string }>('account', { action: 'familyCode', name: '邹梅' }, `local-family-${next()}`);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.code;
}

/** A fresh active family link of "the resident" (邹建庄) to a new WeChat, written straight into the store. */
function zouFamilyLink(memberOpenid = `local-family-${next()}`): string {
  const id = `flink-${next()}`;
  cloud.db.insert('familyLinks', [{ _id: id, elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng', memberOpenid, memberName: '邹梅', relation: 'daughter', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷' }, linkedById: 'w-yan', linkedByName: '严婷', at: new Date(), status: 'active', activeKey: `${memberOpenid}|r-zou` }]);
  return id;
}

/** A fresh community-wide notice of 老城, written straight into the store (notices, issue 22). */
function laochengNotice(): string {
  const id = `notice-${next()}`;
  cloud.db.insert('notices', [{ _id: id, communityId: 'c-laocheng', kind: 'notice', title: '停水通知', body: '明天上午停水检修。', audience: { kind: 'community' }, pinned: false, expiresOn: null, status: 'published', byId: 'a-wang', byName: '王乐天', publishedAt: new Date(), readCount: 0, requestKey: `a-wang:${id}`, requestHash: 'x' }]);
  return id;
}

/** A fresh neighbour dispute of 邹建庄 at 1号楼, held by its grid's worker (网格员甲, the "grid worker of another grid" caller): issue 22's 调解员 rows. */
async function zouDispute(): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true);
  const r = await cloud.act<{ id: string }>('ticket', { action: 'report', category: 'noise', text: '楼上每天半夜拖椅子，吵得睡不着', where: { estateId: 'e-bishan', building: '1号楼' }, requestId: `zdm-${next()}` }, openidOf('r-zou'));
  if (!r.ok) throw new Error(JSON.stringify(r));
  const a = await cloud.act('ticket', { action: 'accept', ticketId: r.data.id }, openidOf('w-other'));
  if (!a.ok) throw new Error(JSON.stringify(a));
  return r.data.id;
}

/** A fresh open patrol of the other grid's worker (w-other, G-LC-01), written straight into the store. */
function otherWorkersPatrol(): string {
  const id = `patrol-${next()}`;
  cloud.db.insert('patrols', [{ _id: id, communityId: 'c-laocheng', gridId: 'G-LC-01', workerId: 'w-other', workerName: '网格员甲', startedAt: new Date(), endedAt: null, places: [], note: '', ticketIds: [], status: 'open', requestKey: `w-other:${id}`, openKey: id, createdAt: new Date() }]);
  return id;
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
  cloud.db.insert('users', [{ _id: 'w-other', openid: openidOf('w-other'), name: '网格员甲', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-01'], verified: true, createdAt: new Date() }]);
  // issue 22: 赵建国 (sameCommunityResident) is an active volunteer of 老城社区 in every role (解忧智囊团)
  cloud.db.modify('users', { queryType: 'DOC', query: { _id: 'r-zhao' }, data: { $set: { volunteer: { roles: ['patroller', 'mediator', 'informant', 'speaker', 'liaison'], since: new Date(), active: true } } }, multi: false, merge: true, upsert: false });
  dayId = (await comingDays())[0];
  for (const id of await comingDays()) {
    cloud.db.modify('slots', { queryType: 'WHERE', query: { marketDayId: id }, data: { $set: { capacity: 1000 } }, multi: true, merge: true, upsert: false });
  }
}, 60_000);
afterAll(() => cloud.close());

const declared = () => declaredActions(cloud);

it('has a row for every declared action, and the row agrees with the declared caller kind', () => {
  const decl = declared();
  expect(Object.keys(decl).sort()).toEqual(ROWS.map((r) => `${r.fn}.${r.action}`).sort());
  for (const row of ROWS) {
    const kind = decl[`${row.fn}.${row.action}`].kind;
    // the declared kind bounds the row: a kind never allows more than it says
    if (kind === 'timer') expect({ row: row.action, allowed: row.allowed }).toEqual({ row: row.action, allowed: { timer: true } });
    if (kind === 'registered' || kind === 'staff' || kind === 'admin') expect({ row: row.action, unregistered: row.allowed.unregistered, timer: row.allowed.timer }).toEqual({ row: row.action, unregistered: undefined, timer: undefined });
    if (kind === 'staff' || kind === 'admin') for (const c of ['resident', 'sameCommunityResident', 'otherCommunityResident', 'vendor'] as const) expect({ row: row.action, c, allowed: row.allowed[c] }).toEqual({ row: row.action, c, allowed: undefined });
  }
});

describe.each(ROWS.map((r) => [`${r.fn}.${r.action}`, r] as const))('%s', (_name, row) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const event = await row.event();
    const before = cloud.snapshot();
    const r = await callAs(caller, row.fn, event);
    if (row.allowed[caller]) {
      expect({ caller, result: r }).toEqual({ caller, result: expect.objectContaining({ ok: true }) });
    } else {
      expect({ caller, ok: r.ok }).toEqual({ caller, ok: false });
      expect(r.ok ? '' : r.error.code).toMatch(/^(COMMON\.(FORBIDDEN|NOT_REGISTERED)|COUNTER\.RESIDENT_NOT_FOUND|TICKET\.(NOT_FOUND|NOT_ASSIGNEE|ALREADY_FOLLOWING|PLACE_NOT_FOUND)|VENDOR\.(NOT_A_VENDOR|NOT_FOUND|APPLICATION_NOT_FOUND|NO_MARKET|ALREADY_REGISTERED|ACCOUNT_IS_RESIDENT)|ACCOUNT\.(ALREADY_REGISTERED|ESTATE_NOT_FOUND)|BOOKING\.(NOT_FOUND|NOT_CHECKABLE|SLOT_NOT_FOUND)|MARKET\.DAY_NOT_FOUND|CONSULT\.(TOPIC_NOT_FOUND|PLACE_NOT_FOUND|COMMENT_NOT_FOUND|MEETING_NOT_FOUND|OPINION_NOT_FOUND|OPINION_MEETING_NOT_FOUND)|ROUNDS\.(GRID_NOT_FOUND|GRID_NOT_YOURS|HOUSEHOLD_NOT_FOUND|PATROL_NOT_FOUND)|PARCELS\.(NOT_FOUND|RESIDENT_NOT_FOUND)|NOTICES\.NOT_FOUND|EVENT\.NOT_FOUND|ERRANDS\.(NOT_FOUND|RESIDENT_NOT_FOUND)|PROVIDERS\.(NOT_FOUND|REFERRAL_NOT_FOUND)|POSTS\.(NOT_FOUND|NOT_AUTHOR|OWN_POST)|VOLUNTEERS\.(RESIDENT_NOT_FOUND|DUTY_NOT_FOUND)|FAMILY\.LINK_NOT_FOUND)$/);
      expect(cloud.snapshot()).toBe(before);
    }
  });
});

// 家人代办 (issue 22 §5): `forElder` is a request the router checks. A member linked to "the resident"
// (邹建庄) may call, for him, exactly the actions whose contract declares `familyProxy` (and that he may
// call himself); every other action — votes, seconds, comments, registration, anything staff — is
// COMMON.FORBIDDEN before anything is read, and nothing is written.
/** A booking event 邹建庄 can take now: his bookings of the last coming day are cancelled first (one per service per day). */
async function zouFreshBookEvent(): Promise<object> {
  const last = (await comingDays()).slice(-1)[0];
  for (const b of cloud.db.find('bookings', { residentId: 'r-zou', marketDayId: last, status: 'booked' }, { limit: 100 })) {
    cloud.db.modify('bookings', { queryType: 'WHERE', query: { _id: b._id }, data: { $set: { status: 'cancelled', activeKey: `cancelled:${String(b._id)}` } }, multi: false, merge: true, upsert: false });
  }
  return { action: 'book', slotId: `${last}_svc-lc-clinic_1000`, requestId: `mf-${next()}` };
}
const PROXY_ACTIONS = [
  'account.myMessages', 'account.readMessages',
  'market.getMarketDay', 'market.book', 'market.cancelBooking', 'market.myBookings', 'market.joinWaitlist', 'market.leaveWaitlist', 'market.myWaitlist', 'market.listEvents', 'market.getEvent',
  'parcels.myParcels',
  'ticket.get', 'ticket.myTickets', 'ticket.report',
];
it('the family-proxy actions are exactly the declared ones', () => {
  const decl = declared();
  expect(Object.keys(decl).filter((k) => decl[k].familyProxy).sort()).toEqual([...PROXY_ACTIONS].sort());
});
describe.each(ROWS.filter((r) => !r.action.startsWith('timer:')).map((r) => [`${r.fn}.${r.action}`, r] as const))('%s for an elder (forElder)', (name, row) => {
  it('as a linked family member', async () => {
    const member = `local-family-member-${next()}`;
    zouFamilyLink(member);
    const event = { ...(name === 'market.book' ? await zouFreshBookEvent() : await row.event()), forElder: 'r-zou' };
    const before = cloud.snapshot();
    const r = await cloud.act(row.fn, event, member);
    if (PROXY_ACTIONS.includes(name) && row.allowed.resident) {
      expect({ name, result: r }).toEqual({ name, result: expect.objectContaining({ ok: true }) });
    } else {
      expect({ name, code: r.ok ? 'ok' : r.error.code }).toEqual({ name, code: 'COMMON.FORBIDDEN' });
      expect(cloud.snapshot()).toBe(before);
    }
  });
});

// issue 16: a neighbour dispute is nobody else's — no caller may join one (其他 residents: the same
// TICKET.NOT_FOUND as a missing ticket; its reporter: already following; staff: forbidden), and
// nothing is written
describe('ticket.join of a dispute (邹建庄 reported 楼上噪音)', () => {
  const refusals: Record<CallerName, string> = {
    unregistered: 'COMMON.NOT_REGISTERED',
    resident: 'TICKET.ALREADY_FOLLOWING',
    sameCommunityResident: 'TICKET.NOT_FOUND',
    otherCommunityResident: 'TICKET.NOT_FOUND',
    gridWorkerOfOtherGrid: 'COMMON.FORBIDDEN',
    staffOfOtherCommunity: 'TICKET.NOT_FOUND',
    communityAdmin: 'COMMON.FORBIDDEN',
    vendor: 'COMMON.FORBIDDEN',
    timer: 'COMMON.NOT_REGISTERED',
  };
  it.each(CALLERS)('as %s: refused', async (caller) => {
    const r = await cloud.act<{ id: string }>('ticket', { action: 'report', category: 'noise', text: '楼上每天半夜拖椅子，吵得睡不着', where: { estateId: 'e-bishan', building: '5号楼' }, requestId: `zd-${next()}` }, openidOf('r-zou'));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const before = cloud.snapshot();
    const joined = await callAs(caller, 'ticket', { action: 'join', ticketId: r.data.id });
    expect({ caller, result: joined }).toEqual({ caller, result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: refusals[caller] }) }) });
    expect(cloud.snapshot()).toBe(before);
  });
});

it('docs/permissions.md is the table of the declarations', () => {
  const decl = declared();
  const lines = [
    '# Who may call what',
    '',
    'Generated from the declarations in `cloudfunctions/*/index.ts` (`action.<kind>(…)`, `permissionsOf`) by',
    '`test/policy/permission-matrix.test.ts` (`UPDATE_PERMISSIONS=1 npx jest test/policy` rewrites it). The',
    'caller kind is enforced by the router before the handler runs; the target rule by the handler, with the',
    'predicates of `cloudfunctions/shared/policy.ts`. Identity is the caller\'s OPENID only.',
    '',
    '| function | action | who may call | target rule |',
    '|---|---|---|---|',
    ...Object.entries(decl).map(([key, who]) => {
      const [fn, action] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
      return `| ${fn} | \`${action}\` | ${CALLER_KIND_LABELS[who.kind]} | ${who.rule || '—'} |`;
    }),
    '',
    '**Family proxy (家人代办, issue 22).** An event may carry `forElder: <elderId>`: the router (`shared/router.ts`) strips it,',
    'refuses it (`COMMON.FORBIDDEN`, nothing read) unless the action\'s contract declares `familyProxy`, loads the active',
    '`familyLinks` record of (the caller\'s OPENID, that elder) with the elder in the caller lookup\'s one round trip (none →',
    '`COMMON.FORBIDDEN`), and runs the handler as the elder (a resident: never with the elder\'s staff role), the member',
    'named as actor. Actions that accept it:',
    Object.entries(decl).filter(([, who]) => who.familyProxy).map(([key]) => `\`${key}\``).join(', ') + '.',
    '',
  ].join('\n');
  const file = path.join(__dirname, '../../docs/permissions.md');
  if (process.env.UPDATE_PERMISSIONS === '1') fs.writeFileSync(file, lines);
  expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing: run UPDATE_PERMISSIONS=1 npx jest test/policy)').toBe(lines);
});
