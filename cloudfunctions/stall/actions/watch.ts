/** `watch`: a resident asks to be told when someone sells a product at the next market. Contract: `../contract.ts`. */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { assertResidentOf } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import type { actions } from '../contract';
import { nextMarketDate } from '../days';
import { normalizeProduct } from '../domain/goods';
import { addWatch } from '../watches';

/** `watch`: 1 write (asking twice keeps one watch). */
export const watch: Handler<typeof actions.watch> = async ({ product }, { user }) => {
  assertResidentOf(user, user.communityId);
  const date = nextMarketDate(user.community, clockNow());
  if (!date) throw new AppError('VENDOR.NO_MARKET');
  const p = normalizeProduct(product);
  if (!p) throw new AppError('COMMON.INVALID_INPUT');
  await addWatch(user, p, date);
  return { product: p, date };
};
