/**
 * The demo's parcels (`local/seed/demo-parcels.ts`, issue 22) through the real wx-server-sdk: 赵建国
 * sees his two waiting parcels with their codes and shelves on 我的快递; 严婷's shelf list has both,
 * the 京东 one 超期未取; the reminder timer does not remind the seeded overdue parcel again; 严婷
 * picks the fresh one up by its code.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { MyParcelsAnswer, ParcelView, ShelfAnswer } from '../../cloudfunctions/parcels/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';
import { DEMO_PARCELS } from '../../local/seed/demo-parcels';

let cloud: TestCloud;
const yan = openidOf('w-yan');
const zhao = openidOf('r-zhao');

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('赵建国 has two parcels on the shelf; 严婷 sees them, one 超期未取, reminded once already', async () => {
  const mine = await ok(cloud.act<MyParcelsAnswer>('parcels', { action: 'myParcels' }, zhao));
  expect(mine.waiting.map((p) => [p.code, p.shelf, p.carrierLabel])).toEqual([
    [DEMO_PARCELS.overdue.code, 'B-1', '京东'],
    [DEMO_PARCELS.fresh.code, 'A-3', '顺丰'],
  ]);
  const shelf = await ok(cloud.act<ShelfAnswer>('parcels', { action: 'shelf' }, yan));
  expect(shelf.waiting.map((p) => [p.id, p.overdue])).toEqual([
    [DEMO_PARCELS.overdue.id, true],
    [DEMO_PARCELS.fresh.id, false],
  ]);
  expect(shelf.overdue).toBe(1);
  await cloud.trigger('parcels', 'parcelJobs');
  const inbox = await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, zhao));
  expect(inbox.messages.filter((m) => m.kind === 'parcelArrived')).toHaveLength(0);
  const picked = await ok(cloud.act<ParcelView>('parcels', { action: 'pickUp', code: DEMO_PARCELS.fresh.code }, yan));
  expect(picked).toMatchObject({ id: DEMO_PARCELS.fresh.id, status: 'pickedUp' });
});
