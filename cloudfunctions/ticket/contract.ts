/**
 * What the `ticket` function answers (type-only on the client; docs/api.md). Instants are ISO
 * strings; `date`s are local dates `YYYY-MM-DD` (Asia/Shanghai).
 *
 * Views of one ticket, by who asks — each derived from the one privacy table `domain/audience.ts`
 * (issue 16; docs/api.md "What each audience sees of a ticket"):
 * - {@link ResidentTicketView}: for its reporter and the neighbours who joined it (附议). Public
 *   steps only; never who reported (a joiner learns nothing about the reporter), never internal notes.
 * - {@link StaffTicketView}: for the grid workers of its grid and the community's admins. Everything,
 *   with the reporter's phone masked (138****1234) except for the assigned worker and admins.
 * - {@link SimilarTicket}: what a resident about to report sees of an open community problem at the
 *   same place: category, place, date and status — no text, no names, no counts; never a dispute.
 */
import type { Contracts } from '../shared/contract';
import type { TicketCategory, TicketEventType, TicketSource, TicketStatus } from '../shared/model';

export type { TicketCategory, TicketEventType, TicketSource, TicketStatus };

/** A reporter's verdict after closing (GLOSSARY: 满意 / 基本满意 / 不满意). */
export type Rating = 'satisfied' | 'fairlySatisfied' | 'unsatisfied';

/** Outside bodies a ticket is coordinated with (GLOSSARY: 物业, 综合行政执法队, 园林…). */
export type Department = 'propertyManager' | 'lawEnforcement' | 'parks' | 'other';

/** How a follow-up (回访) was made. */
export type FollowUpMethod = 'visit' | 'phone' | 'wechat';

/** Where a problem is: an estate and building of the community, or a spot (楼顶, 地下室楼道, 绿化带). */
export interface TicketPlace {
  estateId: string | null;
  estateName: string | null;
  building: string | null;
  unit: string | null;
  spot: string;
  /** `蓝天家园小区 7号楼 楼顶`: the place in words */
  text: string;
}

/** One step of a ticket's timeline. */
export interface TimelineStep {
  at: string;
  type: TicketEventType;
  /** `网格员 陈晓丹 已受理`: what a person reads */
  title: string;
  /** the note, result, agreement or comment, if any */
  note: string;
  /** staff views only: the actor's name (residents see roles, e.g. 网格员 陈晓丹, in the title) */
  actorName?: string;
  /** staff views only: false for internal notes, returns, reminders */
  public?: boolean;
}

/** A ticket as its reporter or a neighbour who joined it sees it. */
export interface ResidentTicketView {
  id: string;
  category: TicketCategory;
  categoryLabel: string;
  text: string;
  place: TicketPlace;
  status: TicketStatus;
  statusLabel: string;
  createdAt: string;
  /** `mine`: the caller reported it; `joined`: they joined it (附议) or their report was merged into it */
  relation: 'mine' | 'joined';
  /** who will help, in words: `网格员 陈晓丹`, or `社区` for a hard case with nobody assigned yet */
  helper: string;
  /** photo URLs (temporary), only for the reporter */
  photos: string[];
  timeline: TimelineStep[];
  /** the ticket this one was merged into (follow that one) */
  mergedIntoId: string | null;
  /** true when the caller (the reporter) may rate now */
  canRate: boolean;
  /** the ratings given so far (one per closing) */
  ratings: { rating: Rating; ratingLabel: string; comment: string; at: string }[];
  /** the reporter asked that the other party not learn who reported; null for a follower (the reporter's choice is not theirs to know) */
  anonymous: boolean | null;
}

/** What a worker may do with a ticket now (the buttons the detail page shows). */
export interface StaffActions {
  accept: boolean;
  note: boolean;
  coordinate: boolean;
  return: boolean;
  handle: boolean;
  followUp: boolean;
  close: boolean;
  merge: boolean;
  assign: boolean;
  supervise: boolean;
  remind: boolean;
}

/** A ticket as the grid workers of its grid and the community's admins see it. */
export interface StaffTicketView {
  id: string;
  category: TicketCategory;
  categoryLabel: string;
  text: string;
  place: TicketPlace;
  source: TicketSource;
  sourceLabel: string;
  status: TicketStatus;
  statusLabel: string;
  createdAt: string;
  gridId: string | null;
  gridCode: string | null;
  /** on the community's hard-case list (属地兜底: no grid, returned, or escalated when overdue) */
  hardCase: boolean;
  /** why it is a hard case, in words */
  hardCaseReason: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** the current deadline: accept by (pending), handle by (in progress), or the supervision deadline */
  dueAt: string | null;
  overdue: boolean;
  supervision: { deadline: string; note: string; byName: string } | null;
  reporter: { id: string; name: string; phone: string | null; phoneMasked: boolean } | null;
  /** there is a reporter, but this reader may not know who (a grid worker who has not accepted it) */
  reporterHidden: boolean;
  /** photos this reader may not see yet (shown once they accept it) */
  hiddenPhotos: number;
  /** who entered it, when not the reporter (代办 at the counter, or a worker's own find) */
  enteredBy: string | null;
  anonymous: boolean;
  followerCount: number;
  photos: string[];
  mergedIntoId: string | null;
  reworks: number;
  ratings: { rating: Rating; ratingLabel: string; comment: string; at: string }[];
  timeline: TimelineStep[];
  can: StaffActions;
}

/** One row of a worker's queue or the admin's hard-case list. */
export interface QueueItem {
  id: string;
  categoryLabel: string;
  summary: string;
  placeText: string;
  status: TicketStatus;
  statusLabel: string;
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  hardCase: boolean;
  assigneeName: string | null;
  supervised: boolean;
}

/** A waiting ticket in a worker's queue: `moreFromSameReporter` of the same reporter's wait unlisted (on the last one listed; else 0). */
export interface QueueRow extends QueueItem {
  moreFromSameReporter: number;
}

/**
 * `queue`: the caller's grids' waiting tickets — at most `perReporter` of one reporter's (issue 16:
 * a flood never hides another's report) — and their own open ones, overdue first, then oldest.
 * With `sameReporterAs` (a ticket id): all waiting tickets of that ticket's reporter, and no `mine`.
 */
export interface QueueView {
  waiting: QueueRow[];
  mine: QueueItem[];
  gridCodes: string[];
  /** more tickets wait than the `limit` most urgent listed in `waiting` */
  waitingLimited: boolean;
  limit: number;
  /** at most this many waiting tickets of one reporter are listed */
  perReporter: number;
  /** the ticket whose reporter's waiting tickets are listed (that request only) */
  sameReporterAs?: string;
}

/** An open ticket like the one a resident is about to report (same category, same place, last 30 days). */
export interface SimilarTicket {
  id: string;
  categoryLabel: string;
  placeText: string;
  reportedOn: string;
  statusLabel: string;
  /** the caller already reported or joined it */
  alreadyFollowing: boolean;
}

/**
 * One row of the public board (问题挂牌, `ticket.board`): a community problem and its progress,
 * anonymised — no text, no names, no photos (`domain/board.ts`). Dates are local `YYYY-MM-DD`.
 */
export interface BoardItem {
  id: string;
  categoryLabel: string;
  placeText: string;
  status: TicketStatus;
  statusLabel: string;
  reportedOn: string;
  /** past its deadline and still open */
  overdue: boolean;
  /** the community supervises it (挂牌督办) */
  supervised: boolean;
  steps: { label: string; on: string }[];
}

/** The counter's short view of a ticket (reportFor, ticketsFor). */
export interface TicketView {
  id: string;
  category: TicketCategory;
  categoryLabel: string;
  text: string;
  spot: string;
  status: TicketStatus;
  statusLabel: string;
  /** `G-LC-01`, or null when the community itself holds it */
  gridCode: string | null;
  /** the grid's workers, to tell the resident who will come */
  gridWorkerNames: string[];
  createdAt: string;
  reporterName: string;
  assisted: boolean;
  actorName: string;
  consentRecorded: boolean;
}

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('ticket', …)` from it, docs/api.md is generated from it.
 */
export const actions = {} satisfies Contracts;
