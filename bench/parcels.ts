/**
 * 代收快递 on a busy day (issue 22, "Bench: logging 300 parcels on a busy day ≤ 2 round trips each;
 * the day's shelf list for staff"): 严婷 logs 300 parcels for 300 residents at the counter, one after
 * another as she would, at 0 and 20 ms per database call (docs/performance.md); half of the residents
 * tapped 允许 for the parcel template, so their log also takes a send and calls WeChat. Then the
 * shelf list of the day (`parcels.shelf`, every waiting parcel with its resident's masked phone).
 * Printed per action: database requests and sequential round trips (the emulator's `waves`: requests
 * sent at once share one) per call, p50/p95 time. Figures only, never a pass/fail on time.
 * `BENCH_ONLY=parcels npm run bench` prints only this section.
 */
import type { LocalCloud } from '../local/cloud';
import { templateId } from '../cloudfunctions/shared/templates';
import { ms, percentile, printTable } from './table';

/** The counter worker who logs (demo: 严婷, 老城社区). */
const YAN = 'local-w-yan';
/** Parcels logged per latency. */
const PARCELS = Number(process.env.BENCH_PARCELS ?? 300);

type Envelope = { ok: boolean; data?: unknown; error?: { code: string } };

/** Runs the section on `cloud` (the demo seeded). */
export async function benchParcels(cloud: LocalCloud): Promise<void> {
  const now = new Date();
  const latencies = [0, 20];
  // 300 residents per latency, each with WeChat; every other one allowed the parcel template once
  const people = latencies.flatMap((_, li) =>
    Array.from({ length: PARCELS }, (__, i) => ({ _id: `bench-parcel-r-${li}-${i}`, openid: `local-bench-parcel-${li}-${i}`, name: `收件人${li}-${i}`, role: 'resident', communityId: 'c-laocheng', phone: `139${String(li * 10_000 + i).padStart(8, '0')}`, home: { estateId: 'e-bishan', building: `${(i % 6) + 1}号楼`, unit: '1单元', room: `${200 + i}` }, verified: true, createdAt: now })),
  );
  cloud.db.insert('users', people);
  for (const p of people.filter((_, i) => i % 2 === 0)) {
    cloud.endpoint.messages.grant(p.openid, [templateId('parcelArrived', {})]);
    const r = (await cloud.call('account', { action: 'subscribed', templateIds: [templateId('parcelArrived', {})] }, p.openid)) as Envelope;
    if (!r.ok) throw new Error(`account.subscribed refused in the bench: ${JSON.stringify(r)}`);
  }
  await cloud.call('parcels', { action: 'shelf' }, YAN); // warm
  const rows: (string | number)[][] = [];
  for (const [li, latency] of latencies.entries()) {
    cloud.endpoint.setDbLatency(latency);
    const times: number[] = [];
    const [r0, w0] = [cloud.db.stats.requests, cloud.db.stats.waves];
    for (let i = 0; i < PARCELS; i += 1) {
      const t0 = performance.now();
      const r = (await cloud.call('parcels', { action: 'log', residentId: `bench-parcel-r-${li}-${i}`, carrier: i % 3 ? 'zto' : 'sf', shelf: `B-${i % 40}`, requestId: `bench-parcel-${li}-${i}` }, YAN)) as Envelope;
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(`parcels.log failed in the bench: ${JSON.stringify(r)}`);
    }
    const [requests, waves] = [(cloud.db.stats.requests - r0) / PARCELS, (cloud.db.stats.waves - w0) / PARCELS];
    times.sort((a, b) => a - b);
    rows.push([`parcels.log ×${PARCELS}`, `${latency} ms`, requests.toFixed(2), waves.toFixed(2), ms(percentile(times, 50)), ms(percentile(times, 95))]);
    const [r1, w1] = [cloud.db.stats.requests, cloud.db.stats.waves];
    const t1 = performance.now();
    const shelf = (await cloud.call('parcels', { action: 'shelf' }, YAN)) as Envelope & { data?: { waiting: unknown[] } };
    const took = performance.now() - t1;
    if (!shelf.ok) throw new Error(`parcels.shelf failed in the bench: ${JSON.stringify(shelf)}`);
    rows.push([`parcels.shelf (${shelf.data!.waiting.length} waiting)`, `${latency} ms`, cloud.db.stats.requests - r1, cloud.db.stats.waves - w1, ms(took), '–']);
  }
  cloud.endpoint.setDbLatency(0);
  const told = cloud.endpoint.messages.all().filter((m) => m.touser.startsWith('local-bench-parcel-')).length;
  printTable(
    `代收快递 on a busy day: ${PARCELS} parcels logged one after another, then the shelf list (issue 22)`,
    ['action', '>latency per db call', '>requests per call', '>round trips per call', '>p50 ms', '>p95 ms'],
    rows,
    `Round trips: sequential waves of database requests (requests sent at once count once). WeChat messages delivered to the bench's residents: ${told} (every other one allowed the template).`,
  );
}
