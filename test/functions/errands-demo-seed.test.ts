/**
 * The demo's errands and providers (`local/seed/demo-errands.ts`, `demo-providers.ts`, issue 22)
 * through the real wx-server-sdk: 赵建国's 代缴水电费 is done with its receipt photo (a temp URL that
 * serves the PNG); 老城's directory has the two checked providers (家电维修, 管道疏通) without phones for
 * residents, 李师傅 rated 5 stars once; 赵建国's referral is rated and shows 李师傅's phone to him;
 * 严婷's 转介 list has it.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ErrandView } from '../../cloudfunctions/errands/contract';
import type { MyReferral, ProviderEntry, ReferralView } from '../../cloudfunctions/providers/contract';
import { DEMO_ERRANDS } from '../../local/seed/demo-errands';
import { DEMO_PROVIDERS } from '../../local/seed/demo-providers';

let cloud: TestCloud;
const yan = openidOf('w-yan');
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it("赵建国's 代缴水电费 is done by 严婷 with a receipt photo that loads", async () => {
  const mine = await ok(cloud.act<ErrandView[]>('errands', { action: 'mine' }, zhao));
  const e = mine.find((x) => x.id === DEMO_ERRANDS.utilities.id)!;
  expect(e).toMatchObject({ kindLabel: '代缴水电费', status: 'done', assigneeName: '严婷', doneNote: DEMO_ERRANDS.utilities.note });
  expect(e.receiptUrls).toHaveLength(1);
  const r = await fetch(e.receiptUrls[0]);
  expect(r.status).toBe(200);
  expect(Buffer.from(await r.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  expect((await ok(cloud.act<ErrandView[]>('errands', { action: 'list', status: 'done' }, yan))).map((x) => x.id)).toContain(e.id);
});

it('two checked providers in 老城, phones to staff only; 赵建国 rated 李师傅 5 stars', async () => {
  const dir = await ok(cloud.act<ProviderEntry[]>('providers', { action: 'directory' }, zou));
  expect(dir.map((p) => [p.name, p.serviceLabel, p.verifiedByName, p.phone]).sort()).toEqual([
    [DEMO_PROVIDERS.repair.name, '家电维修', '王乐天', null],
    [DEMO_PROVIDERS.plumbing.name, '管道疏通', '王乐天', null],
  ].sort());
  expect(dir.find((p) => p.id === DEMO_PROVIDERS.repair.id)).toMatchObject({ ratingCount: 1, ratingAverage: 5 });
  const mine = await ok(cloud.act<MyReferral[]>('providers', { action: 'myReferrals' }, zhao));
  expect(mine.find((r) => r.id === DEMO_PROVIDERS.ratedReferral.id)).toMatchObject({ status: 'rated', providerPhone: DEMO_PROVIDERS.repair.phone, rating: { stars: 5 } });
  const rated = await ok(cloud.act<ReferralView[]>('providers', { action: 'referrals', status: 'rated' }, yan));
  expect(rated.map((r) => r.id)).toContain(DEMO_PROVIDERS.ratedReferral.id);
});
