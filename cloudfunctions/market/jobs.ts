/**
 * The `market` function's timers (docs/api.md "Timers", docs/jobs.md). The platform runs one
 * trigger per function: config.json's `marketJobs` (every 10 minutes) runs every market job in
 * turn; each is also a timer of its own name.
 */
import { _, db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import type { Community } from '../shared/model';
import type { TimerDef } from '../shared/router';
import { repairHolds } from './bookings';
import { ensureComingDays } from './days';
import { remindBookings } from './reminders';
import { repairWaitlists } from './waitlist';

/**
 * Timer trigger `ensureMarketDays` (config.json, every 10 minutes): creates or completes every
 * community's coming market days, repairs holds left by killed calls (`repairHolds`), recounts
 * and promotes waitlists (`repairWaitlists`) and marks unused bookings as no-shows.
 * Idempotent: a second run changes nothing more.
 */
async function onTimer(): Promise<{ communities: number; released: number; promoted: number; noShows: number }> {
  const { data } = await db.collection('communities').limit(1000).get();
  const withMarket = (data as Community[]).filter((c) => c.market);
  const now = clockNow();
  for (const c of withMarket) await ensureComingDays(c, now);
  const { released } = await repairHolds(now);
  const { promoted } = await repairWaitlists(now);
  const noShows = await markNoShows(now);
  return { communities: withMarket.length, released, promoted, noShows };
}

/**
 * Bookings still `booked` half an hour after their slot ended were not used: `noShow` (爽约), counted
 * for the statistics. ONE multi-document update (`where(...).update`, issue 18: a backlog of any size
 * costs one round trip, inside the function's timeout at any database latency); conditional on
 * `booked`, so a second run, or a check-in landing first, changes nothing. The booking keeps its
 * `activeKey`: its slot is over, so nobody can book that day and service again anyway.
 */
async function markNoShows(now: Date): Promise<number> {
  const { stats } = await db
    .collection('bookings')
    .where({ status: 'booked', endAt: _.lt(new Date(now.getTime() - 30 * 60_000)) })
    .update({ data: { status: 'noShow' } });
  return stats.updated;
}

/** The timers by trigger name: `marketJobs` runs them all; each also runs alone by its own name. */
export const timers = {
  marketJobs: { rule: 'the platform timer only', run: async () => ({ ...(await onTimer()), ...(await remindBookings()) }) },
  ensureMarketDays: { rule: 'no caller OPENID (the platform trigger)', run: onTimer },
  remindBookings: { rule: 'the platform timer only', run: remindBookings },
} satisfies Record<string, TimerDef>;
