/**
 * Bench section "Scheduled jobs" (issue 11): what one timer run costs, by database round trips
 * (counted by the emulator) and time, with work to do and with none (the cost paid every 10
 * minutes), and how many items one run gets through inside its 5 s budget (`shared/budget.ts`).
 * The tickets live in a community of their own (`c-bench-jobs`), so no other section sees them.
 * Prints a table; never a pass/fail on time.
 */
import type { LocalCloud } from '../local/cloud';

const H = 3600_000;

/** Inserts `n` tickets of `status` handled/closed at `at`, reported by 赵 (r-zhao). */
export function seedTickets(cloud: LocalCloud, prefix: string, n: number, status: 'handled' | 'closed', at: Date): void {
  cloud.db.insert(
    'tickets',
    Array.from({ length: n }, (_, i) => ({
      _id: `${prefix}-${i}`,
      communityId: 'c-bench-jobs',
      gridId: 'G-BENCH-JOBS',
      category: 'sanitation',
      text: '楼道里堆满了杂物',
      where: { estateId: null, building: `${(i % 6) + 1}号楼`, spot: '楼道' },
      source: 'residentReport',
      status,
      hardCase: false,
      reporterId: 'r-zhao',
      reporterName: '赵',
      anonymous: true,
      followerIds: [],
      actorId: 'r-zhao',
      actorName: '赵',
      photos: [],
      assigneeId: 'w-yan',
      assigneeName: '严婷',
      handledAt: at,
      handledOnTime: true,
      ...(status === 'closed' ? { closedAt: at, closedOnTime: true } : {}),
      // checked on site (核查, issue 21): a community problem closes only once checked
      verification: { passed: true, note: '', photos: [], byId: 'a-wang', byName: '王乐天', at },
      dueAt: null,
      handleDays: 7,
      overdue: false,
      reworks: 0,
      ratings: [],
      followUps: 1,
      requestKey: `${prefix}-${i}`,
      version: 4,
      events: [],
      createdAt: at,
      updatedAt: at,
    })),
  );
}

/** Runs the section and prints its table. Moves the clock; puts it back to real time at the end. */
export async function benchJobs(cloud: LocalCloud, n = 300): Promise<void> {
  console.log(`\n## Scheduled jobs (one timer run; ${n} items due)\n`);
  console.log('| run | items done | DB round trips | per item | ms | ms per item |\n|---|---:|---:|---:|---:|---:|');
  // Thursday 14:00 local, a fixed day: daytime for rating asks
  const now = new Date('2030-01-10T06:00:00Z');
  cloud.setClock(now);
  seedTickets(cloud, 'bench-autoclose', n, 'handled', new Date(now.getTime() - 8 * 24 * H));
  seedTickets(cloud, 'bench-rateask', n, 'closed', new Date(now.getTime() - 5 * H));
  const row = async (label: string, timer: string, key: string) => {
    const before = cloud.db.stats.requests;
    const t0 = performance.now();
    const r = (await cloud.trigger('ticket', timer)) as { ok: boolean; data?: Record<string, number> };
    const took = performance.now() - t0;
    const trips = cloud.db.stats.requests - before;
    const done = r.data?.[key] ?? 0;
    console.log(`| ${label} | ${done} | ${trips} | ${done ? (trips / done).toFixed(2) : '–'} | ${took.toFixed(0)} | ${done ? (took / done).toFixed(1) : '–'} |`);
  };
  await row('ticket.autoClose (handled 8 days ago)', 'autoClose', 'autoClosed');
  await row('ticket.askRatings (closed 5 hours ago)', 'askRatings', 'ratingAsked');
  await row('ticket.ticketJobs, nothing left to do', 'ticketJobs', 'escalated');
  const t0 = performance.now();
  const before = cloud.db.stats.requests;
  const fired = await cloud.runSchedule(new Date(now.getTime() + 24 * H));
  const took = performance.now() - t0;
  console.log(`\nA day of the schedule (\`runSchedule\`, every trigger of every function, nothing due): ${fired.length} firings, ${cloud.db.stats.requests - before} DB round trips, ${took.toFixed(0)} ms (${(took / fired.length).toFixed(1)} ms per firing).`);
  cloud.setClock(null);
}
