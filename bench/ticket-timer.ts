/**
 * Bench section "The ticket timer at 100 000 tickets, with suspensions and working days" (issue 21
 * "Done when"): 100 000 tickets of one community (`c-bench-timer`) — most in progress with their
 * deadline to come, 4 000 suspended (挂起; 500 of them due back today), 500 overdue, 500 handled,
 * checked and past their follow-up window — and the platform's `ticketJobs` trigger run until a run
 * finds nothing left, at 0 and at 20 ms per database call (docs/performance.md). Prints each run's
 * time (against the run budget of `shared/budget.ts`, 8 s of the 20 s timeout), round trips and what
 * it did, and checks the facts (printed, never a pass/fail on time): every suspension due today
 * resumed with its deadline moved by the working days it stood still, none of the 3 500 still
 * suspended escalated, every overdue one escalated. `BENCH_ONLY=ticketTimer npm run bench` prints only this.
 */
import type { LocalCloud } from '../local/cloud';
import { addWorkingDays, endOfLocalDay, localDateOf } from '../cloudfunctions/shared/deadlines';
import { workingDaysStood } from '../cloudfunctions/ticket/domain/suspension';

const H = 3600_000;
const D = 24 * H;
const CLOUD_DB_LATENCY_MS = 20;

/** One stored in-progress ticket of the bench community. */
function ticket(id: string, at: Date, over: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: id,
    communityId: 'c-bench-timer',
    gridId: 'G-BENCH-TIMER',
    category: 'sanitation',
    text: '楼道里堆满了杂物',
    where: { estateId: null, building: '1号楼', spot: '楼道' },
    source: 'residentReport',
    status: 'inProgress',
    hardCase: false,
    reporterId: null,
    reporterName: null,
    anonymous: true,
    followerIds: [],
    actorId: 'w-yan',
    actorName: '严婷',
    photos: [],
    assigneeId: 'w-yan',
    assigneeName: '严婷',
    acceptedAt: at,
    dueAt: null,
    handleDays: 7,
    overdue: false,
    reworks: 0,
    ratings: [],
    followUps: 0,
    requestKey: id,
    version: 1,
    events: [],
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

/** Runs the section and prints its table. Moves the clock; puts it back to real time at the end. */
export async function benchTicketTimer(cloud: LocalCloud, total = 100_000): Promise<void> {
  // Thursday 2030-01-10 00:30 local: the suspensions due today come back in the first runs
  const now = new Date('2030-01-09T16:30:00Z');
  const today = localDateOf(now);
  const suspendedAt = new Date(now.getTime() - 10 * D); // 2029-12-31 00:30 local
  const dueBefore = endOfLocalDay('2030-01-04');
  const counts = { suspendedDue: 500, suspendedLater: 3_500, overdue: 500, autoClose: 500 };
  const future = total - counts.suspendedDue - counts.suspendedLater - counts.overdue - counts.autoClose;
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < future; i += 1) docs.push(ticket(`bt-f-${i}`, new Date(now.getTime() - 2 * D), { dueAt: new Date(now.getTime() + (1 + (i % 20)) * D) }));
  for (let i = 0; i < counts.suspendedDue; i += 1)
    docs.push(ticket(`bt-sd-${i}`, suspendedAt, { suspension: { reason: '等天晴', untilDate: today, at: suspendedAt, byId: 'w-yan', byName: '严婷', dueAtBefore: dueBefore } }));
  for (let i = 0; i < counts.suspendedLater; i += 1)
    docs.push(ticket(`bt-sl-${i}`, suspendedAt, { suspension: { reason: '等供电局', untilDate: localDateOf(new Date(now.getTime() + (1 + (i % 30)) * D)), at: suspendedAt, byId: 'w-yan', byName: '严婷', dueAtBefore: dueBefore } }));
  for (let i = 0; i < counts.overdue; i += 1) docs.push(ticket(`bt-o-${i}`, new Date(now.getTime() - 9 * D), { dueAt: new Date(now.getTime() - (1 + (i % 48)) * H) }));
  for (let i = 0; i < counts.autoClose; i += 1)
    docs.push(
      ticket(`bt-h-${i}`, new Date(now.getTime() - 9 * D), {
        status: 'handled',
        handledAt: new Date(now.getTime() - 8 * D),
        handledOnTime: true,
        verification: { passed: true, note: '', photos: [], byId: 'a-wang', byName: '王乐天', at: new Date(now.getTime() - 8 * D) },
      }),
    );
  for (let i = 0; i < docs.length; i += 10_000) cloud.db.insert('tickets', docs.slice(i, i + 10_000) as never);

  console.log(`\n## The ticket timer at ${total.toLocaleString('en')} tickets (suspensions, working days; issue 21)\n`);
  console.log(`${future} in progress with a deadline to come, ${counts.suspendedDue} suspended and due back today (${today}), ${counts.suspendedLater} suspended until later, ${counts.overdue} overdue, ${counts.autoClose} handled, checked and past the follow-up window.\n`);
  console.log('| DB latency | run | ms (budget 8 000 of the 20 000 ms timeout) | DB round trips | resumed | escalated | autoClosed |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const latency of [0, CLOUD_DB_LATENCY_MS]) {
    if (latency) {
      // the same again at 20 ms: put the due work back
      cloud.db.remove('tickets', 'WHERE', { communityId: 'c-bench-timer' }, true);
      for (let i = 0; i < docs.length; i += 10_000) cloud.db.insert('tickets', docs.slice(i, i + 10_000) as never);
    }
    cloud.setClock(now);
    cloud.endpoint.setDbLatency(latency);
    const done = { resumed: 0, escalated: 0, autoClosed: 0 };
    let longest = 0;
    for (let run = 1; run <= 40; run += 1) {
      const before = cloud.db.stats.requests;
      const t0 = performance.now();
      const r = (await cloud.trigger('ticket', 'ticketJobs')) as { ok: boolean; data?: Record<string, number> };
      const ms = performance.now() - t0;
      const d = r.data ?? {};
      done.resumed += d.resumed ?? 0;
      done.escalated += d.escalated ?? 0;
      done.autoClosed += d.autoClosed ?? 0;
      longest = Math.max(longest, ms);
      console.log(`| ${latency} ms | ${run} | ${ms.toFixed(0)} | ${cloud.db.stats.requests - before} | ${d.resumed ?? 0} | ${d.escalated ?? 0} | ${d.autoClosed ?? 0} |`);
      if (!r.ok) throw new Error(`ticketJobs failed in the bench: ${JSON.stringify(r)}`);
      if (!d.resumed && !d.escalated && !d.autoClosed) break;
      cloud.setClock(new Date(now.getTime() + run * 10 * 60_000));
    }
    cloud.endpoint.setDbLatency(0);
    console.log(`| ${latency} ms | in all | longest run ${longest.toFixed(0)} | | ${done.resumed} | ${done.escalated} | ${done.autoClosed} |`);
  }
  // the facts, after the last (20 ms) pass
  const one = (id: string) => cloud.db.find('tickets', { _id: id })[0] as unknown as Record<string, unknown>;
  const expected = addWorkingDays(dueBefore, workingDaysStood(suspendedAt, now)).getTime();
  let rightDeadline = 0;
  for (let i = 0; i < counts.suspendedDue; i += 1) {
    const t = one(`bt-sd-${i}`);
    if (!t.suspension && (t.dueAt as Date | null)?.getTime() === expected) rightDeadline += 1;
  }
  let touched = 0;
  for (let i = 0; i < counts.suspendedLater; i += 1) {
    const t = one(`bt-sl-${i}`);
    if (t.overdue || !t.suspension || t.dueAt !== null || (t.events as { type: string }[]).length) touched += 1;
  }
  console.log(`\nResumed on their date with the deadline moved by the ${workingDaysStood(suspendedAt, now)} working days they stood still (${localDateOf(dueBefore)} → ${localDateOf(new Date(expected))}): ${rightDeadline} of ${counts.suspendedDue}. Still suspended and touched by the timer (escalated, resumed early): ${touched} of ${counts.suspendedLater}.`);
  cloud.db.remove('tickets', 'WHERE', { communityId: 'c-bench-timer' }, true);
  cloud.setClock(null);
}
