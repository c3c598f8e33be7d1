/**
 * Stall applications (platform code): allocation, waitlist, withdrawal, release, check-in.
 *
 * The two promises — no stall ever has two holders, nobody ever holds two stalls (or waits twice)
 * for one day — are kept by the database, not by timing: two unique keys on `stallApplications`
 * (`stallKey` = `${communityId}|${date}|${number}` while a stall is held, `vendorDayKey` =
 * `${vendorId}|${date}` while active; both `ended:${_id}` after). Allocation inserts an application
 * claiming the first stall to try; a duplicate `stallKey` means someone else got it first, so the
 * next free stall is tried; when none is left the application waits (候补). Freeing a stall (a
 * withdrawal, an admin's release) promotes the first waiting application with one conditional
 * update (`status: 'waitlisted'` → `allocated`, claiming the freed stall): a waiting vendor is
 * promoted once, a stall is given once.
 */
import crypto from 'node:crypto';
import { db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { Stall, StallApplication, Vendor } from '../shared/model';
import { ACTIVE_STATUSES, stallsToTry, waitOrder } from './domain/stalls';

/** Statuses of an application that is still on (`domain/stalls.ts` `ACTIVE_STATUSES`). */
export const ACTIVE: StallApplication['status'][] = [...ACTIVE_STATUSES];

/** The key that claims stall `n` of a community on a date. */
export const stallKeyOf = (communityId: string, date: string, n: number): string => `${communityId}|${date}|${n}`;
/** The key of a vendor's one active application for a date. */
export const vendorDayKeyOf = (vendorId: string, date: string): string => `${vendorId}|${date}`;

/** The community's active stall numbers. */
export async function stallPlan(communityId: string): Promise<Stall[]> {
  const { data } = await db.collection('stalls').where({ communityId, active: true }).orderBy('number', 'asc').limit(200).get();
  return data as Stall[];
}

/** Active applications (waiting for the draw, allocated, checked in, waitlisted) of a community's market day. */
export async function activeApplications(communityId: string, date: string): Promise<StallApplication[]> {
  const _ = db.command;
  const { data } = await db.collection('stallApplications').where({ communityId, date, status: _.in(ACTIVE) }).orderBy('createdAt', 'asc').limit(500).get();
  return data as StallApplication[];
}

/** A vendor's one active application for `date` (by its `vendorDayKey`), or null. One read. */
export async function activeOf(vendorId: string, date: string): Promise<StallApplication | null> {
  const { data } = await db.collection('stallApplications').where({ vendorDayKey: vendorDayKeyOf(vendorId, date) }).limit(1).get();
  return (data[0] as StallApplication | undefined) ?? null;
}

/**
 * Gives `vendor` a stall on `date` (its regular stall if free, else the lowest free one), or a place
 * on the waitlist. Idempotent: an active application for that day is returned as it is.
 * `known`: the day's active applications and the plan, if already read (preloaded).
 * Round trips: 1 insert (+1 per stall lost to a concurrent application); +2 reads when not preloaded.
 */
export async function allocate(vendor: Vendor, date: string, actorId: string, known?: { active: StallApplication[]; plan: Stall[] }, onlyStall?: number): Promise<StallApplication> {
  const active = known?.active ?? (await activeApplications(vendor.communityId, date));
  const mine = active.find((a) => a.vendorId === vendor._id && ACTIVE.includes(a.status));
  if (mine) return mine;
  const plan = (known?.plan ?? (await stallPlan(vendor.communityId))).map((s) => s.number);
  const held = active.filter((a) => a.stallNumber !== null && a.status !== 'waitlisted').map((a) => a.stallNumber as number);
  const tries = onlyStall !== undefined ? (plan.includes(onlyStall) && !held.includes(onlyStall) ? [onlyStall] : []) : stallsToTry(plan, held, vendor.regular ? (vendor.regularStall ?? null) : null);
  if (onlyStall !== undefined && !tries.length) throw new AppError('VENDOR.STALL_TAKEN');
  for (const n of tries) {
    try {
      return await insertApplication(newApplication(vendor, date, actorId, 'allocated', n));
    } catch (e) {
      if (isDuplicateKey(e, 'vendorDayKey')) {
        const again = await activeOf(vendor._id, date);
        if (again) return again;
      }
      if (!isDuplicateKey(e, 'stallKey')) throw e;
      if (onlyStall !== undefined) throw new AppError('VENDOR.STALL_TAKEN');
    }
  }
  try {
    return await insertApplication(newApplication(vendor, date, actorId, 'waitlisted'));
  } catch (e) {
    if (isDuplicateKey(e, 'vendorDayKey')) {
      const again = await activeOf(vendor._id, date);
      if (again) return again;
    }
    throw e;
  }
}

/**
 * A new application of `vendor` for `date` (not stored yet): `allocated` holding stall `n`, or
 * (`n` null) `waitlisted` / `applied` holding none (its `stallKey` then `ended:<id>`, outside the
 * unique key's way). `actorId`: who placed it (the vendor's `users._id`, or an admin's).
 */
export function newApplication(vendor: Vendor, date: string, actorId: string, status: 'allocated' | 'waitlisted' | 'applied', n: number | null = null): Omit<StallApplication, 'createdAt'> {
  const id = newDocId();
  return {
    _id: id,
    communityId: vendor.communityId,
    vendorId: vendor._id,
    vendorName: vendor.name,
    goods: vendor.goods ?? [],
    date,
    vendorDayKey: vendorDayKeyOf(vendor._id, date),
    allocatedBy: actorId,
    status,
    stallNumber: n,
    stallKey: n === null ? `ended:${id}` : stallKeyOf(vendor.communityId, date, n),
  };
}

/**
 * Stores a new application (`createdAt`: the server's time) and answers it with the function's clock.
 * A duplicate `stallKey` (the stall is held) or `vendorDayKey` (the vendor has an active application
 * that day) is the database's error, thrown for the caller to tell apart (`isDuplicateKey`). 1 insert.
 */
export async function insertApplication(app: Omit<StallApplication, 'createdAt'>): Promise<StallApplication> {
  await db.collection('stallApplications').add({ data: { ...app, createdAt: db.serverDate() } });
  return { ...app, createdAt: clockNow() };
}

/**
 * Gives `applied` application `app` stall `n` (one conditional update, while it is still `applied`;
 * `extra`: more fields to write): the settled application, null if it was settled already, 'taken'
 * if the stall is held (the unique `stallKey`).
 */
export async function claimForApplied(app: StallApplication, n: number, extra: Record<string, unknown> = {}): Promise<StallApplication | null | 'taken'> {
  const stallKey = stallKeyOf(app.communityId, app.date, n);
  try {
    const r = await db
      .collection('stallApplications')
      .where({ _id: app._id, status: 'applied' })
      .update({ data: { status: 'allocated', stallNumber: n, stallKey, settledAt: db.serverDate(), ...extra } });
    return (r.stats?.updated ?? 0) === 1 ? { ...app, status: 'allocated', stallNumber: n, stallKey } : null;
  } catch (e) {
    if (isDuplicateKey(e, 'stallKey')) return 'taken';
    throw e;
  }
}

/** Puts `applied` application `applicationId` on the waitlist (one conditional update, while still `applied`; `extra`: the draw's rank…); false when it was settled already. */
export async function waitlistApplied(applicationId: string, extra: Record<string, unknown> = {}): Promise<boolean> {
  const r = await db
    .collection('stallApplications')
    .where({ _id: applicationId, status: 'applied' })
    .update({ data: { status: 'waitlisted', ...extra, settledAt: db.serverDate() } });
  return (r.stats?.updated ?? 0) === 1;
}

/** A day's applications in these statuses, in application order (at most 1000). One read. */
export async function applicationsOfDay(communityId: string, date: string, statuses: StallApplication['status'][]): Promise<StallApplication[]> {
  const { data } = await db.collection('stallApplications').where({ communityId, date, status: statuses.length === 1 ? statuses[0] : db.command.in(statuses) }).orderBy('createdAt', 'asc').limit(1000).get();
  return data as StallApplication[];
}

/**
 * Ends an application (`withdrawn` by its vendor, `released` by an admin): frees its stall and
 * promotes the first waiting application into it. Returns the ended application and who was
 * promoted (null if nobody was waiting). Errors: VENDOR.APPLICATION_NOT_FOUND, VENDOR.WRONG_STATE.
 */
export async function endApplication(app: StallApplication, to: 'withdrawn' | 'released', actorId: string): Promise<{ ended: StallApplication; promoted: StallApplication | null }> {
  if (!(app.status === 'allocated' || app.status === 'waitlisted' || app.status === 'applied')) throw new AppError('VENDOR.WRONG_STATE');
  const ended = { status: to, stallKey: `ended:${app._id}`, vendorDayKey: `ended:${app._id}`, endedBy: actorId };
  const r = await db
    .collection('stallApplications')
    .where({ _id: app._id, status: app.status, stallKey: app.stallKey })
    .update({ data: { ...ended, endedAt: db.serverDate() } });
  if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
  const after = { ...app, ...ended, endedAt: clockNow() } as StallApplication;
  const promoted = app.status === 'allocated' && app.stallNumber !== null ? await promoteInto(app.communityId, app.date, app.stallNumber) : null;
  return { ended: after, promoted };
}

/**
 * Gives freed stall `n` to the first waiting application of the day (`domain/stalls.ts` `waitOrder`:
 * the draw's order, then application order): one conditional update per candidate (`status: 'waitlisted'` → `allocated` with the stall's key). A candidate promoted by a
 * concurrent release is skipped; if the stall was taken meanwhile (a new application claimed it),
 * nobody is promoted into it. Returns the promoted application or null.
 */
export async function promoteInto(communityId: string, date: string, n: number): Promise<StallApplication | null> {
  for (let round = 0; round < 5; round += 1) {
    const { data } = await db.collection('stallApplications').where({ communityId, date, status: 'waitlisted' }).orderBy('createdAt', 'asc').limit(500).get();
    const waiting = (data as StallApplication[]).sort(waitOrder).slice(0, 20);
    if (!waiting.length) return null;
    for (const w of waiting) {
      try {
        const r = await db
          .collection('stallApplications')
          .where({ _id: w._id, status: 'waitlisted' })
          .update({ data: { status: 'allocated', stallNumber: n, stallKey: stallKeyOf(communityId, date, n), promotedAt: db.serverDate() } });
        if ((r.stats?.updated ?? 0) === 1) return { ...w, status: 'allocated', stallNumber: n, stallKey: stallKeyOf(communityId, date, n) };
      } catch (e) {
        if (isDuplicateKey(e, 'stallKey')) return null; // the stall is held again: nobody to promote into it
        throw e;
      }
    }
  }
  return null;
}

/**
 * Moves a held stall to stall `to` (an admin at the kiosk): one conditional update of the
 * application (still holding what it held), whose new `stallKey` the unique index refuses if `to`
 * is held (VENDOR.STALL_TAKEN). A checked-in vendor can be moved too (the kiosk moves people on the
 * day: a puddle, a broken awning); the check-in stays. The freed stall goes to the first in line.
 * Errors: VENDOR.STALL_NOT_FOUND (no such stall), VENDOR.STALL_CLOSED (not in use),
 * VENDOR.STALL_TAKEN, VENDOR.WRONG_STATE (not holding a stall, or changed meanwhile).
 */
export async function moveApplication(app: StallApplication, to: number, actorId: string): Promise<{ moved: StallApplication; promoted: StallApplication | null }> {
  if (!(app.status === 'allocated' || app.status === 'checkedIn') || app.stallNumber === null) throw new AppError('VENDOR.WRONG_STATE');
  if (app.stallNumber === to) return { moved: app, promoted: null };
  const { data } = await db.collection('stalls').where({ _id: `${app.communityId}_${to}` }).limit(1).get();
  const stall = data[0] as Stall | undefined;
  if (!stall) throw new AppError('VENDOR.STALL_NOT_FOUND');
  if (!stall.active) throw new AppError('VENDOR.STALL_CLOSED');
  const stallKey = stallKeyOf(app.communityId, app.date, to);
  try {
    const r = await db
      .collection('stallApplications')
      .where({ _id: app._id, status: app.status, stallKey: app.stallKey })
      .update({ data: { stallNumber: to, stallKey, movedBy: actorId, movedAt: db.serverDate() } });
    if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
  } catch (e) {
    if (isDuplicateKey(e, 'stallKey')) throw new AppError('VENDOR.STALL_TAKEN');
    throw e;
  }
  const moved = { ...app, stallNumber: to, stallKey, movedBy: actorId, movedAt: clockNow() };
  return { moved, promoted: await promoteInto(app.communityId, app.date, app.stallNumber) };
}

/** Position (1-based) of each waiting application of a day, in line order (`waitOrder`). */
export function waitlistPositions(active: StallApplication[]): Map<string, number> {
  const waiting = active.filter((a) => a.status === 'waitlisted').sort(waitOrder);
  return new Map(waiting.map((a, i) => [a._id, i + 1]));
}

/**
 * The code a vendor shows at check-in: the stall number and four characters derived from the
 * application's id (sha-256, hex, upper case) — `2-9F3A`. Staff type it, or tap the row.
 */
export function checkInCodeOf(app: Pick<StallApplication, '_id' | 'stallNumber'>): string | null {
  if (app.stallNumber === null) return null;
  return `${app.stallNumber}-${crypto.createHash('sha256').update(app._id).digest('hex').slice(0, 4).toUpperCase()}`;
}

/** An application by id, within community `communityId` when given; null when there is none. One read. */
export async function applicationById(applicationId: string, communityId?: string): Promise<StallApplication | null> {
  const { data } = await db.collection('stallApplications').where(communityId ? { _id: applicationId, communityId } : { _id: applicationId }).limit(1).get();
  return (data[0] as StallApplication | undefined) ?? null;
}

/** A vendor's applications for `fromDate` and later (at most 50), by date. One read. */
export async function applicationsOfVendor(vendorId: string, fromDate: string): Promise<StallApplication[]> {
  const { data } = await db.collection('stallApplications').where({ vendorId, date: db.command.gte(fromDate) }).orderBy('date', 'asc').limit(50).get();
  return data as StallApplication[];
}

/**
 * Who comes on `date` and what they sell: the day's held stalls (allocated or checked in) joined with
 * their vendors (one aggregation with a `$lookup` of `vendors`), by stall number.
 */
export async function heldStallsWithVendors(communityId: string, date: string): Promise<{ app: StallApplication; vendor: Vendor }[]> {
  const _ = db.command;
  const { list } = await db
    .collection('stallApplications')
    .aggregate()
    .match({ communityId, date, status: _.in(['allocated', 'checkedIn']) })
    .lookup({ from: 'vendors', localField: 'vendorId', foreignField: '_id', as: 'vendor' })
    .limit(500)
    .end();
  return (list as (StallApplication & { vendor: Vendor[] })[])
    .filter((a) => a.vendor[0])
    .map(({ vendor, ...app }) => ({ app: app as StallApplication, vendor: vendor[0] }))
    .sort((a, b) => (a.app.stallNumber ?? 0) - (b.app.stallNumber ?? 0));
}

/** The distinct dates (sorted) on which applications of a community wait for a draw (`applied`); `dates`: only among these. One read. */
export async function datesWaitingForDraw(communityId: string, dates?: string[]): Promise<string[]> {
  const { data } = await db
    .collection('stallApplications')
    .where({ communityId, ...(dates ? { date: db.command.in(dates) } : {}), status: 'applied' })
    .field({ date: true })
    .limit(1000)
    .get();
  return [...new Set((data as { date: string }[]).map((a) => a.date))].sort();
}

/** Allocated applications of a community from `fromDate` on (at most 500): where a check-in code is looked for. One read. */
export async function allocatedFrom(communityId: string, fromDate: string): Promise<StallApplication[]> {
  const { data } = await db.collection('stallApplications').where({ communityId, date: db.command.gte(fromDate), status: 'allocated' }).limit(500).get();
  return data as StallApplication[];
}

/** Checks an allocated application in (one conditional write). Errors: VENDOR.WRONG_STATE (not allocated any more). */
export async function checkInApplication(applicationId: string, by: string): Promise<void> {
  const r = await db.collection('stallApplications').where({ _id: applicationId, status: 'allocated' }).update({ data: { status: 'checkedIn', checkedInBy: by, checkedInAt: db.serverDate() } });
  if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
}

/** Applications still `allocated` on `lastDate` or before (at most 500): stalls nobody checked in at. One read. */
export async function allocatedUntil(lastDate: string): Promise<StallApplication[]> {
  const { data } = await db.collection('stallApplications').where({ status: 'allocated', date: db.command.lte(lastDate) }).limit(500).get();
  return data as StallApplication[];
}

/** Marks an allocated application `absent` (ends its keys); false when it was not allocated any more. One conditional write. */
export async function markAbsent(app: StallApplication): Promise<boolean> {
  const r = await db.collection('stallApplications').where({ _id: app._id, status: 'allocated' }).update({ data: { status: 'absent', stallKey: `ended:${app._id}`, vendorDayKey: `ended:${app._id}`, endedAt: db.serverDate() } });
  return (r.stats?.updated ?? 0) === 1;
}
