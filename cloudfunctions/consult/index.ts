/**
 * Cloud function `consult`: 有事来商量 (issue 20) — topics and household votes, meetings, opinions.
 * This file is only its table: each action's contract (who, input, answer, errors, what it does) is
 * in contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { runJobs } from '../shared/budget';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { actions } from './contract';
import { comment, commentPreload, comments, commentsPreload, hideComment } from './actions/comments';
import { cancel, decline, merge, myProposals, propose, proposePreload, schedule, second, topicPreload } from './actions/proposals';


const table = {
  // ─── topics and votes ─────────────────────────────────────────────────────────────────────
  // ─── proposals and discussion ───
  propose: action.of(actions.propose, propose, { preload: proposePreload }),
  second: action.of(actions.second, second, { preload: topicPreload }),
  myProposals: action.of(actions.myProposals, myProposals),
  schedule: action.of(actions.schedule, schedule, { preload: topicPreload }),
  merge: action.of(actions.merge, merge, { preload: topicPreload }),
  decline: action.of(actions.decline, decline, { preload: topicPreload }),
  cancel: action.of(actions.cancel, cancel, { preload: topicPreload }),
  comments: action.of(actions.comments, comments, { preload: commentsPreload }),
  comment: action.of(actions.comment, comment, { preload: commentPreload }),
  hideComment: action.of(actions.hideComment, hideComment),


  // ─── meetings ─────────────────────────────────────────────────────────────────────────────
  // ─── opinions ─────────────────────────────────────────────────────────────────────────────
};

/** The jobs of the one platform timer `consultJobs` (every 5 minutes), run in turn within one budget. */
const jobs: (() => Promise<object>)[] = [
  // topics: decide due topics · meetings: reminders the day before · opinions: mark overdue
];

/** Timers (docs/jobs.md): `consultJobs` runs every consult job within ONE time budget (`shared/budget.ts`). */
const timers: Record<string, TimerDef> = {
  consultJobs: { rule: 'the platform timer only', run: () => runJobs(jobs) },
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
