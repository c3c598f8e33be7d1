/**
 * The grid worker's ticket pages of the compiled mini-program, logged in as 陈晓丹 (a test file of
 * its own: a page route loads once per environment): her queue and a ticket she can accept.
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { ResidentTicketView } from '../../cloudfunctions/ticket/contract';

let env: WeappEnv;
let ticketId = '';

beforeAll(async () => {
  env = await startWeapp(openidOf('w-chen'));
  const r = (await env.cloud.call('ticket', { action: 'report', category: 'animals', text: '楼顶有人养了一百多只鸽子，衣服被子没法晒', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' }, requestId: 'weapp-desk-1' }, openidOf('r-li'))) as { ok: boolean; data: ResidentTicketView };
  expect(r.ok).toBe(true);
  ticketId = r.data.id;
  env.install();
}, 60_000);
afterAll(() => env?.close());

describe('the desk, as grid worker 陈晓丹', () => {
  it('home offers 我的工单', async () => {
    await waitForText(await renderPage(env.host, 'pages/index/index'), '我的工单');
  }, 30_000);

  it('her queue shows the waiting ticket', async () => {
    const text = await waitForText(await renderPage(env.host, 'desk/pages/queue/index'), '等您受理（1）');
    expect(text).toContain('饲养动物扰民');
  }, 30_000);

  it('the ticket shows the problem, the warning to keep it secret and 受理 — who reported it only after accepting (issue 16)', async () => {
    const text = await waitForText(await renderPage(env.host, 'desk/pages/detail/index', { id: ticketId }), '反映人要求保密');
    expect(text).toContain('反映人：受理以后才能看到');
    expect(text).not.toContain('李秀兰');
    expect(text).toContain('受理');
  }, 30_000);
});
