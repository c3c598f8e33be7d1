/**
 * An admin places stalls by hand: `assignStall`, `release`, `moveStall`. Contracts: `../contract.ts`.
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { StallApplication, User } from '../../shared/model';
import { assertAdminOf } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import { local } from '../../shared/time';
import type { actions } from '../contract';
import { assertComingDate } from '../days';
import { assignApplied } from '../lottery';
import { activeApplications, allocate, applicationById, endApplication, moveApplication, waitlistPositions } from '../stalls';
import { vendorOfCommunity } from '../vendors';
import { applicationView } from '../views';
import { notifyWatchers } from '../watches';

/** `assignStall`: as `applyStall` (or that stall); a vendor waiting for the draw is given the stall now (issue 17). */
export const assignStall: Handler<typeof actions.assignStall> = async ({ vendorId, date, stallNumber }, { user }) => {
  const v = await vendorOfCommunity(vendorId, user.communityId);
  if ((v.status ?? 'approved') !== 'approved') throw new AppError('VENDOR.NOT_APPROVED');
  assertComingDate(user.community, date, clockNow());
  // a vendor waiting for the draw (applied) is given the stall now, not left waiting (issue 17)
  const waiting = (await activeApplications(v.communityId, date)).find((a) => a.vendorId === v._id && a.status === 'applied');
  const app = (waiting ? await assignApplied(waiting, v.regular ? (v.regularStall ?? null) : null, user._id, stallNumber) : null) ?? (await allocate(v, date, user._id, undefined, stallNumber));
  if (app.status === 'allocated') await notifyWatchers(v, date);
  return applicationView(app, app.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined);
};

/** An application of the admin's own community. Errors: VENDOR.APPLICATION_NOT_FOUND. */
async function applicationOfAdmin(applicationId: string, user: User): Promise<StallApplication> {
  const app = await applicationById(applicationId, user.communityId);
  if (!app) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
  assertAdminOf(user, app.communityId);
  return app;
}

/** `release`: ends the application; the freed stall goes to the first in line. */
export const release: Handler<typeof actions.release> = async ({ applicationId }, { user }) => {
  const app = await applicationOfAdmin(applicationId, user);
  const { ended, promoted } = await endApplication(app, 'released', user._id);
  return { released: applicationView(ended), promoted: promoted ? applicationView(promoted) : null };
};

/** `moveStall`: today or later; the freed stall goes to the first in line. */
export const moveStall: Handler<typeof actions.moveStall> = async ({ applicationId, toNumber }, { user }) => {
  const app = await applicationOfAdmin(applicationId, user);
  if (app.date < local(clockNow()).format('YYYY-MM-DD')) throw new AppError('VENDOR.WRONG_STATE');
  const { moved, promoted } = await moveApplication(app, toNumber, user._id);
  return { moved: applicationView(moved), promoted: promoted ? applicationView(promoted) : null };
};
