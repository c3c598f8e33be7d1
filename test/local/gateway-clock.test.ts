/**
 * The browser tests' movable clock (issue 20's acceptance walk votes after `voteFrom` and counts after
 * `voteUntil` without waiting): `POST /api/local/clock { advanceMs }` → `{ now }` on the local gateway.
 * - Without `KIOSK_TEST_CLOCK=1` in the server's environment (`npm start`'s default) the route does
 *   not exist: 404 like any unknown route, and the clock does not move.
 * - With it, one call moves the functions' time (a seeded topic's phase, computed by the function
 *   from its `now()`, goes from 投票中 to 计票中 past its `voteUntil`) and `db.serverDate()` together
 *   (a registration written with it carries the moved time); bad bodies are refused with 400.
 */
import path from 'node:path';
import { startGateway, type Gateway } from '../../local/gateway';
import { clockOffset } from '../../local/clock';
import { DEMO_CONSULT } from '../../local/seed/demo-consultation';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

const WANG = 'local-a-wang';
let cloud: TestCloud;
let off: Gateway;
let on: Gateway;

beforeAll(async () => {
  // the demo's consultation records (demoTickets: as `npm start` seeds them) give a topic in its voting period
  cloud = await startTestCloud({ poolSize: 1, demoTickets: true });
  const h5Dir = path.join(cloud.dataDir, 'no-h5');
  off = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir, env: {} });
  on = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir, env: { KIOSK_TEST_CLOCK: '1' } });
}, 60_000);
afterAll(async () => {
  await off?.close();
  await on?.close();
  await cloud?.close();
});

const move = (gw: Gateway, body: unknown, method = 'POST') =>
  fetch(`http://127.0.0.1:${gw.port}/api/local/clock`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify(body) : undefined });
const call = async <T>(gw: Gateway, fn: string, openid: string, data: object) => {
  const r = await fetch(`http://127.0.0.1:${gw.port}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(data) });
  return ((await r.json()) as { result: { ok: boolean; data: T } }).result;
};
/** The seeded 充电桩安装 topic (voting now, until in 7 days at 20:00) as staff read it: its phase follows the function's clock. */
const charging = async (gw: Gateway) => {
  const r = await call<{ phase: string; voteUntil: string }>(gw, 'consult', WANG, { action: 'topic', topicId: DEMO_CONSULT.chargingTopic });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
};

it('without KIOSK_TEST_CLOCK=1: 404 as for an unknown route, and the clock stays where it is', async () => {
  const r = await move(off, { advanceMs: 30 * 86_400_000 });
  expect(r.status).toBe(404);
  expect(await r.json()).toEqual({ errCode: -1, errMsg: 'not found' });
  expect(clockOffset()).toBe(0);
  expect((await charging(off)).phase).toBe('voting');
});

it('with it: bad bodies and other methods are refused and move nothing', async () => {
  for (const body of [{}, { advanceMs: -1 }, { advanceMs: 1.5 }, { advanceMs: '3600000' }, { advanceMs: 401 * 86_400_000 }]) {
    const r = await move(on, body);
    expect(r.status).toBe(400);
  }
  expect((await move(on, null, 'GET')).status).toBe(405);
  expect(clockOffset()).toBe(0);
});

it('with it: one call moves the functions’ now() and db.serverDate() together', async () => {
  const before = await charging(on);
  expect(before.phase).toBe('voting');
  const step = Date.parse(before.voteUntil) - Date.now() + 60_000;
  const r = await move(on, { advanceMs: step });
  expect(r.status).toBe(200);
  const { now } = (await r.json()) as { now: string };
  expect(Date.parse(now)).toBeGreaterThan(Date.parse(before.voteUntil));
  // the function's clock: past voteUntil the topic is 计票中, through either gateway (one cloud)
  expect((await charging(on)).phase).toBe('counting');
  expect((await charging(off)).phase).toBe('counting');
  // the database's clock: a registration's createdAt is written with db.serverDate()
  const openid = 'local-p-clock-1';
  const reg = await call(on, 'account', openid, { action: 'register', name: '时钟测', estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '909' });
  expect(reg.ok).toBe(true);
  const [user] = cloud.db.find('users', { openid }) as unknown as { createdAt: Date }[];
  const written = new Date(user.createdAt).getTime();
  expect(written).toBeGreaterThanOrEqual(Date.parse(now));
  expect(written).toBeGreaterThan(Date.parse(before.voteUntil));
  // and 0 reads the clock without moving it
  const again = (await (await move(on, { advanceMs: 0 })).json()) as { now: string };
  expect(Date.parse(again.now)).toBeGreaterThanOrEqual(Date.parse(now));
});
