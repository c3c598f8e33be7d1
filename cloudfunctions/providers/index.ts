/**
 * Cloud function `providers`: trusted providers and referrals (找师傅, issue 22) — the community's
 * checked providers (家政, 家电维修, 管道疏通, …), a resident's ask for a referral, staff's 推荐 (the
 * resident told the name and phone in 消息), one rating per referral and the providers flagged by
 * poor ratings. This file is only its table: each action's contract is in contract.ts
 * (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import * as p from './actions/providers';

const table = {
  directory: action.of(actions.directory, p.directory),
  manage: action.of(actions.manage, p.manage),
  saveProvider: action.of(actions.saveProvider, p.saveProvider),
  deactivate: action.of(actions.deactivate, p.deactivate),
  askReferral: action.of(actions.askReferral, p.askReferral, { preload: p.preloadAsk }),
  refer: action.of(actions.refer, p.refer),
  rate: action.of(actions.rate, p.rate, { preload: p.preloadRate }),
  cancelReferral: action.of(actions.cancelReferral, p.cancelReferral),
  myReferrals: action.of(actions.myReferrals, p.myReferrals, { preload: p.preloadMine }),
  referrals: action.of(actions.referrals, p.referrals),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
