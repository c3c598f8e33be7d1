/**
 * The whole case loop in a real browser against the run's kiosk (issue 21, docs/case-loop-design.md §3),
 * by tapping, as the people would:
 * - a resident of 老城社区 reports a broken street lamp (公共设施损坏, a community problem) with the form;
 * - 严婷 (grid worker) accepts it from 我的工单 and asks for a later deadline (申请延期: 再延一周, a reason);
 * - 王乐天 (admin) finds it under 待我处理 → 延期申请 and approves it: the deadline moves, and the
 *   resident's page shows the new 承诺办结日期 and says it was extended;
 * - 严婷 suspends it (挂起: 等相关部门答复, 一周后): her header says 已挂起, the resident's page 暂停办理至 …
 *   with the reason; then she resumes it (恢复办理) and the promised date is back;
 * - 严婷 records the result (反馈); 王乐天 checks it on site (核查) and fails it with a reason: it is back
 *   办理中 (重办) for 严婷, who records the result again; 王乐天's second check passes, with a photo;
 * - 严婷 follows up with the resident (回访) and closes it (办结); the resident's timeline shows the steps.
 * Then the new forms and lists at 320 and 390 px, normal and elder mode (test-artifacts/case-loop/):
 * nothing clipped, text and targets large enough, contrast kept, no page error.
 */
import { button, callAs, openAs, shootAll, step, uniqueOpenid, textOf, useRun, usePage, visiblePage, WANG, YAN } from './harness';

const run = useRun({ shots: 'case-loop' });

/** A resident of 老城社区 (壁山丽景小区 2号楼, 严婷's grid G-LC-01) nobody else uses. */
const RES = uniqueOpenid('loop');
/** A 2×2 PNG: the after-photo of the check. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAF0lEQVR4nGOoiLI5sWUBg1zUtF+/fgEAKsAHJ6TxEXkAAAAASUVORK5CYII=', 'base64');
const LAMP = '2号楼2单元门口的路灯坏了一个多星期，晚上黑乎乎的，老人不敢下楼。';

const api = <T = unknown>(openid: string, data: object) => callAs<T>(run.kiosk.url, 'ticket', openid, data);

interface StaffView {
  id: string;
  status: string;
  statusLabel: string;
  dueAt: string | null;
  extension: { status: string; untilDate: string } | null;
  suspension: { untilDate: string } | null;
}
interface ResidentView {
  promisedDate: string | null;
  suspendedUntil: string | null;
}

/** `12月14日` of a local date `YYYY-MM-DD` (how the pages write a day, before the weekday). */
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const detailUrl = (id: string) => `/desk/pages/detail/index?id=${encodeURIComponent(id)}`;
const residentUrl = (id: string) => `/ticket/pages/detail/index?id=${encodeURIComponent(id)}`;

beforeAll(async () => {
  expect(await callAs(run.kiosk.url, 'account', RES, { action: 'register', name: '付桂英', estateId: 'e-bishan', building: '2号楼', unit: '2单元', room: '201' })).toMatchObject({ ok: true });
}, 300_000);

describe('a broken street lamp through the whole loop', () => {
  const tab = usePage(run);
  let id = '';

  it('the resident reports it, 严婷 accepts it from her queue', async () => {
    await step(tab.page, 'loop-01-report', async () => {
      await openAs(tab.page, run.kiosk.url, RES, '/ticket/pages/report/index', '是哪一类问题');
      await button(tab.page, '公共设施损坏').click();
      await button(tab.page, '☑ 2号楼').waitFor();
      await tab.page.locator('.page:visible .ticket-input input').first().fill('2单元门口路灯');
      await tab.page.locator('.page:visible .ticket-textarea textarea').fill(LAMP);
      await button(tab.page, /^提交$/).click();
      // another file may have reported a lamp here: this one is a problem of its own
      await Promise.race([visiblePage(tab.page, '等待网格员受理').waitFor(), button(tab.page, '不是同一件事，照样提交').waitFor()]);
      if (await button(tab.page, '不是同一件事，照样提交').isVisible()) await button(tab.page, '不是同一件事，照样提交').click();
      await visiblePage(tab.page, '等待网格员受理').waitFor();
      id = decodeURIComponent(new URL(tab.page.url().replace('/#/', '/')).searchParams.get('id') ?? '');
      expect(id).not.toBe('');
      // nobody has promised a date yet
      expect(await textOf(tab.page)).not.toContain('承诺办结日期');
    });
    await step(tab.page, 'loop-02-accept', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, '/desk/pages/queue/index', '等您受理');
      await tab.page.locator(`.page:visible .queue-card[data-ticket="${id}"]`).click();
      await button(tab.page, /^受理$/).click();
      await visiblePage(tab.page, '已受理').waitFor();
      // accepted, the resident is promised a date
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), '帮您处理');
      const staff = (await api<{ ticket: StaffView }>(YAN, { action: 'get', ticketId: id })).data!.ticket;
      const promised = (await api<{ ticket: ResidentView }>(RES, { action: 'get', ticketId: id })).data!.ticket.promisedDate;
      expect(staff.dueAt).not.toBeNull();
      expect(promised).not.toBeNull();
      await visiblePage(tab.page, `承诺办结日期：${monthDay(promised!)}`).waitFor();
    });
  });

  it('严婷 asks for a week more; 王乐天 approves it from 待我处理, and the resident reads the new date', async () => {
    await step(tab.page, 'loop-03-request-extension', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '办理人：严婷');
      await button(tab.page, '申请延期').click();
      await button(tab.page, '再延一周').click();
      await tab.page.locator('.page:visible .form-extension .ticket-textarea textarea').fill('要等供电所来换灯杆里的线');
      await button(tab.page, '提交延期申请').click();
      await visiblePage(tab.page, '已提交延期申请').waitFor();
      expect(await textOf(tab.page)).toMatch(/严婷 申请延期到 .*等社区管理员审批（要等供电所来换灯杆里的线）/);
      // one request at a time
      expect(await button(tab.page, '申请延期').count()).toBe(0);
    });
    let until = '';
    await step(tab.page, 'loop-04-approve', async () => {
      await openAs(tab.page, run.kiosk.url, WANG, '/pages/index/index', '当前身份：王乐天');
      await button(tab.page, '待我处理').click();
      await visiblePage(tab.page, '延期申请（').waitFor();
      const card = tab.page.locator(`.page:visible .decision-extension[data-ticket="${id}"]`);
      expect(await card.textContent()).toContain('要等供电所来换灯杆里的线');
      await card.click();
      await button(tab.page, '审批延期').click();
      await button(tab.page, '批准延期').click();
      await button(tab.page, /^确定批准，延到/).click();
      await visiblePage(tab.page, '已批准延期').waitFor();
      const t = (await api<{ ticket: StaffView }>(WANG, { action: 'get', ticketId: id })).data!.ticket;
      expect(t.extension).toMatchObject({ status: 'approved' });
      until = t.extension!.untilDate;
      expect(await textOf(tab.page)).toContain(`已批准延期到 ${monthDay(until)}`);
    });
    await step(tab.page, 'loop-05-resident-new-date', async () => {
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), '帮您处理');
      await visiblePage(tab.page, `承诺办结日期：${monthDay(until)}`).waitFor();
      expect(await textOf(tab.page)).toContain('办理时间延长了，社区已经同意');
    });
  });

  it('严婷 suspends it until the department answers, the resident reads why and until when; she resumes it', async () => {
    await step(tab.page, 'loop-06-suspend', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '办理人：严婷');
      await button(tab.page, '挂起（暂停办理）').click();
      await button(tab.page, '等相关部门答复').click();
      await button(tab.page, '一周后').click();
      await button(tab.page, '确定挂起').click();
      await visiblePage(tab.page, '已挂起：暂停办理到').waitFor();
      expect(await textOf(tab.page)).toContain('期间不计时（严婷：等相关部门答复）');
      // the clock stands still: no deadline line, no 申请延期
      expect(await textOf(tab.page)).not.toMatch(/请在 .* 前办好/);
      expect(await button(tab.page, '申请延期').count()).toBe(0);
    });
    await step(tab.page, 'loop-07-resident-suspended', async () => {
      const s = (await api<{ ticket: ResidentView }>(RES, { action: 'get', ticketId: id })).data!.ticket;
      expect(s.suspendedUntil).not.toBeNull();
      expect(s.promisedDate).toBeNull();
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), `暂停办理至 ${monthDay(s.suspendedUntil!)}`);
      const body = await textOf(tab.page);
      expect(body).toContain('原因：等相关部门答复');
      expect(body).not.toContain('承诺办结日期');
    });
    await step(tab.page, 'loop-08-resume', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '已挂起');
      await button(tab.page, /^恢复办理$/).click();
      await button(tab.page, '确定恢复办理').click();
      await visiblePage(tab.page, '已恢复办理').waitFor();
      expect(await textOf(tab.page)).not.toContain('已挂起：');
      await visiblePage(tab.page, /请在 .* 前办好/).waitFor();
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), '承诺办结日期');
    });
  });

  it('严婷 records the result; 王乐天’s check fails with a reason and it is back 正在处理 (重办)', async () => {
    await step(tab.page, 'loop-09-handle', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '办理人：严婷');
      await button(tab.page, '反馈处理结果').click();
      await tab.page.locator('.page:visible .form-handle .ticket-textarea textarea').fill('供电所已换线，路灯修好了');
      await button(tab.page, '保存处理结果').click();
      await visiblePage(tab.page, '下一步：请社区管理员或其他网格员到现场核查').waitFor();
      // she handled it: not hers to check, and not to close before the check
      expect(await button(tab.page, /^核查$/).count()).toBe(0);
      expect(await textOf(tab.page)).toContain('待核查');
    });
    await step(tab.page, 'loop-10-verify-fails', async () => {
      await openAs(tab.page, run.kiosk.url, WANG, '/desk/pages/decisions/index', '待核查（');
      await tab.page.locator(`.page:visible .decision-verify[data-ticket="${id}"]`).click();
      await button(tab.page, /^核查$/).click();
      await button(tab.page, /^不通过$/).click();
      // a failed check needs its reason
      await button(tab.page, '确定不通过，退回重办').click();
      await tab.page.locator('.page:visible .form-verify .form-problem', { hasText: '请写下哪里没办好' }).waitFor(); // in the card, by its button
      await tab.page.locator('.page:visible .form-verify .ticket-textarea textarea').fill('2单元门口的灯亮了，3单元门口的还是黑的');
      await button(tab.page, '确定不通过，退回重办').click();
      await visiblePage(tab.page, '核查不通过：已退回重办').waitFor();
      expect(await tab.page.locator('.page:visible .ticket-status').textContent()).toBe('正在处理');
      expect(await tab.page.locator('.page:visible .timeline-title').allTextContents()).toEqual(expect.arrayContaining(['现场核查未通过', '核查未通过，重办']));
    });
  });

  it('严婷 records it again; the second check passes with a photo; she follows up and closes it', async () => {
    await step(tab.page, 'loop-11-handle-again', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '办理人：严婷');
      await button(tab.page, '反馈处理结果').click();
      await tab.page.locator('.page:visible .form-handle .ticket-textarea textarea').fill('3单元门口的路灯也换好了，两盏都亮');
      await button(tab.page, '保存处理结果').click();
      await visiblePage(tab.page, '已反馈处理结果').waitFor();
    });
    await step(tab.page, 'loop-12-verify-passes', async () => {
      await openAs(tab.page, run.kiosk.url, WANG, detailUrl(id), '待核查');
      await button(tab.page, /^核查$/).click();
      await button(tab.page, /^通过$/).click();
      const [chooser] = await Promise.all([tab.page.waitForEvent('filechooser'), button(tab.page, '拍照或选照片').click()]);
      await chooser.setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PHOTO });
      await tab.page.locator('.page:visible .form-verify .photo-item .ticket-photo').waitFor();
      await tab.page.locator('.page:visible .form-verify .ticket-textarea textarea').fill('两盏路灯晚上都亮了');
      await button(tab.page, '确定核查通过').click();
      await visiblePage(tab.page, '核查通过。下一步').waitFor();
      expect(await textOf(tab.page)).toContain('核查通过（王乐天：两盏路灯晚上都亮了）');
      // the after-photo, shown from the server's temporary URL
      await tab.page.waitForFunction(() => [...document.querySelectorAll('.page .loop-status .ticket-photos img')].some((i) => (i as HTMLImageElement).naturalWidth === 2));
    });
    await step(tab.page, 'loop-13-follow-up-close', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '核查通过');
      await button(tab.page, '回访反映人').click();
      await button(tab.page, '电话回访').click();
      await tab.page.locator('.page:visible .form-followup .ticket-textarea textarea').fill('路灯都亮了，晚上敢下楼了');
      await button(tab.page, '保存回访').click();
      await visiblePage(tab.page, '已记下回访').waitFor();
      await button(tab.page, /^办结$/).click();
      await button(tab.page, '确定办结').click();
      await visiblePage(tab.page, '已办结。').waitFor();
      expect(await tab.page.locator('.page:visible .ticket-status').textContent()).toBe('已办结');
    });
    await step(tab.page, 'loop-14-resident-timeline', async () => {
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), '问题真的解决了吗');
      const body = await textOf(tab.page);
      expect(body).not.toContain('承诺办结日期'); // closed: nothing more is promised
      expect(body).not.toContain('要等供电所来换灯杆里的线'); // the extension's reason is staff's
      const titles = (await tab.page.locator('.page:visible .timeline-title').allTextContents()).join(' / ');
      expect(titles).toMatch(/延/);
      expect(titles).toMatch(/暂停|挂起/);
      expect(titles).toMatch(/核查/);
    });
  });
});

describe('a return (退单) as the resident reads it', () => {
  const tab = usePage(run);
  it('严婷 returns a problem that is not her grid’s: the resident reads 「转社区统一协调」, never her reason', async () => {
    const id = await lampTicket('小区外面公交站的棚子漏雨，等车的老人淋湿了。');
    await step(tab.page, 'loop-15-return', async () => {
      await openAs(tab.page, run.kiosk.url, YAN, detailUrl(id), '办理人：严婷');
      await button(tab.page, /^退单$/).click();
      await tab.page.locator('.page:visible .form-return .ticket-textarea textarea').fill('公交站归公交公司管，不在网格里');
      await button(tab.page, '确定退单').click();
      await visiblePage(tab.page, '已退单').waitFor();
      await openAs(tab.page, run.kiosk.url, RES, residentUrl(id), '转社区统一协调');
      const body = await textOf(tab.page);
      expect(body).not.toContain('公交公司');
      expect(body).not.toContain('承诺办结日期'); // nobody holds it now
    });
  });
});

/** One ticket of the resident's, in a given state, for the screenshots (set up through the functions). */
async function lampTicket(text: string): Promise<string> {
  const r = await api<{ id: string }>(RES, { action: 'report', category: 'facilities', text, where: { estateId: 'e-bishan', building: '2号楼', spot: text.slice(0, 8) }, requestId: uniqueOpenid('req') });
  expect(r.ok).toBe(true);
  expect(await api(YAN, { action: 'accept', ticketId: r.data!.id })).toMatchObject({ ok: true });
  return r.data!.id;
}

describe('the new forms and lists at 320 and 390 px, normal and elder mode', () => {
  const ids = { working: '', requested: '', extended: '', suspended: '', handled: '' };
  beforeAll(async () => {
    ids.working = await lampTicket('1单元楼道的声控灯不亮了，上下楼看不见台阶。');
    ids.requested = await lampTicket('小区东门的健身器材断了一根扶手，怕孩子受伤。');
    const until = new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
    expect(await api(YAN, { action: 'requestExtension', ticketId: ids.requested, untilDate: until, reason: '要等厂家寄配件过来，大概两周' })).toMatchObject({ ok: true });
    ids.extended = await lampTicket('4号楼门口的路面塌了一块，下雨就积水。');
    expect(await api(YAN, { action: 'requestExtension', ticketId: ids.extended, untilDate: until, reason: '要等路政排期' })).toMatchObject({ ok: true });
    expect(await api(WANG, { action: 'decideExtension', ticketId: ids.extended, approve: true })).toMatchObject({ ok: true });
    ids.suspended = await lampTicket('2号楼门口的井盖松了，踩上去晃，要换新的。');
    const back = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(await api(YAN, { action: 'suspend', ticketId: ids.suspended, reason: '等市政答复井盖归谁管', untilDate: back })).toMatchObject({ ok: true });
    ids.handled = await lampTicket('3号楼后面的垃圾桶盖子坏了，味道很大。');
    expect(await api(YAN, { action: 'handle', ticketId: ids.handled, result: '已换了新的垃圾桶' })).toMatchObject({ ok: true });
  }, 120_000);

  shootAll(
    run,
    [
      { name: 'desk-request-extension', as: YAN, route: () => detailUrl(ids.working), ready: '办理人：严婷', then: async (p) => {
        await button(p, '申请延期').click();
        await button(p, '再延一周').click();
      } },
      { name: 'desk-suspend', as: YAN, route: () => detailUrl(ids.working), ready: '办理人：严婷', then: async (p) => {
        await button(p, '挂起（暂停办理）').click();
        await button(p, '等相关部门答复').click();
      } },
      { name: 'desk-decide-extension', as: WANG, route: () => detailUrl(ids.requested), ready: '等社区管理员审批', then: async (p) => {
        await button(p, '审批延期').click();
        await button(p, '不批准').click();
      } },
      { name: 'desk-resume', as: YAN, route: () => detailUrl(ids.suspended), ready: '已挂起', then: async (p) => {
        await button(p, /^恢复办理$/).click();
        await button(p, '确定恢复办理').waitFor();
      } },
      { name: 'desk-verify', as: WANG, route: () => detailUrl(ids.handled), ready: '待核查', then: async (p) => {
        await button(p, /^核查$/).click();
        await button(p, /^不通过$/).click();
      } },
      { name: 'desk-decisions-admin', as: WANG, route: () => '/desk/pages/decisions/index', ready: '延期申请（' },
      { name: 'desk-decisions-worker', as: YAN, route: () => '/desk/pages/decisions/index', ready: '待核查（' },
      { name: 'desk-queue-entry', as: YAN, route: () => '/desk/pages/queue/index', ready: '待我处理（' },
      { name: 'resident-suspended', as: RES, route: () => residentUrl(ids.suspended), ready: '暂停办理至' },
      { name: 'resident-promised', as: RES, route: () => residentUrl(ids.requested), ready: '承诺办结日期' },
      { name: 'resident-extended', as: RES, route: () => residentUrl(ids.extended), ready: '办理时间延长了' },
    ],
    { prefix: 'case-loop', height: 2400 },
  );
});
