/**
 * An admin's vendors: the list (`vendors`), approving or not (`approve`, `reject`) and regulars
 * (`setRegular`). Contracts: `../contract.ts`.
 */
import { callerOpenid } from '../../shared/cloud';
import { AppError } from '../../shared/errors';
import type { Handler } from '../../shared/router';
import { checkText } from '../../shared/security';
import type { actions } from '../contract';
import { stallPlan } from '../stalls';
import { approveVendor, rejectVendor, setRegularStall, vendorOfCommunity, vendorsOfCommunity } from '../vendors';
import { vendorView } from '../views';

const STATUS_ORDER = { pending: 0, approved: 1, rejected: 2 };

/** `vendors`: pending first, then approved, then rejected; by name within each. */
export const vendors: Handler<typeof actions.vendors> = async (_input, { user }) =>
  (await vendorsOfCommunity(user.communityId))
    .sort((a, b) => STATUS_ORDER[a.status ?? 'approved'] - STATUS_ORDER[b.status ?? 'approved'] || a.name.localeCompare(b.name, 'zh'))
    .map((v) => vendorView(v, true));

/** `approve`: never the caller's own vendor record. */
export const approve: Handler<typeof actions.approve> = async ({ vendorId }, { user }) => {
  const v = await vendorOfCommunity(vendorId, user.communityId);
  if (v.userId === user._id) throw new AppError('COMMON.FORBIDDEN');
  await approveVendor(v._id, user._id);
  return vendorView({ ...v, status: 'approved' }, true);
};

/** `reject`: a pending vendor, with a reason that passes content security. */
export const reject: Handler<typeof actions.reject> = async ({ vendorId, reason }, { user }) => {
  const v = await vendorOfCommunity(vendorId, user.communityId);
  if (v.status !== 'pending') throw new AppError('VENDOR.WRONG_STATE');
  await checkText(reason, callerOpenid());
  await rejectVendor(v._id, reason, user._id);
  return vendorView({ ...v, status: 'rejected', rejectReason: reason }, true);
};

/** `setRegular`: a stall of the community's plan, or null. */
export const setRegular: Handler<typeof actions.setRegular> = async ({ vendorId, stallNumber }, { user }) => {
  const v = await vendorOfCommunity(vendorId, user.communityId);
  if (stallNumber !== null && !(await stallPlan(user.communityId)).some((s) => s.number === stallNumber)) throw new AppError('VENDOR.STALL_NOT_FOUND');
  await setRegularStall(v._id, stallNumber);
  return vendorView({ ...v, regular: stallNumber !== null, regularStall: stallNumber, absences: 0 }, true);
};
