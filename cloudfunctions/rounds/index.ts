/**
 * Cloud function `rounds`: the grid workers' own rounds (issue 21) — the household register of a
 * grid, home visits (入户走访, 民情日志), staff-only care tags (关爱对象) and visit plans (走访计划),
 * patrols (巡查). This file is only its table: each action's contract (who, input, answer, errors,
 * what it does) is in contract.ts (docs/api.md), its handler in actions/; who may call what:
 * docs/permissions.md. No timer.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import * as hh from './actions/households';
import * as v from './actions/visits';
import * as p from './actions/patrols';

const table = {
  // ─── households and visits ───
  households: action.of(actions.households, hh.households, { preload: hh.householdsPreload }),
  household: action.of(actions.household, hh.household, { preload: hh.householdDetailPreload }),
  recordVisit: action.of(actions.recordVisit, v.recordVisit, { preload: v.recordVisitPreload }),
  visits: action.of(actions.visits, v.visits, { preload: v.visitsPreload }),
  setCareTags: action.of(actions.setCareTags, hh.setCareTags, { preload: hh.householdPreload }),
  visitPlans: action.of(actions.visitPlans, hh.visitPlans),
  setVisitPlans: action.of(actions.setVisitPlans, hh.setVisitPlans),
  // ─── patrols ───
  startPatrol: action.of(actions.startPatrol, p.startPatrol, { preload: p.startPatrolPreload }),
  endPatrol: action.of(actions.endPatrol, p.endPatrol, { preload: p.endPatrolPreload }),
  patrols: action.of(actions.patrols, p.patrols, { preload: p.patrolsPreload }),
  volunteerPatrol: action.of(actions.volunteerPatrol, p.volunteerPatrol, { preload: p.volunteerPatrolPreload }),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
