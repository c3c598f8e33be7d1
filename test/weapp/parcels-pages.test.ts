/**
 * 代收快递 in the compiled mini-program (issue 22), logged in as grid worker 严婷: home's 柜台代办 card
 * offers 代收快递, and the parcel desk renders its 登记 form (carriers), 凭取件码取件 and the shelf list
 * with the parcel logged for 赵建国 (its code and shelf).
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { ParcelView } from '../../cloudfunctions/parcels/contract';

let env: WeappEnv;
let parcel: ParcelView;

beforeAll(async () => {
  const yan = openidOf('w-yan');
  env = await startWeapp(yan);
  const r = (await env.cloud.call('parcels', { action: 'log', residentId: 'r-zhao', carrier: 'yto', shelf: 'C-2', requestId: 'weapp-parcel-1' }, yan)) as { ok: boolean; data: ParcelView };
  expect(r.ok).toBe(true);
  parcel = r.data;
  env.install();
}, 60_000);
afterAll(() => env?.close());

it('home offers 代收快递 to staff', async () => {
  const text = await waitForText(await renderPage(env.host, 'pages/index/index'), '代收快递');
  expect(text).toContain('柜台代办');
}, 30_000);

it('the parcel desk shows the form, the code box and the shelf with 赵建国’s parcel', async () => {
  const text = await waitForText(await renderPage(env.host, 'parcels/pages/counter/index'), parcel.code);
  for (const words of ['登记快递', '顺丰', '圆通', '其他', '凭取件码取件', '货架 C-2', '赵建国', '送上门']) expect(text).toContain(words);
}, 30_000);
