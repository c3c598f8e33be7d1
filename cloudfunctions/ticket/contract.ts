/**
 * The contract of the `ticket` function (issue 19): each action's caller kind, record rule, input
 * schema (built from `limits.ts`), answer type, errors and summary (`actions`), and the function's
 * notes (`about`). The router declares the actions from it (`index.ts`), the client types
 * `call('ticket', …)` from it (type-only: nothing ships), docs/api.md is generated from it.
 * Pure: zod and shared schemas, no SDK. Instants are ISO strings; `date`s are local dates
 * `YYYY-MM-DD` (Asia/Shanghai).
 *
 * Views of one ticket, by who asks — each derived from the one privacy table `shared/tickets/audience.ts`
 * (issue 16; docs/api.md "What each audience sees of a ticket"):
 * - {@link ResidentTicketView}: for its reporter and the neighbours who joined it (附议). Public
 *   steps only; never who reported (a joiner learns nothing about the reporter), never internal notes.
 * - {@link StaffTicketView}: for the grid workers of its grid and the community's admins. Everything,
 *   with the reporter's phone masked (138****1234) except for the assigned worker and admins.
 * - {@link SimilarTicket}: what a resident about to report sees of an open community problem at the
 *   same place: category, place, date and status — no text, no names, no counts; never a dispute.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { TicketCategory, TicketEventType, TicketSource, TicketStatus } from '../shared/model';
import { id, localDate, noFields, photoFileId, requestId, text } from '../shared/schemas';
import { spokenConsent } from '../shared/spokenConsent';
import { CATEGORIES } from '../shared/vocabulary/categories';
import { TICKET_LIMITS as L } from './limits';

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
  /** the date it is promised to be handled by (local `YYYY-MM-DD`: the handling deadline's date, moved by an approved extension); null while pending, suspended, handled or closed */
  promisedDate: string | null;
  /** suspended (挂起) until this local date; null when not suspended */
  suspendedUntil: string | null;
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
  /** 申请延期 (the assignee) */
  requestExtension: boolean;
  /** 审批延期 (an admin, a request waiting) */
  decideExtension: boolean;
  /** 挂起 */
  suspend: boolean;
  /** 恢复办理 */
  resume: boolean;
  /** 核查 (not the handler; a handled community problem not yet checked) */
  verify: boolean;
  /** 邀请调解员 (issue 22: the assignee of an open neighbour dispute) */
  inviteMediator: boolean;
}

/** 延期 as staff see it (issue 21): the latest request and its decision. Dates local, instants ISO. */
export interface ExtensionView {
  status: 'requested' | 'approved' | 'declined';
  untilDate: string;
  reason: string;
  byName: string;
  at: string;
  decidedByName: string | null;
  decidedAt: string | null;
  declineReason: string | null;
}

/** 挂起 as staff see it (issue 21). */
export interface SuspensionView {
  reason: string;
  untilDate: string;
  at: string;
  byName: string;
}

/** 核查 as staff see it (issue 21): the latest passed check since the handling. */
export interface VerificationView {
  passed: boolean;
  note: string;
  /** temporary URLs of the after-photos */
  photos: string[];
  byName: string;
  at: string;
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
  /** the opinion (意见建议) this ticket follows (issue 20), null when none */
  opinionId: string | null;
  reworks: number;
  ratings: { rating: Rating; ratingLabel: string; comment: string; at: string }[];
  timeline: TimelineStep[];
  can: StaffActions;
  /** 延期 (issue 21): the latest request and its decision, null when none was made */
  extension: ExtensionView | null;
  /** an extension was approved (left out of 按期结案率's denominator) */
  deferred: boolean;
  /** 挂起: null when not suspended (then `dueAt` is null too: the clock stands still) */
  suspension: SuspensionView | null;
  /** calendar days it stood suspended so far */
  suspendedDays: number;
  /** times it was returned (退单) to the community */
  returns: number;
  /** a community problem: closing it needs a passed check (核查) since the last handling */
  needsVerification: boolean;
  /** the passed check since the last handling, null when none */
  verification: VerificationView | null;
  /** times a failed check sent it back (重办) */
  verifyReworks: number;
}

/** `pendingDecisions`: what waits for the caller's decision on the desk (issue 21). */
/** A 调解员 the assignee may invite (`mediators`): an active mediator volunteer of the community. */
export interface MediatorOption {
  id: string;
  name: string;
  /** already on this ticket */
  invited: boolean;
}

/** What waits for a volunteer (`volunteerTasks`, issue 22): tickets to check (信息员) and disputes they were invited onto (调解员). */
export interface VolunteerTicketTasks {
  /** handled community problems not yet checked, as a 信息员 reads them (audience `informant`), oldest handling first; [] without the role */
  toVerify: StaffTicketView[];
  /** the disputes the caller was invited onto, as the assignee sees them (audience `mediator`), latest first; [] without the role */
  mediations: StaffTicketView[];
}

export interface PendingDecisions {
  /** waiting extension requests (admins only; [] for grid workers), oldest first */
  extensions: StaffTicketView[];
  /** handled community problems not yet checked that the caller may check, oldest handling first */
  toVerify: StaffTicketView[];
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


/** `board` (问题挂牌): the community's problems, anonymised, and how long a closed one stays listed. */
export interface BoardView {
  items: BoardItem[];
  /** closed problems stay on the board this many days */
  closedDays: number;
}

/** `get`: the resident's or the staff view, by who asks. */
export type TicketGet = { view: 'resident'; ticket: ResidentTicketView } | { view: 'staff'; ticket: StaffTicketView };

/** A grid worker an admin can assign to (`workers`). */
export interface WorkerOption {
  id: string;
  name: string;
  gridIds: string[];
}

/** A community's 常用语 (issue 21): `feedback` fills 反馈 (handle result) and 办结 (summary); `followUp` fills 回访 (what the reporter said). */
export interface CannedReplies {
  feedback: string[];
  followUp: string[];
}

/** `settings` / `setSettings` (issue 21): the community's ticket time limits and canned replies. */
export interface TicketSettingsView {
  /** the limit of every category, effective (the community's, else the default), in working days */
  handleDays: Record<TicketCategory, number>;
  /** the limit of a category the community sets none for, in working days */
  defaultHandleDays: number;
  cannedReplies: CannedReplies;
  /** this year and next: whether the holiday arrangement (放假安排) is known (else weekends and the statutory holidays only, no 调休) */
  calendar: { year: number; covered: boolean }[];
}

/**
 * The function's notes for docs/api.md (Markdown): what it is for, its statuses, routing, deadlines,
 * privacy table, notifications, round trips and timers — everything that is not one action's.
 */
export const about = `Residents' reports of neighbour disputes and community problems (诉求), queued for the grid workers of
the grid they fall in, and the case loop that follows (GLOSSARY; CJJ/T 106): report → accept → handle
(notes, coordination, return) → feedback → follow-up → close → rating. Types:
\`cloudfunctions/ticket/contract.ts\`; rules: \`cloudfunctions/ticket/domain/workflow.ts\`.

- **Statuses**: \`pending\` (in its grid's queue, or on the community's hard-case list) → \`inProgress\`
  (accepted, or assigned by an admin) → \`handled\` (result recorded) → \`closed\` (after a follow-up when
  there is a reporter). An unsatisfied rating sends a closed ticket back to \`inProgress\` once (返工); a
  return (退单) puts it back to \`pending\` on the hard-case list; \`merged\` is final.
- **Routing** (\`domain/routing.ts\`): the one grid covering the estate and building (or, for an
  estate-level spot such as 地下室楼道, the one grid covering the estate). No grid, or several → the
  community's hard-case list (\`hardCase\`, 属地兜底). The place is only what the person gave (never
  the reporter's home filled in): no estate → the hard-case list.
- **Deadlines** (\`shared/deadlines.ts\`): accept within 24 hours; handle within the category's limit
  (community setting \`tickets.handleDays\`, \`setSettings\`; default 5) counted in **working days** — the
  end of the n-th working day after acceptance, with China's public holidays and 调休 (\`shared/workdays.ts\`,
  docs/working-days.md); a supervision deadline replaces a later one. A ticket keeps the limit it was reported with. The \`markOverdue\` timer marks overdue tickets and puts them on the hard-case list; the
  \`autoClose\` timer closes tickets 7 days after handling when nobody closed them.
- **Every change is one conditional update** of the ticket document on its \`version\`, with its
  event(s) pushed onto \`events\` in the same write; a lost race re-reads and decides again.
- **Privacy**: residents see only tickets they reported or joined (\`ResidentTicketView\`: public steps,
  never the reporter, never internal notes); staff outside the ticket's grid and every other resident
  get \`TICKET.NOT_FOUND\`, exactly as for a ticket that does not exist. Phones are masked except for the
  assignee and admins. The whole rule is one table, below.
- **A place is only what the person gave** (issue 16): without an \`estateId\` nothing is filled in
  from the reporter's home — a spot outside the estates (\`{ spot: "龙堡街行道树" }\`) goes to the
  community's hard-case list (\`noGrid\`) and the board shows only the spot; a \`building\` or \`unit\`
  without an estate is \`TICKET.PLACE_NOT_FOUND\`. The report pages preselect the home building
  visibly for the person to confirm, and offer 小区外面.

### What each audience sees of a ticket

One table, \`cloudfunctions/shared/tickets/audience.ts\` (\`SEES\`); every answer is derived from it:
\`get\`, \`myTickets\`, \`join\`, \`rate\` (resident view), \`similar\`, \`board\`, \`queue\`/\`hardCases\` rows,
the staff view, \`reportFor\`/\`ticketsFor\` (the counter), the progress messages (\`notify.ts\`,
\`ratingAsks.ts\`) and the ledger's timeline (admins). Privacy is a property of the views, not of each
note: the first step of a counter report ("陈晓丹 在解忧铺代 李秀兰 反映（居民口头同意）") is stored as
written and shown only to whom may see the counter's record. \`test/domain/ticket-privacy.property.test.ts\`
checks it for random tickets and every audience; \`test/functions/ticket-privacy.test.ts\` through the SDK.

| what | reporter | follower (joined, or merged in) | any other resident (the reported neighbour too) | assignee | other workers of its grid | admin | public board | counter (\`reportFor\`, \`ticketsFor\`) |
|---|---|---|---|---|---|---|---|---|
| the ticket at all | ✓ | ✓ | community problems only, as \`similar\` rows (category, place, date, status); a dispute or 其他: nothing, \`join\` → \`TICKET.NOT_FOUND\` | ✓ | ✓ | ✓ | community problems only | the resident's own reports |
| category, place, status, dates | ✓ | ✓ | (as above) | ✓ | ✓ | ✓ | ✓ | ✓ |
| public steps (受理, 协调, 处理, 回访, 办结, 督办…) | ✓ | ✓ | — | ✓ | ✓ | ✓ | in words, no names | — |
| staff's public words on them (result, agreement, public note, summary) | ✓ | ✓ | — | ✓ | ✓ | ✓ | — | — |
| workers' names | ✓ | ✓ | — | ✓ | ✓ | ✓ | — | ✓ |
| who reported (name, id) | ✓ | — | — | ✓ | — (受理以后才能看到; the steps they took read 反映人) | ✓ | — | ✓ |
| the reporter's phone | — | — | — | in full | — | in full | — | — |
| what the reporter said: text, follow-up words (\`reporterSaid\`), ratings and comments, the rework they caused | ✓ | — | — | ✓ | ✓ | ✓ | — | ✓ |
| the reporter's photos | ✓ | — | — | ✓ | — (how many; the files sit in the reporter's folder) | ✓ | — | ✓ |
| the counter's record (who entered it for whom, consent and its note) | ✓ | — | — | ✓ | — | ✓ | — | ✓ |
| internal notes, returns, reminders, escalations, who joined, follower count | — | — | — | ✓ | ✓ | ✓ | — | — |

The grid's WeCom group robot (\`robot\` audience, issue 18; docs/robots.md) reads what the public board
reads of a community problem (category, place, status and times; no steps' words, no names) and of a
dispute or 其他 only its category and grid.

A grid worker who has not accepted a ticket knows what the problem is and where, not who reported it
(DESIGN.md: "a reporter's identity and phone are visible to the assigned worker and admins only"); the
staff view says so (\`reporterHidden\`, \`hiddenPhotos\`) and accepting it shows everything — the
acceptance is itself a step everyone handling the ticket sees.
Staff of the community outside the ticket's grid, and everyone of another community: nothing
(\`TICKET.NOT_FOUND\`). Messages: a follower is told 受理 (with the worker's name), 已处理, 已办结 —
never "we will call you back" or "please rate", which are the reporter's. Only community problems
are "me too": a second report of the same dispute is filed on its own and staff \`merge\` them (the
second reporter then follows the first as a follower).
- **Words** pass \`security.msgSecCheck\` v2 (as the caller) before anything is stored
  (\`COMMON.TEXT_REJECTED\`). **Photos** are cloud fileIDs under \`tickets/<the caller's users._id>/\`,
  of the function's own cloud environment (else \`COMMON.FORBIDDEN\`, nothing written), at most 3; shown by temporary URL to the reporter and the staff who see the ticket.
- **Notifications**: a subscribe message (template \`KIOSK_TICKET_TEMPLATE_ID\`; fields thing1 问题,
  phrase2 进度, thing3 说明, time4 时间) to the reporter and followers when a ticket is accepted or
  assigned, handled and closed; a failed send never fails the action.

\`category\` ∈ \`noise\` 噪音扰民, \`animals\` 饲养动物扰民, \`encroachment\` 占用公共空间, \`illegalStructure\` 违章搭建
(邻里纠纷); \`sanitation\` 环境卫生, \`greenery\` 绿化, \`facilities\` 公共设施损坏, \`roads\` 道路破损, \`safety\` 安全隐患
(社区问题); \`other\` 其他. \`where\` = \`{ estateId?: id, building?: 1–20, unit?: 1–20, spot?: ≤50 }\`.
Dates are local \`YYYY-MM-DD\`.

Every text passes msgSecCheck first (\`COMMON.TEXT_REJECTED\`). Round trips (\`npm run bench\`, and
\`test/functions/ticket-flow.test.ts\`): report ≤ 4, accept ≤ 3 (2 without a race), queue ≤ 2, get ≤ 3.

### The new steps of the loop (issue 21; docs/case-loop-design.md §3)
The status stays one of the five; the new states are fields. **延期**: the assignee asks
(\`requestExtension\`, internal), an admin approves — the deadline becomes the end of the date asked,
\`deferred: true\` (按期结案率 leaves it out), the reporter and followers are told the new date — or
declines with the reason (internal); the assignee is told either way. **挂起**: the assignee or an
admin suspends an in-progress ticket with a reason and a return date (≤ 60 days): \`dueAt\` is null
(never overdue, never escalated) until \`resume\` or the \`resumeSuspensions\` timer on that date moves
the deadline on by the working days it stood still; \`handle\` while suspended ends it; the reporter
and followers are told of both. **退单** counts (\`returns\`); residents read the step as
「转社区统一协调」, never the reason. **核查**: a handled community problem (not a dispute) closes only
after someone other than its handler — an admin, or a grid worker of the community who neither holds
nor handled it — checked it on site (\`verify\`, \`TICKET.VERIFY_REQUIRED\` otherwise; \`autoClose\` waits
for it too); a failed check sends it back (重办: \`inProgress\`, a new deadline, follow-ups reset).
\`pendingDecisions\` lists what waits on the desk. The resident view gains \`promisedDate\` and
\`suspendedUntil\`; the staff view the extension, suspension, returns and check, and \`can\` flags for each.
Round trips (test/functions/ticket-loop.test.ts): requestExtension ≤ 3, decideExtension ≤ 8 (the
reporter's and the assignee's 消息 and consent), suspend, resume ≤ 5, verify ≤ 3 (a check tells
nobody), pendingDecisions ≤ 2.

### Timers (config.json trigger \`ticketJobs\`, every 10 minutes; docs/jobs.md)
\`ticketJobs\` runs \`resumeSuspensions\` (issue 21) and the three jobs below in turn, then removes expired daily-quota documents
(\`quotas\` whose \`expireAt\` has passed, \`shared/quotas.ts\`), and answers \`{ escalated, autoClosed, ratingAsked,
delivered, quotasRemoved }\` (and \`resumed\`). Each is also a timer of its own name. A second run of any changes nothing.

#### \`resumeSuspensions\` (issue 21)
Runs first in \`ticketJobs\`. Every suspended ticket whose return date (\`suspension.untilDate\`, local)
has come is resumed by the timer (the \`resume\` rule: the deadline moves on by the working days it
stood still, \`suspendedDays\` adds the calendar days, a public \`resumed\` event with
\`detail: { auto: true, days, workingDays, dueDate }\`), and its reporter and followers are told
(恢复办理). Answer \`{ resumed: n }\`.

#### \`markOverdue\`
Every open ticket (\`pending\`, \`inProgress\`) past its \`dueAt\` is marked \`overdue\` and put on the
hard-case list, with an internal \`escalated\` event. Answer \`{ escalated: n }\`.

#### \`postToRobots\` (issue 18)
Runs in \`ticketJobs\` right after \`markOverdue\`. For each grid with a WeCom group robot
(\`account.setGridRobot\`): the grid's waiting new tickets, tickets marked overdue and tickets under
督办 since the robot was set are queued once each (\`robotPosts\`, \`_id\` = the fact) and posted as one
markdown message per up to 10 (at most 3 messages per robot per run); a timeout (3 s) or a refusal
leaves them for the next run; \`errcode 0\` marks them sent for good. What a post may say is the
\`robot\` audience of \`shared/tickets/audience.ts\`: a community problem's category, place and times; a
dispute's or 其他's category and grid only. Answer \`{ robotQueued, robotPosted, robotFailed }\`.
docs/robots.md.

#### \`autoClose\`
Every ticket \`handled\` at least 7 days ago (the follow-up window, \`domain/autoClose.ts\`) and not
closed — a community problem only once a passed check (核查) is recorded (issue 21) — is closed by the timer: status \`closed\`, \`closedOnTime\` = \`handledOnTime\`, a public \`closed\`
event with \`actorRole: "timer"\`, note 「处理后 7 天回访期已满，系统自动办结」 and \`detail: { auto: true,
followUps }\`. One conditional update on the ticket's version: when a worker's \`close\` lands first
the timer leaves it (and a worker whose \`close\` comes second gets \`TICKET.WRONG_STATE\`).
Answer \`{ autoClosed: n }\`.

#### \`askRatings\`
The reporter of every \`closed\` ticket without a rating for its latest closing is asked once, 4 hours
or more after the closing, between 09:00 and 20:00 local, within 7 days: the ticket is claimed
(\`ratingAskClaim\`), the ask stored in the reporter's 消息 and sent as the progress message if they have
a send left (\`ticketProgress\`, phrase2 \`请评价\`, opening the ticket's page), and only then is
\`ratingAskedAt\` set — delivered, or final without WeChat (no send left, 43101). A transient failure
drops the claim; the next run asks again (\`retryLater\`). Messages older than 180 days are removed
(\`messagesPruned\`). Answer \`{ ratingAsked, delivered, retryLater, messagesPruned }\`.
`;

// ─── inputs ────────────────────────────────────────────────────────────────────────────────

const category = z.enum(CATEGORIES as [TicketCategory, ...TicketCategory[]]);

/** A place of the caller's community: an estate, optionally a building and unit of it, and a spot (楼顶, 地下室楼道, 绿化带). */
const where = z
  .object({ estateId: id.optional(), building: text(1, L.where.building).optional(), unit: text(1, L.where.unit).optional(), spot: text(0, L.where.spot).optional() })
  .strict();

/** Photos uploaded to cloud storage by the caller: `cloud://<env>.<bucket>/tickets/<users._id>/<name>` (shared/photos.ts). */
const photos = z.array(photoFileId).max(L.photos);

const cannedList = z.array(text(L.cannedReply.min, L.cannedReply.max)).max(L.cannedReply.count);

const ticketRef = z.object({ ticketId: id }).strict();
const withTicket = <T extends z.ZodRawShape>(shape: T) => z.object({ ticketId: id, ...shape }).strict();
const multiline = (l: { min: number; max: number }) => text(l.min, l.max, { multiline: true });

/** Where a problem staff file came from (`fileCase`): 自己找, 互相帮; admins also 组织议, 上级点. */
export type FileCaseSource = 'selfFound' | 'organisationDiscussion' | 'superiorAssigned' | 'mutualHelp';
/** Where a problem is, as the forms send it (`where` of report, similar, fileCase, reportFor). */
export type TicketWhere = z.input<typeof where>;

const STAFF_RULE = "a ticket of the caller's community: its grid's workers and assignee see it, admins see all; working it: the assignee or an admin";
const RESIDENTS = 'Residents (any registered person, in their own community)';
const STAFF = "Grid workers and admins (staff of the ticket's community)";
const COUNTER = 'Counter (代办)';
/** The errors of every workflow step on a ticket (`changes.ts`: a conflict retried until it gives up). */
const STEP_ERRORS = ['TICKET.NOT_FOUND', 'TICKET.WRONG_STATE', 'COMMON.TEXT_REJECTED', 'COMMON.BUSY'] as const;

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('ticket', …)` from it, docs/api.md is generated from it.
 */
export const actions = {
  // ─── residents ───
  report: contract<ResidentTicketView>()({
    who: 'registered',
    familyProxy: true,
    rule: "the place is in the caller's own community; photos are the caller's own uploads; residents: at most 10 reports and 15 photos a day (COMMON.TOO_MANY)",
    input: z.object({ category, text: multiline(L.text), where: where.optional(), photos: photos.default([]), anonymous: z.boolean().default(true), requestId }).strict(),
    group: RESIDENTS,
    summary: `A resident reports a problem; anonymous by default (the other party is not told who reported). Answers their view of the new ticket; a repeated \`requestId\` returns the first ticket.
\`COMMON.FORBIDDEN\`: another person's photo, or one of another cloud environment. \`COMMON.TOO_MANY\`: residents may make 10 reports and attach 15 photos a day; a full day is refused before anything else.`,
    errors: ['TICKET.PLACE_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN', 'COMMON.REQUEST_REUSED', 'COMMON.TOO_MANY'],
  }),
  board: contract<BoardView>()({
    who: 'registered',
    rule: "the caller's own community; community problems only, anonymised (no words, names or photos)",
    input: noFields,
    group: RESIDENTS,
    summary: `问题挂牌: the caller's community's community problems (环境卫生, 绿化, 公共设施损坏, 道路破损, 安全隐患 — never neighbour disputes or 其他) that are open or closed in the last 30 days (\`closedDays: 30\`), newest first (≤ 100): category, place, status, date reported, overdue, supervised, and the public steps in words without names (\`ticket/domain/board.ts\`); no text, names, photos or followers.`,
    errors: [],
  }),
  similar: contract<SimilarTicket[]>()({
    who: 'registered',
    rule: "open community problems (never disputes) of the caller's own community at the place given; no text, names or counts",
    input: z.object({ category, where: where.optional() }).strict(),
    group: RESIDENTS,
    summary: `Open community problems of the category at the estate (and building) given, from the last 30 days — category, place, date, status; no text, names or counts. A dispute or 其他, or no \`where.estateId\`: \`[]\` (nothing is looked up from the caller's home).`,
    errors: [],
  }),
  join: contract<ResidentTicketView>()({
    who: 'registered',
    rule: "an open community problem of the caller's own community (a dispute: TICKET.NOT_FOUND, as a missing ticket); residents: at most 20 joins a day (COMMON.TOO_MANY)",
    input: ticketRef,
    group: RESIDENTS,
    summary: `附议 (我也遇到了): follow an open ticket instead of filing a duplicate. Answers \`relation: "joined"\`: progress only (see the table above), \`anonymous: null\`.
\`TICKET.NOT_FOUND\` also for any dispute or 其他 the caller did not report, whatever its state; \`TICKET.WRONG_STATE\`: closed; \`COMMON.FORBIDDEN\`: staff; \`COMMON.TOO_MANY\`: 20 joins a day. 3 round trips in all (issue 18).`,
    errors: ['TICKET.NOT_FOUND', 'TICKET.ALREADY_FOLLOWING', 'TICKET.WRONG_STATE', 'COMMON.FORBIDDEN', 'COMMON.TOO_MANY', 'COMMON.BUSY'],
  }),
  myTickets: contract<ResidentTicketView[]>()({
    who: 'registered',
    familyProxy: true,
    rule: '',
    input: noFields,
    group: RESIDENTS,
    summary: 'The tickets the caller reported, joined, or whose report was merged into them, newest first. 2 round trips with the caller (one aggregation with the grids\' workers\' names).',
    errors: [],
  }),
  get: contract<TicketGet>()({
    who: 'registered',
    familyProxy: true,
    rule: 'its reporter and the neighbours who joined it (public steps); its grid workers, assignee and admins (everything)',
    input: ticketRef,
    group: RESIDENTS,
    summary: 'One ticket: `{ view: "resident", ticket: ResidentTicketView }` for its reporter and followers, or, for its grid\'s workers, assignee and admins, `{ view: "staff", ticket: StaffTicketView }`. Anyone else: `TICKET.NOT_FOUND`.',
    errors: ['TICKET.NOT_FOUND'],
  }),
  rate: contract<ResidentTicketView>()({
    who: 'registered',
    rule: 'its reporter only, once per closing',
    input: withTicket({ rating: z.enum(['satisfied', 'fairlySatisfied', 'unsatisfied']), comment: multiline(L.comment).default('') }),
    group: RESIDENTS,
    summary: 'The reporter rates a closed ticket (满意 / 基本满意 / 不满意). 不满意 the first time sends it back to `inProgress` (返工). `TICKET.NOT_FOUND`: not the reporter.',
    errors: ['TICKET.NOT_FOUND', 'TICKET.NOT_RATABLE', 'TICKET.ALREADY_RATED', 'COMMON.TEXT_REJECTED', 'COMMON.BUSY'],
  }),

  // ─── grid workers (and admins) ───
  queue: contract<QueueView>()({
    who: 'staff',
    rule: "the caller's grids' waiting tickets, at most 3 per reporter; sameReporterAs: a waiting ticket of those grids",
    input: z.object({ sameReporterAs: id.optional() }).strict(),
    group: STAFF,
    summary: `Their grids' pending tickets and their own open ones, by deadline (overdue first, then oldest); \`limit: 200\`, \`perReporter: 3\`.
**Fair per reporter** (issue 16): \`waiting\` holds at most 3 of one reporter's tickets (their most urgent; tickets without a reporter are never folded), and the last one listed carries \`moreFromSameReporter\` (how many more of theirs wait; 0 elsewhere), so one person's flood never hides another's new report. With \`sameReporterAs\` (a waiting ticket of the caller's grids, else \`TICKET.NOT_FOUND\`): every waiting ticket of that ticket's reporter (≤ 200), \`mine: []\`. One aggregation (\`ticket/queue.ts\`): 2 round trips with the caller.`,
    errors: ['TICKET.NOT_FOUND'],
  }),
  accept: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: ticketRef,
    group: STAFF,
    summary: '受理: a grid worker of its grid takes the ticket (admins assign: `COMMON.FORBIDDEN`). `TICKET.ALREADY_ACCEPTED` carries `details.assigneeName`: who has it. Each step of this group answers the caller\'s `StaffTicketView` (with `can`: the actions allowed now).',
    errors: ['TICKET.NOT_FOUND', 'TICKET.ALREADY_ACCEPTED', 'TICKET.WRONG_STATE', 'COMMON.FORBIDDEN', 'COMMON.BUSY'],
  }),
  note: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: withTicket({ text: multiline(L.note), public: z.boolean().default(false) }),
    group: STAFF,
    summary: 'A note by the assignee or an admin; `public` (default false: internal) makes it a step the reporter and followers read.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE'],
  }),
  coordinate: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: withTicket({
      department: z.enum(['propertyManager', 'lawEnforcement', 'parks', 'other']),
      departmentName: text(L.departmentName.min, L.departmentName.max).optional(),
      contact: text(L.contact.min, L.contact.max),
      agreed: multiline(L.agreed),
      by: localDate,
    }),
    group: STAFF,
    summary: '协调: the assignee or an admin records which department (物业, 执法队, 园林, other with its name) was contacted, the contact, what was agreed and by when.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE'],
  }),
  returnTicket: contract<StaffTicketView>()({
    who: 'staff',
    rule: "a waiting ticket of the caller's grid, or one the caller accepted",
    input: withTicket({ reason: multiline(L.reason) }),
    group: STAFF,
    summary: '退单: the assignee, or a worker of its grid while it is pending, returns it to the community: `pending` on the hard-case list. The answer is the view of what they did, even though the ticket has left their grid.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE'],
  }),
  handle: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: withTicket({ result: multiline(L.result) }),
    group: STAFF,
    summary: '反馈: the assignee or an admin records the result: `handled`.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE'],
  }),
  followUp: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: withTicket({ date: localDate, method: z.enum(['visit', 'phone', 'wechat']), reporterSaid: multiline(L.reporterSaid) }),
    group: STAFF,
    summary: '回访: the assignee or an admin records a follow-up with the reporter (`date` ≤ today, else `TICKET.DEADLINE_INVALID`); a ticket without a reporter: `TICKET.WRONG_STATE`.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.DEADLINE_INVALID'],
  }),
  close: contract<StaffTicketView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: withTicket({ summary: multiline(L.summary).default('') }),
    group: STAFF,
    summary: '办结: the assignee or an admin closes it; with a reporter, only after a follow-up (`TICKET.FOLLOW_UP_REQUIRED`). A community problem (not a dispute) only after a passed check (核查) since the last handling (`TICKET.VERIFY_REQUIRED`, issue 21). A second `close` after the `autoClose` timer: `TICKET.WRONG_STATE`.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.FOLLOW_UP_REQUIRED', 'TICKET.VERIFY_REQUIRED'],
  }),
  merge: contract<StaffTicketView>()({
    who: 'staff',
    rule: "both tickets open, in the caller's community, and seen by the caller as staff",
    input: withTicket({ intoId: id }),
    group: STAFF,
    summary: '并单: the duplicate `ticketId` is merged into `intoId` (`merged`, final); its reporter and followers follow the other. Answers the view of the ticket merged into.',
    errors: ['TICKET.NOT_FOUND', 'TICKET.MERGE_INVALID', 'COMMON.BUSY'],
  }),
  fileCase: contract<StaffTicketView>()({
    who: 'staff',
    rule: "the place (and the resident, if any) in the caller's community; 上级点/组织议 only by admins",
    input: z
      .object({
        source: z.enum(['selfFound', 'organisationDiscussion', 'superiorAssigned', 'mutualHelp']),
        category,
        text: multiline(L.text),
        where,
        residentId: id.optional(),
        photos: photos.default([]),
        /** 转工单 (issue 20): the opinion (意见建议) this ticket follows */
        opinionId: id.optional(),
        /** 入户走访 / 巡查 (issue 21): the caller's own visit or patrol on which the problem was found (source selfFound) */
        visitId: id.optional(),
        patrolId: id.optional(),
        requestId,
      })
      .strict(),
    group: STAFF,
    summary: '登记我发现的问题: staff file a problem they found (自己找), or one of 互相帮; admins also one an organisation decided (组织议) or a superior assigned (上级点), else `TICKET.SOURCE_NOT_ALLOWED`. Optionally naming the resident it concerns (then its reporter). Answers the staff view of the new ticket; a repeated `requestId` returns the first.\n转工单 (issue 20): with `opinionId` (an `open` or `accepted` opinion of the community, else `CONSULT.OPINION_NOT_FOUND` / `CONSULT.OPINION_WRONG_STATE`) the ticket follows the opinion: its source is the opinion\'s — 组织议 (`organisationDiscussion`) for one given at a meeting, else 群众提 (`residentReport`) — whatever `source` says, and the admin-only rule applies only to the `source` sent; the ticket gets `opinionId`, the opinion `ticketId` and status `ticketed` (`shared/consultation/opinionLink.ts`; a retry with the same `requestId` links once). Closing the ticket resolves the opinion with the closing summary; a rework sets it back to `ticketed`.\n入户走访 / 巡查 (issue 21): with `visitId` or `patrolId` (one of them, not with `opinionId`, with `source: \'selfFound\'`; the caller\'s own visit or patrol in the community, else `ROUNDS.LINK_NOT_FOUND`) the ticket gets that id and the visit\'s or patrol\'s `ticketIds` lists the ticket (`shared/rounds/link.ts`; a retry with the same `requestId` lists it once).',
    errors: ['TICKET.SOURCE_NOT_ALLOWED', 'TICKET.PLACE_NOT_FOUND', 'COUNTER.RESIDENT_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN', 'COMMON.REQUEST_REUSED', 'CONSULT.OPINION_NOT_FOUND', 'CONSULT.OPINION_WRONG_STATE', 'ROUNDS.LINK_NOT_FOUND'],
  }),

  // ─── community admins ───
  hardCases: contract<QueueItem[]>()({
    who: 'admin',
    rule: "the caller's own community",
    input: noFields,
    group: STAFF,
    summary: "The community's open hard cases (属地兜底), by deadline (≤ 200).",
    errors: [],
  }),
  workers: contract<WorkerOption[]>()({
    who: 'admin',
    rule: "the caller's own community",
    input: noFields,
    group: STAFF,
    summary: "The community's grid workers, to assign a ticket to.",
    errors: [],
  }),
  assign: contract<StaffTicketView>()({
    who: 'admin',
    rule: "a ticket and a grid worker of the caller's own community",
    input: withTicket({ workerId: id }),
    group: STAFF,
    summary: '指派: an admin gives the ticket to a grid worker of the community: `inProgress`.',
    errors: [...STEP_ERRORS, 'TICKET.WORKER_NOT_FOUND'],
  }),
  supervise: contract<StaffTicketView>()({
    who: 'admin',
    rule: "an open ticket of the caller's own community",
    input: withTicket({ deadline: localDate, note: multiline(L.adminNote) }),
    group: STAFF,
    summary: '督办: an admin sets a deadline (≥ today, else `TICKET.DEADLINE_INVALID`), which replaces a later one, with what they ask.',
    errors: [...STEP_ERRORS, 'TICKET.DEADLINE_INVALID'],
  }),
  settings: contract<TicketSettingsView>()({
    who: 'staff',
    rule: "the caller's own community",
    input: noFields,
    group: STAFF,
    summary: 'The community\'s ticket settings (issue 21; the console page 办理时限与常用语, and the desk\'s 常用语): each category\'s time limit in working days (the community\'s, else `defaultHandleDays`), the canned replies, and for this year and next whether the holiday arrangement is known (`calendar`; an unknown year counts weekends and the statutory holidays only). 1 round trip (the community comes with the caller).',
    errors: [],
  }),
  setSettings: contract<TicketSettingsView>()({
    who: 'admin',
    rule: "the caller's own community",
    input: z
      .object({
        handleDays: z.record(category, z.number().int().min(L.handleDays.min).max(L.handleDays.max)).optional(),
        cannedReplies: z.object({ feedback: cannedList, followUp: cannedList }).strict().optional(),
      })
      .strict(),
    group: STAFF,
    summary: `Sets categories' time limits (\`handleDays\` keyed by \`category\`, 1–60 working days each; an unknown category: \`COMMON.INVALID_INPUT\`; the categories not sent keep theirs) and/or replaces the canned replies (each list ≤ 20 texts of 2–100 characters, trimmed; repeats dropped). One update of the community document; answers the settings as \`settings\` does. Tickets already reported keep their limit; new ones get the new one. The replies pass msgSecCheck (\`COMMON.TEXT_REJECTED\`, nothing written). 2 round trips (+1 for the text check).`,
    errors: ['COMMON.TEXT_REJECTED'],
  }),
  remind: contract<StaffTicketView>()({
    who: 'admin',
    rule: "an open ticket of the caller's own community",
    input: withTicket({ note: multiline(L.adminNote) }),
    group: STAFF,
    summary: '催办: an admin reminds the assignee (an internal step).',
    errors: [...STEP_ERRORS],
  }),

  // ─── issue 21: 延期, 挂起, 核查 (docs/case-loop-design.md §3) ───
  requestExtension: contract<StaffTicketView>()({
    who: 'staff',
    rule: 'the assignee of an in-progress ticket that is not suspended and has no request waiting',
    input: withTicket({ untilDate: localDate, reason: multiline(L.extensionReason) }),
    group: STAFF,
    summary: `申请延期: the assignee asks for a later deadline — \`untilDate\` after the current deadline's date and at most ${L.maxDaysAhead} days from today (else \`TICKET.DEADLINE_INVALID\`), with the reason. An internal \`extensionRequested\` step; the admins find it in \`pendingDecisions\`. A second request while one waits: \`TICKET.EXTENSION_PENDING\`; suspended: \`TICKET.SUSPENDED\`; an admin or another worker: \`TICKET.NOT_ASSIGNEE\`.`,
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.EXTENSION_PENDING', 'TICKET.SUSPENDED', 'TICKET.DEADLINE_INVALID'],
  }),
  decideExtension: contract<StaffTicketView>()({
    who: 'admin',
    rule: "a ticket of the caller's own community with an extension request waiting",
    input: withTicket({ approve: z.boolean(), reason: multiline(L.extensionReason).optional() }).refine((v) => v.approve || !!v.reason, { message: '不批准请写明原因', path: ['reason'] }),
    group: STAFF,
    summary: '审批延期: an admin approves (the deadline becomes the end of `untilDate`, `deferred: true`, no longer overdue; a public `extended` step 「办理期限延至 …」; the reporter and followers are told the new date) or declines (`reason` required, else `COMMON.INVALID_INPUT`; an internal `extensionDeclined` step). The assignee is told either way. No request waiting (or decided already by another admin): `TICKET.WRONG_STATE`.',
    errors: [...STEP_ERRORS],
  }),
  suspend: contract<StaffTicketView>()({
    who: 'staff',
    rule: 'the assignee or an admin; an in-progress ticket that is not suspended',
    input: withTicket({ reason: multiline(L.suspendReason), untilDate: localDate }),
    group: STAFF,
    summary: `挂起: the clock stops (\`dueAt: null\`, not overdue, never escalated) until \`untilDate\` (after today, at most ${L.maxDaysAhead} days ahead, else \`TICKET.DEADLINE_INVALID\`), when the timer resumes it. A public \`suspended\` step; the reporter and followers are told why and until when. Already suspended: \`TICKET.SUSPENDED\`.`,
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.SUSPENDED', 'TICKET.DEADLINE_INVALID'],
  }),
  resume: contract<StaffTicketView>()({
    who: 'staff',
    rule: 'the assignee or an admin; a suspended ticket',
    input: ticketRef,
    group: STAFF,
    summary: '恢复办理: the clock restarts where it stopped — the deadline moves by the working days it stood still (`shared/deadlines.ts` `addWorkingDays`), `suspendedDays` adds the calendar days. A public `resumed` step; the reporter and followers are told. The `resumeSuspensions` timer does the same on `untilDate`. Not suspended: `TICKET.NOT_SUSPENDED`.',
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.NOT_SUSPENDED'],
  }),
  verify: contract<StaffTicketView>()({
    who: 'registered',
    rule: "an admin, a grid worker, or an active 信息员 volunteer (issue 22) of the ticket's community who neither holds it nor recorded its handling; a handled community problem not yet checked",
    input: withTicket({ passed: z.boolean(), note: multiline(L.verifyNote).default(''), photos: z.array(photoFileId).max(L.verifyPhotos).default([]) }).refine((v) => v.passed || [...v.note].length >= L.verifyNote.failedMin, { message: '没通过请写明原因', path: ['note'] }),
    group: STAFF,
    summary: '核查: someone other than the handler checks a handled community problem (not a dispute) on site, with after-photos (the caller\'s own uploads under `tickets/<users._id>/`). Passed: `verification` is set and the ticket may be closed (a public `verified` step). Failed (`note` required, else `COMMON.INVALID_INPUT`): back to `inProgress` (重办), a new handling deadline, follow-ups reset, `verifyReworks + 1`; public `verified` (`detail.passed: false`) and `rework` (`detail.by: "verification"`) steps. The assignee or the one who recorded the handling: `TICKET.SELF_VERIFY`; a worker of another community: `TICKET.NOT_FOUND`. A 信息员 volunteer (解忧智囊团, issue 22) may check too: their answer is the `informant` view (the problem and its public steps, never who reported it), and they are credited 30 minutes (`volunteerHours` `verification:<ticketId>:<userId>`, once); any other resident: `TICKET.NOT_FOUND`.',
    errors: [...STEP_ERRORS, 'TICKET.SELF_VERIFY', 'COMMON.FORBIDDEN'],
  }),
  pendingDecisions: contract<PendingDecisions>()({
    who: 'staff',
    rule: "the caller's own community: admins get waiting extension requests and tickets to check; grid workers the tickets to check that are not theirs",
    input: noFields,
    group: STAFF,
    summary: 'What waits for the caller on the desk (each ≤ 100): `extensions` (admins: tickets with an extension request waiting, oldest first) and `toVerify` (handled community problems without a passed check since the handling, that the caller may check — for a grid worker, none they hold or handled). 2 round trips with the caller.',
    errors: [],
  }),

  // ─── volunteers in the case loop (issue 22; docs/everyday-services-design.md §4) ───
  mediators: contract<MediatorOption[]>()({
    who: 'staff',
    rule: "the assignee of the ticket (an open neighbour dispute of the caller's community)",
    input: ticketRef,
    group: STAFF,
    summary: "邀请调解员's choices: the community's active 调解员 volunteers (解忧智囊团), by name, each marked when already invited — never the dispute's parties. Anyone but the assignee: the rule's refusal (`TICKET.NOT_FOUND` / `TICKET.NOT_ASSIGNEE`); not a neighbour dispute: `TICKET.NOT_A_DISPUTE`. 2 round trips with the caller.",
    errors: ['TICKET.NOT_FOUND', 'TICKET.NOT_ASSIGNEE', 'TICKET.NOT_A_DISPUTE', 'TICKET.WRONG_STATE'],
  }),
  inviteMediator: contract<StaffTicketView>()({
    who: 'staff',
    rule: "the assignee of an open (in progress or handled) neighbour dispute; the resident an active 调解员 volunteer of the ticket's community and not a party to it",
    input: z.object({ ticketId: id, residentId: id }).strict(),
    group: STAFF,
    summary: "邀请调解员: the assignee brings a 调解员 (an active mediator volunteer of the community, 解忧智囊团) onto a neighbour dispute (邻里纠纷 only: community problems and 其他 `TICKET.NOT_A_DISPUTE`). Stored on `mediatorIds` with an internal `mediatorInvited` step; the mediator is told in 消息 (and on WeChat when they allowed `ticketProgress`), then reads the ticket with `get` exactly as the assignee's view shows it (audience `mediator`) and finds it in `volunteerTasks`. Closing the dispute (by hand or by the timer) credits each mediator 60 minutes, once. Not an active mediator of the community: `TICKET.MEDIATOR_NOT_FOUND`; its reporter or a follower: `TICKET.MEDIATOR_IS_PARTY`; invited already: `TICKET.MEDIATOR_INVITED`; not the assignee: `TICKET.NOT_ASSIGNEE`. 3 round trips with the caller (+1 for the message).",
    errors: [...STEP_ERRORS, 'TICKET.NOT_ASSIGNEE', 'TICKET.NOT_A_DISPUTE', 'TICKET.MEDIATOR_NOT_FOUND', 'TICKET.MEDIATOR_IS_PARTY', 'TICKET.MEDIATOR_INVITED'],
  }),
  volunteerTasks: contract<VolunteerTicketTasks>()({
    who: 'registered',
    rule: "an active volunteer (解忧智囊团) of the caller's community: 信息员 get tickets to check, 调解员 the disputes they were invited onto",
    input: noFields,
    group: STAFF,
    summary: `A volunteer's tickets (each list ≤ 100): \`toVerify\` (信息员: handled community problems without a passed check, none they handled — the \`informant\` view: no reporter, no words, no photos) and \`mediations\` (调解员: the disputes they were invited onto, open or closed, as the assignee sees them). Not an active volunteer of the community: \`COMMON.FORBIDDEN\`. 2 round trips with the caller.`,
    errors: ['COMMON.FORBIDDEN'],
  }),

  // ─── the counter ───
  reportFor: contract<TicketView>()({
    who: 'staff',
    rule: "the resident and the place are in the caller's own community",
    input: z.object({ residentId: id, category, text: multiline(L.text), where: where.optional(), requestId, consent: spokenConsent }).strict(),
    group: COUNTER,
    summary: 'A `residentReport` ticket for the resident, entered by the caller (`actorId`/`actorName`) with the resident\'s spoken consent recorded (`consent.spoken: false`: `COUNTER.CONSENT_REQUIRED`). A repeated `requestId` returns the first ticket. Answers the counter\'s short view, e.g. `gridCode: "G-LC-01"` (or null when the community holds it), `gridWorkerNames: ["严婷"]`.',
    errors: ['COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND', 'COUNTER.CONSENT_REQUIRED', 'TICKET.PLACE_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED'],
  }),
  ticketsFor: contract<TicketView[]>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    input: z.object({ residentId: id }).strict(),
    group: COUNTER,
    summary: "The resident's tickets, newest first.",
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
  }),
} satisfies Contracts;
