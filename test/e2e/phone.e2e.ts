/**
 * The phone through WeChat's phone-number button, where a feature needs it (issue 11), in a real
 * run.browser against `npm start`'s server. In the local build the button asks the gateway for the code
 * WeChat's sheet would give (`POST /api/local/phone-code`) and the page calls `account.bindPhone`.
 * Since issue 17 the card is on the problem's page, after 提交 (the report form has one primary
 * action, 提交).
 *
 * - a resident with no phone on record (赵德顺, registered here): his problem's page shows the optional card 留个电话（可以不留）, which
 *   states why and who sees it; measured at 320 and 390 px, normal and elder mode (screenshots:
 *   test-artifacts/phone/);
 * - he writes his problem on 反映问题 (a line says he can leave a phone after 提交; no phone button
 *   there), submits, and on the problem's page taps the button: the page shows his number masked
 *   (138****7766, the gateway's demo number for a person with none on record) and the card is gone;
 *   his record holds the number, and the grid worker who handles the ticket can read it;
 * - 李秀兰, who has a phone on record, sees it masked on the form and no button.
 */
import path from 'node:path';
import { button, callAs, LI, measurePage, newPage, openAs, settle, step, uniqueOpenid, visiblePage, useRun } from './harness';

const run = useRun({ shots: 'phone' });

const REPORT = '/ticket/pages/report/index';
const PURPOSE = '网格员处理时可能要打电话问情况；只有处理这件事的网格员和社区能看到。';
const detailOf = (id: string) => `/ticket/pages/detail/index?id=${encodeURIComponent(id)}`;
/** A resident with no phone on record, his own on the run's kiosk (the emulator's phone sheet offers him DEMO_PHONE, 13899017766). */
const RESIDENT = uniqueOpenid('phone');
/** A problem he reported (through the API) for the measured pages. */
let zhaoTicket = '';

beforeAll(async () => {
  expect(await callAs(run.kiosk.url, 'account', RESIDENT, { action: 'register', name: '赵德顺', estateId: 'e-bishan', building: '6号楼', unit: '1单元', room: '102' })).toMatchObject({ ok: true });
  const r = await callAs<{ id: string }>(run.kiosk.url, 'ticket', RESIDENT, { action: 'report', category: 'animals', text: '楼上的狗每天夜里叫，睡不着觉', where: {}, requestId: 'e2e-phone-measure' });
  expect(r.ok).toBe(true);
  zhaoTicket = r.data!.id;
}, 300_000);

describe.each([320, 390])('%i px wide', (width) => {
  it.each([false, true])('elder mode %s: the problem page with the phone card measures clean', async (elder) => {
    const { context, page, errors } = await newPage(run.browser, width, elder ? 3600 : 2400);
    try {
      await openAs(page, run.kiosk.url, RESIDENT, detailOf(zhaoTicket), '留个电话（可以不留）', elder);
      await visiblePage(page, PURPOSE).waitFor();
      await settle(page);
      const mode = `${width}-${elder ? 'elder' : 'normal'}`;
      await page.screenshot({ path: path.join(run.shots, `detail-phone-card-${mode}.png`), fullPage: true });
      await page.locator('.page:visible .phone-card').screenshot({ path: path.join(run.shots, `phone-card-${mode}.png`) });
      expect(await measurePage(page, { elder })).toEqual({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

it('a resident with no phone (赵德顺) reports, then shares his phone with the button on the problem’s page and sees it masked', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 2400);
  try {
    const me0 = await callAs<{ user: { phoneMasked: string | null } }>(run.kiosk.url, 'account', RESIDENT, { action: 'me' });
    expect(me0).toMatchObject({ ok: true, data: { user: { phoneMasked: null } } });
    await step(page, 'phone-01-form', async () => {
      await openAs(page, run.kiosk.url, RESIDENT, REPORT, '提交以后，可以留个电话（可以不留）。');
      // one primary action on the form: no phone button before 提交
      expect(await button(page, '用微信绑定的手机号').count()).toBe(0);
      await button(page, '饲养动物扰民').click();
      await page.locator('.page:visible .ticket-textarea textarea').fill('楼上的狗每天夜里叫到两三点，睡不着觉');
    });
    await step(page, 'phone-02-report', async () => {
      await button(page, /^提交$/).click();
      await visiblePage(page, '等待网格员受理').waitFor();
      await visiblePage(page, PURPOSE).waitFor();
    });
    await step(page, 'phone-03-button', async () => {
      await button(page, '用微信绑定的手机号').click();
      await visiblePage(page, '网格员需要时会打您的电话：138****7766').waitFor();
      expect(await visiblePage(page).getByText('留个电话（可以不留）').count()).toBe(0);
      await page.screenshot({ path: path.join(run.shots, 'detail-phone-shared-390.png'), fullPage: true });
      expect(await measurePage(page, { elder: false })).toEqual({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: false });
    });
    const me = await callAs<{ user: { phoneMasked: string | null } }>(run.kiosk.url, 'account', RESIDENT, { action: 'me' });
    expect(me).toMatchObject({ ok: true, data: { user: { phoneMasked: '138****7766' } } });
    // the community (as the grid worker holding it would) reads the number on his problem
    const queue = await callAs<{ reporter: { phone: string | null } | null }>(run.kiosk.url, 'ticket', 'local-a-wang', { action: 'get', ticketId: zhaoTicket });
    expect(JSON.stringify(queue)).toMatch(/1389901776/);
    // reopened, the form remembers: no card, the number masked
    await openAs(page, run.kiosk.url, RESIDENT, REPORT, '网格员需要时会打您的电话：138****7766');
    expect(await button(page, '用微信绑定的手机号').count()).toBe(0);
    // and his problem's page asks no more
    await openAs(page, run.kiosk.url, RESIDENT, detailOf(zhaoTicket), '办理进展');
    expect(await button(page, '用微信绑定的手机号').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);

it('李秀兰, with a phone on record, sees it masked and is not asked again', async () => {
  const { context, page } = await newPage(run.browser, 390, 2400);
  try {
    await openAs(page, run.kiosk.url, LI, REPORT, /网格员需要时会打您的电话：137\*\*\*\*5678/);
    expect(await visiblePage(page).getByText('留个电话（可以不留）').count()).toBe(0);
  } finally {
    await context.close();
  }
}, 120_000);
