/**
 * Long-term subscribe messages (长期订阅, issue 18 §1; docs/long-term-subscriptions.md): with
 * `KIOSK_LONG_TERM_SUBSCRIPTIONS=1` (a mini-program of a category WeChat opens long-term templates
 * to, e.g. 政务民生) `notify()` does not spend a send per message: one acceptance lets every progress
 * step of a ticket reach WeChat — where the one-time rule sends only 已办结 for one tap — and the
 * emulator, told the grant is long-term, does not answer 43101. A person who turns the template off
 * is refused once (43101), their count goes to 0 and WeChat is not called again; the inbox has
 * everything throughout. The emulator stays one-time unless a grant says long-term.
 * Through the real wx-server-sdk; the setting is in the function workers' environment.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { templateId } from '../../cloudfunctions/shared/templates';
import type { ResidentTicketView, StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const yan = openidOf('w-yan');
const progress = templateId('ticketProgress', {});
let n = 0;
const rid = () => `ltsub-${(n += 1).toString().padStart(6, '0')}`;
const localDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const tk = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);
const left = (openid: string) => (cloud.db.find('subscriptions', { _id: `${openid}|ticketProgress` })[0] as { left?: number } | undefined)?.left;
/** What WeChat delivered to `openid` about ticket `id`: the progress phrases, oldest first. */
const wechat = (openid: string, id: string) =>
  cloud.endpoint.messages
    .inbox(openid)
    .filter((m) => m.page.includes(id))
    .reverse()
    .map((m) => m.data.phrase2.value);
const refusals = (openid: string) => cloud.endpoint.messages.refused(openid).filter((r) => r.templateId === progress).length;
/** The inbox titles about ticket `id`. */
const inboxAbout = async (openid: string, id: string) =>
  (await ok(cloud.act<{ messages: { page: string | null; title: string }[] }>('account', { action: 'myMessages' }, openid))).messages.filter((m) => m.page?.includes(id));

async function report(text: string): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true);
  return (await ok(tk<ResidentTicketView>({ action: 'report', category: 'sanitation', text, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid() }, zhao))).id;
}
async function workThrough(id: string): Promise<void> {
  await ok(tk<StaffTicketView>({ action: 'accept', ticketId: id }, yan));
  await ok(tk<StaffTicketView>({ action: 'handle', ticketId: id, result: '已清理干净' }, yan));
  await ok(tk<StaffTicketView>({ action: 'followUp', ticketId: id, date: localDate(new Date()), method: 'phone', reporterSaid: '干净了' }, yan));
  // 核查 by the admin (issue 21: a community problem closes only once checked; it tells nobody)
  await ok(tk<StaffTicketView>({ action: 'verify', ticketId: id, passed: true }, openidOf('a-wang')));
  await ok(tk<StaffTicketView>({ action: 'close', ticketId: id, summary: '杂物已清走' }, yan));
}

beforeAll(async () => {
  // the function workers read it when they start (the deploy env file sets it on CloudBase)
  process.env.KIOSK_LONG_TERM_SUBSCRIPTIONS = '1';
  cloud = await startTestCloud({ poolSize: 2 });
}, 60_000);
afterAll(async () => {
  delete process.env.KIOSK_LONG_TERM_SUBSCRIPTIONS;
  await cloud.close();
});

it('the emulator stays one-time unless a grant says long-term; a long-term grant lasts until revoked', () => {
  const store = cloud.endpoint.messages;
  store.grant('local-lt-probe', [progress]);
  expect(store.available('local-lt-probe', progress)).toBe(1);
  store.grant('local-lt-probe', [progress], { longTerm: true });
  expect(store.available('local-lt-probe', progress)).toBe(Infinity);
  store.revoke('local-lt-probe', [progress]);
  expect(store.available('local-lt-probe', progress)).toBe(1); // the one-time tap is still there
});

it('one long-term acceptance: every progress step reaches WeChat, nothing is spent, no 43101', async () => {
  const id = await report('楼道里堆满了杂物，长期订阅');
  cloud.endpoint.messages.grant(zhao, [progress], { longTerm: true }); // the 允许 tap, a long-term template
  await ok(cloud.act('account', { action: 'subscribed', templateIds: [progress] }, zhao));
  expect(left(zhao)).toBe(1);
  await workThrough(id);
  const phrases = wechat(zhao, id);
  // the one-time rule with one tap sends only 已办结; long-term sends each step the inbox has
  expect(phrases.length).toBeGreaterThanOrEqual(3);
  expect(phrases.length).toBe((await inboxAbout(zhao, id)).length);
  expect(refusals(zhao)).toBe(0);
  expect(left(zhao)).toBe(1);
}, 60_000);

it('turned off: WeChat refuses once (43101), the count goes to 0 and WeChat is not called again; the inbox still has every step', async () => {
  const id = await report('垃圾桶满了没人收，长期订阅');
  cloud.endpoint.messages.revoke(zhao, [progress]);
  await workThrough(id);
  expect(wechat(zhao, id)).toEqual([]);
  expect(refusals(zhao)).toBe(1);
  expect(left(zhao)).toBe(0);
  expect((await inboxAbout(zhao, id)).length).toBeGreaterThanOrEqual(3);
}, 60_000);
