/**
 * Cloud function `consult`: 有事来商量 (issue 20) — topics and household votes, meetings, opinions.
 * This file is only its table: each action's contract (who, input, answer, errors, what it does) is
 * in contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { runJobs } from '../shared/budget';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { actions } from './contract';
import {
  acceptOpinion,
  answerOpinion,
  giveOpinion,
  giveOpinionFor,
  giveOpinionForPreload,
  giveOpinionPreload,
  listForStaff,
  myOpinions,
  opinion,
  overdueOpinions,
  rateOpinion,
  recordOpinions,
  resolveOpinion,
} from './actions/opinions';
import { markOverdueOpinions, preloadOpinion, sweepTicketedOpinions } from './opinions';

void action;
void actions;

const table = {
  // ─── topics and votes ─────────────────────────────────────────────────────────────────────
  // ─── proposals and discussion ───


  // ─── meetings ─────────────────────────────────────────────────────────────────────────────
  // ─── opinions ─────────────────────────────────────────────────────────────────────────────
  giveOpinion: action.of(actions.giveOpinion, giveOpinion, { preload: giveOpinionPreload }),
  giveOpinionFor: action.of(actions.giveOpinionFor, giveOpinionFor, { preload: giveOpinionForPreload }),
  recordOpinions: action.of(actions.recordOpinions, recordOpinions),
  opinions: action.of(actions.opinions, listForStaff),
  myOpinions: action.of(actions.myOpinions, myOpinions),
  opinion: action.of(actions.opinion, opinion, { preload: preloadOpinion }),
  acceptOpinion: action.of(actions.acceptOpinion, acceptOpinion, { preload: preloadOpinion }),
  resolveOpinion: action.of(actions.resolveOpinion, resolveOpinion, { preload: preloadOpinion }),
  answerOpinion: action.of(actions.answerOpinion, answerOpinion, { preload: preloadOpinion }),
  rateOpinion: action.of(actions.rateOpinion, rateOpinion, { preload: preloadOpinion }),
  overdueOpinions: action.of(actions.overdueOpinions, overdueOpinions),
};

/** The jobs of the one platform timer `consultJobs` (every 5 minutes), run in turn within one budget. */
const jobs: (() => Promise<object>)[] = [
  // topics: decide due topics · meetings: reminders the day before · opinions: mark overdue
  markOverdueOpinions,
  sweepTicketedOpinions,
];

/** Timers (docs/jobs.md): `consultJobs` runs every consult job within ONE time budget (`shared/budget.ts`). */
const timers: Record<string, TimerDef> = {
  consultJobs: { rule: 'the platform timer only', run: () => runJobs(jobs) },
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
