/**
 * The functions' transactions under CloudBase's rule "no server date inside a transaction"
 * (issue 18 §2; the emulator refuses `db.serverDate()` in a transactional write as the real
 * service does: test/local/transaction-limits.test.ts). Every path that writes in a transaction
 * (`withTransaction`: ticket.merge, account.people / grids, market.saveService's capacity,
 * market.stallPlan) works and stamps the function's clock, through the real wx-server-sdk;
 * stall.register, which wrote its two records in one, now writes them without (3 round trips,
 * stall/actions/register.ts registerVendor) and still stamps the function's clock. people / grids /
 * services / stall plans write no instant in their transactions; vendor registration and merges did (`createdAt`, the merge events and `updatedAt`): both are
 * pinned here to the moved local clock.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { VendorView } from '../../cloudfunctions/stall/contract';
import type { ResidentTicketView, StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const AT = new Date('2026-11-25T10:00:00+08:00');

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 2 });
  cloud.setClock(AT);
}, 60_000);
afterAll(async () => {
  cloud.setClock(null);
  await cloud.close();
});

/** `v` is an instant of the moved clock at `from` (it runs on from there; a minute of slack). */
const at = (v: unknown, from: Date) => {
  const t = new Date(v as Date).getTime();
  expect(t).toBeGreaterThanOrEqual(from.getTime());
  expect(t).toBeLessThan(from.getTime() + 60_000);
};

it('stall.register writes the users and vendors records created at the function clock, one reading for both', async () => {
  const openid = 'local-tx-new-farmer';
  const v = await ok(cloud.act<VendorView>('stall', { action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '韩师傅', phone: '13899017701', goods: ['韭菜'] }, openid));
  expect(v).toMatchObject({ status: 'pending', goods: ['韭菜'] });
  const [user] = cloud.db.find('users', { openid });
  const [vendor] = cloud.db.find('vendors', { _id: v.id });
  expect(user).toMatchObject({ role: 'vendor', name: '韩师傅' });
  expect(vendor).toMatchObject({ userId: user._id, status: 'pending' });
  at(user.createdAt, AT);
  expect(vendor.createdAt).toEqual(user.createdAt); // one clock reading for both records
});

it('ticket.merge updates both tickets in one transaction, its events and updatedAt at the function clock', async () => {
  const report = (openid: string, text: string, requestId: string) =>
    ok(cloud.act<ResidentTicketView>('ticket', { action: 'report', category: 'facilities', text, where: { estateId: 'e-bishan', building: '3号楼' }, requestId }, openid));
  const original = await report(openidOf('r-zhao'), '3号楼单元门的门禁坏了好几天', 'txclock-000001');
  const dup = await report(openidOf('r-zou'), '3号楼的门禁坏了，谁都能进', 'txclock-000002');
  const later = new Date(AT.getTime() + 3_600_000);
  cloud.setClock(later);
  await ok(cloud.act<StaffTicketView>('ticket', { action: 'merge', ticketId: dup.id, intoId: original.id }, openidOf('w-yan')));
  const [d] = cloud.db.find('tickets', { _id: dup.id });
  const [o] = cloud.db.find('tickets', { _id: original.id });
  expect(d).toMatchObject({ status: 'merged', mergedInto: original.id });
  for (const t of [d, o]) {
    at(t.updatedAt, later);
    at((t.events as { at: Date }[]).at(-1)!.at, later);
  }
});
