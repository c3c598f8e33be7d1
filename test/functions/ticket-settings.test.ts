/**
 * `ticket.settings` / `ticket.setSettings` through the real wx-server-sdk (issue 21 §2): an admin sets
 * a category's time limit (working days) and the canned replies; a grid worker reads them; a
 * resident is refused; bad input changes nothing; a ticket reported after the change gets the new
 * limit, and its handling deadline falls on a working day of China's calendar (调休 included).
 */
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { ResidentTicketView, StaffTicketView, TicketSettingsView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
let n = 0;
const rid = () => `settings-${(n += 1).toString().padStart(6, '0')}`;
const act = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);
const localAt = (s: string) => new Date(`${s}+08:00`);
const stored = (id: string) => cloud.db.find('tickets', { _id: id })[0];
const report = (category: string) => ok(act<ResidentTicketView>({ action: 'report', category, text: '楼上每天半夜有很大的响声，睡不着', where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid() }, zhao));

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
}, 60_000);
afterAll(() => cloud.close());

it('before any change: 5 working days for every category, no replies; 2026 known, 2027 not yet', async () => {
  cloud.setClock(localAt('2026-09-28T09:00:00'));
  const s = await ok(act<TicketSettingsView>({ action: 'settings' }, yan));
  expect(s.defaultHandleDays).toBe(5);
  expect(new Set(Object.values(s.handleDays))).toEqual(new Set([5]));
  expect(Object.keys(s.handleDays)).toContain('noise');
  expect(s.cannedReplies).toEqual({ feedback: [], followUp: [] });
  expect(s.calendar).toEqual([{ year: 2026, covered: true }, { year: 2027, covered: false }]);
});

it('the admin sets 噪音 to 3 working days and the replies; a grid worker reads them; the other categories keep theirs', async () => {
  const set = await ok(
    act<TicketSettingsView>({ action: 'setSettings', handleDays: { noise: 3 }, cannedReplies: { feedback: [' 已联系物业，明天上午清理 ', '已联系物业，明天上午清理', '已上门劝导，双方达成一致'], followUp: ['居民表示满意'] } }, wang),
  );
  expect(set.handleDays.noise).toBe(3);
  expect(set.handleDays.sanitation).toBe(5);
  expect(set.cannedReplies).toEqual({ feedback: ['已联系物业，明天上午清理', '已上门劝导，双方达成一致'], followUp: ['居民表示满意'] });
  const read = await ok(act<TicketSettingsView>({ action: 'settings' }, yan));
  expect(read).toEqual(set);
  // a second change of another category keeps 噪音's
  const again = await ok(act<TicketSettingsView>({ action: 'setSettings', handleDays: { sanitation: 2 } }, wang));
  expect(again).toMatchObject({ handleDays: { noise: 3, sanitation: 2 }, cannedReplies: set.cannedReplies });
  const [community] = cloud.db.find('communities', { _id: 'c-laocheng' });
  expect(community.tickets).toEqual({ handleDays: { noise: 3, sanitation: 2 }, cannedReplies: set.cannedReplies });
});

it('a resident may not read or set them; a grid worker may not set them', async () => {
  const before = cloud.snapshot();
  expect(await act({ action: 'settings' }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(await act({ action: 'setSettings', handleDays: { noise: 9 } }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(await act({ action: 'setSettings', handleDays: { noise: 9 } }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(cloud.snapshot()).toBe(before);
});

it.each([
  ['61 working days', { handleDays: { noise: 61 } }],
  ['0 working days', { handleDays: { noise: 0 } }],
  ['half a day', { handleDays: { noise: 2.5 } }],
  ['an unknown category', { handleDays: { parking: 3 } }],
  ['an empty reply', { cannedReplies: { feedback: ['   '], followUp: [] } }],
  ['a one-character reply', { cannedReplies: { feedback: ['好'], followUp: [] } }],
  ['a reply of 101 characters', { cannedReplies: { feedback: ['很'.repeat(101)], followUp: [] } }],
  ['21 replies', { cannedReplies: { feedback: Array.from({ length: 21 }, (_, i) => `常用语第${i + 1}条`), followUp: [] } }],
  ['one list missing', { cannedReplies: { feedback: ['已联系物业处理'] } }],
  ['an operator where a number belongs', { handleDays: { noise: { $gt: 0 } } }],
  ['an unknown field', { handleDays: { noise: 3 }, accept: 1 }],
])('%s: COMMON.INVALID_INPUT, nothing written', async (_name, fields) => {
  const before = cloud.snapshot();
  const r = (await act({ action: 'setSettings', ...fields }, wang)) as Envelope<unknown>;
  expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
  expect(cloud.snapshot()).toBe(before);
});

it('a ticket reported after the change gets the new limit; accepted before 国庆 its deadline is the 调休 Saturday 10.10', async () => {
  cloud.setClock(localAt('2026-09-29T10:00:00'));
  const older = await report('animals'); // not changed: 5
  const t = await report('noise');
  expect(stored(t.id).handleDays).toBe(3);
  expect(stored(older.id).handleDays).toBe(5);
  cloud.setClock(localAt('2026-09-30T16:00:00'));
  const accepted = await ok(act<StaffTicketView>({ action: 'accept', ticketId: t.id }, yan));
  expect(accepted.status).toBe('inProgress');
  // 3 working days after Wednesday 9.30: the holiday 10.1–10.7 is skipped → 10.8, 10.9, Saturday 10.10 (调休)
  expect(stored(t.id).dueAt).toEqual(localAt('2026-10-10T23:59:59.999'));
  await ok(act<StaffTicketView>({ action: 'accept', ticketId: older.id }, yan));
  expect(stored(older.id).dueAt).toEqual(localAt('2026-10-13T23:59:59.999')); // 10.8, 10.9, 10.10, 10.12, 10.13
  // not overdue during the holiday
  cloud.setClock(localAt('2026-10-07T20:00:00'));
  await cloud.trigger('ticket', 'markOverdue');
  expect(stored(t.id)).toMatchObject({ overdue: false });
  cloud.setClock(null);
});

it('round trips (the budget of the contract): settings 1 (the community comes with the caller), setSettings 2', async () => {
  const trips = async (event: object, openid: string) => {
    await ok(act(event, openid)); // warm
    const before = cloud.db.stats.requests;
    await ok(act(event, openid));
    return cloud.db.stats.requests - before;
  };
  expect(await trips({ action: 'settings' }, yan)).toBe(1);
  expect(await trips({ action: 'setSettings', handleDays: { noise: 3 }, cannedReplies: { feedback: ['已联系物业，明天上午清理'], followUp: [] } }, wang)).toBe(2);
});
