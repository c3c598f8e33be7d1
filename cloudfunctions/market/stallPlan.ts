/**
 * The admin's stall plan (issue 10 "Admin: market settings … stall plan"): `setStallPlan` saves the
 * numbered stalls of the caller's community (`stalls`, `_id` = `${communityId}_${number}`) — their
 * count, labels and active flags.
 *
 * Rules: the plan sent is the whole plan; a stall left out is deactivated, never deleted (stall
 * applications name it). A stall held by a vendor on a coming market day (an application
 * `allocated` or `checkedIn` from today on) is never deactivated: the save is refused with
 * MARKET.STALL_HELD naming the stall and the date (details `{ number, label, date, dateLabel,
 * vendorName }`); release or move the vendor first (stall admin pages).
 *
 * Writes: every stall document of the plan in one transaction (all or none). A vendor can take a
 * stall between the check and the write (allocation reads the plan first, `stall/stalls.ts`), so
 * the holders of the stalls turned off are read again after the write; if one appeared, the plan
 * as it was is written back (one transaction) and the save is refused as above. A vendor racing
 * past both reads (allocation does not re-read the plan after its insert) is the one gap left:
 * closing it needs `stall/stalls.ts` to check the stall is still active after claiming it.
 */
import { callerOpenid, db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Stall, StallApplication } from '../shared/model';
import { checkText } from '../shared/security';
import { withTransaction } from '../shared/transactions';
import type { LoadedUser } from '../shared/users';
import type { StallPlanResult } from './contract';
import { dateLabel } from '../shared/calendar';
import { stallsTurnedOff, type StallInput } from './domain/admin';
import { communityOf, heldStalls, stallViews, todayOf } from './settings';

/** The refusal for a held stall. */
function heldError(a: StallApplication, label: string): AppError {
  return new AppError('MARKET.STALL_HELD', { number: a.stallNumber, label, date: a.date, dateLabel: dateLabel(a.date), vendorName: a.vendorName });
}

/**
 * `setStallPlan`: saves `plan` (numbers unique, checked by the schema) as the caller's community's
 * stall plan. Errors: MARKET.STALL_HELD, COMMON.TEXT_REJECTED, COMMON.BUSY.
 */
export async function setStallPlan(user: LoadedUser, plan: StallInput[], now: Date): Promise<StallPlanResult> {
  const community = communityOf(user);
  const { data } = await db.collection('stalls').where({ communityId: community._id }).limit(1000).get();
  const current = data as Stall[];
  const off = stallsTurnedOff(current, plan);
  const labelOf = (n: number) => plan.find((s) => s.number === n)?.label ?? current.find((s) => s.number === n)?.label ?? `${n}号摊位`;
  const today = todayOf(now);
  if (off.length) {
    const [held] = await heldStalls(community._id, today, off);
    if (held) throw heldError(held, labelOf(held.stallNumber!));
  }
  await checkText(plan.map((s) => s.label).join(' '), callerOpenid());
  const next = new Map(plan.map((s) => [s.number, s]));
  const writes: Stall[] = [
    ...plan.map((s) => ({ _id: `${community._id}_${s.number}`, communityId: community._id, number: s.number, label: s.label, active: s.active })),
    ...current.filter((s) => !next.has(s.number) && s.active).map((s) => ({ ...s, active: false })),
  ];
  const changed = writes.filter((w) => {
    const c = current.find((s) => s.number === w.number);
    return !c || c.label !== w.label || c.active !== w.active;
  });
  if (changed.length) {
    await withTransaction(async (tx) => {
      for (const w of changed) {
        const { _id, ...rest } = w;
        await tx.collection('stalls').doc(_id).set({ data: rest });
      }
    });
  }
  if (off.length) {
    // a vendor may have taken one of them between the check and the write: give it back and refuse
    const [raced] = await heldStalls(community._id, today, off);
    if (raced) {
      await withTransaction(async (tx) => {
        for (const w of changed) {
          const was = current.find((s) => s.number === w.number);
          if (was) {
            const { _id, ...rest } = was;
            await tx.collection('stalls').doc(_id).set({ data: rest });
          } else await tx.collection('stalls').doc(w._id).remove();
        }
      });
      throw heldError(raced, labelOf(raced.stallNumber!));
    }
  }
  return { stalls: await stallViews(community._id, now) };
}
