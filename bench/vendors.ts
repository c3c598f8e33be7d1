/**
 * `npm run bench`, section 5: vendors racing for stalls (issue 10), through the gateway.
 * - 30 vendors racing for the last stall: holders of it (must be 1), the waiting order, round trips.
 * - 8 holders withdrawing at once: every freed stall filled once, by the first in line; round trips.
 * - A lottery day with 200 applicants for 8 stalls: applyStall round trips in lottery mode, the
 *   draw's time and round trips, and a re-check of the record from its seed (`planDraw`).
 * Figures only, never a pass/fail on time.
 */
import type { LocalCloud } from '../local/cloud';
import { planDraw } from '../cloudfunctions/stall/domain/lottery';
import { waitOrder } from '../cloudfunctions/stall/domain/stalls';

type Call = (fn: string, openid: string, data: object) => Promise<{ ok: boolean; data?: unknown }>;
type App = { _id: string; vendorId: string; status: string; stallNumber: number | null; createdAt: Date; drawRank?: number };

const ADMIN = 'local-a-wang';

/** Approved vendors of 老城社区 with their own WeChat (OPENIDs `local-…`, which the emulator knows). */
function insertVendors(cloud: LocalCloud, prefix: string, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: `u-${id}`, openid: `local-${id}`, name: `摊主${id}`, role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() })));
  cloud.db.insert('vendors', ids.map((id) => ({ _id: id, communityId: 'c-laocheng', name: `摊主${id}`, kind: 'farmer', goods: ['青菜'], userId: `u-${id}`, status: 'approved', regular: false, regularStall: null, absences: 0, createdAt: new Date() })));
  return ids;
}

/** Runs section 5; `dates`: coming market dates of 老城社区 with no stall applications yet (two). */
export async function benchVendors(cloud: LocalCloud, call: Call, dates: [string, string]): Promise<void> {
  const [raceDate, drawDate] = dates;
  const apps = (date: string) => cloud.db.find('stallApplications', { communityId: 'c-laocheng', date }, { limit: 5000 }) as unknown as App[];
  const trips = async <T>(work: () => Promise<T>): Promise<{ result: T; trips: number; ms: number }> => {
    const before = cloud.db.stats.requests;
    const t0 = performance.now();
    const result = await work();
    return { result, trips: cloud.db.stats.requests - before, ms: performance.now() - t0 };
  };
  const rows: [string, string | number][] = [];

  // ---- 30 vendors racing for the last stall ---------------------------------------------
  const early = insertVendors(cloud, 'bench-v-early', 7);
  const one = await trips(() => call('stall', `local-${early[0]}`, { action: 'applyStall', dates: [raceDate] }));
  rows.push(['stall.applyStall DB round trips (first come, one vendor)', one.trips]);
  for (const v of early.slice(1)) await call('stall', `local-${v}`, { action: 'applyStall', dates: [raceDate] });
  const racers = insertVendors(cloud, 'bench-v-race', 30);
  const race = await trips(() => Promise.all(racers.map((v) => call('stall', `local-${v}`, { action: 'applyStall', dates: [raceDate] }))));
  const day = apps(raceDate);
  const lastStall = Math.max(...day.filter((a) => a.status === 'allocated').map((a) => a.stallNumber ?? 0));
  const waiting = day.filter((a) => a.status === 'waitlisted').sort(waitOrder);
  const list = (await call('stall', ADMIN, { action: 'dayList', date: raceDate })).data as { status: string; waitlistPosition: number | null }[];
  const positions = list.filter((a) => a.status === 'waitlisted').map((a) => a.waitlistPosition);
  rows.push([`30 vendors racing for the last stall (${lastStall}): holders of it`, day.filter((a) => a.status === 'allocated' && a.stallNumber === lastStall).length]);
  rows.push(['… waitlisted, positions 1…n in application order', `${waiting.length}, ${positions.every((p, i) => p === i + 1) ? 'yes' : 'no'}`]);
  rows.push(['… DB round trips for the whole race (30 calls) / per call', `${race.trips} / ${(race.trips / 30).toFixed(1)}`]);
  rows.push(['… wall time of the race', `${race.ms.toFixed(0)} ms`]);

  // ---- 8 withdrawals at once --------------------------------------------------------------
  const holders = day.filter((a) => a.status === 'allocated');
  const firstInLine = waiting.slice(0, holders.length).map((a) => a._id).sort();
  const out = await trips(() => Promise.all(holders.map((h) => call('stall', `local-${h.vendorId}`, { action: 'withdraw', applicationId: h._id }))));
  const after = apps(raceDate).filter((a) => a.status === 'allocated');
  const stalls = after.map((a) => a.stallNumber);
  rows.push([`${holders.length} holders withdraw at once: stalls filled again / distinct holders`, `${new Set(stalls).size} / ${new Set(after.map((a) => a.vendorId)).size}`]);
  rows.push(['… filled by the first in line (in order)', after.map((a) => a._id).sort().join() === firstInLine.join() ? 'yes' : 'no']);
  rows.push([`… DB round trips (${holders.length} calls) / per call`, `${out.trips} / ${(out.trips / holders.length).toFixed(1)}`]);

  // ---- a lottery day: 200 applicants --------------------------------------------------------
  await call('stall', ADMIN, { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 1, drawAt: '18:00' });
  const many = insertVendors(cloud, 'bench-v-lot', 200);
  const lotOne = await trips(() => call('stall', `local-${many[0]}`, { action: 'applyStall', dates: [drawDate] }));
  rows.push(['stall.applyStall DB round trips (lottery mode, before the draw)', lotOne.trips]);
  for (let i = 1; i < many.length; i += 10) await Promise.all(many.slice(i, i + 10).map((v) => call('stall', `local-${v}`, { action: 'applyStall', dates: [drawDate] })));
  const draw = await trips(() => call('stall', ADMIN, { action: 'drawStalls', date: drawDate }));
  const record = cloud.db.find('stallDraws', { communityId: 'c-laocheng', date: drawDate })[0] as unknown as Parameters<typeof planDraw>[0] & { order: string[]; results: unknown[]; oversubscribed: boolean };
  const again = planDraw({ seed: record.seed, applicants: record.applicants, plan: record.plan, held: record.held });
  const lot = apps(drawDate);
  rows.push([`the draw (200 applicants, ${record.plan.length} stalls): time (admin's 现在抽签, whole call)`, `${draw.ms.toFixed(0)} ms`]);
  rows.push(['… DB round trips (4 reads, the record, what is still applied, one update per applicant, 2 reads for the messages)', draw.trips]);
  rows.push(['… allocated / waitlisted / still waiting for a draw', `${lot.filter((a) => a.status === 'allocated').length} / ${lot.filter((a) => a.status === 'waitlisted').length} / ${lot.filter((a) => a.status === 'applied').length}`]);
  rows.push(['… the record re-checks from its seed (order and results)', JSON.stringify(again.order) === JSON.stringify(record.order) && JSON.stringify(again.results) === JSON.stringify(record.results) ? 'yes' : 'no']);
  const second = await trips(() => call('stall', ADMIN, { action: 'drawStalls', date: drawDate }));
  rows.push(['… a second 现在抽签: DB round trips (changes nothing)', second.trips]);
  await call('stall', ADMIN, { action: 'setAllocation', mode: 'firstCome', drawDaysBefore: 1, drawAt: '18:00' });

  console.log('\n## Vendors and stalls (issue 10)\n');
  console.log('| what | figure |\n|---|---:|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
}
