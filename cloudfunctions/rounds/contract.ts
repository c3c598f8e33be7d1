/**
 * The contract of the `rounds` function (the grid workers' own rounds, issue 21;
 * docs/case-loop-design.md §4): each action's caller kind, record rule, input schema (built from
 * `limits.ts`), answer type, errors and summary. The router declares them (`index.ts`), the pages
 * type `call('rounds', …)` from this file (type-only), docs/api.md is generated from it.
 * Pure: zod and shared schemas, no SDK. Instants are ISO strings; `date`s are local dates
 * `YYYY-MM-DD` (Asia/Shanghai).
 *
 * - The household register (户册) of a grid is derived from `users`: the residents whose `home` is
 *   in a building the grid covers, grouped by `householdKey` (`shared/households.ts`). No new
 *   personal data: only the care tags (关爱对象) and the last visit live in `householdCare`.
 * - Care tags are staff-only: every answer here goes to staff (the grid's workers, the community's
 *   admins); no resident's answer and no export carries them.
 * - Due (该走访): a household's interval is the shortest of the community's visit plan
 *   (`Community.rounds.visitEveryDays`, default {@link DEFAULT_VISIT_PLANS}) over its tags and the
 *   default; next due = last visit date + interval; never visited = due now.
 * - A problem found on a visit or patrol becomes a ticket through `ticket.fileCase` with
 *   `source: 'selfFound'` and `visitId` or `patrolId`; the ticket's id is then listed in the
 *   record's `ticketIds`.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { CareTag, PatrolStatus, VisitMet, VisitPlans, VisitTopic } from '../shared/model';
import { id, localDate, noFields, requestId, text } from '../shared/schemas';
import { DEFAULT_VISIT_PLANS } from '../shared/rounds/plan';
import { ROUNDS_LIMITS as L } from './limits';

export type { CareTag, PatrolStatus, VisitMet, VisitPlans, VisitTopic };
export { DEFAULT_VISIT_PLANS };

/** A resident of a household, as the register shows them (no phone, no age). */
export interface HouseholdResident {
  id: string;
  name: string;
  /** how neighbours address them (赵大爷), null when none recorded */
  called: string | null;
}

/** One household (户) of a grid's register. */
export interface HouseholdRow {
  householdKey: string;
  /** `3号楼2单元301` */
  roomLabel: string;
  estateId: string;
  estateName: string;
  /** the grid it falls in */
  gridId: string;
  residents: HouseholdResident[];
  /** 关爱对象 tags (staff only) and their labels (`shared/vocabulary/rounds.ts`) */
  tags: CareTag[];
  tagLabels: string[];
  /** days between visits for this household (the shortest plan of its tags and the default) */
  everyDays: number;
  /** the latest visit's local date, null when never visited */
  lastVisitDate: string | null;
  /** last visit + everyDays; null when never visited (due now) */
  nextDueDate: string | null;
  /** due for a visit today (never visited, or nextDueDate ≤ today) */
  due: boolean;
}

/** A grid the caller may look at (a worker: theirs; an admin: every grid of the community). */
export interface GridChoice {
  id: string;
  code: string;
}

/** The answer of `households`: a grid's register with its totals. */
export interface HouseholdsAnswer {
  gridId: string;
  gridCode: string;
  /** the grids the caller may choose from */
  grids: GridChoice[];
  /** due first (never visited, then earliest next due date), then by room */
  households: HouseholdRow[];
  totals: {
    households: number;
    residents: number;
    due: number;
    /** households with at least one care tag */
    tagged: number;
    neverVisited: number;
    /** households visited in the last 30 days (today included) */
    visitedLast30Days: number;
  };
  /** local date `today` was computed for (China time) */
  today: string;
}

/** One visit, as staff read it (民情日志). */
export interface VisitView {
  id: string;
  householdKey: string;
  roomLabel: string;
  gridId: string;
  workerId: string;
  workerName: string;
  date: string;
  met: VisitMet;
  metLabel: string;
  metNote: string;
  topics: VisitTopic[];
  topicLabels: string[];
  note: string;
  /** tickets filed for problems found on it */
  ticketIds: string[];
  createdAt: string;
  /** recorded by the caller (only they may file a ticket from it) */
  mine: boolean;
}

/** One household with its residents, tags and latest visits (`household`). */
export interface HouseholdDetail extends HouseholdRow {
  /** who set the tags last and when; null when never set */
  tagsBy: { name: string; at: string } | null;
  /** newest first, at most `ROUNDS_LIMITS.householdVisits` */
  visits: VisitView[];
}

/** One patrol (巡查), as staff read it. */
export interface PatrolView {
  id: string;
  gridId: string;
  gridCode: string;
  workerId: string;
  workerName: string;
  status: PatrolStatus;
  statusLabel: string;
  startedAt: string;
  endedAt: string | null;
  /** whole minutes from start to end; null while open */
  minutes: number | null;
  places: string[];
  note: string;
  ticketIds: string[];
  /** started by the caller (only they may end it or file a ticket from it) */
  mine: boolean;
}

/** The answer of `volunteerPatrol` (issue 22): what a 巡逻员 volunteer's 巡逻 page needs — no household, no care tag. */
export interface VolunteerPatrolAnswer {
  /** the community's grids, by code: names only (no buildings, no workers) */
  grids: { id: string; name: string }[];
  /** the caller's open patrol, null when none */
  open: PatrolView | null;
  /** the caller's last ended patrols, newest first (≤ `ROUNDS_LIMITS.volunteerRecent`) */
  recent: PatrolView[];
}

/** A community's visit plan (走访计划): what is stored and what applies to each kind of household. */
export interface VisitPlansView {
  /** what the admin set (or the defaults) */
  visitEveryDays: VisitPlans;
  /** days between visits for a household with only that tag, and for an untagged one (`default`) */
  effective: Record<CareTag | 'default', number>;
  /** true while the community has not set a plan (the defaults apply) */
  isDefault: boolean;
}

/** A household's key as the register gives it: `estateId|building|unit|room` (`shared/households.ts`). */
export const householdKey = z
  .string()
  .min(4)
  .max(120)
  .regex(/^[A-Za-z0-9_-]+\|[^|\s]+\|[^|\s]*\|[^|\s]+$/u)
  .describe('householdKey');

const careTag = z.enum(['livingAlone', 'emptyNest', 'disabled', 'hardship']);
const visitTopic = z.enum(['policy', 'needs', 'problem', 'care', 'safety']);
const days = z.number().int().min(L.visitEveryDays.min).max(L.visitEveryDays.max);
const GROUP_HOUSEHOLDS = '户册与走访 (households and visits)';
const GROUP_PATROLS = '巡查 (patrols)';
const GRID_RULE = "a grid worker: the grids they are responsible for; an admin: any grid of the caller's community";

/** The actions of `rounds`: action name → contract. */
export const actions = {
  households: contract<HouseholdsAnswer>()({
    who: 'staff',
    rule: GRID_RULE,
    input: z.object({ gridId: id.optional() }).strict(),
    group: GROUP_HOUSEHOLDS,
    summary: `户册: a grid's households, derived from \`users\` (residents whose home is in a building the grid covers, grouped by householdKey), each with its residents' names (and how they are called), its care tags (staff only), last visit date, next due date by the community's visit plan and a \`due\` flag; due ones first; with totals. Without \`gridId\`: the worker's first grid (an admin: the community's first grid by code). Another's grid: \`ROUNDS.GRID_NOT_YOURS\`. ≤ 2 database round trips after the caller's record at ${L.householdsMax} households (one aggregation with \`$lookup\` of householdCare).`,
    errors: ['ROUNDS.GRID_NOT_FOUND', 'ROUNDS.GRID_NOT_YOURS'],
  }),
  household: contract<HouseholdDetail>()({
    who: 'staff',
    rule: GRID_RULE + ' (the grid the household falls in)',
    input: z.object({ householdKey }).strict(),
    group: GROUP_HOUSEHOLDS,
    summary: `One household: its residents, care tags (who set them, when), the visit plan that applies and its latest ${L.householdVisits} visits. A key with no resident in the caller's grids: \`ROUNDS.HOUSEHOLD_NOT_FOUND\` (the same for another grid's household).`,
    errors: ['ROUNDS.HOUSEHOLD_NOT_FOUND'],
  }),
  recordVisit: contract<VisitView>()({
    who: 'staff',
    rule: GRID_RULE + ' (the grid the household falls in)',
    input: z
      .object({
        householdKey,
        date: localDate,
        met: z.enum(['self', 'family', 'nobodyHome']),
        metNote: text(0, L.metNote).optional(),
        topics: z.array(visitTopic).max(5).default([]),
        note: text(0, L.visitNote, { multiline: true }).default(''),
        requestId,
      })
      .strict(),
    group: GROUP_HOUSEHOLDS,
    summary: `记走访: a visit at the door — household, date (today or up to ${L.visitBackDays} days back, never in the future: \`ROUNDS.VISIT_DATE_INVALID\`), who was met, topics and a short note (≤ ${L.visitNote}). The household's last visit date (householdCare) moves forward to it in the same call (never backwards). A repeated \`requestId\` returns the first visit (another payload with it: \`COMMON.REQUEST_REUSED\`). A problem found: then \`ticket.fileCase\` with \`source: 'selfFound'\` and this \`visitId\`.`,
    errors: ['ROUNDS.HOUSEHOLD_NOT_FOUND', 'ROUNDS.VISIT_DATE_INVALID', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED'],
  }),
  visits: contract<VisitView[]>()({
    who: 'staff',
    rule: GRID_RULE,
    input: z.object({ gridId: id.optional(), householdKey: householdKey.optional(), from: localDate.optional(), to: localDate.optional() }).strict(),
    group: GROUP_HOUSEHOLDS,
    summary: `民情日志: visits newest first (≤ ${L.listMax}), of one household (\`householdKey\`), or of a grid (\`gridId\`; without either: the worker's grids, an admin's community), between \`from\` and \`to\` (local dates, inclusive).`,
    errors: ['ROUNDS.GRID_NOT_FOUND', 'ROUNDS.GRID_NOT_YOURS', 'ROUNDS.HOUSEHOLD_NOT_FOUND'],
  }),
  setCareTags: contract<HouseholdRow>()({
    who: 'staff',
    rule: GRID_RULE + ' (the grid the household falls in)',
    input: z.object({ householdKey, tags: z.array(careTag).max(4) }).strict(),
    group: GROUP_HOUSEHOLDS,
    summary: '关爱对象: set a household\'s care tags (独居老人, 空巢老人, 残疾人, 困难家庭; `[]` removes them). Kept minimal and staff-only: never in a resident\'s answer, never in an export. Answers the household\'s row (its new interval and due date).',
    errors: ['ROUNDS.HOUSEHOLD_NOT_FOUND'],
  }),
  startPatrol: contract<PatrolView>()({
    who: 'registered',
    rule: "a grid worker of that grid (their own round), or an active 巡逻员 volunteer (issue 22) of the grid's community",
    input: z.object({ gridId: id, requestId }).strict(),
    group: GROUP_PATROLS,
    summary: '开始巡查: a round of the grid starts now (`open`). A repeated `requestId` returns the first. One open round per worker: `ROUNDS.PATROL_OPEN` while another is open. A 巡逻员 volunteer of the community (解忧智囊团, issue 22) may patrol any grid of it, as its grid worker would; anyone else: `ROUNDS.GRID_NOT_YOURS`.',
    errors: ['ROUNDS.GRID_NOT_FOUND', 'ROUNDS.GRID_NOT_YOURS', 'ROUNDS.PATROL_OPEN', 'COMMON.REQUEST_REUSED'],
  }),
  endPatrol: contract<PatrolView>()({
    who: 'registered',
    rule: 'the worker (or 巡逻员 volunteer) who started it',
    input: z
      .object({
        patrolId: id,
        places: z.array(text(L.patrolPlace.min, L.patrolPlace.max)).min(L.patrolPlaces.min).max(L.patrolPlaces.max),
        note: text(0, L.patrolNote, { multiline: true }).default(''),
      })
      .strict(),
    group: GROUP_PATROLS,
    summary: `结束巡查: the round ends now with the places checked (${L.patrolPlaces.min}–${L.patrolPlaces.max}, each ≤ ${L.patrolPlace.max} characters) and a note. Ending an ended round again with the same places answers it as it is; another's round: \`ROUNDS.PATROL_NOT_FOUND\`. A 巡逻员 volunteer's round is credited its length in minutes (≤ 240; \`volunteerHours\` \`patrol:<patrolId>:<userId>\`, once).`,
    errors: ['ROUNDS.PATROL_NOT_FOUND', 'ROUNDS.PATROL_ENDED', 'COMMON.TEXT_REJECTED'],
  }),
  patrols: contract<PatrolView[]>()({
    who: 'staff',
    rule: GRID_RULE,
    input: z.object({ gridId: id.optional() }).strict(),
    group: GROUP_PATROLS,
    summary: `巡查记录: patrols newest first (≤ ${L.listMax}) of a grid (\`gridId\`), or without it: the worker's grids, an admin's community.`,
    errors: ['ROUNDS.GRID_NOT_FOUND', 'ROUNDS.GRID_NOT_YOURS'],
  }),
  volunteerPatrol: contract<VolunteerPatrolAnswer>()({
    who: 'registered',
    rule: "an active 巡逻员 volunteer (issue 22) of the caller's community",
    input: noFields,
    group: GROUP_PATROLS,
    summary: `巡逻 (a 巡逻员 volunteer's page, issue 22): the community's grids (names only), the caller's open patrol (null when none) and their last ${L.volunteerRecent} ended ones, newest first — never a household, a resident or a care tag. Anyone but an active 巡逻员 of the community: \`COMMON.FORBIDDEN\`. 1 database round trip (the caller with the grids and their patrols).`,
    errors: ['COMMON.FORBIDDEN'],
  }),
  visitPlans: contract<VisitPlansView>()({
    who: 'admin',
    rule: "the caller's community",
    input: noFields,
    group: GROUP_HOUSEHOLDS,
    summary: `走访计划: days between visits, for every household (\`default\`) and per care tag (the shortest that applies wins); defaults ${DEFAULT_VISIT_PLANS.default} days, 独居老人 ${DEFAULT_VISIT_PLANS.livingAlone}.`,
    errors: [],
  }),
  setVisitPlans: contract<VisitPlansView>()({
    who: 'admin',
    rule: "the caller's community",
    input: z
      .object({
        visitEveryDays: z.object({ default: days, livingAlone: days.optional(), emptyNest: days.optional(), disabled: days.optional(), hardship: days.optional() }).strict(),
      })
      .strict(),
    group: GROUP_HOUSEHOLDS,
    summary: `设走访计划: replaces the community's visit plan (each ${L.visitEveryDays.min}–${L.visitEveryDays.max} days; a tag left out follows \`default\`). Households' due dates follow at once.`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
The grid workers' own rounds (issue 21): the household register of a grid derived from the residents'
records (户册), home visits (入户走访, 民情日志), staff-only care tags (关爱对象) with visit plans
(走访计划), and patrols (巡查). A problem found becomes a ticket (\`ticket.fileCase\` with \`visitId\` or
\`patrolId\`, source 自己找). Types: \`cloudfunctions/rounds/contract.ts\`; limits:
\`cloudfunctions/rounds/limits.ts\`; design: \`docs/case-loop-design.md\` §4.
`;
