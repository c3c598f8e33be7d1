/** The market day at the kiosk: `dayList` (the check-in list) and `checkIn`. Contracts: `../contract.ts`. */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { assertStaffOf } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import { local } from '../../shared/time';
import type { actions } from '../contract';
import { activeApplications, allocatedFrom, applicationById, checkInApplication, checkInCodeOf, waitlistPositions } from '../stalls';
import { applicationView } from '../views';

/** `dayList`: held stalls by number, then the waitlist in order. */
export const dayList: Handler<typeof actions.dayList> = async ({ date }, { user }) => {
  const active = await activeApplications(user.communityId, date);
  const positions = waitlistPositions(active);
  return active.map((a) => applicationView(a, positions, user.community)).sort((a, b) => (a.stallNumber ?? 1e9) - (b.stallNumber ?? 1e9) || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
};

/** `checkIn`: by the application, or by the code the vendor shows; on the market day itself (also after the market's closing time). */
export const checkIn: Handler<typeof actions.checkIn> = async (input, { user }) => {
  const today = clockNow();
  const date = local(today).format('YYYY-MM-DD');
  const app =
    'applicationId' in input
      ? await applicationById(input.applicationId, user.communityId)
      : ((await allocatedFrom(user.communityId, date)).find((a) => checkInCodeOf(a) === input.code.toUpperCase()) ?? null);
  if (!app) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
  assertStaffOf(user, app.communityId);
  if (app.date !== date) throw new AppError('VENDOR.NOT_MARKET_DAY');
  await checkInApplication(app._id, user._id);
  return applicationView({ ...app, status: 'checkedIn', checkedInAt: today, checkedInBy: user._id });
};
