/**
 * Contracts of the opinion actions of `consult` (意见建议; docs/consultation-design.md §4).
 * Pure: zod and shared schemas, no SDK. Instants are ISO strings; `date`s are local dates
 * `YYYY-MM-DD` (Asia/Shanghai).
 *
 * An opinion is given in the app (`giveOpinion`), at the counter for a resident (`giveOpinionFor`,
 * with their spoken consent) or recorded by staff from a meeting (`recordOpinions`; a speaker may be
 * a name only). Staff accept it (受理), resolve it (已解决: what was done and when), answer it
 * (已答复: a reply with the reason it cannot be done) or turn it into a ticket
 * (`ticket.fileCase` with `opinionId`: 已转工单; the ticket's closing resolves it). Its giver is told
 * at each final step and rates it once (不满意 on a resolved one reopens it once). Reply deadline:
 * `dueAt`, 10 working days (Mon–Fri) unless the community sets `consultation.opinionReplyWorkingDays`.
 *
 * Views, by who asks:
 * - {@link OpinionView}: its giver (their own opinion only; another's is CONSULT.OPINION_NOT_FOUND).
 *   Steps without staff names.
 * - {@link StaffOpinionView}: staff of its community — the giver's name and phone masked
 *   (`shared/vocabulary/phone.ts`: 138****1234), who entered it, the consent, the ticket, the steps with names.
 * - {@link OpinionCard}: a row of a staff list (`opinions`, `overdueOpinions`).
 */
import { z } from 'zod';
import { contract, type Contracts } from '../../shared/contract';
import type { OpinionSource, OpinionStatus } from '../../shared/model';
import { id, localDate, noFields, requestId, text } from '../../shared/schemas';
import { spokenConsent } from '../../shared/spokenConsent';
import { CONSULT_LIMITS as L } from '../limits';

export type { OpinionSource, OpinionStatus };

/** A giver's verdict (满意 / 基本满意 / 不满意). */
export type OpinionRating = 'satisfied' | 'fairlySatisfied' | 'unsatisfied';

/** What happened to an opinion (its events). */
export type OpinionStepType = 'given' | 'accepted' | 'resolved' | 'ticketed' | 'answered' | 'rated' | 'reopened' | 'overdue';

/** One step of an opinion's history. */
export interface OpinionStep {
  at: string;
  type: OpinionStepType;
  /** `社区已受理`: what a person reads */
  title: string;
  /** what was done, the reply, the rating's comment, if any */
  note: string;
  /** staff views only: who took the step */
  actorName?: string;
}

/** An opinion as its giver sees it. */
export interface OpinionView {
  audience: 'giver';
  id: string;
  source: OpinionSource;
  sourceLabel: string;
  text: string;
  place: string | null;
  status: OpinionStatus;
  /** 待受理 / 已受理 / 已转工单 / 已解决 / 已答复 (`shared/vocabulary/opinions.ts`) */
  statusLabel: string;
  createdAt: string;
  /** reply deadline (instant) and its local date */
  dueAt: string;
  dueDate: string;
  /** past its deadline and not yet resolved, ticketed or answered */
  overdue: boolean;
  /** 已解决: what was done and the local date it was done */
  resolution: { what: string; when: string } | null;
  /** 已答复: the reply and why it cannot be done */
  reply: { text: string; reason: string } | null;
  /** the rating given (the latest one), if any */
  rating: { rating: OpinionRating; ratingLabel: string; comment: string; at: string } | null;
  /** true when the caller may rate it now */
  canRate: boolean;
  steps: OpinionStep[];
}

/** What staff may do with an opinion now (the buttons of the detail page). */
export interface OpinionActions {
  accept: boolean;
  resolve: boolean;
  answer: boolean;
  /** 转工单: `ticket.fileCase` with `opinionId` */
  fileCase: boolean;
}

/** An opinion as staff of its community see it. */
export interface StaffOpinionView extends Omit<OpinionView, 'audience' | 'canRate'> {
  audience: 'staff';
  /** the giver: a resident (`userId`) or a name only (a speaker at a meeting); phone masked, null when none */
  giver: { userId: string | null; name: string; phoneMasked: string | null };
  meetingId: string | null;
  /** staff who entered it (counter, meeting), null when the resident gave it in the app */
  actorName: string | null;
  /** the resident's spoken consent (counter) */
  consent: { recordedByName: string; note: string } | null;
  /** the ticket that follows it (已转工单), null when none */
  ticketId: string | null;
  /** times an unsatisfied rating reopened it (at most 1) */
  reopened: number;
  actions: OpinionActions;
}

/** An opinion's answer by who asks: the giver's view or the staff view. */
export type OpinionAnswer = OpinionView | StaffOpinionView;

/** A row of a staff list of opinions. */
export interface OpinionCard {
  id: string;
  source: OpinionSource;
  sourceLabel: string;
  /** the words, cut to 60 characters with … */
  text: string;
  place: string | null;
  status: OpinionStatus;
  statusLabel: string;
  /** the giver's name (a resident's, or a speaker's as recorded) */
  giverName: string;
  createdAt: string;
  dueAt: string;
  dueDate: string;
  overdue: boolean;
  ticketId: string | null;
  meetingId: string | null;
}

/** The detail page of an opinion for staff (built by the staff pages): `/consultAdmin/pages/opinionDetail/index?id=…`. */
export const OPINION_DETAIL_PAGE = '/consultAdmin/pages/opinionDetail/index';

const opinionText = text(L.opinionText.min, L.opinionText.max, { multiline: true });
const place = text(0, L.opinionPlace.max).optional();
const opinionRef = z.object({ opinionId: id }).strict();
const GROUP = '意见建议 (opinions)';
const STAFF_RULE = "an opinion of the caller's own community";
const STEP_ERRORS = ['CONSULT.OPINION_NOT_FOUND', 'CONSULT.OPINION_WRONG_STATE', 'COMMON.BUSY'] as const;

/** A giver recorded at a meeting: a resident of the community, or a speaker's name only. */
const meetingGiver = z.union([z.object({ residentId: id }).strict(), z.object({ name: text(L.giverName.min, L.giverName.max) }).strict()]);

/** The opinion actions: action name → contract. */
export const opinionActions = {
  giveOpinion: contract<OpinionView>()({
    who: 'registered',
    rule: `residents only, in their own community; at most ${L.opinionsPerDay} opinions a day (COMMON.TOO_MANY)`,
    input: z.object({ text: opinionText, place, requestId }).strict(),
    group: GROUP,
    summary: `提意见建议: a resident gives an opinion in the app (\`source: app\`), status \`open\` (待受理), due in the community's reply working days (default ${L.opinionReplyWorkingDays}). The words pass content security. Answers the giver's view; a repeated \`requestId\` returns the first. \`COMMON.FORBIDDEN\`: staff or vendors (staff use \`giveOpinionFor\`/\`recordOpinions\`). \`COMMON.TOO_MANY\`: ${L.opinionsPerDay} a day (China time).`,
    errors: ['COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN', 'COMMON.REQUEST_REUSED', 'COMMON.TOO_MANY'],
  }),
  giveOpinionFor: contract<StaffOpinionView>()({
    who: 'staff',
    rule: "the resident is of the caller's own community; their spoken consent recorded",
    input: z.object({ residentId: id, text: opinionText, place, consent: spokenConsent, requestId }).strict(),
    group: GROUP,
    summary: '代提意见 (counter): staff give an opinion for a resident who said yes in front of them (`consent.spoken: false`: `COUNTER.CONSENT_REQUIRED`, before anything is read). `source: counter`, giver the resident, `actorName` the staff member. Answers the staff view; a repeated `requestId` returns the first.',
    errors: ['COUNTER.CONSENT_REQUIRED', 'COUNTER.RESIDENT_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED'],
  }),
  recordOpinions: contract<StaffOpinionView[]>()({
    who: 'staff',
    rule: "a meeting of the caller's own community (not cancelled); named residents of that community",
    input: z
      .object({
        meetingId: id,
        opinions: z.array(z.object({ text: opinionText, place, giver: meetingGiver, requestId }).strict()).min(1).max(L.opinionsPerRecord),
      })
      .strict(),
    group: GROUP,
    summary: `记录会上意见: staff record up to ${L.opinionsPerRecord} opinions given at a meeting (\`source: meeting\`), each with its own \`requestId\` (a page retrying after a lost answer creates none twice). The giver is a resident (\`{ residentId }\`) or a speaker's name only (\`{ name }\`). All are checked (meeting, residents, words) before any is written. Answers the staff views in the order given.`,
    errors: ['CONSULT.OPINION_MEETING_NOT_FOUND', 'COUNTER.RESIDENT_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED'],
  }),
  opinions: contract<OpinionCard[]>()({
    who: 'staff',
    rule: "the caller's own community",
    input: z.object({ status: z.enum(['open', 'accepted', 'ticketed', 'resolved', 'answered']).optional(), overdue: z.boolean().optional(), source: z.enum(['meeting', 'counter', 'app']).optional() }).strict(),
    group: GROUP,
    summary: `意见建议工作台: the community's opinions, by deadline (earliest first; ≤ ${L.opinionListMax}); filters: \`status\`, \`source\`, \`overdue: true\` (open or accepted past \`dueAt\`, whether or not the timer marked it yet; \`false\`: the others).`,
    errors: [],
  }),
  myOpinions: contract<OpinionView[]>()({
    who: 'registered',
    rule: 'the opinions the caller gave (in the app, or given for them at the counter or a meeting)',
    input: noFields,
    group: GROUP,
    summary: `我的意见: the caller's own opinions, newest first (≤ ${L.opinionListMax}), in the giver's view.`,
    errors: [],
  }),
  opinion: contract<OpinionAnswer>()({
    who: 'registered',
    rule: "its giver (the giver's view); staff of its community (the staff view, phone masked); anyone else: CONSULT.OPINION_NOT_FOUND",
    input: opinionRef,
    group: GROUP,
    summary: 'One opinion: `audience: "giver"` for its giver, `audience: "staff"` for staff of its community (who gave it with the phone masked 138****1234, who entered it, the consent, the ticket, the steps with names). A resident asking for another\'s opinion gets `CONSULT.OPINION_NOT_FOUND`, exactly as for one that does not exist.',
    errors: ['CONSULT.OPINION_NOT_FOUND'],
  }),
  acceptOpinion: contract<StaffOpinionView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: opinionRef,
    group: GROUP,
    summary: '受理: `open → accepted`. Accepting an accepted one again answers it as it is.',
    errors: [...STEP_ERRORS],
  }),
  resolveOpinion: contract<StaffOpinionView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ opinionId: id, what: text(L.resolutionWhat.min, L.resolutionWhat.max, { multiline: true }), when: localDate }).strict(),
    group: GROUP,
    summary: '已解决: `open|accepted → resolved` with what was done and the local date it was done (`when` ≤ today, else `CONSULT.OPINION_DATE_INVALID`). The giver is told (inbox; WeChat when they allowed it).',
    errors: [...STEP_ERRORS, 'CONSULT.OPINION_DATE_INVALID', 'COMMON.TEXT_REJECTED'],
  }),
  answerOpinion: contract<StaffOpinionView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ opinionId: id, text: text(L.replyText.min, L.replyText.max, { multiline: true }), reason: text(L.replyReason.min, L.replyReason.max, { multiline: true }) }).strict(),
    group: GROUP,
    summary: '已答复: `open|accepted → answered` with a reply and the reason it cannot be done (not counted as resolved). The giver is told.',
    errors: [...STEP_ERRORS, 'COMMON.TEXT_REJECTED'],
  }),
  rateOpinion: contract<OpinionView>()({
    who: 'registered',
    rule: 'its giver only, once it is resolved or answered',
    input: z.object({ opinionId: id, rating: z.enum(['satisfied', 'fairlySatisfied', 'unsatisfied']), comment: text(0, L.opinionRatingComment.max, { multiline: true }).default('') }).strict(),
    group: GROUP,
    summary: '评价: the giver rates a resolved or answered opinion once (`CONSULT.NOT_RATABLE` before; `CONSULT.OPINION_ALREADY_RATED` after). 不满意 on a resolved one reopens it to `accepted` once, with a new deadline (like a ticket\'s 返工); once reopened and resolved again it may be rated again, once. Another\'s opinion: `CONSULT.OPINION_NOT_FOUND`.',
    errors: ['CONSULT.OPINION_NOT_FOUND', 'CONSULT.NOT_RATABLE', 'CONSULT.OPINION_ALREADY_RATED', 'COMMON.TEXT_REJECTED', 'COMMON.BUSY'],
  }),
  overdueOpinions: contract<OpinionCard[]>()({
    who: 'staff',
    rule: "the caller's own community",
    input: noFields,
    group: GROUP,
    summary: `逾期意见: the community's open or accepted opinions past their reply deadline, earliest first (≤ ${L.opinionListMax}) — the second section of the desk's 疑难 page; each links to \`${OPINION_DETAIL_PAGE}?id=…\`.`,
    errors: [],
  }),
} satisfies Contracts;
