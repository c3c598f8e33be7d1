/**
 * Cloud function `stall`: farmers, merchants and service volunteers (vendors) at a community's
 * market (issue 10), and the registry (登记本) of who sells what on the next market day.
 * This file is only the table: each action's contract (who, input, answer, rule, errors) is in
 * `contract.ts` (docs/api.md), its handler in `actions/`; the collections' reads and writes in
 * `vendors.ts`, `stalls.ts` (stallApplications, stalls), `lottery.ts` (stallDraws), `watches.ts`.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import { assignStall, moveStall, release } from './actions/allocation';
import { approve, reject, setRegular, vendors } from './actions/approval';
import { checkIn, dayList } from './actions/checkIn';
import { drawRecord, drawRecordPreload, drawStalls, setAllocation } from './actions/lottery';
import { register } from './actions/register';
import { communities, registry, search, stalls } from './actions/registry';
import { timers } from './actions/timers';
import { applyStall, applyStallPreload, myVendor, updateGoods, withdraw, withdrawPreload } from './actions/vendor';
import { watch } from './actions/watch';
import { preloadVendor } from './vendors';

const table = {
  // anyone
  communities: action.of(actions.communities, communities, { loadsCaller: false }),
  registry: action.of(actions.registry, registry),
  search: action.of(actions.search, search),
  stalls: action.of(actions.stalls, stalls),
  register: action.of(actions.register, register, { loadsCaller: false }),
  // vendors
  myVendor: action.of(actions.myVendor, myVendor, { preload: () => preloadVendor }),
  updateGoods: action.of(actions.updateGoods, updateGoods),
  applyStall: action.of(actions.applyStall, applyStall, { preload: applyStallPreload }),
  withdraw: action.of(actions.withdraw, withdraw, { preload: withdrawPreload }),
  // residents
  watch: action.of(actions.watch, watch),
  // staff and admins
  vendors: action.of(actions.vendors, vendors),
  approve: action.of(actions.approve, approve),
  reject: action.of(actions.reject, reject),
  setRegular: action.of(actions.setRegular, setRegular),
  assignStall: action.of(actions.assignStall, assignStall),
  release: action.of(actions.release, release),
  moveStall: action.of(actions.moveStall, moveStall),
  setAllocation: action.of(actions.setAllocation, setAllocation),
  drawRecord: action.of(actions.drawRecord, drawRecord, { preload: drawRecordPreload }),
  drawStalls: action.of(actions.drawStalls, drawStalls),
  dayList: action.of(actions.dayList, dayList),
  checkIn: action.of(actions.checkIn, checkIn),
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
