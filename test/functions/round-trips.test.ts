/**
 * Database round trips of every action a resident (or a vendor, or a visitor) calls, through the
 * real wx-server-sdk (issue 18 §3). At 20 ms per database call (docs/performance.md) round trips are
 * what residents wait for: every read makes at most 2, every write at most 3. The table is
 * bench/resident-actions.ts (shared with `npm run bench`); it must name every action of `account`,
 * `market`, `ticket` and `stall` declared for `anyone` or `registered`, so a new resident action
 * cannot go unmeasured.
 *
 * A round trip is one request of the SDK to the CloudBase API (`database.*`, transactions' start,
 * steps and commit each one), as the emulator counts them (`db.stats.requests`, local/cloudbase/api.ts).
 * WeChat's own APIs (content security, subscribe messages, phone numbers) and storage are not
 * database round trips and are not counted here. Each row is the steady state: the market days
 * exist, the caller is warm.
 */
import { declaredActions, ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { residentActions, ROUND_TRIP_BUDGET, type ResidentAction } from '../../bench/resident-actions';

let cloud: TestCloud;
let rows: ResidentAction[];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 2 });
  await ok(cloud.act('market', { action: 'listMarketDays' }, openidOf('r-zhao')));
  // warm every worker with every function
  await Promise.all(['account', 'market', 'ticket', 'stall'].flatMap((fn) => [1, 2].map(() => cloud.act(fn, { action: 'me' }, openidOf('r-zhao')))));
  rows = residentActions(cloud);
}, 60_000);
afterAll(() => cloud.close());

it('the table names every action a resident, a vendor or a visitor may call', () => {
  const declared = declaredActions(cloud);
  const open = Object.entries(declared)
    .filter(([name, who]) => ['account', 'market', 'ticket', 'stall'].includes(name.split('.')[0]) && (who.kind === 'anyone' || who.kind === 'registered'))
    .map(([name]) => name)
    .sort();
  expect(rows.map((r) => r.name).sort()).toEqual(open);
});

it('every read makes ≤ 2 database round trips and every write ≤ 3', async () => {
  const measured: { name: string; trips: number; max: number; ok: boolean; error?: string }[] = [];
  for (const row of rows) {
    const { openid, event } = await row.prepare(0);
    const before = cloud.db.stats.requests;
    const r = await cloud.act<unknown>(row.name.split('.')[0], event, openid);
    const trips = cloud.db.stats.requests - before;
    measured.push({ name: `${row.name} (${row.kind})`, trips, max: ROUND_TRIP_BUDGET[row.kind], ok: r.ok, ...(r.ok ? {} : { error: r.error.code }) });
  }
  console.log(measured.map((m) => `${m.name}: ${m.trips} of ≤ ${m.max}${m.ok ? '' : ` [${m.error}]`}`).join('\n'));
  for (const m of measured) {
    expect({ name: m.name, ok: m.ok, withinBudget: m.trips >= 1 && m.trips <= m.max }).toEqual({ name: m.name, ok: true, withinBudget: true });
  }
}, 60_000);

it('consult (issue 20): a vote makes ≤ 3 database round trips, a topic and the topic list ≤ 2', async () => {
  const { consultActions, CONSULT_ROUND_TRIP_BUDGET } = await import('../../bench/consult-votes');
  const measured: { name: string; trips: number; max: number; ok: boolean; error?: string }[] = [];
  for (const row of consultActions(cloud)) {
    for (const i of [0, 1]) {
      const { openid, event } = await row.prepare(i);
      // warm: the first call of a worker loads the function; what is counted is the steady state
      if (i === 0) await cloud.act('consult', { action: 'topics' }, openid);
      const before = cloud.db.stats.requests;
      const r = await cloud.act<unknown>('consult', event, openid);
      const trips = cloud.db.stats.requests - before;
      measured.push({ name: `${row.name} #${i}`, trips, max: CONSULT_ROUND_TRIP_BUDGET[row.name], ok: r.ok, ...(r.ok ? {} : { error: r.error.code }) });
    }
  }
  console.log(measured.map((m) => `${m.name}: ${m.trips} of ≤ ${m.max}${m.ok ? '' : ` [${m.error}]`}`).join('\n'));
  for (const m of measured) expect({ name: m.name, ok: m.ok, withinBudget: m.trips >= 1 && m.trips <= m.max }).toEqual({ name: m.name, ok: true, withinBudget: true });
}, 60_000);

// consult (issue 20): a meeting sign-up is the caller with the meeting and their sign-ups (1), the
// insert (2) and the place (3) — budget 3 (docs/consultation-design.md §7)
it('consult.signUp makes ≤ 3 database round trips, meeting ≤ 2', async () => {
  const wang = openidOf('a-wang');
  const d = await ok(cloud.act<{ id: string; revision: number }>('consult', { action: 'saveMeeting', requestId: 'rt-meeting-1', title: '庭院会', kind: 'courtyard', date: '2031-03-11', start: '19:00', end: '20:00', place: '3号楼前', capacity: 10 }, wang));
  await ok(cloud.act('consult', { action: 'announceMeeting', meetingId: d.id, revision: d.revision }, wang));
  await ok(cloud.act('consult', { action: 'mySignUps' }, openidOf('r-zhao'))); // warm
  const measure = async (event: object) => {
    const before = cloud.db.stats.requests;
    await ok(cloud.act('consult', event, openidOf('r-zhao')));
    return cloud.db.stats.requests - before;
  };
  const signUp = await measure({ action: 'signUp', meetingId: d.id, kind: 'attend' });
  const view = await measure({ action: 'meeting', meetingId: d.id });
  console.log(`consult.signUp: ${signUp} of ≤ 3\nconsult.meeting: ${view} of ≤ 2`);
  expect(signUp).toBeGreaterThanOrEqual(1);
  expect(signUp).toBeLessThanOrEqual(3);
  expect(view).toBeLessThanOrEqual(2);
});
