/**
 * Cloud function `consult`: 有事来商量 (issue 20) — topics and household votes, meetings, opinions.
 * This file is only its table: each action's contract (who, input, answer, errors, what it does) is
 * in contract.ts (docs/api.md), its handler in actions/; who may call what: docs/permissions.md.
 */
import { runJobs } from '../shared/budget';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { actions } from './contract';
import * as paper from './actions/paper';
import * as topicActions from './actions/topics';
import * as votes from './actions/votes';
import { comment, commentPreload, comments, commentsPreload, hideComment } from './actions/comments';
import { cancel, decline, merge, myProposals, propose, proposePreload, schedule, second, topicPreload } from './actions/proposals';
import * as meetings from './actions/meetings';
import { remindMeetings } from './meetingReminders';
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

const table = {
  // ─── topics and votes ─────────────────────────────────────────────────────────────────────
  create: action.of(actions.create, topicActions.create, { preload: topicActions.preloadCreate }),
  topics: action.of(actions.topics, topicActions.topics, { preload: topicActions.preloadTopics }),
  topic: action.of(actions.topic, topicActions.topic, { preload: topicActions.preloadTopicView }),
  vote: action.of(actions.vote, votes.vote, { preload: votes.preloadVote }),
  voteFor: action.of(actions.voteFor, votes.voteFor, { preload: votes.preloadVoteFor }),
  topicsFor: action.of(actions.topicsFor, votes.topicsFor, { preload: votes.preloadTopicsFor }),
  households: action.of(actions.households, topicActions.households, { preload: topicActions.preloadCreate }),
  setHouseholds: action.of(actions.setHouseholds, topicActions.setHouseholds),
  claimPaperRooms: action.of(actions.claimPaperRooms, paper.claimPaperRooms, { preload: paper.preloadPaper }),
  enterPaperCounts: action.of(actions.enterPaperCounts, paper.enterPaperCounts, { preload: paper.preloadPaper }),
  finishCounting: action.of(actions.finishCounting, topicActions.finishCounting, { preload: topicActions.preloadStaffTopic }),
  publish: action.of(actions.publish, topicActions.publish, { preload: topicActions.preloadStaffTopic }),
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
  meetings: action.of(actions.meetings, meetings.meetings),
  meeting: action.of(actions.meeting, meetings.meeting, { preload: meetings.preloadMeeting }),
  saveMeeting: action.of(actions.saveMeeting, meetings.saveMeeting, { preload: meetings.preloadSave }),
  announceMeeting: action.of(actions.announceMeeting, meetings.announceMeeting, { preload: meetings.preloadMeeting }),
  holdMeeting: action.of(actions.holdMeeting, meetings.holdMeeting, { preload: meetings.preloadMeeting }),
  cancelMeeting: action.of(actions.cancelMeeting, meetings.cancelMeeting, { preload: meetings.preloadMeeting }),
  signUp: action.of(actions.signUp, meetings.signUp, { preload: meetings.preloadMeeting }),
  cancelSignUp: action.of(actions.cancelSignUp, meetings.cancelSignUp, { preload: meetings.preloadMeeting }),
  mySignUps: action.of(actions.mySignUps, meetings.mySignUps),
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

/** The jobs of the one platform timer `consultJobs` (every 10 minutes), run in turn within one budget. */
const jobs: (() => Promise<object>)[] = [
  // topics: decide due topics · meetings: reminders the day before · opinions: mark overdue
  topicActions.decideDueTopics,
  remindMeetings,
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
