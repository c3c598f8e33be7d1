/**
 * Subscribe messages as WeChat counts them, and the inbox (消息) that never depends on them
 * (issue 18 §1), through the real wx-server-sdk against the emulator, which enforces consent by
 * default (one tap of 允许 = one message of that template to that OPENID, else errcode 43101):
 * - consent is counted: one tap = one WeChat message; a send WeChat refuses is recorded by the
 *   emulator and not given back; the inbox has every message either way;
 * - the importance rule of ticket progress: with n sends left, 1 → 已办结 only, 2 → 已受理 and
 *   已办结, 3 → every step; followers are told too, from their own taps;
 * - the rating ask is marked done only once WeChat answered: a transient failure (系统繁忙) leaves
 *   it to the next run, which delivers it once (one inbox message); no consent is final;
 * - `account.subscribed` refuses bad input and placeholder callers without writing; two taps at
 *   once count twice;
 * - `account.myMessages` pages newest first with `more` and `unread`; `account.readMessages` marks
 *   only the caller's own; `account.me` carries `unreadMessages`.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { ResidentTicketView, StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const yan = openidOf('w-yan');
let n = 0;
const rid = () => `msgs-${(n += 1).toString().padStart(6, '0')}`;
/** A local (UTC+8) wall-clock time as an instant. */
const localAt = (s: string) => new Date(`${s}+08:00`);
const localDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
type Doc = Record<string, unknown> & { _id: string };
const ticket = (id: string) => cloud.db.find('tickets', { _id: id })[0] as Doc;
const left = (openid: string, key: string) => (cloud.db.find('subscriptions', { _id: `${openid}|${key}` })[0] as Doc | undefined)?.left;
/** What WeChat delivered to `openid` about ticket `id`: the progress phrases, oldest first. */
const wechat = (openid: string, id: string) =>
  cloud.endpoint.messages
    .inbox(openid)
    .filter((m) => m.page.includes(id))
    .reverse()
    .map((m) => m.data.phrase2.value);
const tk = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);
type Inbox = { messages: { id: string; kind: string; title: string; lines: string[]; page: string | null; at: number; read: boolean }[]; unread: number; more: boolean };
const inbox = (openid: string, before?: number) => ok(cloud.act<Inbox>('account', { action: 'myMessages', ...(before ? { before } : {}) }, openid));
/** The inbox titles about ticket `id`, oldest first. */
const titles = async (openid: string, id: string) =>
  (await inbox(openid)).messages
    .filter((m) => m.page?.includes(id))
    .reverse()
    .map((m) => m.title);

async function report(text: string): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true); // many reports by one person: not the daily quota's business here
  return (await ok(tk<ResidentTicketView>({ action: 'report', category: 'sanitation', text, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid() }, zhao))).id;
}
/** Drives ticket `id` through accepted, handled (followed up) and closed, as its grid worker. */
async function workThrough(id: string): Promise<void> {
  await ok(tk<StaffTicketView>({ action: 'accept', ticketId: id }, yan));
  await ok(tk<StaffTicketView>({ action: 'handle', ticketId: id, result: '已清理干净' }, yan));
  await ok(tk<StaffTicketView>({ action: 'followUp', ticketId: id, date: localDate(new Date()), method: 'phone', reporterSaid: '干净了' }, yan));
  // 核查 by the admin (issue 21: a community problem closes only once checked; it tells nobody)
  await ok(tk<StaffTicketView>({ action: 'verify', ticketId: id, passed: true }, openidOf('a-wang')));
  await ok(tk<StaffTicketView>({ action: 'close', ticketId: id, summary: '杂物已清走' }, yan));
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
}, 60_000);
afterAll(() => cloud.close());

describe('consent is counted as WeChat counts it', () => {
  it('the emulator refuses a message nobody allowed (43101) by default, and records the refusal', async () => {
    const id = await report('3号楼楼道里的纸箱没人收');
    // zhao reports his tap to the functions, but WeChat never saw it (no grant): the function sends, WeChat refuses
    const r = await ok(cloud.act<{ left: Record<string, number> }>('account', { action: 'subscribed', templateIds: ['ticketProgressLocal'] }, zhao));
    expect(r.left).toEqual({ ticketProgress: 1 });
    await workThrough(id);
    expect(wechat(zhao, id)).toEqual([]);
    expect(cloud.endpoint.messages.refused(zhao)).toEqual([expect.objectContaining({ touser: zhao, templateId: 'ticketProgressLocal', errcode: 43101, fromFunction: 'ticket' })]);
    // the send is spent (WeChat's count is the truth), and the inbox has every step
    expect(left(zhao, 'ticketProgress')).toBe(0);
    expect(await titles(zhao, id)).toEqual(['您反映的问题已受理', '您反映的问题已处理', '您反映的问题已办结']);
  }, 60_000);

  it('one tap = one message: the second message of the template is not sent, and the inbox still has both', async () => {
    const first = await report('3号楼门口的垃圾桶满了');
    const second = await report('3号楼后面的自行车堆着');
    await allow(cloud, zhao, ['ticketProgress']);
    await workThrough(first);
    await workThrough(second);
    expect(wechat(zhao, first)).toEqual(['已办结']);
    expect(wechat(zhao, second)).toEqual([]);
    expect(left(zhao, 'ticketProgress')).toBe(0);
    expect((await titles(zhao, first)).at(-1)).toBe('您反映的问题已办结');
    expect((await titles(zhao, second)).at(-1)).toBe('您反映的问题已办结');
  }, 60_000);
});

describe('only the most important progress message when they have one', () => {
  it.each([
    [1, ['已办结']],
    [2, ['已受理', '已办结']],
    [3, ['已受理', '已处理', '已办结']],
  ])('with %i send(s) left the reporter is sent %j; the inbox has every step', async (taps, sent) => {
    const id = await report(`3号楼楼顶堆了杂物（${taps}）`);
    await allow(cloud, zhao, ['ticketProgress'], taps as number);
    await workThrough(id);
    expect(wechat(zhao, id)).toEqual(sent);
    expect(left(zhao, 'ticketProgress')).toBe(0);
    expect(await titles(zhao, id)).toEqual(['您反映的问题已受理', '您反映的问题已处理', '您反映的问题已办结']);
  }, 60_000);

  it('a follower (我也遇到了) is told from their own taps; without one, only their inbox has it', async () => {
    const id = await report('3号楼路灯坏了好几天');
    await ok(tk({ action: 'join', ticketId: id }, zou));
    await allow(cloud, zou, ['ticketProgress']);
    await workThrough(id);
    expect(wechat(zou, id)).toEqual(['已办结']);
    expect(wechat(zhao, id)).toEqual([]);
    expect(await titles(zou, id)).toEqual(['您关注的问题已受理', '您关注的问题已处理', '您关注的问题已办结']);
    expect(await titles(zhao, id)).toHaveLength(3);
  }, 60_000);
});

describe('the rating ask is done only once WeChat answered', () => {
  it('a transient failure is retried next run and delivered once; no consent is final', async () => {
    cloud.setClock(localAt('2026-12-21T09:00:00'));
    const failing = await report('3号楼的下水道堵了');
    const delivered = await report('3号楼的楼梯扶手松了');
    cloud.db.remove('quotas', 'WHERE', {}, true);
    const noConsent = (await ok(tk<ResidentTicketView>({ action: 'report', category: 'sanitation', text: '5号楼门口的井盖松了', where: { estateId: 'e-bishan', building: '5号楼' }, requestId: rid() }, zou))).id;
    for (const id of [failing, delivered, noConsent]) await workThrough(id);
    // nobody had a send left while the tickets moved; now zhao allows two messages (e.g. on the tickets' pages), zou none
    expect(left(zhao, 'ticketProgress') ?? 0).toBe(0);
    expect(left(zou, 'ticketProgress') ?? 0).toBe(0);
    cloud.setClock(localAt('2026-12-21T14:00:00'));
    await allow(cloud, zhao, ['ticketProgress'], 2);
    cloud.endpoint.openapi.failSends(1); // WeChat is busy for the first send (系统繁忙)
    const first = await cloud.trigger('ticket', 'askRatings');
    // asked in closing order: the first send fails (not marked, the send given back), the second is delivered, zou's has no send (final)
    expect(first).toMatchObject({ ok: true, data: { ratingAsked: 2, delivered: 1, retryLater: 1 } });
    expect(ticket(failing).ratingAskedAt ?? null).toBeNull();
    expect(ticket(failing).ratingAskClaim ?? null).toBeNull();
    expect(ticket(delivered).ratingAskedAt).toBeTruthy();
    expect(ticket(noConsent).ratingAskedAt).toBeTruthy();
    expect(left(zhao, 'ticketProgress')).toBe(1);
    expect(wechat(zhao, failing)).toEqual([]);
    cloud.advanceClock(10 * 60_000);
    const second = await cloud.trigger('ticket', 'askRatings');
    expect(second).toMatchObject({ ok: true, data: { ratingAsked: 1, delivered: 1, retryLater: 0 } });
    expect(ticket(failing).ratingAskedAt).toBeTruthy();
    expect(wechat(zhao, failing)).toEqual(['请评价']);
    expect(wechat(zhao, delivered)).toEqual(['请评价']);
    expect(wechat(zou, noConsent)).toEqual([]);
    // one ask in each inbox, however often it ran
    for (const [who, id] of [[zhao, failing], [zhao, delivered], [zou, noConsent]]) expect((await titles(who, id)).filter((t) => t.startsWith('请评价'))).toHaveLength(1);
    const third = await cloud.trigger('ticket', 'askRatings');
    expect(third).toMatchObject({ ok: true, data: { ratingAsked: 0, delivered: 0, retryLater: 0 } });
    cloud.setClock(null);
  }, 90_000);
});

describe('the booking reminder is done only once WeChat answered', () => {
  it('a transient failure leaves the booking unreminded for the next run, which delivers it once', async () => {
    const days = await ok(cloud.act<{ days: { id: string; date: string }[] }>('market', { action: 'listMarketDays' }, zhao));
    const day = days.days[0];
    // the day before, 10:00 local: reminders are due
    const dayBefore = new Date(new Date(`${day.date}T10:00:00+08:00`).getTime() - 24 * 3600_000);
    cloud.setClock(new Date(dayBefore.getTime() - 3600_000));
    const booking = await ok(cloud.act<{ id: string }>('market', { action: 'book', slotId: `${day.id}_svc-lc-knife_1000`, requestId: rid() }, zhao));
    await allow(cloud, zhao, ['bookingReminder', 'bookingChange']);
    cloud.setClock(new Date(dayBefore.getTime() + 60_000));
    cloud.endpoint.openapi.failSends(1);
    expect(await cloud.trigger('market', 'remindBookings')).toMatchObject({ ok: true, data: { reminded: 0, delivered: 0, retryLater: 1 } });
    const doc = () => cloud.db.find('bookings', { _id: booking.id })[0] as Doc;
    expect(doc().remindedAt).toBeUndefined();
    expect(doc().remindClaim ?? null).toBeNull();
    expect(left(zhao, 'bookingReminder')).toBe(1);
    cloud.advanceClock(10 * 60_000);
    expect(await cloud.trigger('market', 'remindBookings')).toMatchObject({ ok: true, data: { reminded: 1, delivered: 1 } });
    expect(doc().remindedAt).toBeTruthy();
    expect(cloud.endpoint.messages.inbox(zhao).filter((m) => m.templateId === 'bookingReminderLocal')).toHaveLength(1);
    const kept = (await inbox(zhao)).messages.filter((m) => m.page === `market/pages/booking/index?id=${booking.id}`);
    expect(kept.map((m) => m.title)).toEqual(['明天的预约：磨刀']);
    expect(await cloud.trigger('market', 'remindBookings')).toMatchObject({ ok: true, data: { reminded: 0, delivered: 0 } });
    cloud.setClock(null);
  }, 60_000);
});

describe('account.subscribed', () => {
  it.each([
    ['an id the kiosk does not use', { templateIds: ['someoneElsesTemplate'] }, zou, 'COMMON.INVALID_INPUT'],
    ['a known id with an unknown one', { templateIds: ['bookingReminderLocal', 'someoneElsesTemplate'] }, zou, 'COMMON.INVALID_INPUT'],
    ['four ids', { templateIds: ['bookingReminderLocal', 'bookingChangedLocal', 'waitlistPromotedLocal', 'stallDrawLocal'] }, zou, 'COMMON.INVALID_INPUT'],
    ['no ids', { templateIds: [] }, zou, 'COMMON.INVALID_INPUT'],
    ['an operator for an id', { templateIds: [{ $ne: '' }] }, zou, 'COMMON.INVALID_INPUT'],
    ['a placeholder caller (no WeChat)', { templateIds: ['bookingReminderLocal'] }, 'nowechat:r-zou', 'COMMON.FORBIDDEN'],
  ])('%s changes nothing', async (_name, event, caller, code) => {
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'subscribed', ...event }, caller)).toMatchObject({ ok: false, error: { code } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('counts every tap, also two at once, per template', async () => {
    const someone = 'local-tapper';
    const taps = await Promise.all([0, 1].map(() => cloud.act<{ left: Record<string, number> }>('account', { action: 'subscribed', templateIds: ['bookingReminderLocal', 'bookingChangedLocal'] }, someone)));
    expect(taps.every((t) => t.ok)).toBe(true);
    const third = await ok(cloud.act<{ left: Record<string, number> }>('account', { action: 'subscribed', templateIds: ['bookingReminderLocal'] }, someone));
    expect(third.left).toEqual({ bookingReminder: 3 });
    expect(left(someone, 'bookingChange')).toBe(2);
  }, 60_000);
});

describe('the inbox: myMessages, readMessages, me.unreadMessages', () => {
  const owner = openidOf('r-li');
  const other = openidOf('r-zou');
  const base = localAt('2026-06-01T08:00:00').getTime();
  beforeAll(() => {
    const docs = Array.from({ length: 45 }, (_, i) => ({ _id: `li-msg-${String(i).padStart(2, '0')}`, userId: 'r-li', openid: owner, kind: 'ticketProgress', title: `第${i}条`, lines: ['问题：测试'], page: 'ticket/pages/detail/index?id=x', at: new Date(base + i * 60_000) }));
    cloud.db.insert('messages', [...docs, { _id: 'zou-msg-private', userId: 'r-zou', openid: other, kind: 'ticketProgress', title: '邹的消息', lines: [], page: null, at: new Date(base) }]);
  });

  it('pages newest first, 20 at a time, with more and unread', async () => {
    const p1 = await inbox(owner);
    expect(p1.messages.map((m) => m.title)).toEqual(Array.from({ length: 20 }, (_, i) => `第${44 - i}条`));
    expect(p1).toMatchObject({ unread: 45, more: true });
    expect(p1.messages[0]).toEqual({ id: 'li-msg-44', kind: 'ticketProgress', title: '第44条', lines: ['问题：测试'], page: 'ticket/pages/detail/index?id=x', at: base + 44 * 60_000, read: false });
    const p2 = await inbox(owner, p1.messages.at(-1)!.at);
    expect(p2.messages.map((m) => m.title)).toEqual(Array.from({ length: 20 }, (_, i) => `第${24 - i}条`));
    const p3 = await inbox(owner, p2.messages.at(-1)!.at);
    expect(p3.messages.map((m) => m.title)).toEqual(['第4条', '第3条', '第2条', '第1条', '第0条']);
    expect(p3.more).toBe(false);
  });

  it('pages by (at, id): 27 messages stored at the same millisecond are all shown, each once, over two pages', async () => {
    const who = 'local-same-ms';
    const same = new Date(base + 3_600_000);
    cloud.db.insert('users', [{ _id: 'u-same-ms', openid: who, name: '同刻', role: 'resident', communityId: 'c-laocheng', createdAt: new Date(base) }]);
    // a job that told many things at once; one more a minute earlier
    cloud.db.insert('messages', [
      ...Array.from({ length: 27 }, (_, i) => ({ _id: `same-ms-${String(i).padStart(2, '0')}`, userId: 'u-same-ms', openid: who, kind: 'bookingChange', title: `同刻${i}`, lines: [], page: null, at: same })),
      { _id: 'same-ms-earlier', userId: 'u-same-ms', openid: who, kind: 'bookingChange', title: '早一分钟', lines: [], page: null, at: new Date(same.getTime() - 60_000) },
    ]);
    const page = (after?: { at: number; id: string }) => ok(cloud.act<Inbox>('account', { action: 'myMessages', ...(after ? { before: after.at, beforeId: after.id } : {}) }, who));
    const p1 = await page();
    expect(p1.more).toBe(true);
    const last = p1.messages.at(-1)!;
    expect(last.at).toBe(same.getTime()); // the page ends inside the millisecond
    const p2 = await page({ at: last.at, id: last.id });
    const p3 = p2.more ? await page({ at: p2.messages.at(-1)!.at, id: p2.messages.at(-1)!.id }) : { messages: [], more: false };
    const shown = [...p1.messages, ...p2.messages, ...p3.messages].map((m) => m.id);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.filter((id) => /^same-ms-\d/.test(id)).sort()).toEqual(Array.from({ length: 27 }, (_, i) => `same-ms-${String(i).padStart(2, '0')}`));
    expect(shown.slice(0, 27)).toEqual(Array.from({ length: 27 }, (_, i) => `same-ms-${String(26 - i).padStart(2, '0')}`)); // newest first, then by id
    expect(shown.slice(27)).toEqual(['same-ms-earlier']);
    expect(p3.more).toBe(false);
  });

  it('marks only the caller’s own messages read; me carries the unread count', async () => {
    const before = cloud.snapshot();
    // someone else's id is none of the caller's messages: an error, and nothing changes
    expect(await cloud.act('account', { action: 'readMessages', ids: ['zou-msg-private'] }, owner)).toMatchObject({ ok: false, error: { code: 'MESSAGE.NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
    expect(await ok(cloud.act('account', { action: 'readMessages', ids: ['li-msg-44', 'li-msg-43', 'zou-msg-private'] }, owner))).toEqual({ unread: 43 });
    expect((cloud.db.find('messages', { _id: 'zou-msg-private' })[0] as Doc).readAt).toBeUndefined();
    expect((await inbox(owner)).messages.slice(0, 3).map((m) => m.read)).toEqual([true, true, false]);
    expect(await ok(cloud.act('account', { action: 'me' }, owner))).toMatchObject({ registered: true, unreadMessages: 43 });
    // one of the caller's that is already read is not an error
    expect(await ok(cloud.act('account', { action: 'readMessages', ids: ['li-msg-44'] }, owner))).toEqual({ unread: 43 });
    expect(await ok(cloud.act('account', { action: 'readMessages', all: true }, owner))).toEqual({ unread: 0 });
    expect(await ok(cloud.act('account', { action: 'me' }, owner))).toMatchObject({ unreadMessages: 0 });
    expect((await inbox(other)).messages.find((m) => m.id === 'zou-msg-private')).toMatchObject({ read: false });
    expect(await ok(cloud.act('account', { action: 'me' }, 'local-visitor-x'))).toEqual({ registered: false, unreadMessages: 0 });
  });

  it('refuses a visitor and bad input', async () => {
    expect(await cloud.act('account', { action: 'myMessages' }, 'local-visitor-y')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
    for (const bad of [{ ids: [] }, { ids: Array.from({ length: 51 }, (_, i) => `m${i}`) }, { all: false }, { ids: ['a'], all: true }, { ids: [{ $ne: '' }] }]) {
      expect(await cloud.act('account', { action: 'readMessages', ...bad }, owner)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    }
  });
});
