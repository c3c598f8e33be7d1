/**
 * Cloud function `errands`: 代缴 / 代办 at the kiosk (issue 22) — a resident asks for an errand or the
 * counter enters it with spoken consent, staff take it on and mark it done with a receipt photo, the
 * resident is told and sees its state. This file is only its table: each action's contract is in
 * contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import * as e from './actions/errands';

const table = {
  request: action.of(actions.request, e.request),
  requestFor: action.of(actions.requestFor, e.requestFor),
  accept: action.of(actions.accept, e.accept),
  done: action.of(actions.done, e.done),
  cancel: action.of(actions.cancel, e.cancel),
  mine: action.of(actions.mine, e.mine),
  list: action.of(actions.list, e.list),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
