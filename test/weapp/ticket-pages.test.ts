/**
 * The residents' ticket pages of the compiled mini-program, logged in as 李秀兰 (a test file of its
 * own: a page route loads once per environment): the report form, 我反映的问题 and a ticket's page.
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { ResidentTicketView } from '../../cloudfunctions/ticket/contract';

let env: WeappEnv;
let ticketId = '';

beforeAll(async () => {
  const li = openidOf('r-li');
  env = await startWeapp(li);
  const r = (await env.cloud.call('ticket', { action: 'report', category: 'animals', text: '楼顶有人养了一百多只鸽子，衣服被子没法晒', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' }, requestId: 'weapp-ticket-1' }, li)) as { ok: boolean; data: ResidentTicketView };
  expect(r.ok).toBe(true);
  ticketId = r.data.id;
  env.install();
}, 60_000);
afterAll(() => env?.close());

describe('tickets, as resident 李秀兰', () => {
  it('home offers 反映问题 and 我反映的问题', async () => {
    const text = await waitForText(await renderPage(env.host, 'pages/index/index'), '我反映的问题');
    expect(text).toContain('反映问题');
  }, 30_000);

  it('the report form offers the kinds of problem, her estate’s buildings and the anonymity switch, on by default', async () => {
    const text = await waitForText(await renderPage(env.host, 'ticket/pages/report/index'), '是哪一类问题');
    expect(text).toContain('饲养动物扰民');
    expect(text).toContain('☑ 7号楼');
    expect(text).toContain('☑ 不让对方知道是我反映的');
  }, 30_000);

  it('我反映的问题 lists her report', async () => {
    const text = await waitForText(await renderPage(env.host, 'ticket/pages/mine/index'), '我反映的问题（1）');
    expect(text).toContain('蓝天家园小区 7号楼 楼顶');
  }, 30_000);

  it('the ticket’s page shows who will help and its timeline', async () => {
    const text = await waitForText(await renderPage(env.host, 'ticket/pages/detail/index', { id: ticketId }), '帮您处理');
    expect(text).toContain('网格员 陈晓丹');
    expect(text).toContain('反映了问题');
  }, 30_000);
});
