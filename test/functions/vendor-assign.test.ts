/**
 * 安排摊位 (assignStall) by an admin when the vendor already waits for that day (issue 17 "Stall
 * assignment is guesswork"): in a lottery community a vendor who applied waits for the draw
 * (`applied`, no stall); the admin who gives him a stall must give him one — before, the call
 * answered the waiting application unchanged, the admin's page said "安排好了…在 null号摊", and the
 * vendor's 我的摊位 (reloaded or not) showed 等待抽签, never the stall he was given.
 * Through the real wx-server-sdk against the local cloud; concurrent assignments of one stall.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { StallApplicationView } from '../../cloudfunctions/stall/contract';

let cloud: TestCloud;
const wang = openidOf('a-wang');
// a Monday; 老城社区's market is on Fridays: the 29th is 4 days off, its draw (2 days before) not yet due
const date = '2024-11-29';
const act = <T>(event: object, openid: string) => cloud.act<T>('stall', event, openid);

function insertVendors(prefix: string, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: `u-${id}`, openid: openidOf(id), name: `摊主${id}`, role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() })));
  cloud.db.insert('vendors', ids.map((id) => ({ _id: id, communityId: 'c-laocheng', name: `摊主${id}`, kind: 'farmer', goods: ['青菜'], userId: `u-${id}`, status: 'approved', regular: false, regularStall: null, absences: 0, createdAt: new Date() })));
  return ids;
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  cloud.setClock(new Date('2024-11-25T09:00:00+08:00'));
  await ok(act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' }, wang));
}, 60_000);
afterAll(() => cloud.close());

describe('an admin gives a stall to a vendor waiting for the draw', () => {
  it('the waiting application gets the stall: the admin is told it, the vendor sees it', async () => {
    const [v] = insertVendors('v-wait', 1);
    const [applied] = await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(v)));
    expect(applied).toMatchObject({ status: 'applied', stallNumber: null });
    const given = await ok(act<StallApplicationView>({ action: 'assignStall', vendorId: v, date, stallNumber: 5 }, wang));
    expect(given).toMatchObject({ id: applied.id, status: 'allocated', stallNumber: 5, checkInCode: expect.stringMatching(/^5-/) });
    const mine = await ok(act<{ applications: StallApplicationView[] }>({ action: 'myVendor' }, openidOf(v)));
    expect(mine.applications.filter((a) => a.date === date)).toEqual([expect.objectContaining({ id: applied.id, status: 'allocated', stallNumber: 5 })]);
    // the day's list shows him on stall 5, once
    const day = await ok(act<StallApplicationView[]>({ action: 'dayList', date }, wang));
    expect(day.filter((a) => a.vendorId === v).map((a) => [a.status, a.stallNumber])).toEqual([['allocated', 5]]);
    // asking again changes nothing
    const before = cloud.snapshot();
    expect(await ok(act<StallApplicationView>({ action: 'assignStall', vendorId: v, date, stallNumber: 5 }, wang))).toMatchObject({ status: 'allocated', stallNumber: 5 });
    expect(cloud.snapshot()).toBe(before);
  });

  it('"自动" gives a waiting vendor the lowest free stall', async () => {
    const [v] = insertVendors('v-auto', 1);
    await ok(act({ action: 'applyStall', dates: [date] }, openidOf(v)));
    const given = await ok(act<StallApplicationView>({ action: 'assignStall', vendorId: v, date }, wang));
    expect(given).toMatchObject({ status: 'allocated', stallNumber: 1 });
  });

  it('two admins giving one stall to two waiting vendors at once: one gets it, the other is told it is taken', async () => {
    const vs = insertVendors('v-race', 2);
    for (const v of vs) await ok(act({ action: 'applyStall', dates: [date] }, openidOf(v)));
    const answers = await Promise.all(vs.map((v) => act<StallApplicationView>({ action: 'assignStall', vendorId: v, date, stallNumber: 7 }, wang)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => a.error?.code)).toEqual(['VENDOR.STALL_TAKEN']);
    const day = await ok(act<StallApplicationView[]>({ action: 'dayList', date }, wang));
    expect(day.filter((a) => a.stallNumber === 7)).toHaveLength(1);
    // the one refused still waits for the draw
    const refused = vs[answers.findIndex((a) => !a.ok)];
    expect(day.filter((a) => a.vendorId === refused).map((a) => a.status)).toEqual(['applied']);
  });

  it('a stall already held is refused (VENDOR.STALL_TAKEN) and the waiting application stays as it was', async () => {
    const [v] = insertVendors('v-held', 1);
    await ok(act({ action: 'applyStall', dates: [date] }, openidOf(v)));
    const before = cloud.snapshot();
    expect(await act({ action: 'assignStall', vendorId: v, date, stallNumber: 5 }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.STALL_TAKEN' } });
    expect(cloud.snapshot()).toBe(before);
  });
});
