/**
 * Cloud function `notices`: 公告 and 政策宣传 by staff, to the community, one estate or one building,
 * pinned or expiring, with read counts (issue 22). This file is only its table: each action's
 * contract (who, input, answer, errors, what it does) is in contract.ts (docs/api.md), its handler in
 * actions/; who may call what: docs/permissions.md. No timer.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import * as n from './actions/notices';

const table = {
  publish: action.of(actions.publish, n.publish, { preload: n.publishPreload }),
  withdraw: action.of(actions.withdraw, n.withdraw, { preload: n.noticePreload }),
  forMe: action.of(actions.forMe, n.forMe, { preload: n.forMePreload }),
  read: action.of(actions.read, n.read, { preload: n.readPreload }),
  list: action.of(actions.list, n.list, { preload: n.listPreload }),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
