/**
 * Cloud function `posts`: the neighbourhood board 邻里互助 (issue 22) — residents post 旧物置换 and
 * 互助广告 (staff also 就业招聘) with their own photos, checked by msgSecCheck (words) and imgSecCheck (photos); the community's board;
 * the author's own posts and 撤下; staff 下架 with a reason (the author is told); 联系TA passed on by
 * the kiosk to the author's 消息; posts past their last day expire (timer `postJobs`, daily 00:10).
 * This file is only its table: each action's contract is in contract.ts (docs/api.md), its handler
 * in actions/; who may call what: docs/permissions.md.
 */
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { actions } from './contract';
import * as p from './actions/posts';

const table = {
  publish: action.of(actions.publish, p.publish, { preload: p.publishPreload }),
  list: action.of(actions.list, p.list, { preload: p.listPreload }),
  mine: action.of(actions.mine, p.mine, { preload: p.minePreload }),
  withdraw: action.of(actions.withdraw, p.withdraw, { preload: p.postPreload }),
  takeDown: action.of(actions.takeDown, p.takeDown, { preload: p.postPreload }),
  contact: action.of(actions.contact, p.contact, { preload: p.contactPreload }),
};

/** Timers (docs/jobs.md): `postJobs` marks posts past their last day as expired, then removes the photos nobody should see any more. */
const timers: Record<string, TimerDef> = {
  postJobs: { rule: 'the platform timer only', run: async () => ({ ...(await p.expirePosts()), ...(await p.sweepPostPhotos()) }) },
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
