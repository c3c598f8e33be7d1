/**
 * Bench section "Statistics with the loop and the rounds" (issue 21; `BENCH_ONLY=stats npm run
 * bench`): `console.stats` as 王乐天 over a quarter of a community holding `n` tickets (a tenth of
 * them with issue 21's steps: an approved extension, a suspension resumed after 3 days, a return,
 * a failed and a passed check, a rework), a register of `households` residents' households in 老城's
 * grids, a visit to each (half of them in the period) and 200 patrols. Prints the round trips and the
 * time per call (first and mean of 5, in the local emulator); never a pass/fail.
 */
import type { LocalCloud } from '../local/cloud';
import { ticketFigureStages, ticketMatch, holderStages, ratingStages, followUpStages, loopStages } from '../cloudfunctions/console/domain/figures';
import { careStages, householdStages, patrolStages, visitStages } from '../cloudfunctions/console/domain/rounds';
import { periodOf } from '../cloudfunctions/console/domain/period';

const H = 3600_000;

/** Inserts the section's records into `cloud.db` (tickets `bench-s-*`, residents, visits, patrols). */
function seed(cloud: LocalCloud, n: number, households: number): void {
  const t0 = Date.UTC(2025, 0, 1);
  const grids = ['G-LC-01', 'G-LC-02'];
  const ev = (type: string, at: Date, to: string, detail?: Record<string, unknown>) => ({ type, at, actorId: 'w-yan', actorName: '严婷', actorRole: 'gridWorker', from: null, to, note: '', public: true, ...(detail ? { detail } : {}) });
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 1) {
    const createdAt = new Date(t0 + i * 60_000);
    const loop = i % 10 === 0;
    const closed = i % 3 !== 0;
    batch.push({
      // half of them another community's (as the queue's bench: 老城社区 holds 50 000)
      _id: `bench-s-${i}`, communityId: i % 4 < 2 ? 'c-laocheng' : 'c-other', gridId: i % 4 < 2 ? grids[i % 2] : 'G-OTHER', category: 'sanitation', text: `诉求${i}`, where: { estateId: 'e-bishan', estateName: '壁山丽景小区', building: '1号楼', spot: '' },
      source: i % 7 === 0 ? 'selfFound' : 'residentReport', status: closed ? 'closed' : 'inProgress', hardCase: false, reporterId: `bench-${i % 50}`, reporterName: '居民', anonymous: true, followerIds: [],
      actorId: `bench-${i % 50}`, actorName: '居民', photos: [], assigneeId: 'w-yan', assigneeName: '严婷', acceptedAt: new Date(createdAt.getTime() + H),
      ...(closed ? { handledAt: new Date(createdAt.getTime() + 20 * H), closedAt: new Date(createdAt.getTime() + 22 * H), closedOnTime: i % 5 !== 0 } : {}),
      dueAt: closed ? null : new Date(createdAt.getTime() + 7 * 24 * H), handleDays: 7, overdue: false, reworks: 0, ratings: [], followUps: 0, requestKey: `bench-s:${i}`, version: 1,
      ...(loop ? { deferred: true, extension: { status: 'approved', untilDate: '2025-12-31', reason: '等材料', byId: 'w-yan', byName: '严婷', at: createdAt }, suspendedDays: 3, returns: 1, verifyReworks: 1 } : {}),
      createdAt, updatedAt: new Date(createdAt.getTime() + 22 * H),
      events: [
        ev('reported', createdAt, 'pending'),
        ev('accepted', new Date(createdAt.getTime() + H), 'inProgress'),
        ...(loop
          ? [
              ev('extensionRequested', new Date(createdAt.getTime() + 2 * H), 'inProgress'), ev('extended', new Date(createdAt.getTime() + 3 * H), 'inProgress'),
              ev('suspended', new Date(createdAt.getTime() + 4 * H), 'inProgress'), ev('resumed', new Date(createdAt.getTime() + 76 * H), 'inProgress', { days: 3 }),
              ev('verified', new Date(createdAt.getTime() + 80 * H), 'inProgress', { passed: false }), ev('rework', new Date(createdAt.getTime() + 80 * H), 'inProgress', { by: 'verification' }),
            ]
          : []),
        ...(closed ? [ev('handled', new Date(createdAt.getTime() + 20 * H), 'handled'), ev('closed', new Date(createdAt.getTime() + 22 * H), 'closed')] : []),
      ],
    });
    if (batch.length === 5000) cloud.db.insert('tickets', batch.splice(0));
  }
  if (batch.length) cloud.db.insert('tickets', batch);
  batch = [];
  const visits: Record<string, unknown>[] = [];
  for (let i = 0; i < households; i += 1) {
    const building = `${(i % 6) + 1}号楼`;
    const home = { estateId: 'e-bishan', building, unit: `${(i % 4) + 1}单元`, room: `${1000 + i}` };
    const key = `e-bishan|${(i % 6) + 1}|${(i % 4) + 1}|${1000 + i}`;
    batch.push({ _id: `bench-s-r-${i}`, openid: `local-bench-s-r-${i}`, name: `居民${i}`, role: 'resident', communityId: 'c-laocheng', home, householdKey: key, createdAt: new Date(t0) });
    const date = i % 2 === 0 ? '2025-02-10' : '2024-10-01';
    visits.push({ _id: `bench-s-v-${i}`, communityId: 'c-laocheng', gridId: i % 6 < 3 ? 'G-LC-01' : 'G-LC-02', householdKey: key, workerId: 'w-yan', workerName: '严婷', date, met: 'self', metNote: '', topics: ['policy'], note: '', ticketIds: i % 50 === 0 ? [`bench-s-${i}`] : [], requestKey: `w-yan:bench-s-v-${i}`, createdAt: new Date(t0) });
  }
  for (let i = 0; i < batch.length; i += 5000) cloud.db.insert('users', batch.slice(i, i + 5000));
  for (let i = 0; i < visits.length; i += 5000) cloud.db.insert('visits', visits.slice(i, i + 5000));
  cloud.db.insert(
    'patrols',
    Array.from({ length: 200 }, (_, i) => ({ _id: `bench-s-p-${i}`, communityId: 'c-laocheng', gridId: grids[i % 2], workerId: 'w-yan', workerName: '严婷', startedAt: new Date(t0 + i * 6 * H), endedAt: new Date(t0 + i * 6 * H + H), places: ['1号楼'], note: '', ticketIds: [], status: 'ended', openKey: `bench-s-p-${i}`, requestKey: `w-yan:bench-s-p-${i}`, createdAt: new Date(t0 + i * 6 * H) })),
  );
}

/** Runs the section and prints its table. */
export async function benchStats(cloud: LocalCloud, n = 100_000, households = 2000): Promise<void> {
  console.log(`\n## Statistics with the loop and the rounds (console.stats as 王乐天, ${n.toLocaleString('en')} tickets, ${households} households)\n`);
  seed(cloud, n, households);
  const event = { action: 'stats', from: '2025-01-01', to: '2025-03-31' };
  // each pipeline alone, in the emulator (no SDK): where the time goes
  const p = periodOf(event.from, event.to);
  const pipelines: [string, string, Record<string, unknown>[]][] = [
    ['tickets: figures', 'tickets', [ticketMatch('c-laocheng', p, null), ...ticketFigureStages(p, new Date('2025-04-05T00:00:00Z'))]],
    ['tickets: holders', 'tickets', holderStages('c-laocheng', p, null)],
    ['tickets: ratings', 'tickets', ratingStages('c-laocheng', p, null)],
    ['tickets: follow-ups', 'tickets', followUpStages('c-laocheng', p, null)],
    ['tickets: loop (issue 21)', 'tickets', loopStages('c-laocheng', p, null)],
    ['visits (issue 21)', 'visits', visitStages('c-laocheng', p, null)],
    ['patrols (issue 21)', 'patrols', patrolStages('c-laocheng', p, null)],
    ['users per household (issue 21)', 'users', householdStages('c-laocheng', null)],
    ['householdCare (issue 21)', 'householdCare', careStages('c-laocheng', null)],
  ];
  console.log('| pipeline alone | rows | ms |\n|---|---:|---:|');
  for (const [name, coll, stages] of pipelines) {
    const s = performance.now();
    const rows = cloud.db.aggregate(coll, stages as never);
    console.log(`| ${name} | ${rows.length} | ${(performance.now() - s).toFixed(0)} |`);
  }
  console.log('');
  const call = () => cloud.call('console', event, 'local-a-wang') as Promise<{ ok: boolean; data?: { tickets: { reported: number; deferred: number }; loop: Record<string, number>; rounds: { households: number; dueHouseholds: number; coverage: { rate: number | null } } }; error?: unknown }>;
  const r0 = cloud.db.stats.requests;
  const t0 = performance.now();
  const first = await call();
  const firstMs = performance.now() - t0;
  const trips = cloud.db.stats.requests - r0;
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    await call();
    times.push(performance.now() - s);
  }
  const d = first.data;
  console.log('| what | figure |\n|---|---:|');
  console.log(`| answer | ${first.ok ? 'ok' : JSON.stringify(first.error)} |`);
  console.log(`| database round trips | ${trips} |`);
  console.log(`| first call (ms) | ${firstMs.toFixed(0)} |`);
  console.log(`| mean of the next 5 (ms) | ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} |`);
  if (d) {
    console.log(`| reported in the quarter / deferred | ${d.tickets.reported} / ${d.tickets.deferred} |`);
    console.log(`| loop | ${Object.entries(d.loop).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    console.log(`| households / due / coverage | ${d.rounds.households} / ${d.rounds.dueHouseholds} / ${d.rounds.coverage.rate} |`);
  }
}
