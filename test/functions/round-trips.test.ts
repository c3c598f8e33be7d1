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
import { householdKeyOf } from '../../cloudfunctions/shared/households';
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
      const r = await cloud.act<{ changed?: boolean }>('consult', event, openid);
      const trips = cloud.db.stats.requests - before;
      if (row.name === 'consult.vote (change)') expect(r.ok && r.data.changed).toBe(true);
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

// consult (issue 20): the resident's other writes and reads, measured in the steady state (the caller
// warm, second calls of an action); each budget is the count measured when it was set:
// - propose 4: the caller with the estate and the day's quota (1), the earlier request read by its key (2),
//   the quota taken (3), the insert (4) (content security is WeChat's API, not counted);
// - second 4 (docs/consultation-design.md §3): the caller with the topic (1), the insert into
//   topicSeconds (2), the count (3), the conditional update of the topic's seconds / `proposed → seconded` (4);
// - comments 2: the caller with the topic (1), the page of comments (2);
// - giveOpinion 3: the caller with the day's quota (1), the quota taken (2), the insert (3);
// - opinion 1: the caller with the opinion (1).
it('consult: propose, second, comments, giveOpinion and opinion stay within their measured round trips', async () => {
  const zhao = openidOf('r-zhao'); // 老城社区, 壁山丽景小区 3号楼, verified
  const measure = async (event: Record<string, unknown>, openid = zhao) => {
    const before = cloud.db.stats.requests;
    const r = await cloud.act<Record<string, unknown>>('consult', event, openid);
    const trips = cloud.db.stats.requests - before;
    if (!r.ok) throw new Error(`${String(event.action)}: ${r.error.code}`);
    return { trips, data: r.data };
  };
  const proposal = (i: number) => ({ action: 'propose', title: `楼道装扶手 ${i}`, background: '老人上下楼不方便，想在楼道装扶手。', scope: { kind: 'estate', estateId: 'e-bishan' }, requestId: `rt-propose-${i}` });
  await measure({ action: 'topics' }); // warm
  const first = await measure(proposal(1));
  const propose = await measure(proposal(2));
  // two residents of other rooms of the estate second the first proposal: the second one is measured
  const secondOf = async (id: string, room: string) => {
    const home = { estateId: 'e-bishan', building: '3号楼', unit: '1单元', room };
    cloud.db.insert('users', [{ _id: id, openid: openidOf(id), name: id, role: 'resident', communityId: 'c-laocheng', home, householdKey: householdKeyOf(home), verified: true, version: 1, createdAt: new Date(), updatedAt: new Date(), events: [] }]);
    await measure({ action: 'topics' }, openidOf(id)); // warm
    return measure({ action: 'second', topicId: first.data.topicId }, openidOf(id));
  };
  await secondOf('rt-second-1', '901');
  const second = await secondOf('rt-second-2', '902');
  const comments = await measure({ action: 'comments', topicId: first.data.topicId });
  await measure({ action: 'giveOpinion', text: '小区东门的路灯坏了两盏。', requestId: 'rt-opinion-1' });
  const giveOpinion = await measure({ action: 'giveOpinion', text: '垃圾房门口积水。', requestId: 'rt-opinion-2' });
  const opinion = await measure({ action: 'opinion', opinionId: giveOpinion.data.id });
  const trips = { propose: propose.trips, second: second.trips, comments: comments.trips, giveOpinion: giveOpinion.trips, opinion: opinion.trips };
  console.log(Object.entries(trips).map(([k, v]) => `consult.${k}: ${v}`).join('\n'));
  expect(trips).toEqual({ propose: 4, second: 4, comments: 2, giveOpinion: 3, opinion: 1 });
}, 60_000);

// rounds (issue 21; docs/case-loop-design.md §4): the household register of a grid of 2 000
// households is ≤ 2 round trips (the caller with the grids and estates, one aggregation with
// $lookup of householdCare); every other read ≤ 2, every write ≤ 3 (bench/rounds.ts)
it('rounds: households of a grid with 2 000 households ≤ 2 round trips; reads ≤ 2, writes ≤ 3', async () => {
  const { roundsActions, ROUNDS_ROUND_TRIP_BUDGET } = await import('../../bench/rounds');
  const rows = roundsActions(cloud);
  expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(ROUNDS_ROUND_TRIP_BUDGET).sort());
  const measured: { name: string; trips: number; max: number; ok: boolean; error?: string }[] = [];
  for (const row of rows) {
    for (const i of [0, 1]) {
      const { openid, event } = await row.prepare(i);
      // warm: the first call of a worker loads the function; what is counted is the steady state
      if (i === 0) await cloud.act('rounds', { action: 'visitPlans' }, openid);
      const before = cloud.db.stats.requests;
      const r = await cloud.act<{ totals?: { households: number } }>(row.fn, event, openid);
      const trips = cloud.db.stats.requests - before;
      if (row.name.startsWith('rounds.households')) expect(r.ok && r.data.totals?.households).toBe(2000);
      measured.push({ name: `${row.name} #${i}`, trips, max: ROUNDS_ROUND_TRIP_BUDGET[row.name], ok: r.ok, ...(r.ok ? {} : { error: r.error.code }) });
    }
  }
  console.log(measured.map((m) => `${m.name}: ${m.trips} of ≤ ${m.max}${m.ok ? '' : ` [${m.error}]`}`).join('\n'));
  for (const m of measured) expect({ name: m.name, ok: m.ok, withinBudget: m.trips >= 1 && m.trips <= m.max }).toEqual({ name: m.name, ok: true, withinBudget: true });
}, 120_000);

it('家人代办 (issue 22): acting for a linked elder costs no extra round trip — the link comes with the caller lookup', async () => {
  const member = 'local-rt-family-proxy';
  cloud.db.insert('familyLinks', [{ _id: 'rt-flink-proxy', elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng', memberOpenid: member, memberName: '邹梅', relation: 'daughter', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷' }, linkedById: 'w-yan', linkedByName: '严婷', at: new Date(), status: 'active', activeKey: `${member}|r-zou` }]);
  const days = await ok(cloud.act<{ days: { id: string }[] }>('market', { action: 'listMarketDays' }, openidOf('r-zou')));
  const measure = async (fn: string, event: object, openid: string) => {
    const before = cloud.db.stats.requests;
    const r = await cloud.act(fn, event, openid);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return cloud.db.stats.requests - before;
  };
  const slotId = `${days.days[days.days.length - 1].id}_svc-lc-legal_1000`;
  const own = { messages: await measure('account', { action: 'myMessages' }, openidOf('r-zou')), bookings: await measure('market', { action: 'myBookings' }, openidOf('r-zou')) };
  const proxied = {
    messages: await measure('account', { action: 'myMessages', forElder: 'r-zou' }, member),
    bookings: await measure('market', { action: 'myBookings', forElder: 'r-zou' }, member),
    book: await measure('market', { action: 'book', slotId, requestId: 'rt-family-book-1', forElder: 'r-zou' }, member),
  };
  console.log(`family proxy round trips: own ${JSON.stringify(own)}, proxied ${JSON.stringify(proxied)}`);
  expect({ messages: proxied.messages, bookings: proxied.bookings }).toEqual(own);
  expect(proxied.book).toBeLessThanOrEqual(3);
});
