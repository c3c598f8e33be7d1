/**
 * The grid workers' own rounds (issue 21; docs/case-loop-design.md §4): the staff actions of
 * `rounds` (and `ticket.fileCase` from a visit; a 巡逻员 volunteer's `volunteerPatrol`, issue 22) with their round-trip budgets (`roundsActions`, used
 * by test/functions/round-trips.test.ts and by `npm run bench`), and the bench section
 * `benchRounds`: the household register of a grid of 2 000 households (two residents each, 300 with
 * care tags and a last visit) — database round trips per call (budget ≤ 2) and p50/p95 at 0 and
 * 20 ms per database call (docs/performance.md). Figures only, never a pass/fail on time.
 * `BENCH_ONLY=rounds npm run bench` prints only this section.
 */
import type { LocalCloud } from '../local/cloud';
import { householdKeyOf } from '../cloudfunctions/shared/households';
import { ms, percentile, printTable } from './table';

type Envelope = { ok: boolean; data?: unknown; error?: { code: string } };

/** Round trips allowed per action (reads ≤ 2, writes ≤ 3; `households` ≤ 2 at 2 000 households, issue 21). */
export const ROUNDS_ROUND_TRIP_BUDGET: Record<string, number> = {
  'rounds.households (2 000 households)': 2,
  'rounds.household': 2,
  'rounds.recordVisit (first visit)': 3,
  'rounds.recordVisit (next visit)': 3,
  'rounds.visits': 2,
  'rounds.setCareTags': 2,
  'rounds.startPatrol': 2,
  'rounds.endPatrol': 2,
  'rounds.patrols': 2,
  'rounds.volunteerPatrol': 2,
  'rounds.visitPlans': 1,
  'rounds.setVisitPlans': 2,
  'ticket.fileCase (from a visit)': 3,
};

/** The bench grid: 20 buildings of 壁山丽景小区 (B1…B20) no other grid covers, and its worker. */
export const BENCH_GRID = 'G-LC-BENCH';
export const BENCH_WORKER = 'local-w-bench';
/** A 巡逻员 volunteer of 老城社区 (issue 22): `volunteerPatrol`'s caller. */
export const BENCH_PATROLLER = 'local-v-bench-patroller';

let seeded = false;
/**
 * Seeds the bench grid once: `households` rooms (two residents each, `householdKey` stored as
 * account.register writes it), the first `tagged` with care tags and a last visit. Answers the keys.
 */
export function seedBenchGrid(cloud: LocalCloud, households = 2000, tagged = 300): string[] {
  const buildings = Array.from({ length: 20 }, (_, i) => `B${i + 1}`);
  const keys: string[] = [];
  if (!seeded) {
    const now = new Date();
    cloud.db.insert('grids', [{ _id: BENCH_GRID, code: BENCH_GRID, communityId: 'c-laocheng', covers: [{ estateId: 'e-bishan', buildings }], workerIds: ['w-bench'] }]);
    cloud.db.insert('users', [{ _id: 'w-bench', openid: BENCH_WORKER, name: '网格员（压测）', role: 'gridWorker', communityId: 'c-laocheng', gridIds: [BENCH_GRID], verified: true, createdAt: now }]);
    cloud.db.insert('users', [
      { _id: 'v-bench-patroller', openid: BENCH_PATROLLER, name: '巡逻员（压测）', role: 'resident', communityId: 'c-laocheng', home: { estateId: 'e-bishan', building: '2号楼', unit: '1单元', room: '999' }, verified: true, volunteer: { roles: ['patroller'], since: now, active: true }, createdAt: now },
    ]);
  }
  const users: Record<string, unknown>[] = [];
  const care: Record<string, unknown>[] = [];
  for (let i = 0; i < households; i += 1) {
    const home = { estateId: 'e-bishan', building: buildings[i % 20], unit: `${(Math.floor(i / 20) % 4) + 1}单元`, room: `${Math.floor(i / 80) + 101}` };
    const key = householdKeyOf(home);
    keys.push(key);
    if (seeded) continue;
    for (const p of [0, 1]) users.push({ _id: `bench-hh-${i}-${p}`, openid: `local-bench-hh-${i}-${p}`, name: `住户${i}-${p}`, role: 'resident', communityId: 'c-laocheng', home, householdKey: key, verified: true, createdAt: new Date() });
    if (i < tagged) care.push({ _id: key, communityId: 'c-laocheng', gridId: BENCH_GRID, tags: i % 3 ? ['emptyNest'] : ['livingAlone'], lastVisitDate: '2026-01-05', lastVisitId: `bench-visit-${i}` });
  }
  if (!seeded) {
    cloud.db.insert('users', users);
    cloud.db.insert('householdCare', care);
    seeded = true;
  }
  return keys;
}

/** One action, repeatable: what to send, as whom (as bench/resident-actions.ts rows). */
export interface RoundsAction {
  name: string;
  fn: string;
  prepare: (i: number) => Promise<{ openid: string; event: Record<string, unknown> }>;
}

/** The rounds rows for `cloud` (the bench grid seeded; a fresh household or record per call where it writes). */
export function roundsActions(cloud: LocalCloud): RoundsAction[] {
  const keys = seedBenchGrid(cloud);
  const call = (fn: string, openid: string, data: object) => cloud.call(fn, data, openid) as Promise<Envelope>;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const visit = async (key: string, requestId: string) => {
    const r = await call('rounds', BENCH_WORKER, { action: 'recordVisit', householdKey: key, date: today, met: 'self', topics: ['problem'], note: '', requestId });
    if (!r.ok) throw new Error(`recordVisit failed while preparing: ${JSON.stringify(r)}`);
    return (r.data as { id: string }).id;
  };
  let n = 0;
  const fresh = () => keys[400 + (n++ % 1500)];
  return [
    { name: 'rounds.households (2 000 households)', fn: 'rounds', prepare: async () => ({ openid: BENCH_WORKER, event: { action: 'households', gridId: BENCH_GRID } }) },
    { name: 'rounds.household', fn: 'rounds', prepare: async (i) => ({ openid: BENCH_WORKER, event: { action: 'household', householdKey: keys[i % 300] } }) },
    { name: 'rounds.recordVisit (first visit)', fn: 'rounds', prepare: async (i) => ({ openid: BENCH_WORKER, event: { action: 'recordVisit', householdKey: fresh(), date: today, met: 'family', topics: ['needs'], note: '', requestId: `bench-rv-first-${i}-${Date.now()}` } }) },
    { name: 'rounds.recordVisit (next visit)', fn: 'rounds', prepare: async (i) => ({ openid: BENCH_WORKER, event: { action: 'recordVisit', householdKey: keys[i % 300], date: today, met: 'self', topics: ['care'], note: '', requestId: `bench-rv-next-${i}-${Date.now()}` } }) },
    { name: 'rounds.visits', fn: 'rounds', prepare: async () => ({ openid: BENCH_WORKER, event: { action: 'visits', gridId: BENCH_GRID } }) },
    { name: 'rounds.setCareTags', fn: 'rounds', prepare: async (i) => ({ openid: BENCH_WORKER, event: { action: 'setCareTags', householdKey: keys[i % 300], tags: i % 2 ? ['livingAlone'] : ['emptyNest', 'hardship'] } }) },
    {
      name: 'rounds.startPatrol',
      fn: 'rounds',
      prepare: async () => {
        // the worker's open round (if any) is ended first: one open round per worker
        const open = cloud.db.find('patrols', { workerId: 'w-bench', status: 'open' }) as { _id: string }[];
        for (const p of open) await call('rounds', BENCH_WORKER, { action: 'endPatrol', patrolId: p._id, places: ['B1 北门'], note: '' });
        return { openid: BENCH_WORKER, event: { action: 'startPatrol', gridId: BENCH_GRID, requestId: `bench-sp-${Date.now()}-${n++}` } };
      },
    },
    {
      name: 'rounds.endPatrol',
      fn: 'rounds',
      prepare: async () => {
        let open = cloud.db.find('patrols', { workerId: 'w-bench', status: 'open' }) as { _id: string }[];
        if (!open.length) {
          await call('rounds', BENCH_WORKER, { action: 'startPatrol', gridId: BENCH_GRID, requestId: `bench-sp-${Date.now()}-${n++}` });
          open = cloud.db.find('patrols', { workerId: 'w-bench', status: 'open' }) as { _id: string }[];
        }
        return { openid: BENCH_WORKER, event: { action: 'endPatrol', patrolId: open[0]._id, places: ['B1 北门', 'B2 车棚', 'B3 楼道'], note: '正常' } };
      },
    },
    { name: 'rounds.patrols', fn: 'rounds', prepare: async () => ({ openid: BENCH_WORKER, event: { action: 'patrols', gridId: BENCH_GRID } }) },
    {
      // issue 22: a 巡逻员's page, with one ended round of theirs and one open
      name: 'rounds.volunteerPatrol',
      fn: 'rounds',
      prepare: async (i) => {
        if (i === 0) {
          const started = await call('rounds', BENCH_PATROLLER, { action: 'startPatrol', gridId: BENCH_GRID, requestId: `bench-vp-${Date.now()}-${n++}` });
          await call('rounds', BENCH_PATROLLER, { action: 'endPatrol', patrolId: (started.data as { id: string }).id, places: ['B1 北门'], note: '' });
          await call('rounds', BENCH_PATROLLER, { action: 'startPatrol', gridId: BENCH_GRID, requestId: `bench-vp-${Date.now()}-${n++}` });
        }
        return { openid: BENCH_PATROLLER, event: { action: 'volunteerPatrol' } };
      },
    },
    { name: 'rounds.visitPlans', fn: 'rounds', prepare: async () => ({ openid: 'local-a-wang', event: { action: 'visitPlans' } }) },
    { name: 'rounds.setVisitPlans', fn: 'rounds', prepare: async (i) => ({ openid: 'local-a-wang', event: { action: 'setVisitPlans', visitEveryDays: { default: 90, livingAlone: 7 + (i % 2) } } }) },
    {
      name: 'ticket.fileCase (from a visit)',
      fn: 'ticket',
      prepare: async (i) => {
        const visitId = await visit(fresh(), `bench-fc-visit-${i}-${Date.now()}`);
        return { openid: BENCH_WORKER, event: { action: 'fileCase', source: 'selfFound', category: 'sanitation', text: '楼道里堆了杂物，挡住了通道', where: { estateId: 'e-bishan', spot: 'B1 楼道' }, visitId, requestId: `bench-fc-${i}-${Date.now()}` } };
      },
    },
  ];
}

/** The bench section (see the module notes): the register of 2 000 households at 0 and 20 ms per database call. */
export async function benchRounds(cloud: LocalCloud, calls = Number(process.env.BENCH_ROUNDS_CALLS ?? 10)): Promise<void> {
  seedBenchGrid(cloud);
  const rows: (string | number)[][] = [];
  for (const latency of [0, 20]) {
    cloud.endpoint.setDbLatency(latency);
    const lat: number[] = [];
    let trips = 0;
    let households = 0;
    for (let k = 0; k < calls + 1; k += 1) {
      const before = cloud.db.stats.requests;
      const t0 = performance.now();
      const r = (await cloud.call('rounds', { action: 'households', gridId: BENCH_GRID }, BENCH_WORKER)) as Envelope;
      const took = performance.now() - t0;
      if (!r.ok) throw new Error(`rounds.households failed in the bench: ${JSON.stringify(r)}`);
      if (k === 0) continue; // the first call warms the worker
      lat.push(took);
      trips = cloud.db.stats.requests - before;
      households = (r.data as { totals: { households: number } }).totals.households;
    }
    lat.sort((a, b) => a - b);
    rows.push([`${latency} ms`, households, `${trips} / 2`, ms(percentile(lat, 50)), ms(percentile(lat, 95))]);
  }
  cloud.endpoint.setDbLatency(0);
  printTable(
    `The household register of a grid (rounds.households, issue 21): 2 000 households, ${calls} calls, one caller, through the function pool`,
    ['database latency per call', '>households', '>DB round trips / budget', '>p50 ms', '>p95 ms'],
    rows,
    'Round trips: the caller with the grids and estates (1), one aggregation of users grouped by household with $lookup of householdCare (2).',
  );
}
