/**
 * Cloud function `ticket`: residents' reports of neighbour disputes and community problems (诉求),
 * queued for the grid workers of the grid they fall in, and the case loop that follows (issue 9):
 * report → accept → handle (notes, coordination, return) → feedback → follow-up → close → rating.
 * This file is only its table: each action's contract (who, input, answer, errors, what it does) is
 * in contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { runJobs } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { pruneQuotas } from '../shared/quotas';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { preloadResident } from '../shared/staff';
import { autoCloseHandled } from './autoClose';
import { actions } from './contract';
import { markOverdue } from './overdue';
import { askRatings } from './ratingAsks';
import { postToRobots } from './robot';
import { ticketPreload } from './actions/answer';
import { board, similar } from './actions/board';
import { reportFor, reportForPreload, ticketsFor } from './actions/counter';
import { fileCase, fileCasePreload, merge } from './actions/file';
import { get, join, joinPreload, myTickets, rate } from './actions/follow';
import { hardCases, queue, queuePreload, workers } from './actions/queue';
import { report, reportPreload } from './actions/report';
import { accept, assign, close, coordinate, decideExtension, followUp, handle, note, remind, requestExtension, resume, returnTicket, supervise, suspend, verify } from './actions/steps';
import { pendingDecisions, volunteerTasks } from './actions/decisions';
import { inviteMediator, inviteMediatorPreload, mediators } from './actions/mediation';
import { resumeSuspensions } from './suspensions';
import { setSettings, settings } from './actions/settings';

const table = {
  // residents
  report: action.of(actions.report, report, { preload: reportPreload }),
  board: action.of(actions.board, board),
  similar: action.of(actions.similar, similar),
  join: action.of(actions.join, join, { preload: joinPreload }),
  myTickets: action.of(actions.myTickets, myTickets),
  get: action.of(actions.get, get, { preload: ticketPreload }),
  rate: action.of(actions.rate, rate, { preload: ticketPreload }),
  // grid workers and admins
  queue: action.of(actions.queue, queue, { preload: queuePreload }),
  accept: action.of(actions.accept, accept, { preload: ticketPreload }),
  note: action.of(actions.note, note, { preload: ticketPreload }),
  coordinate: action.of(actions.coordinate, coordinate, { preload: ticketPreload }),
  returnTicket: action.of(actions.returnTicket, returnTicket, { preload: ticketPreload }),
  handle: action.of(actions.handle, handle, { preload: ticketPreload }),
  followUp: action.of(actions.followUp, followUp, { preload: ticketPreload }),
  close: action.of(actions.close, close, { preload: ticketPreload }),
  merge: action.of(actions.merge, merge),
  fileCase: action.of(actions.fileCase, fileCase, { preload: fileCasePreload }),
  // the counter
  reportFor: action.of(actions.reportFor, reportFor, { preload: reportForPreload }),
  ticketsFor: action.of(actions.ticketsFor, ticketsFor, { preload: preloadResident }),
  // community admins
  hardCases: action.of(actions.hardCases, hardCases),
  workers: action.of(actions.workers, workers),
  assign: action.of(actions.assign, assign, { preload: ticketPreload }),
  supervise: action.of(actions.supervise, supervise, { preload: ticketPreload }),
  remind: action.of(actions.remind, remind, { preload: ticketPreload }),
  // issue 21: 延期, 挂起, 核查 (docs/case-loop-design.md §3)
  requestExtension: action.of(actions.requestExtension, requestExtension, { preload: ticketPreload }),
  decideExtension: action.of(actions.decideExtension, decideExtension, { preload: ticketPreload }),
  suspend: action.of(actions.suspend, suspend, { preload: ticketPreload }),
  resume: action.of(actions.resume, resume, { preload: ticketPreload }),
  verify: action.of(actions.verify, verify, { preload: ticketPreload }),
  pendingDecisions: action.of(actions.pendingDecisions, pendingDecisions),
  // issue 22: volunteers in the case loop (信息员 核查 above; 调解员 here)
  mediators: action.of(actions.mediators, mediators, { preload: ticketPreload }),
  inviteMediator: action.of(actions.inviteMediator, inviteMediator, { preload: inviteMediatorPreload }),
  volunteerTasks: action.of(actions.volunteerTasks, volunteerTasks),
  // time limits and canned replies (issue 21): staff read, admins set
  settings: action.of(actions.settings, settings),
  setSettings: action.of(actions.setSettings, setSettings),
};

/**
 * Timers. The platform runs one trigger per function (docs/jobs.md): config.json's `ticketJobs`
 * (every 10 minutes) runs every ticket job in turn within ONE time budget for the whole run
 * (`shared/budget.ts` `runJobs`, 8 s of the 20 s timeout, each job a fair share of what is left; a
 * backlog is finished over several runs); each is also a timer of its own name (its own 5 s).
 * `ticketJobs` answers the jobs' counts (each job's run time goes to the function's log).
 */
const timers: Record<string, TimerDef> = {
  ticketJobs: { rule: 'the platform timer only', run: () => runJobs([resumeSuspensions, markOverdue, postToRobots, autoCloseHandled, askRatings, () => pruneQuotas(clockNow())]) },
  resumeSuspensions: { rule: 'the platform timer only', run: resumeSuspensions },
  markOverdue: { rule: 'the platform timer only', run: markOverdue },
  autoClose: { rule: 'the platform timer only', run: autoCloseHandled },
  askRatings: { rule: 'the platform timer only', run: askRatings },
  postToRobots: { rule: 'the platform timer only', run: postToRobots },
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
