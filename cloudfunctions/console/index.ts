/**
 * Cloud function `console`: the community console's statistics (`stats.ts`) and ledger
 * (`ledger.ts`), issue 11. This file is only the table: actions, inputs, answers, rules and errors
 * are in `contract.ts`; docs/api.md is generated from it.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import { exportLedger } from './ledger';
import { stats, workersPreload } from './stats';

const table = {
  stats: action.of(actions.stats, async (input, { user, preloaded }) => stats(user, input, preloaded), { preload: workersPreload }),
  exportLedger: action.of(actions.exportLedger, async (input, { user }) => exportLedger(user, input)),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
