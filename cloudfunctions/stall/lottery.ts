/**
 * The stall lottery (platform code; the rules are `domain/lottery.ts`).
 *
 * A community in lottery mode (`communities.stallAllocation.mode = 'lottery'`) takes applications
 * for a market day as `applied` (等待抽签: no stall yet; the unique `vendorDayKey` still keeps one
 * application per vendor and day) until that day's draw. The draw — the `drawStalls` timer once its
 * time has come, or an admin's 现在抽签 — writes one record to `stallDraws` with `_id`
 * `${communityId}_${date}`: creating that document is the lock, so of two concurrent draws one
 * writes the record and both then apply that record's results (each result is a conditional update
 * of an application still `applied`, so it happens once). The existence of the record is what ends
 * the lottery for that day: later applications are first come, first served, as in first-come mode.
 *
 * Late arrivals: an application that read "no draw yet" and was inserted while the draw ran is
 * settled first-come either by the draw's final sweep (it reads what is still `applied`) or by the
 * application itself, which checks for the record once more after its insert — whichever comes
 * second finds it; both use conditional updates, so it is settled once.
 */
import crypto from 'node:crypto';
import { budget } from '../shared/budget';
import { db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Community, StallApplication, StallDraw, User, Vendor } from '../shared/model';
import { notify } from '../shared/consent';
import { localInstant } from '../shared/time';
import { comingDatesOf, DEFAULT_MARKET } from './days';
import { DEFAULT_ALLOCATION, DRAW_ALGORITHM, drawMoment, planDraw, type DrawApplicant, type StallAllocation } from './domain/lottery';
import { stallsToTry } from './domain/stalls';
import { activeApplications, activeOf, applicationsOfDay, claimForApplied, datesWaitingForDraw, insertApplication, newApplication, stallPlan, waitlistApplied } from './stalls';
import { vendorsByIds } from './vendors';

/** The community's allocation settings (defaults filled in). */
export function allocationOf(community: Pick<Community, 'stallAllocation'> | null): StallAllocation {
  return { ...DEFAULT_ALLOCATION, ...(community?.stallAllocation ?? {}) };
}

/** The instant of the draw for market day `date`. */
export function drawInstantOf(date: string, allocation: StallAllocation): Date {
  const m = drawMoment(date, allocation);
  return localInstant(m.date, m.time);
}

/** Who draws when nobody pressed 现在抽签. */
export const TIMER_DRAWER = { id: 'timer', name: '定时抽签' };

/** The id of a day's draw record. */
export const drawIdOf = (communityId: string, date: string): string => `${communityId}_${date}`;

/** A day's draw record, or null (one read). */
export async function drawOf(communityId: string, date: string): Promise<StallDraw | null> {
  const { data } = await db.collection('stallDraws').where({ _id: drawIdOf(communityId, date) }).limit(1).get();
  return (data[0] as StallDraw | undefined) ?? null;
}

/** True when an application for `date` waits for a draw: lottery mode and no draw record yet. */
export function waitsForDraw(community: Community | null, drawn: boolean): boolean {
  return allocationOf(community).mode === 'lottery' && !drawn;
}

/**
 * Records `vendor`'s application for a day still to be drawn (`applied`). Idempotent per vendor and
 * day (the unique `vendorDayKey`: an active application is returned as it is). If the draw ran
 * meanwhile, the application is settled first-come at once. Round trips: 1 insert + 1 read (+ the
 * settlement when the draw ran meanwhile).
 */
export async function applyForDraw(vendor: Vendor, date: string, actorId: string, active: StallApplication[]): Promise<StallApplication> {
  const mine = active.find((a) => a.vendorId === vendor._id);
  if (mine) return mine;
  let inserted: StallApplication;
  try {
    inserted = await insertApplication(newApplication(vendor, date, actorId, 'applied'));
  } catch (e) {
    if (!isDuplicateKey(e, 'vendorDayKey')) throw e;
    const again = await activeOf(vendor._id, date);
    if (again) return again;
    throw e;
  }
  const record = await drawOf(vendor.communityId, date);
  if (record) return (await settleFirstCome(inserted, null, record)) ?? inserted;
  return inserted;
}

/**
 * Settles an `applied` application first come (after the draw): the lowest free stall (a regular's
 * own first), else the waitlist. Stalls the day's draw `record` gave to applications not yet
 * settled (the draw is still applying it) count as held, so a late application never takes a
 * drawn stall. Each step is a conditional update of the application while it is still `applied`;
 * returns the settled application, or null if someone else settled it.
 */
export async function settleFirstCome(app: StallApplication, regularStall: number | null = null, record?: StallDraw): Promise<StallApplication | null> {
  const [active, plan] = await Promise.all([activeApplications(app.communityId, app.date), stallPlan(app.communityId)]);
  for (const n of stallsToTry(plan.map((s) => s.number), heldFor(app, active, record ?? null), regularStall)) {
    const r = await claimForApplied(app, n);
    if (r !== 'taken') return r;
  }
  return (await waitlistApplied(app._id)) ? { ...app, status: 'waitlisted' } : null;
}

/**
 * The stalls of `app`'s day that `app` may not take: those held (allocated, checked in), and those
 * the day's draw `record` gave to other applications not yet settled (the draw is still applying it).
 */
function heldFor(app: StallApplication, active: StallApplication[], record: StallDraw | null): number[] {
  const unsettled = new Set(active.filter((a) => a.status === 'applied' && a._id !== app._id).map((a) => a._id));
  const reserved = (record?.results ?? []).filter((r) => r.status === 'allocated' && r.stallNumber !== null && unsettled.has(r.applicationId)).map((r) => r.stallNumber as number);
  return [...active.filter((a) => a.stallNumber !== null && (a.status === 'allocated' || a.status === 'checkedIn')).map((a) => a.stallNumber as number), ...reserved];
}

/**
 * An admin gives `applied` application `app` (waiting for the draw) a stall now (安排摊位, issue 17:
 * the admin was told "安排好了" while the application went on waiting): stall `onlyStall`, or the
 * first free one (the vendor's `regularStall` first). Stalls the day's draw gave to applications not
 * yet settled count as held, as in {@link settleFirstCome}. One conditional update per stall tried
 * (the application still `applied`; the unique `stallKey` refuses a held stall).
 * Returns the allocated application; `app` unchanged when no stall is free (it still waits for the
 * draw); null when it was settled meanwhile (the caller reads it again).
 * Errors: AppError VENDOR.STALL_TAKEN when `onlyStall` is held (or not an active stall).
 */
export async function assignApplied(app: StallApplication, regularStall: number | null, actorId: string, onlyStall?: number): Promise<StallApplication | null> {
  const [active, plan, record] = await Promise.all([activeApplications(app.communityId, app.date), stallPlan(app.communityId), drawOf(app.communityId, app.date)]);
  const free = stallsToTry(plan.map((x) => x.number), heldFor(app, active, record), regularStall);
  const tries = onlyStall !== undefined ? free.filter((n) => n === onlyStall) : free;
  if (onlyStall !== undefined && !tries.length) throw new AppError('VENDOR.STALL_TAKEN');
  for (const n of tries) {
    const r = await claimForApplied(app, n, { allocatedBy: actorId });
    if (r !== 'taken') return r;
    if (onlyStall !== undefined) throw new AppError('VENDOR.STALL_TAKEN');
  }
  return app;
}

/** What a draw run did. */
export interface DrawRun {
  record: StallDraw;
  /** false: the record was there already (an earlier or concurrent draw); its results were (re)applied */
  drawnNow: boolean;
}

/**
 * Draws market day `date` of `community` (see the module notes), or applies the record an earlier
 * or concurrent draw wrote. `by`: the admin (`users._id`, name), or {@link TIMER_DRAWER}. Round trips: 4 reads
 * (record, applications, plan, the applicants' vendors) + 1 insert + 1 read of what is still
 * `applied` + 1 update per applicant + 2 reads (vendors, users) and one message per applicant. A day
 * drawn already: 2 reads.
 */
export async function runDraw(community: Community, date: string, by: { id: string; name: string }): Promise<DrawRun> {
  const existing = await drawOf(community._id, date);
  if (existing) {
    await applyRecord(existing);
    return { record: existing, drawnNow: false };
  }
  const [dayApps, plan] = await Promise.all([applicationsOfDay(community._id, date, ['applied', 'allocated', 'checkedIn']), stallPlan(community._id)]);
  const apps = dayApps.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1));
  const applied = apps.filter((a) => a.status === 'applied');
  const held = apps.filter((a) => a.status !== 'applied' && a.stallNumber !== null).map((a) => a.stallNumber as number);
  const vendorIds = [...new Set(applied.map((a) => a.vendorId))];
  const vendors = await vendorsByIds(vendorIds);
  const byId = new Map(vendors.map((v) => [v._id, v]));
  const applicants: (DrawApplicant & { appliedAt: Date })[] = applied.map((a) => {
    const v = byId.get(a.vendorId);
    return { applicationId: a._id, vendorId: a.vendorId, vendorName: a.vendorName, regularStall: v?.regular ? (v.regularStall ?? null) : null, appliedAt: a.createdAt };
  });
  const seed = crypto.randomBytes(32).toString('hex');
  const planNumbers = plan.map((s) => s.number);
  const drawn = planDraw({ seed, applicants, plan: planNumbers, held });
  const record: Omit<StallDraw, 'drawnAt'> = {
    _id: drawIdOf(community._id, date),
    communityId: community._id,
    date,
    algorithm: DRAW_ALGORITHM,
    seed,
    applicants,
    plan: planNumbers,
    held,
    freeStalls: drawn.freeStalls,
    oversubscribed: drawn.oversubscribed,
    order: drawn.order,
    results: drawn.results,
    drawnBy: by.id,
    drawnByName: by.name,
  };
  try {
    await db.collection('stallDraws').add({ data: { ...record, drawnAt: db.serverDate() } });
  } catch (e) {
    if (!isDuplicateKey(e, '_id')) throw e;
    const other = await drawOf(community._id, date);
    if (!other) throw e;
    await applyRecord(other);
    return { record: other, drawnNow: false };
  }
  const full = { ...record, drawnAt: clockNow() } as StallDraw;
  await applyRecord(full);
  await notifyDrawn(full);
  return { record: full, drawnNow: true };
}

/**
 * Applies a draw record's results to the day's applications still `applied` (idempotent: every
 * write is conditional on `applied`); a stall taken meanwhile sends its winner to the first free
 * one. Applications `applied` that the record does not know (they came while the draw ran) are
 * settled first come. The read of what is still `applied` happens after the record exists, so an
 * application inserted after it finds the record itself (`applyForDraw`). One read, then one update
 * per application still waiting, 10 at a time (none when everything was settled: a second run is one
 * read). Time budget (`shared/budget.ts`, issue 18): after each batch of 10, a run whose budget is
 * spent stops; the rest stays `applied` and the `drawStalls` timer's next run applies it (it
 * re-applies every due day whose record exists while applications still wait), so a draw of any size
 * finishes within the function's timeout, over several runs, each result applied once.
 * Returns how many applications it settled in this run.
 */
async function applyRecord(record: StallDraw): Promise<number> {
  const spent = budget();
  const data = await applicationsOfDay(record.communityId, record.date, ['applied']);
  const pending = new Map(data.map((a) => [a._id, a]));
  if (!pending.size) return 0;
  const regularOf = new Map(record.applicants.map((a) => [a.applicationId, a.regularStall]));
  const results = record.results.filter((r) => pending.has(r.applicationId));
  let settled = 0;
  for (let i = 0; i < results.length; i += 10) {
    if (i > 0 && spent()) return settled;
    await Promise.all(
      results.slice(i, i + 10).map(async (r) => {
        const app = pending.get(r.applicationId)!;
        if (r.status === 'allocated' && r.stallNumber !== null) {
          const got = await claimForApplied(app, r.stallNumber, { drawn: true });
          if (got === 'taken') await settleFirstCome(app, regularOf.get(r.applicationId) ?? null);
          settled += 1;
          return;
        }
        await waitlistApplied(r.applicationId, { drawRank: r.waitlistPosition ?? 0, drawn: true });
        settled += 1;
      }),
    );
  }
  const known = new Set(record.results.map((r) => r.applicationId));
  for (const a of data) {
    if (known.has(a._id)) continue;
    if (settled > 0 && spent()) return settled;
    await settleFirstCome(a, null, record);
    settled += 1;
  }
  return settled;
}

/** Tells each applicant of a fresh draw their result: inbox, and WeChat as far as they allowed (`notify`, template `stallDraw`; never throws). */
async function notifyDrawn(record: StallDraw): Promise<void> {
  try {
    if (!record.applicants.length) return;
    const _ = db.command;
    const vendors = await vendorsByIds(record.applicants.map((a) => a.vendorId), ['userId']);
    const userIds = vendors.map((v) => v.userId).filter((x): x is string => !!x);
    if (!userIds.length) return;
    const { data: users } = await db.collection('users').where({ _id: _.in(userIds) }).field({ _id: true, openid: true }).limit(1000).get();
    const openidOfUser = new Map((users as User[]).map((u) => [u._id, u.openid]));
    const userOfVendor = new Map(vendors.map((v) => [v._id, v.userId]));
    const vendorOfApp = new Map(record.applicants.map((a) => [a.applicationId, a.vendorId]));
    for (const r of record.results) {
      const userId = userOfVendor.get(vendorOfApp.get(r.applicationId) ?? '');
      if (!userId) continue;
      const result = r.status === 'allocated' ? `分到${r.stallNumber}号摊位` : `没抽中，候补第${r.waitlistPosition}位`;
      const when = `${record.date} ${DEFAULT_MARKET.start}`;
      await notify({
        userId,
        openid: openidOfUser.get(userId) ?? null,
        key: 'stallDraw',
        title: `摊位抽签结果：${result}`,
        lines: [`集市时间：${when}`],
        page: 'stall/pages/mine/index',
        data: { thing1: '摊位抽签结果', thing2: result, time3: when },
      });
    }
  } catch (e) {
    console.warn(`[vendor] draw notification failed: ${String(e)}`);
  }
}

/**
 * Timer: draws every due market day of every community in lottery mode (its draw time has come, it
 * has no record yet and it is not cancelled), and finishes applying the record of a due day drawn
 * already whose applications still wait (see {@link applyRecord}'s budget). Returns how many days
 * were drawn in this run.
 */
export async function drawDueDays(): Promise<{ drawn: number }> {
  const now = clockNow();
  const { data } = await db.collection('communities').where({ 'stallAllocation.mode': 'lottery' }).limit(100).get();
  let drawn = 0;
  for (const c of data as Community[]) {
    if (!c.market) continue;
    const allocation = allocationOf(c);
    const due = comingDatesOf(c, now).filter((d) => drawInstantOf(d, allocation).getTime() <= now.getTime());
    if (!due.length) continue;
    const ids = due.map((d) => drawIdOf(c._id, d)); // a draw record and its market day share the id
    const [{ data: done }, { data: cancelled }] = await Promise.all([
      db.collection('stallDraws').where({ _id: db.command.in(ids) }).field({ _id: true }).limit(100).get(),
      db.collection('marketDays').where({ _id: db.command.in(ids), status: 'cancelled' }).field({ _id: true }).limit(100).get(),
    ]);
    const skip = new Set([...(done as { _id: string }[]), ...(cancelled as { _id: string }[])].map((d) => d._id));
    // a day drawn already whose applications still wait (an earlier run's budget ran out while
    // applying the record): apply the rest of its record (one read finds them)
    const doneDates = due.filter((d) => (done as { _id: string }[]).some((x) => x._id === drawIdOf(c._id, d)) && !(cancelled as { _id: string }[]).some((x) => x._id === drawIdOf(c._id, d)));
    if (doneDates.length) {
      for (const d of await datesWaitingForDraw(c._id, doneDates)) await runDraw(c, d, TIMER_DRAWER);
    }
    for (const d of due.filter((x) => !skip.has(drawIdOf(c._id, x)))) {
      if ((await runDraw(c, d, TIMER_DRAWER)).drawnNow) drawn += 1;
    }
  }
  return { drawn };
}
