/**
 * `npm run bench`: prints figures, never a pass/fail on time.
 * 1. Per action: database round trips per call (counted by the emulator, one caller) and p50/p99
 *    latency through the gateway with 1, 10 and 50 concurrent callers.
 * 2. Booking throughput through the gateway, next to the bare SDK's conditional-update throughput
 *    over loopback in the same run (the floor this architecture can reach).
 * 1b. Accepting tickets: round trips, latency, and 50 workers racing for one ticket.
 * 3. The grid worker's queue (`ticket.queue`, through the gateway) over 1 000 and 100 000 stored
 *    tickets, and the ratio of the two (issue 9: ≤ 1.5×).
 * 3b. Scheduled jobs (bench/jobs.ts): a timer run's round trips and time per item, and a day of
 *    the schedule.
 * 3d. At 0 and 20 ms database latency (bench/latency.ts): every resident action's round trips and
 *     p50 (≤ 100 ms at 20 ms), and each job's runs with a realistic backlog against its timeout.
 *     `BENCH_ONLY=latency npm run bench` prints only these; `BENCH_ONLY=issue18` these and 3e.
 * 3e. The XLSX ledger of 20 000 tickets: peak memory of the console worker (bench/ledger.ts); and
 *     the 走访台账 of 20 000 visits (issue 21). `BENCH_ONLY=ledger npm run bench` prints only these.
 * 3f. `console.stats` with issue 21's loop and rounds figures over 100 000 tickets and 2 000
 *     households (bench/stats.ts): `BENCH_ONLY=stats npm run bench` prints only this.
 * 3c. The console's statistics (`console.stats`) over the same 100 000 tickets: time and round trips.
 * 4. Sizes (scripts/size-report.mjs) of what is built.
 * 5. Vendors racing for stalls, withdrawals at once, a 200-applicant lottery draw (bench/vendors.ts).
 * 6. Household votes (bench/consult-votes.ts): 200 households at once, two phones × 100 households,
 *    a paper claim of 60 rooms. `BENCH_ONLY=consult npm run bench` prints only this section.
 * 7. The household register of a grid of 2 000 households (bench/rounds.ts): round trips and p50/p95
 *    at 0 and 20 ms per database call. `BENCH_ONLY=rounds npm run bench` prints only this section.
 * 8. The ticket timer at 100 000 tickets with suspensions and working days (bench/ticket-timer.ts;
 *    `BENCH_ONLY=ticketTimer npm run bench` prints only this).
 * 9. 代收快递 on a busy day (bench/parcels.ts, issue 22): 300 parcels logged at 0 and 20 ms per
 *    database call, round trips per log, and the day's shelf list. `BENCH_ONLY=parcels npm run bench`.
 * The load generator runs in the same process as the server's main thread (2 cores in all).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local/cloud';
import { startGateway } from '../local/gateway';
import { paths } from '../local/paths';
import { pointSdkAt } from '../local/runtime/sdk-env';
import type { Database } from '../cloudfunctions/shared/db-types';
import { benchJobs } from './jobs';
import { benchJobsAtLatency, benchResidentLatency } from './latency';
import { benchLedger, benchVisitLedger } from './ledger';
import { benchStats } from './stats';
import { benchVendors } from './vendors';
import { benchConsult } from './consult-votes';
import { benchTicketTimer } from './ticket-timer';
import { benchRounds } from './rounds';
import { benchParcels } from './parcels';

const ITER = Number(process.env.BENCH_ITER ?? 200);
const CONCURRENCY = [1, 10, 50];

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

async function gatewayCall(url: string, fn: string, openid: string, data: object, retried = false): Promise<{ ok: boolean; data?: unknown }> {
  let r: Response;
  try {
    r = await fetch(`${url}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(data) });
  } catch (e) {
    // a kept-alive socket the server closed while the main thread was busy (inserting 100 000
    // tickets takes longer than its keep-alive timeout): the request never reached it; send it again
    if (!retried && String((e as { cause?: { code?: string } }).cause?.code) === 'ECONNRESET') return gatewayCall(url, fn, openid, data, true);
    throw e;
  }
  return ((await r.json()) as { result: { ok: boolean; data?: unknown } }).result;
}

/** Runs `total` calls with `concurrency` callers; returns sorted latencies (ms) and wall time. */
async function load(total: number, concurrency: number, one: (caller: number, i: number, k: number) => Promise<unknown>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      for (let k = 0; ; k += 1) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await one(caller, i, k);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { lat: lat.sort((a, b) => a - b), wall: performance.now() - t0 };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  const cloud: LocalCloud = await startLocalCloud({ dataDir, poolSize: Number(process.env.KIOSK_POOL_SIZE ?? 4) });
  const gw = await startGateway(cloud, { mode: 'demo', port: 0, host: '127.0.0.1', h5Dir: paths.h5() });
  const url = `http://127.0.0.1:${gw.port}`;
  const users = Array.from({ length: 50 }, (_, i) => ({
    _id: `bench-${i}`,
    // OPENIDs of the shape WeChat (here: the local emulator) knows, or msgSecCheck refuses them (40003)
    openid: `local-bench-openid-${i}`,
    name: `居民${i}`,
    role: 'resident',
    communityId: 'c-laocheng',
    home: { estateId: 'e-bishan', building: `${(i % 6) + 1}号楼`, unit: '1单元', room: `${100 + i}` },
    createdAt: new Date(),
  }));
  cloud.db.insert('users', users);
  const days = (await gatewayCall(url, 'market', users[0].openid, { action: 'listMarketDays' })).data as { days: { id: string }[] };
  const dayIds = days.days.map((d) => d.id);
  if (process.env.BENCH_ONLY === 'ticketTimer') {
    await benchTicketTimer(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'parcels') {
    await benchParcels(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'rounds') {
    await benchRounds(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'consult') {
    await benchConsult(cloud, (fn, openid, data) => gatewayCall(url, fn, openid, data));
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'stats') {
    // only console.stats with issue 21's figures over 100 000 tickets and 2 000 households (bench/stats.ts)
    await benchStats(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'ledger') {
    // only the ledgers' peak memory (issue 21: the ticket ledger's loop columns, the 走访台账)
    await benchLedger(cloud);
    await benchVisitLedger(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (process.env.BENCH_ONLY === 'latency' || process.env.BENCH_ONLY === 'issue18') {
    // only the sections at 0 and 20 ms database latency (issue 18); `issue18` also the XLSX ledger's peak
    await benchResidentLatency(cloud);
    await benchJobsAtLatency(cloud);
    if (process.env.BENCH_ONLY === 'issue18') await benchLedger(cloud);
    await gw.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  // room for every bench booking
  cloud.db.modify('slots', { queryType: 'WHERE', query: {}, data: { $set: { capacity: 1_000_000 } }, multi: true, merge: true, upsert: false });
  const services = ['svc-lc-haircut_1000', 'svc-lc-knife_1000', 'svc-lc-repair_1000', 'svc-lc-legal_1000', 'svc-lc-clinic_1000'];
  // a booking per (resident, day, service) combination; cancel frees the combination again
  const combos = dayIds.flatMap((d) => services.map((s) => `${d}_${s}`));
  const held = new Map<string, string[]>(); // openid -> booking ids
  let req = 0;

  // ---- 1. per action -------------------------------------------------------------------
  /** `as`: a fixed caller (staff actions); otherwise each concurrent caller is a different resident */
  type Act = { name: string; fn: string; event: (caller: number, i: number) => object; as?: string };
  const actions: Act[] = [
    { name: 'account.me', fn: 'account', event: () => ({ action: 'me' }) },
    { name: 'account.listEstates', fn: 'account', event: () => ({ action: 'listEstates' }) },
    { name: 'market.listMarketDays', fn: 'market', event: () => ({ action: 'listMarketDays' }) },
    { name: 'market.getMarketDay', fn: 'market', event: () => ({ action: 'getMarketDay', marketDayId: dayIds[0] }) },
    { name: 'market.myBookings', fn: 'market', event: () => ({ action: 'myBookings' }) },
    { name: 'account.searchResidents (staff)', fn: 'account', event: () => ({ action: 'searchResidents', query: '3号楼' }), as: 'local-w-yan' },
    { name: 'market.bookingsFor (staff)', fn: 'market', event: () => ({ action: 'bookingsFor', residentId: 'r-zhao' }), as: 'local-w-yan' },
    { name: 'market.book', fn: 'market', event: () => ({ action: 'book', slotId: combos[combos.length - 1], requestId: `bench-req-${req++}` }) },
    { name: 'market.cancelBooking', fn: 'market', event: (c) => ({ action: 'cancelBooking', bookingId: held.get(users[c].openid)?.pop() ?? 'none' }) },
    // the bench measures filing, not the daily limit (10 a day per resident, issue 16): clear the day's quotas first
    { name: 'ticket.report', fn: 'ticket', event: () => (cloud.db.remove('quotas', 'WHERE', {}, true), { action: 'report', category: 'sanitation', text: '楼道里堆满了杂物，老人上下楼不方便', where: { estateId: 'e-bishan', building: '3号楼', spot: '楼道' }, requestId: `bench-ticket-${req++}` }) },
    { name: 'ticket.similar', fn: 'ticket', event: () => ({ action: 'similar', category: 'sanitation' }) },
    { name: 'ticket.myTickets', fn: 'ticket', event: () => ({ action: 'myTickets' }) },
    { name: 'ticket.queue (staff)', fn: 'ticket', event: () => ({ action: 'queue' }), as: 'local-w-yan' },
  ];
  const rows: string[] = [];
  // warm every worker with every function (cold start = loading the bundle and the SDK, ~1 s), so the
  // tables show steady-state latency
  await load(40, 20, (c, i) => gatewayCall(url, i % 2 ? 'market' : 'account', users[c].openid, i % 2 ? { action: 'myBookings' } : { action: 'me' }));
  await gatewayCall(url, 'ticket', 'local-w-yan', { action: 'ticketsFor', residentId: 'r-zhao' });
  for (const a of actions) {
    // round trips: one warm call by one caller (cancel: of a booking made just before)
    if (a.name === 'market.cancelBooking') {
      const b = await gatewayCall(url, 'market', users[0].openid, { action: 'book', slotId: combos[combos.length - 2], requestId: `rt-req-${req++}` });
      if (b.ok) held.set(users[0].openid, [(b.data as { id: string }).id]);
    }
    const before = cloud.db.stats.requests;
    const e = a.event(0, 0);
    const r = await gatewayCall(url, a.fn, a.as ?? users[0].openid, e);
    if (a.name === 'market.book' && r.ok) held.set(users[0].openid, [...(held.get(users[0].openid) ?? []), (r.data as { id: string }).id]);
    const trips = cloud.db.stats.requests - before;
    const cells: string[] = [];
    for (const conc of CONCURRENCY) {
      if (a.name === 'market.cancelBooking') {
        // hold enough bookings to cancel: each caller books distinct combinations first
        for (const u of users.slice(0, conc)) {
          for (let k = 0; k < Math.ceil(ITER / conc) && k < combos.length; k += 1) {
            const b = await gatewayCall(url, 'market', u.openid, { action: 'book', slotId: combos[k], requestId: `hold-req-${req++}` });
            if (b.ok) held.set(u.openid, [...(held.get(u.openid) ?? []), (b.data as { id: string }).id]);
          }
        }
      }
      const total = a.name === 'market.book' ? Math.min(ITER, conc * combos.length) : ITER;
      const { lat } = await load(total, conc, async (c, i, k) => {
        const caller = users[c % users.length];
        // book: each caller its own next (day, service) combination, so every call really books
        const ev = a.name === 'market.book' ? { action: 'book', slotId: combos[(c + k) % combos.length], requestId: `bench-req-${req++}` } : a.event(c, i);
        const res = await gatewayCall(url, a.fn, a.as ?? caller.openid, ev);
        if (a.name === 'market.book' && res.ok) held.set(caller.openid, [...(held.get(caller.openid) ?? []), (res.data as { id: string }).id]);
      });
      cells.push(`${ms(pct(lat, 50))} / ${ms(pct(lat, 99))}`);
      if (a.name === 'market.book') {
        // free the combinations again for the next concurrency level
        for (const u of users) for (const id of held.get(u.openid) ?? []) await gatewayCall(url, 'market', u.openid, { action: 'cancelBooking', bookingId: id });
        held.clear();
      }
    }
    rows.push(`| ${a.name} | ${trips} | ${cells.join(' | ')} |`);
  }
  console.log(`\n## Per action (${ITER} calls per level; latency in ms through the gateway, p50 / p99)\n`);
  console.log(`| action | DB round trips per call | ${CONCURRENCY.map((c) => `${c} caller${c > 1 ? 's' : ''}`).join(' | ')} |`);
  console.log(`|---|---:|${CONCURRENCY.map(() => '---:').join('|')}|`);
  for (const r of rows) console.log(r);
  console.log('\nRound-trip budgets (steady state): book ≤ 4, cancelBooking ≤ 4, getMarketDay ≤ 3, listMarketDays ≤ 2, account.me ≤ 1 (issue 7); ticket.report ≤ 4, ticket.accept ≤ 3, ticket.queue ≤ 2 (issue 9).');

  // ---- 1b. accepting tickets -------------------------------------------------------------
  // round trips and latency of accept (each call a fresh waiting ticket), then 50 workers racing for one
  const fresh = async (): Promise<string> => {
    cloud.db.remove('quotas', 'WHERE', {}, true); // 100 reports by one resident: not the daily quota's business (issue 16)
    const r = await gatewayCall(url, 'ticket', users[0].openid, { action: 'report', category: 'noise', text: '楼上半夜有人装修，吵得睡不着', where: { estateId: 'e-bishan', building: '2号楼' }, requestId: `bench-acc-${req++}` });
    return (r.data as { id: string }).id;
  };
  const acceptIds: string[] = [];
  for (let i = 0; i < Math.min(ITER, 100); i += 1) acceptIds.push(await fresh());
  let before = cloud.db.stats.requests;
  await gatewayCall(url, 'ticket', 'local-w-yan', { action: 'accept', ticketId: acceptIds[0] });
  const acceptTrips = cloud.db.stats.requests - before;
  const acc = await load(acceptIds.length - 1, 1, (_c, i) => gatewayCall(url, 'ticket', 'local-w-yan', { action: 'accept', ticketId: acceptIds[i + 1] }));
  const racers = Array.from({ length: 50 }, (_, i) => ({ _id: `bench-w-${i}`, openid: `local-bench-w-openid-${i}`, name: `网格员${i}`, role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-01'], createdAt: new Date() }));
  cloud.db.insert('users', racers);
  const contested = await fresh();
  before = cloud.db.stats.requests;
  const race = await Promise.all(racers.map((w) => gatewayCall(url, 'ticket', w.openid, { action: 'accept', ticketId: contested })));
  const raceTrips = cloud.db.stats.requests - before;
  const losers = race.filter((r) => !r.ok) as unknown as { error: { code: string; details?: { assigneeName?: string } } }[];
  console.log('\n## Accepting a ticket\n');
  console.log('| what | figure |\n|---|---:|');
  console.log(`| ticket.accept DB round trips (one worker, no race) | ${acceptTrips} |`);
  console.log(`| ticket.accept p50 / p99 ms (one worker, ${acc.lat.length} tickets) | ${ms(pct(acc.lat, 50))} / ${ms(pct(acc.lat, 99))} |`);
  console.log(`| 50 workers racing for one ticket: winners | ${race.filter((r) => r.ok).length} |`);
  console.log(`| … losers told who holds it (TICKET.ALREADY_ACCEPTED with the holder's name) | ${losers.filter((l) => l.error.code === 'TICKET.ALREADY_ACCEPTED' && !!l.error.details?.assigneeName).length} |`);
  console.log(`| … DB round trips for the whole race (50 calls) | ${raceTrips} |`);

  // ---- 2. booking throughput vs the bare SDK -------------------------------------------
  for (const u of users) for (const id of held.get(u.openid) ?? []) await gatewayCall(url, 'market', u.openid, { action: 'cancelBooking', bookingId: id });
  held.clear();
  // each caller books its own next (day, service) combination, so every call is a real booking
  const bookTotal = Math.min(1000, users.length * combos.length);
  const nextCombo = new Array(users.length).fill(0);
  let booked = 0;
  const booking = await load(bookTotal, 50, async (c) => {
    const r = await gatewayCall(url, 'market', users[c].openid, { action: 'book', slotId: combos[(c + nextCombo[c]++) % combos.length], requestId: `throughput-${req++}` });
    if (r.ok) booked += 1;
    else if (process.env.BENCH_DEBUG) console.error(JSON.stringify(r));
  });
  pointSdkAt(cloud.endpoint.url, 'bench');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'bench' });
  const db = sdk.database() as unknown as Database;
  const _ = db.command;
  cloud.db.insert('slots', [{ _id: 'bench-slot', capacity: 1_000_000, booked: 0 }]);
  const bare = await load(bookTotal, 50, async () => {
    await db.collection('slots').where({ _id: 'bench-slot', booked: _.lt(1_000_000) }).update({ data: { booked: _.inc(1) } });
  });
  console.log('\n## Booking throughput (50 concurrent callers)\n');
  console.log('| path | operations | per second | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|');
  const bookRate = (bookTotal / booking.wall) * 1000;
  const bareRate = (bookTotal / bare.wall) * 1000;
  console.log(`| market.book through the gateway (HTTP, validation, the caller and the slot in one aggregation, the hold, the booking insert; ${booked} booked) | ${bookTotal} | ${bookRate.toFixed(0)} | ${ms(pct(booking.lat, 50))} | ${ms(pct(booking.lat, 99))} |`);
  console.log(`| bare SDK conditional update over loopback (the floor) | ${bookTotal} | ${bareRate.toFixed(0)} | ${ms(pct(bare.lat, 50))} | ${ms(pct(bare.lat, 99))} |`);
  console.log(`\nBooking through the gateway reaches ${((bookRate / bareRate) * 100).toFixed(0)}% of the bare SDK's conditional-update rate (target ≥ 50%).`);

  // ---- 3b. scheduled jobs (before the queue's 100 000 tickets) ---------------------------
  await benchJobs(cloud);
  await benchLedger(cloud); // 3e. the XLSX ledger's peak memory at 20 000 tickets (bench/ledger.ts)
  await benchVisitLedger(cloud); // and the 走访台账's at 20 000 visits (issue 21)

  // ---- 3d. at the database latency of a deployed function (issue 18) -------------------------
  await benchResidentLatency(cloud);
  await benchJobsAtLatency(cloud);

  // ---- 3. grid worker queue ----------------------------------------------------------
  // 严婷's queue (ticket.queue through the gateway: her grids' waiting tickets and her own open ones)
  // over a community history of 1 000 and then 100 000 tickets. As in real life the open work stays
  // the same while the history grows: the same 60 waiting and 20 of hers open, the rest closed
  // (across four grids and two communities, many handled by her)
  console.log("\n## Grid worker queue (ticket.queue as 严婷, through the gateway) by tickets stored\n");
  console.log('| tickets stored | waiting + mine listed | DB round trips | p50 ms | p99 ms |\n|---:|---:|---:|---:|---:|');
  const grids = ['G-LC-01', 'G-LC-02', 'G-MZ-01', 'G-XH-01'];
  const openStatus = (i: number): string => (i < 120 ? (i % 2 === 0 ? 'pending' : 'closed') : i < 160 ? (i % 2 === 0 ? (i % 4 === 0 ? 'inProgress' : 'handled') : 'closed') : 'closed');
  let have = cloud.db.countDocuments('tickets', {});
  const t0 = Date.UTC(2024, 0, 1);
  const queueP50: number[] = [];
  for (const size of [1000, 100_000]) {
    const batch = [];
    for (let i = have; i < size; i += 1) {
      const status = openStatus(i);
      const createdAt = new Date(t0 + i * 60_000);
      batch.push({
        _id: `bench-t-${i}`,
        communityId: i < 160 || grids[i % 4].startsWith('G-LC') ? 'c-laocheng' : 'c-other',
        gridId: i < 160 ? grids[i % 2] : grids[i % 4],
        category: 'sanitation',
        text: `诉求${i}`,
        where: { estateId: 'e-bishan', estateName: '壁山丽景小区', building: '1号楼', spot: '' },
        source: 'residentReport',
        status,
        hardCase: false,
        reporterId: `bench-${i % 50}`,
        reporterName: `居民${i % 50}`,
        anonymous: true,
        followerIds: [],
        actorId: `bench-${i % 50}`,
        actorName: `居民${i % 50}`,
        photos: [],
        assigneeId: status === 'pending' ? null : i < 160 || i % 3 === 0 ? 'w-yan' : 'w-other',
        assigneeName: status === 'pending' ? null : '网格员',
        dueAt: status === 'closed' || status === 'handled' ? null : new Date(createdAt.getTime() + 24 * 3600_000),
        handleDays: 7,
        overdue: false,
        reworks: 0,
        ratings: [],
        followUps: 0,
        requestKey: `bench:${i}`,
        version: 1,
        createdAt,
        updatedAt: createdAt,
        events: [{ type: 'reported', at: createdAt, actorId: `bench-${i % 50}`, actorName: '居民', actorRole: 'resident', from: null, to: 'pending', note: '', public: true }],
      });
      if (batch.length === 5000) cloud.db.insert('tickets', batch.splice(0));
    }
    if (batch.length) cloud.db.insert('tickets', batch);
    have = size;
    const b0 = cloud.db.stats.requests;
    const sample = await gatewayCall(url, 'ticket', 'local-w-yan', { action: 'queue' });
    const trips = cloud.db.stats.requests - b0;
    const listed = sample.ok ? (sample.data as { waiting: unknown[]; mine: unknown[] }) : { waiting: [], mine: [] };
    const q = await load(100, 1, () => gatewayCall(url, 'ticket', 'local-w-yan', { action: 'queue' }));
    queueP50.push(pct(q.lat, 50));
    console.log(`| ${size.toLocaleString('en')} | ${listed.waiting.length} + ${listed.mine.length} | ${trips} | ${ms(pct(q.lat, 50))} | ${ms(pct(q.lat, 99))} |`);
  }
  console.log(`\nThe queue at 100 000 tickets takes ${(queueP50[1] / queueP50[0]).toFixed(2)}× its time at 1 000 (target ≤ 1.5×).`);

  // ---- 3c. statistics over the same 100 000 tickets ---------------------------------------
  // console.stats as 王乐天 over a period holding every bench ticket of 老城社区 (reported from
  // 2024-01-01, a minute apart): the database groups them (aggregation pipelines), the function
  // receives only the grouped rows
  console.log('\n## Statistics (console.stats as 王乐天, through the gateway) over 100 000 stored tickets\n');
  const statsEvent = { action: 'stats', from: '2024-01-01', to: '2024-03-31' };
  const s0 = cloud.db.stats.requests;
  const first = performance.now();
  const statsAnswer = await gatewayCall(url, 'console', 'local-a-wang', statsEvent);
  const firstMs = performance.now() - first;
  const statsTrips = cloud.db.stats.requests - s0;
  const reportedInPeriod = statsAnswer.ok ? (statsAnswer.data as { tickets: { reported: number } }).tickets.reported : NaN;
  const statsRuns = await load(5, 1, () => gatewayCall(url, 'console', 'local-a-wang', statsEvent));
  const ledger0 = cloud.db.stats.requests;
  const tooLarge = await gatewayCall(url, 'console', 'local-a-wang', { ...statsEvent, action: 'exportLedger', format: 'xlsx', kind: 'tickets' });
  console.log('| what | figure |\n|---|---:|');
  console.log(`| answer | ${statsAnswer.ok ? 'ok' : `error ${JSON.stringify((statsAnswer as { error?: unknown }).error)}`} |`);
  console.log(`| tickets of 老城社区 reported in the period (counted by the pipeline) | ${reportedInPeriod.toLocaleString('en')} |`);
  console.log(`| DB round trips per call (caller + 4 ticket pipelines + bookings + stalls) | ${statsTrips} |`);
  console.log(`| first call ms | ${ms(firstMs)} |`);
  console.log(`| p50 / max ms of 5 more calls | ${ms(pct(statsRuns.lat, 50))} / ${ms(pct(statsRuns.lat, 100))} |`);
  console.log(`| function time limit (config.json timeout) | 20 000 |`);
  console.log(`| exportLedger of the same period: ${statsAnswer.ok && !(tooLarge as { ok: boolean }).ok ? 'refused (CONSOLE.LEDGER_TOO_LARGE, one count)' : 'answered'}, DB round trips | ${cloud.db.stats.requests - ledger0} |`);
  // ---- 5. vendors and stalls (printed before the sizes) ---------------------------------
  await benchVendors(cloud, (fn, openid, data) => gatewayCall(url, fn, openid, data), [dayIds[1].slice('c-laocheng_'.length), dayIds[2].slice('c-laocheng_'.length)]);
  await benchConsult(cloud, (fn, openid, data) => gatewayCall(url, fn, openid, data));
  await benchTicketTimer(cloud);
  await benchRounds(cloud);
  await benchParcels(cloud);

  // ---- 4. sizes ------------------------------------------------------------------------
  console.log('\n## Sizes\n');
  const { measure } = (await import(path.join(paths.functions(), '../../scripts/size-report.mjs'))) as { measure: () => { item: string; bytes: number; budget?: number }[] };
  console.log('| item | size | budget |\n|---|---:|---:|');
  for (const r of measure()) console.log(`| ${r.item} | ${(r.bytes / 1024).toFixed(1)} KB | ${r.budget ? `${(r.budget / 1024).toFixed(0)} KB` : ''} |`);

  await gw.close();
  await cloud.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
