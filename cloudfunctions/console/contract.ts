/**
 * What the `console` function answers (statistics and the ledger, issue 11): the shapes the pages
 * in `src/console/` read. Rates are fractions 0–1 rounded to 3 decimals, or null when their
 * denominator is 0 (nothing to rate). Times: accept in minutes, handle in hours (1 decimal).
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import { localDate } from '../shared/schemas';
import type { VolunteerHoursSource, VolunteerRole } from '../shared/vocabulary/everyday';

/** One bar of a breakdown: a code (`residentReport`), its Chinese name and how many. */
export interface CountItem {
  key: string;
  label: string;
  count: number;
}

/** A rate with the counts it divides: `numerator` / `denominator`, `rate` 0–1 (3 decimals) or null when the denominator is 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** Ticket figures of a period (definitions: `domain/figures.ts`). */
export interface TicketFigures {
  /** tickets reported in the period */
  reported: number;
  bySource: CountItem[];
  byCategory: CountItem[];
  /** current status of the tickets reported in the period */
  byStatus: CountItem[];
  /** tickets first accepted (受理, or assigned) in the period */
  accepted: number;
  /** of those, accepted within 24 hours of being reported */
  acceptedWithinDeadline: number;
  /** 超时未受理: reported more than 24 hours before the period's end (or now, if earlier) and not accepted by then */
  notAcceptedLate: number;
  /** 应受理数 = accepted + notAcceptedLate */
  acceptDue: number;
  /** acceptedWithinDeadline / acceptDue */
  acceptedWithinDeadlineRate: number | null;
  /** minutes from report to first acceptance, mean over `accepted` */
  avgAcceptMinutes: number | null;
  /** tickets whose result was recorded (反馈) in the period */
  handled: number;
  /** hours from first acceptance to the result, mean over `handled` */
  avgHandleHours: number | null;
  /** tickets closed (办结) in the period and still closed */
  closed: number;
  closedOnTime: number;
  /** 应结案数: closed in the period + in progress with their deadline passed in the period */
  due: number;
  /** 缓办数: of `due`, the tickets whose extension (延期) an admin approved */
  deferred: number;
  /** 按期结案率 = closedOnTime (deferred ones apart) / (due − deferred) */
  onTimeClosureRate: number | null;
  ratings: { satisfied: number; fairlySatisfied: number; unsatisfied: number; total: number };
  /** (满意 + 基本满意) / ratings given in the period */
  satisfactionRate: number | null;
  /** every headline rate with its numerator and denominator (what the page shows: `2/3（66.7%）`) */
  rates: { acceptedWithinDeadline: Ratio; onTimeClosure: Ratio; satisfaction: Ratio };
  /** follow-ups (回访) recorded in the period */
  followUps: number;
}

/** One grid worker's record for the period. */
export interface Scorecard {
  workerId: string;
  name: string;
  /** accepted themselves or were assigned, in the period */
  accepted: number;
  /** tickets they hold that were closed in the period */
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  /** ratings given in the period on tickets they hold */
  rated: number;
  /** 满意 + 基本满意 */
  satisfied: number;
  satisfactionRate: number | null;
  followUps: number;
  /** 退单: `returned` events they recorded in the period */
  returns: number;
  /** 重办: `rework` events in the period on tickets they hold (an unsatisfied rating or a failed check) */
  reworks: number;
  /** 入户走访 records of the period */
  visits: number;
  /** 巡查 rounds started in the period */
  patrols: number;
  /** tickets found on their visits and patrols of the period */
  problemsFound: number;
}

/** The loop's steps in the period (办理环节, issue 21; events in the period, definitions: `domain/figures.ts`). */
export interface LoopFigures {
  /** 申请延期 */
  extensionsRequested: number;
  /** 批准延期 */
  extensionsApproved: number;
  /** 挂起 */
  suspensions: number;
  /** calendar days of the suspensions that ended (恢复) in the period */
  suspendedDays: number;
  /** 退单 */
  returns: number;
  /** 核查通过 */
  verified: number;
  /** 核查不通过 (each sent the ticket back: 重办) */
  verifyFailed: number;
  /** 重办: unsatisfied ratings and failed checks that reopened a ticket */
  reworks: number;
}

/** One worker's rounds in the period (definitions: `domain/rounds.ts`). */
export interface WorkerRounds {
  workerId: string;
  name: string;
  visits: number;
  householdsVisited: number;
  patrols: number;
  problemsFoundByVisit: number;
  problemsFoundByPatrol: number;
}

/** One grid's rounds in the period. */
export interface GridRounds {
  gridId: string;
  code: string;
  /** households in the grid's register (residents' records) */
  households: number;
  /** households whose visit falls due by the period's end (visit plan) */
  dueHouseholds: number;
  /** due households visited in the period ÷ dueHouseholds */
  coverage: Ratio;
  visits: number;
  householdsVisited: number;
  patrols: number;
  problemsFoundByVisit: number;
  problemsFoundByPatrol: number;
}

/** The grid workers' rounds in the period (入户走访, 巡查; counts only: no household, no tag, no resident). */
export interface RoundsFigures {
  visits: number;
  householdsVisited: number;
  /** households of the scope's register */
  households: number;
  dueHouseholds: number;
  /** 走访覆盖率 = due households visited in the period ÷ dueHouseholds */
  coverage: Ratio;
  problemsFoundByVisit: number;
  problemsFoundByPatrol: number;
  patrols: number;
  /** an admin: every worker who visited or patrolled; a grid worker: only their own row */
  byWorker: WorkerRounds[];
  byGrid: GridRounds[];
}

/** One market service's bookings in the period. */
export interface ServiceFigures {
  serviceId: string;
  serviceName: string;
  /** places taken and not cancelled (booked + attended + noShow) */
  booked: number;
  attended: number;
  noShow: number;
  cancelled: number;
}

export interface MarketFigures {
  services: ServiceFigures[];
  totals: { booked: number; attended: number; noShow: number; cancelled: number };
  /** distinct vendors who checked in at a stall on a market day of the period */
  vendorsAttending: number;
  /** stalls held and checked in (one per vendor per day) */
  stallDays: number;
  /** what the vendors who came brought, with how many of them brought it */
  produce: { name: string; vendors: number }[];
}

/** The consultation figures of a period (有事来商量; definitions: `domain/consultation.ts`). */
export interface ConsultationFigures {
  /** meetings held (status held) whose start's local date is in the period, every kind; "召开业主会议 N 次" = total */
  meetingsHeld: { total: number; byKind: CountItem[] };
  /** people counted at those meetings, by role */
  attendance: { total: number; byRole: CountItem[] };
  /** opinions given in the period */
  opinionsCollected: number;
  /** resolved in the period and still resolved at its end ("收集并解决群众意见建议 M 条") */
  opinionsResolved: number;
  /** turned into a ticket in the period */
  opinionsTicketed: number;
  /** answered (答复 with a reason) in the period — not resolved */
  opinionsAnswered: number;
  /** opinions due (reply deadline) in the period: passed, or already replied */
  opinionsDue: number;
  /** of those, first final step (resolved, ticketed, answered) by the deadline */
  opinionsRepliedOnTime: number;
  /** opinionsRepliedOnTime / opinionsDue, null when none was due */
  onTimeReplyRate: number | null;
  /** topics decided in the period, by outcome */
  topicsDecided: { total: number; byOutcome: CountItem[] };
  /** households voted per channel ÷ electorate, summed over the topics decided in the period */
  turnoutByChannel: { electorate: number; wechat: Ratio; counter: Ratio; paper: Ratio; all: Ratio };
}

/**
 * The kiosk's everyday services in the period (便民服务, issue 22; docs/everyday-services-design.md
 * §6; definitions: `domain/everyday.ts`). Counts of the caller's community only — never a name,
 * a phone or a pickup code.
 */
export interface EverydayFigures {
  parcels: {
    /** 登记: parcels logged in the period */
    logged: number;
    /** 取走: picked up at the counter in the period */
    pickedUp: number;
    /** 送上门: delivered to the door in the period */
    delivered: number;
    /** 超期未取: still waiting, more than the reminder's days, at the period's end (or now, if earlier) */
    unclaimed: number;
  };
  errands: {
    /** 代缴代办 asked in the period (by a resident, or for them at the counter) */
    requested: number;
    /** done in the period */
    done: number;
  };
  referrals: {
    /** 转介: a provider referred in the period */
    made: number;
    /** rated by the resident in the period */
    rated: number;
    /** mean stars (1–5, 1 decimal) of the ratings given in the period; null when none */
    averageStars: number | null;
    /** active providers flagged now (平均不到3星，至少3次评价: 待复核) */
    flaggedProviders: number;
  };
  notices: {
    /** 公告 and 政策宣传 published in the period (withdrawn ones too) */
    published: number;
    /** first openings (one per person per notice) in the period */
    reads: number;
  };
  events: {
    /** events (not cancelled) dated in the period */
    held: number;
    /** their places */
    places: number;
    /** bookings of events dated in the period, not cancelled (报名) */
    signedUp: number;
    /** of those, checked in (签到) */
    attended: number;
  };
  volunteers: {
    /** volunteers credited with hours dated in the period */
    count: number;
    /** every minute credited in the period */
    minutes: number;
    /** minutes by the role the act was credited under (hours credited with no role are only in `minutes`) */
    minutesByRole: Record<VolunteerRole, number>;
    minutesBySource: Record<VolunteerHoursSource, number>;
  };
}

/** The answer of `console.stats`. */
export interface StatsView {
  period: { from: string; to: string; days: number };
  /** `community`: an admin's whole community; `grids`: a grid worker's own grids */
  scope: { kind: 'community' | 'grids'; communityName: string; gridIds: string[] };
  tickets: TicketFigures;
  /** an admin: every grid worker of the community (and anyone else credited); a grid worker: only their own */
  scorecards: Scorecard[];
  /** admins only (null for a grid worker) */
  market: MarketFigures | null;
  /** meetings, opinions and topics of the caller's community (counts only: no names, no choices) */
  consultation: ConsultationFigures;
  /** the loop's steps (延期, 挂起, 退单, 核查, 重办) of the caller's tickets */
  loop: LoopFigures;
  /** visits and patrols of the caller's grids (an admin: every grid) */
  rounds: RoundsFigures;
  /** 便民服务 (issue 22): parcels, errands, referrals, notices, events, volunteer hours of the caller's community */
  everyday: EverydayFigures;
}

/** The answer of `console.exportLedger`: the file in cloud storage and a temporary URL to download it. */
export interface LedgerFile {
  fileID: string;
  /** valid for 10 minutes */
  tempFileURL: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  kind: LedgerKindName;
  /** rows of the main table (`everyday`: of its five sheets together) */
  rows: number;
}

/** The ledgers (`everyday`, issue 22: 便民服务台账, five sheets). */
export const LEDGER_KINDS = ['tickets', 'market', 'meetings', 'topics', 'opinions', 'visits', 'everyday'] as const;
export type LedgerKindName = (typeof LEDGER_KINDS)[number];

/** A period: local dates (Asia/Shanghai) `from`..`to`, both inclusive, at most 366 days (`domain/period.ts`). */
const period = { from: localDate, to: localDate };

/** The function's notes for docs/api.md. */
export const about = `
The community console's statistics and ledger (issue 11). Periods are local dates (Asia/Shanghai)
\`from\`..\`to\`, both inclusive, at most 366 days (\`CONSOLE.PERIOD_INVALID\` otherwise: not a calendar
date, \`from\` after \`to\`, or longer). Definitions of every figure, with their sources:
\`cloudfunctions/console/domain/figures.ts\`; answer shapes: \`cloudfunctions/console/contract.ts\`.
Rates are fractions 0–1 (3 decimals), null when nothing to rate.
`;

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('console', …)` from it, docs/api.md is generated from it.
 */
export const actions = {
  stats: contract<StatsView>()({
    who: 'staff',
    rule: "the caller's community (admin) or the caller's own grids and own scorecard (grid worker)",
    input: z.object(period).strict(),
    errors: ['CONSOLE.PERIOD_INVALID'],
    summary: `The figures of the period (\`console/stats.ts\`), computed by the database (aggregation pipelines; the function receives grouped rows, never
the tickets): 22 database round trips for a grid worker, 23 for an admin (the caller with the community's workers and grids, 5 pipelines over \`tickets\` grouping plain fields, the bookings, an admin's stalls, 3 over the consultation collections, 4 for the rounds — visits, patrols, residents per household, care tags — and 8 for 便民服务 (issue 22), run in parallel), whatever the number of tickets
(\`npm run bench\` prints the time at 100 000 tickets: about 2.4 s per call in the local emulator,
whose \`$group\` stages are compiled into closures by \`local/cloudbase/group.ts\` — mingo's answers,
checked by \`test/local/fast-group.test.ts\`; mingo's own evaluation of the figures \`$group\` took
~14 s, beyond the SDK's 15 s request timeout once the other pipelines were added; \`BENCH_ONLY=stats npm run bench\` times each pipeline
with issue 21's figures — 50 000 of the community's tickets in the period, a tenth with loop steps, 2 000 households: the loop's
pipeline ~1 s, as the main figures', the rounds' four under 0.1 s together, ~4 s per call on a loaded 2-core machine). An admin sees their community, every grid worker's scorecard and
the market; a grid worker sees the tickets of their own grids and only their own scorecard (never
another worker's), \`market: null\`.

- \`tickets\`: \`reported\` (reported in the period) with \`bySource\`, \`byCategory\`, \`byStatus\` (current
  status) — each \`{ key, label, count }\` for every key; \`accepted\` (受理/派遣 in the period: \`acceptedAt\`, the latest),
  \`acceptedWithinDeadline\` (within 24 h of reporting); \`notAcceptedLate\` (超时未受理: reported more
  than 24 h before the period's end — or now, if earlier — and not accepted by then, however long
  ago, merged duplicates apart); \`acceptDue\` (应受理 = accepted + notAcceptedLate) and
  \`acceptedWithinDeadlineRate\` = acceptedWithinDeadline / acceptDue; \`avgAcceptMinutes\` (minutes,
  report → acceptance); \`handled\`, \`avgHandleHours\` (hours, acceptance → result);
  \`closed\`, \`closedOnTime\`, \`due\` (closed in the period + in progress past a deadline that fell in
  it; never a suspended ticket), \`deferred\` (缓办: of those, the tickets whose extension an admin approved), \`onTimeClosureRate\`
  (按期结案率 = closedOnTime of the tickets not deferred / (due − deferred)); \`ratings\` given in the period and \`satisfactionRate\` ((满意 + 基本满意) / ratings);
  \`followUps\`. \`rates\`:
  \`{ acceptedWithinDeadline, onTimeClosure, satisfaction }\`, each \`{ numerator, denominator, rate }\`
  — what the page shows (\`24小时内受理 2/5（40%）\`).
- \`scorecards[]\`: \`{ workerId, name, accepted, closed, closedOnTime, onTimeRate, rated, satisfied,
  satisfactionRate, followUps, returns, reworks, visits, patrols, problemsFound }\`.
- \`loop\` (办理环节, issue 21; events in the period of the caller's tickets): \`{ extensionsRequested, extensionsApproved,
  suspensions, suspendedDays (calendar days of suspensions that ended in the period), returns, verified, verifyFailed, reworks }\`.
- \`rounds\` (走访巡查, issue 21; definitions: \`console/domain/rounds.ts\`; counts only — no household, tag or resident):
  \`{ visits, householdsVisited, households (the register of the caller's grids), dueHouseholds (due by the period's end under the
  visit plan), coverage (due households visited ÷ due: a Ratio), problemsFoundByVisit, problemsFoundByPatrol, patrols, byWorker[]
  (a grid worker: only their own), byGrid[] }\`.
- \`market\`: per service \`{ serviceId, serviceName, booked, attended, noShow, cancelled }\`, \`totals\`,
  \`vendorsAttending\`, \`stallDays\`, \`produce[] { name, vendors }\`.
- \`consultation\` (issue 20; the community's, for admins and grid workers alike; counts only; definitions:
  \`console/domain/consultation.ts\`): \`meetingsHeld { total, byKind }\` (held, local date of \`startAt\` in the period, every kind:
  "召开业主会议 N 次" = total), \`attendance { total, byRole }\`, \`opinionsCollected\`, \`opinionsResolved\` (a \`resolved\` event in the period and
  still resolved at its end: "收集并解决群众意见建议 M 条"), \`opinionsTicketed\`, \`opinionsAnswered\`, \`opinionsDue\`, \`opinionsRepliedOnTime\`,
  \`onTimeReplyRate\` (first final step by \`dueAt\` ÷ due in the period; null if none), \`topicsDecided { total, byOutcome }\`,
  \`turnoutByChannel { electorate, wechat, counter, paper, all }\` (households voted ÷ electorate, summed over the topics decided).
- \`everyday\` (便民服务, issue 22; the community's, for admins and grid workers alike; counts only; definitions: \`console/domain/everyday.ts\`):
  \`parcels { logged, pickedUp, delivered, unclaimed }\` (超期未取: waiting more than the parcels' reminder days at the period's end or now),
  \`errands { requested, done }\`, \`referrals { made, rated, averageStars (1 decimal, null if none), flaggedProviders (now) }\`,
  \`notices { published, reads }\`, \`events { held, places, signedUp, attended }\` (events not cancelled dated in the period; their
  bookings — the market's with an \`eventId\`, left out of \`market\` — not cancelled, and checked in), \`volunteers { count, minutes,
  minutesByRole, minutesBySource }\` (credits dated in the period). A collection not yet created (CloudBase -502005) counts as none.`,
  }),

  exportLedger: contract<LedgerFile>()({
    who: 'admin',
    rule: "the caller's own community; the file is stored under ledgers/<caller's users._id>/",
    input: z.object({ ...period, format: z.enum(['csv', 'xlsx']), kind: z.enum(LEDGER_KINDS) }).strict(),
    errors: ['CONSOLE.PERIOD_INVALID', 'CONSOLE.LEDGER_TOO_LARGE'],
    summary: `Writes \`ledgers/<caller's users._id>/<time>/<fileName>\` to cloud storage (\`console/ledger.ts\`), named as
the page says (\`诉求台账-2026-12-01至2026-12-31.xlsx\`, \`集市台账-…\`): a browser saves a temp URL
under its last path segment (cloud storage allows Chinese in a path and percent-encodes it in URLs).
Answer: the file's \`fileID\`, a \`tempFileURL\` valid 10 minutes, its \`fileName\`, \`format\`, \`kind\` and \`rows\`.
A period covers its whole range: days still to come count (a coming market day's bookings). \`tickets\`: every ticket of the community reported in the period, one row each (编号, 登记时间,
来源, 类别, 反映内容, 地点, 网格, 反映人, 登记人, 状态, 处理人, 受理/反馈/办结时间, 按期办结, 评价, 处理经过 — the
timeline, a line per step; 延期/缓办, 挂起天数, 退单, 核查, 重办), and in XLSX a second sheet 处理记录 with one row per step. \`market\`: one row
per booking and per stall application of the period's market days (记录类型 预约 / 摊位). \`meetings\` (会议台账, issue 20): one row per
meeting starting in the period (not drafts) — kind, time, place, convenor, status, people by role (counts, organisations; no names),
agenda size, opinions collected, minutes, decisions, photos. \`topics\` (议题台账): one row per topic whose voting closes in the period
(or, with none, proposed in it) — electorate, households per channel, per option per channel, blank/invalid paper, turnout, result and
checks once decided; **never a household or a choice**. \`visits\` (走访台账, issue 21): one row per visit of the period's dates — date, estate,
room, grid, worker, who was met, topics, tickets found; **never a care tag, a resident's name or phone, nor the note**. \`everyday\` (便民服务台账, issue 22): five sheets — 代收快递 (parcels logged,
picked up or delivered in the period; never a pickup code), 代缴代办 (errands asked or done in it), 转介评价 (referrals made or rated in it;
never a phone), 活动签到 (bookings of events dated in it), 志愿服务时长 (credits dated in it); a CSV holds the five one after the other, each
under a row \`【代收快递】\`…, and \`rows\` counts the records of all five. \`opinions\` (意见台账): one row per opinion given in the period — source, meeting,
text, place, the giver's name (never a phone or household), status, deadline, on time, resolution, reply and reason, ticket, rating, steps. Times are local
\`YYYY-MM-DD HH:mm\`; CSV is UTF-8 with a BOM and CRLF (opens in WPS and Excel). A CSV text cell that
starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or CR — what a spreadsheet runs as a formula — is written with a
leading \`'\` (OWASP, CSV Injection), so a resident's words are shown, never run; the XLSX holds every
text as a string cell (never a formula) and keeps the words exactly.
\`CONSOLE.LEDGER_TOO_LARGE\`: more than 20 000 records (one count before reading; choose a shorter period).`,
  }),
} satisfies Contracts;
