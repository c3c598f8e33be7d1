/**
 * Reporting a problem at the counter on a resident's behalf: routed to the grid of the place,
 * written with its first event (in the same document), idempotent, with the consent and who acted for whom recorded.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { TicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const yan = openidOf('w-yan');
const report = (over: Record<string, unknown> = {}) => ({
  action: 'reportFor',
  residentId: 'r-zhao',
  category: 'encroachment',
  text: '楼道里堆满了杂物，老人上下楼不方便',
  // his home, as the counter's page preselects it for the staff member to confirm
  where: { estateId: 'e-bishan', building: '3号楼' },
  requestId: 'ticket-req-1',
  consent: { spoken: true },
  ...over,
});

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

it('严婷 reports for 赵建国: queued for his building’s grid, with its event and his consent', async () => {
  const r = await cloud.act<TicketView>('ticket', report(), yan);
  expect(r).toMatchObject({ ok: true, data: { status: 'pending', gridCode: 'G-LC-01', gridWorkerNames: ['严婷'], reporterName: '赵建国', actorName: '严婷', assisted: true, consentRecorded: true, categoryLabel: '占用公共空间' } });
  const [ticket] = cloud.db.find('tickets', {});
  expect(ticket).toMatchObject({ reporterId: 'r-zhao', actorId: 'w-yan', source: 'residentReport', where: { estateId: 'e-bishan', building: '3号楼' }, consent: { method: 'spoken', recordedBy: 'w-yan' } });
  expect(ticket.events).toEqual([expect.objectContaining({ type: 'reported', from: null, to: 'pending', actorId: 'w-yan', public: true })]);
  expect(Object.prototype.toString.call((ticket.events as { at: unknown }[])[0].at)).toBe('[object Date]');
});

it('a repeated submit returns the first ticket', async () => {
  const again = await cloud.act<TicketView>('ticket', report(), yan);
  expect(again.ok).toBe(true);
  expect(cloud.db.countDocuments('tickets', {})).toBe(1);
  expect(cloud.db.find('tickets', {})[0].events).toHaveLength(1);
});

it('routes by the place given, and lists the resident’s tickets for the counter', async () => {
  const r = await cloud.act<TicketView>('ticket', report({ requestId: 'ticket-req-2', where: { estateId: 'e-bishan', building: '5号楼', spot: '地下室' }, category: 'safety' }), yan);
  expect(r).toMatchObject({ ok: true, data: { gridCode: 'G-LC-02', spot: '地下室' } });
  const list = await cloud.act<TicketView[]>('ticket', { action: 'ticketsFor', residentId: 'r-zhao' }, yan);
  expect(list.ok && list.data.map((t) => t.gridCode).sort()).toEqual(['G-LC-01', 'G-LC-02']);
});

it('refuses without consent, for other communities, for residents, and for unknown places — writing nothing', async () => {
  const before = cloud.snapshot();
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-3', consent: { spoken: false } }), yan)).toMatchObject({ ok: false, error: { code: 'COUNTER.CONSENT_REQUIRED' } });
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-4' }), openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-5' }), openidOf('r-zou'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-6', where: { estateId: 'e-lantian', building: '7号楼' } }), yan)).toMatchObject({ ok: false, error: { code: 'TICKET.PLACE_NOT_FOUND' } });
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-7', text: '短' }), yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
  expect(await cloud.act('ticket', report({ requestId: 'ticket-req-8', category: { $ne: '' } }), yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
  expect(cloud.snapshot()).toBe(before);
});
