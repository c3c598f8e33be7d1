/**
 * Cloud function `parcels`: 代收快递 at the kiosk (issue 22) — staff log a parcel for a resident with
 * a pickup code, the day's shelf list, pickup by code or by row, 送上门 for an elder (by staff or a volunteer of the community, from the volunteers' list `toDeliver`); the resident's
 * own parcels; one reminder of a parcel left too long (timer `parcelJobs`, daily 09:00). This file
 * is only its table: each action's contract is in contract.ts (docs/api.md), its handler in
 * actions/; who may call what: docs/permissions.md.
 */
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { actions } from './contract';
import * as p from './actions/parcels';

const table = {
  log: action.of(actions.log, p.log, { preload: p.logPreload }),
  shelf: action.of(actions.shelf, p.shelf),
  pickUp: action.of(actions.pickUp, p.pickUp, { preload: p.parcelPreload }),
  deliver: action.of(actions.deliver, p.deliver, { preload: p.parcelPreload }),
  myParcels: action.of(actions.myParcels, p.myParcels, { preload: p.myParcelsPreload }),
  toDeliver: action.of(actions.toDeliver, p.toDeliver),
};

/** Timers (docs/jobs.md): `parcelJobs` reminds residents of parcels left too long, once each. */
const timers: Record<string, TimerDef> = {
  parcelJobs: { rule: 'the platform timer only', run: () => p.remindParcels() },
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
