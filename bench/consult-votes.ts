/**
 * Household votes (有事来商量, issue 20; docs/consultation-design.md §7): the consult actions a
 * resident calls, with their round-trip budgets (`consultActions`, used by
 * test/functions/round-trips.test.ts and by `npm run bench`), and the bench section `benchConsult`:
 * - `consult.vote 200 households at once`: wall ms, p50/p95 per call, stored 200, duplicates 0;
 * - `two phones × 100 households`: stored 100;
 * - `paper claim 60 rooms`: ms.
 * Figures only, never a pass/fail on time.
 */
import type { LocalCloud } from '../local/cloud';
import { householdKeyOf } from '../cloudfunctions/shared/households';

type Envelope = { ok: boolean; data?: unknown; error?: { code: string } };
type Call = (fn: string, openid: string, data: object) => Promise<Envelope>;

/** Round trips allowed per consult action a resident calls (design §7). */
export const CONSULT_ROUND_TRIP_BUDGET: Record<string, number> = { 'consult.vote': 3, 'consult.topic': 2, 'consult.topics': 2 };

/** One consult action a resident calls, repeatable (as bench/resident-actions.ts rows). */
export interface ConsultAction {
  name: string;
  prepare: (i: number) => Promise<{ openid: string; event: Record<string, unknown> }>;
}

let inserted = 0;
/** Verified residents of 老城社区 in `building` of 壁山丽景小区, one room each (`householdKey` stored, as `account.register` writes it). */
export function insertVoters(cloud: LocalCloud, prefix: string, building: string, n: number, perRoom = 1): string[] {
  const now = new Date();
  const rows = Array.from({ length: n * perRoom }, (_, k) => {
    const i = Math.floor(k / perRoom);
    const home = { estateId: 'e-bishan', building, unit: `${(i % 4) + 1}单元`, room: `${Math.floor(i / 4) + 101 + (inserted % 7) * 100}` };
    const id = `${prefix}-${k}`;
    return { _id: id, openid: `local-${id}`, name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', home, householdKey: householdKeyOf(home), verified: true, version: 1, createdAt: now, updatedAt: now, events: [] };
  });
  inserted += 1;
  cloud.db.insert('users', rows);
  return rows.map((r) => r.openid);
}

/** A yesNo topic of 壁山丽景小区 `building`, voting open now for a day; answers its id. */
export async function openTopic(call: Call, title: string, building: string): Promise<string> {
  const now = Date.now();
  const r = await call('consult', 'local-a-wang', {
    action: 'create',
    title,
    background: '请每户表决：小区空地上安装电动车充电桩。',
    kind: 'yesNo',
    scope: { kind: 'building', estateId: 'e-bishan', building },
    rule: 'majority',
    discussFrom: new Date(now - 2 * 3_600_000).toISOString(),
    voteFrom: new Date(now - 3_600_000).toISOString(),
    voteUntil: new Date(now + 24 * 3_600_000).toISOString(),
    requestId: `bench-topic-${now}-${Math.floor(Math.random() * 1e6)}`,
  });
  if (!r.ok) throw new Error(`consult.create failed: ${JSON.stringify(r)}`);
  return (r.data as { id: string }).id;
}

/** The consult rows for `cloud`: a topic open for voting in 1号楼, a fresh household per `vote` call. */
export function consultActions(cloud: LocalCloud): ConsultAction[] {
  const call: Call = (fn, openid, data) => cloud.call(fn, data, openid) as Promise<Envelope>;
  let topicId: Promise<string> | null = null;
  const topic = () => (topicId ??= openTopic(call, '充电桩安装（往返次数）', '1号楼'));
  let reader: string | null = null;
  const someone = () => (reader ??= insertVoters(cloud, 'rt-consult-reader', '1号楼', 1)[0]);
  return [
    { name: 'consult.topics', prepare: async () => ({ openid: someone(), event: { action: 'topics' } }) },
    { name: 'consult.topic', prepare: async () => ({ openid: someone(), event: { action: 'topic', topicId: await topic() } }) },
    { name: 'consult.vote', prepare: async (i) => ({ openid: insertVoters(cloud, `rt-consult-vote-${i}`, '1号楼', 1)[0], event: { action: 'vote', topicId: await topic(), choice: 'agree', requestId: `rt-consult-vote-${i}` } }) },
  ];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The bench section (see the module notes). `call` goes through the gateway. */
export async function benchConsult(cloud: LocalCloud, call: Call): Promise<void> {
  console.log('\n## Household votes (consult, issue 20)\n');
  const votesOf = (topicId: string) => cloud.db.find('votes', { topicId }, { limit: 1000 }) as { householdKey: string }[];

  const t1 = await openTopic(call, '充电桩安装（200 户同时）', '2号楼');
  const voters = insertVoters(cloud, 'bench-v200', '2号楼', 200);
  const lat: number[] = [];
  const w0 = performance.now();
  const answers = await Promise.all(
    voters.map(async (openid, i) => {
      const s = performance.now();
      const r = await call('consult', openid, { action: 'vote', topicId: t1, choice: i % 3 ? 'agree' : 'disagree', requestId: `bench-v200-${i}` });
      lat.push(performance.now() - s);
      return r;
    }),
  );
  const wall = performance.now() - w0;
  lat.sort((a, b) => a - b);
  const stored = votesOf(t1);
  const dup = stored.length - new Set(stored.map((v) => v.householdKey)).size;
  console.log(`consult.vote 200 households at once: wall ${wall.toFixed(0)} ms, p50 ${pct(lat, 50).toFixed(1)} ms / p95 ${pct(lat, 95).toFixed(1)} ms per call, refused ${answers.filter((a) => !a.ok).length}, stored ${stored.length}, duplicates ${dup}`);

  const t2 = await openTopic(call, '充电桩安装（两部手机）', '4号楼');
  const phones = insertVoters(cloud, 'bench-pair', '4号楼', 100, 2);
  const w1 = performance.now();
  const pairs = await Promise.all(phones.map((openid, k) => call('consult', openid, { action: 'vote', topicId: t2, choice: k % 2 ? 'agree' : 'disagree', requestId: `bench-pair-${k}` })));
  const stored2 = votesOf(t2);
  console.log(`two phones × 100 households: wall ${(performance.now() - w1).toFixed(0)} ms, answered ${pairs.filter((a) => a.ok).length} of 200, stored ${stored2.length}, duplicates ${stored2.length - new Set(stored2.map((v) => v.householdKey)).size}`);

  const t3 = await openTopic(call, '充电桩安装（纸质票）', '6号楼');
  const p0 = performance.now();
  const claim = await call('consult', 'local-w-yan', { action: 'claimPaperRooms', topicId: t3, estateId: 'e-bishan', building: '6号楼', rooms: Array.from({ length: 60 }, (_, i) => ({ unit: `${(i % 4) + 1}单元`, room: `${Math.floor(i / 4) + 101}` })) });
  console.log(`paper claim 60 rooms: ${(performance.now() - p0).toFixed(0)} ms, accepted ${claim.ok ? (claim.data as { accepted: string[] }).accepted.length : claim.error?.code}`);
}
