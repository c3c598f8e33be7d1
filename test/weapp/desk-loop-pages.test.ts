/**
 * The case-loop pages of the compiled mini-program (issue 21), as community admin 王乐天 (a file of its
 * own: a page route loads once per environment): 待我处理 lists 严婷's waiting extension request, and
 * the ticket's page says so in its header and offers 审批延期 first.
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { ResidentTicketView } from '../../cloudfunctions/ticket/contract';

let env: WeappEnv;
let ticketId = '';

/** A local date `YYYY-MM-DD` `days` after today in China. */
const chinaDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await startWeapp(openidOf('a-wang'));
  const r = (await env.cloud.call('ticket', { action: 'report', category: 'facilities', text: '3号楼门口的路灯坏了，晚上看不见路', where: { estateId: 'e-bishan', building: '3号楼', spot: '门口' }, requestId: 'weapp-loop-1' }, openidOf('r-zhao'))) as { ok: boolean; data: ResidentTicketView };
  expect(r.ok).toBe(true);
  ticketId = r.data.id;
  expect(await env.cloud.call('ticket', { action: 'accept', ticketId }, openidOf('w-yan'))).toMatchObject({ ok: true });
  expect(await env.cloud.call('ticket', { action: 'requestExtension', ticketId, untilDate: chinaDate(30), reason: '要等供电所换线' }, openidOf('w-yan'))).toMatchObject({ ok: true });
  env.install();
}, 60_000);
afterAll(() => env?.close());

describe('the case loop on the desk, as admin 王乐天', () => {
  it('待我处理 lists the waiting extension request with its reason', async () => {
    const text = await waitForText(await renderPage(env.host, 'desk/pages/decisions/index'), '延期申请（1）');
    expect(text).toContain('要等供电所换线');
    expect(text).toContain('待核查（');
  }, 30_000);

  it('the ticket says who asked for how long, and offers 审批延期', async () => {
    const text = await waitForText(await renderPage(env.host, 'desk/pages/detail/index', { id: ticketId }), '等社区管理员审批');
    expect(text).toContain('严婷 申请延期到');
    expect(text).toContain('审批延期');
  }, 30_000);
});
