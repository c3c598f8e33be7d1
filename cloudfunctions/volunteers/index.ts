/**
 * Cloud function `volunteers`: the 解忧智囊团 (issue 22) — the team and its roles, enlisting and
 * retiring residents, the weekly duty roster, duties marked done (hours credited), hours entered by
 * staff, and the volunteer's own page. This file is only its table: each action's contract is in
 * contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import * as v from './actions/volunteers';

const table = {
  team: action.of(actions.team, v.team),
  enlist: action.of(actions.enlist, v.enlist, { preload: v.enlistPreload }),
  retire: action.of(actions.retire, v.retire, { preload: v.retirePreload }),
  roster: action.of(actions.roster, v.roster),
  setDuty: action.of(actions.setDuty, v.setDuty, { preload: v.setDutyPreload }),
  removeDuty: action.of(actions.removeDuty, v.removeDuty, { preload: v.dutyPreload }),
  markDuty: action.of(actions.markDuty, v.markDuty, { preload: v.dutyPreload }),
  addHours: action.of(actions.addHours, v.addHours, { preload: v.addHoursPreload }),
  mine: action.of(actions.mine, v.mine),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
