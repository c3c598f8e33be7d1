/**
 * Contracts of the topic and vote actions of `consult` (议题, 附议, 表决; docs/consultation-design.md §1–3).
 * Pure: zod and shared schemas, no SDK. Instants are ISO strings (inputs with an offset, e.g.
 * `2026-12-10T09:00:00+08:00`); what residents read is shown in Asia/Shanghai by the pages.
 *
 * Who sees a household's choice (design §6): only the members of that same 户 — `topic`'s `myVote`.
 * No other answer here carries a choice: `voteFor` answers whether the household voted and by which
 * channel, staff views carry counts, and the split by option exists only once the topic is decided.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../../shared/contract';
import type { Electorate, TopicOption, TopicRule, TopicScope, TopicStatus, VoteChannel } from '../../shared/model';
import { id, noFields, photoFileId, requestId, text } from '../../shared/schemas';
import { spokenConsent } from '../../shared/spokenConsent';
import { CONSULT_LIMITS as L } from '../limits';

export type { Electorate, TopicOption, TopicRule, TopicScope, TopicStatus, VoteChannel };

/**
 * Where a topic is in its life (`domain/phase.ts` `phaseOf`): the stored status, with `scheduled`
 * split by the clock into `upcoming` (before `discussFrom`), `discussion`, `voting` (voteFrom ≤ now <
 * voteUntil) and `counting` (计票中: after `voteUntil`, until the result is written).
 */
export type TopicPhase = 'proposed' | 'seconded' | 'upcoming' | 'discussion' | 'voting' | 'counting' | 'decided' | 'merged' | 'declined' | 'closed';

/**
 * Live turnout: households that voted, by channel (paper: rooms whose sheets were claimed), of the
 * electorate (null when unknown). Without a household register the electorate is the rooms of
 * registered residents, never fewer than voted (docs/consultation-design.md §2).
 */
export interface TopicTurnout {
  voted: number;
  electorate: number | null;
  /** the electorate in words: `共 120 户` (household register) or `已登记的 3 户` (registered residents' rooms); null when unknown. Always answered (optional in the type only) */
  electorateText?: string | null;
  byChannel: Record<VoteChannel, number>;
}

/** The caller's own household's vote (only ever answered to members of that 户). */
export interface MyVote {
  /** the option key; null for a paper ballot (its choice is in the building's count, not on the vote) */
  choice: string | null;
  channel: VoteChannel;
  /** true when the caller cast it (false: another member of the household, or staff at the counter for them) */
  byMe: boolean;
  castAt: string;
  changedAt: string | null;
}

/** A decided topic's result (design §2), shown to everyone who may see the topic. */
export interface TopicResultView {
  byChannel: { wechat: Record<string, number>; counter: Record<string, number>; paper: Record<string, number> & { blank?: number; invalid?: number } };
  /** households by option over all channels, in the options' order */
  totals: { key: string; label: string; households: number }[];
  /** `electorate`: the register's count, or (no register) max(registered rooms, voted) — never below `voted` */
  households: { voted: number; byChannel: Record<VoteChannel, number>; electorate: number };
  /** the electorate in words: `共 120 户` or `已登记的 3 户`; null when the topic had none. Always answered (optional in the type only) */
  electorateText?: string | null;
  turnout: number | null;
  /** a winning option's key, `tie`, `noVotes`, `passed`/`failed`, `noQuorum`, `meetsHouseholdThresholds`/`failsHouseholdThresholds` */
  outcome: string;
  /** the outcome in words: `通过`, `未通过`, `得票最多：东门`, `票数相同`, `符合按户统计的表决条件（仅供参考）` */
  outcomeLabel: string;
  passed: boolean;
  checks: string[];
  ruleText: string;
  decidedAt: string;
}

/** A paper tally in the staff view (纸质票计票, one building). */
export interface PaperTallyView {
  tallyId: string;
  topicId: string;
  estateId: string;
  estateName: string;
  building: string;
  state: 'claiming' | 'counted' | 'none';
  /** rooms whose sheets are in this count (户号 without the estate, `2|301` → shown `2单元301`) */
  rooms: string[];
  /** rooms whose sheet was set aside because the household voted first in WeChat or at the counter */
  rejectedRooms: { room: string; channel: VoteChannel }[];
  counts: Record<string, number>;
  blank: number;
  invalid: number;
  photoFileIds: string[];
  revision: number;
  enteredAt: string | null;
}

/** What only staff see of a topic (never a household's choice). */
export interface TopicStaffPart {
  electorate: Electorate | null;
  /** one row per building in scope: its register count and its paper tally, if any */
  buildings: { estateId: string; estateName: string; building: string; households: number | null; tally: PaperTallyView | null }[];
  /** what happened, newest last: `2026-12-01T… 严婷 发起议题` */
  events: { type: string; at: string; actorName: string; note: string }[];
  createdBy: string;
}

/** One topic as `topic` answers it (residents: `staff` null; staff: {@link StaffTopicView}). */
export interface TopicView {
  id: string;
  communityId: string;
  title: string;
  background: string;
  kind: 'yesNo' | 'choice';
  options: TopicOption[];
  rule: TopicRule;
  civilCodeItem: number | null;
  /** the rule in words for the resident (`简单多数…`, `民法典第二百七十八条…`) */
  ruleText: string;
  minTurnout: number | null;
  scope: TopicScope;
  /** `全社区`, `壁山丽景小区`, `壁山丽景小区 3号楼` */
  scopeLabel: string;
  status: TopicStatus;
  phase: TopicPhase;
  /** `讨论中`, `投票中`, `计票中`, `已出结果`… */
  phaseLabel: string;
  discussFrom: string | null;
  voteFrom: string | null;
  voteUntil: string | null;
  /** paper counts accepted until (voteUntil + tallyGraceDays) */
  tallyUntil: string | null;
  votersMustBeVerified: boolean;
  /** null before voting opens */
  turnout: TopicTurnout | null;
  /** the caller's household's vote; null when it has not voted, and always for staff */
  myVote: MyVote | null;
  /** whether the caller can vote (or change the vote) now, and if not, why in words */
  canVote: boolean;
  cannotVoteReason: string | null;
  /** 附议: households that seconded (from `topicSeconds` while proposed), the threshold, whether the caller's household did */
  seconds: { count: number; needed: number; mine: boolean };
  /** only once decided */
  result: TopicResultView | null;
  publishedAt: string | null;
  publishNote: string | null;
  decline: { reason: string; at: string } | null;
  mergedInto: string | null;
  cancelled: { reason: string; at: string } | null;
  /** staff of the community only */
  staff: TopicStaffPart | null;
}

/** The staff view of a topic (`create`, `finishCounting`, `publish`, and `topic` for staff). */
export type StaffTopicView = TopicView & { staff: TopicStaffPart };

/** One topic in a list. */
export interface TopicCard {
  id: string;
  title: string;
  kind: 'yesNo' | 'choice';
  scopeLabel: string;
  status: TopicStatus;
  phase: TopicPhase;
  phaseLabel: string;
  voteFrom: string | null;
  voteUntil: string | null;
  /** households voted (all channels) and the electorate; null before voting opens */
  turnout: { voted: number; electorate: number | null; electorateText?: string | null; /** households per channel, once decided (the result's): null before */ byChannel: Record<VoteChannel, number> | null } | null;
  /** residents: whether their household voted (never how); staff: null */
  householdVoted: boolean | null;
  seconds: { count: number; needed: number };
  outcomeLabel: string | null;
  publishedAt: string | null;
}

/** `topics`: a page of cards, newest first. */
export interface TopicList {
  items: TopicCard[];
  /** pass back as `cursor` for the next page; null at the end */
  nextCursor: string | null;
}

/** `vote`: the household's vote as it now stands, and the live turnout. */
export interface VoteAnswer {
  myVote: MyVote;
  turnout: TopicTurnout;
  /** true when this call changed an earlier vote of the household (last one counts) */
  changed: boolean;
}

/** `voteFor` (counter): whether the household voted now — never its choice. */
export interface VoteForAnswer {
  householdVoted: true;
  channel: VoteChannel;
  changed: boolean;
}

/**
 * One topic as the counter sees it for the resident at hand (`topicsFor`): enough to vote for them
 * (options, rule), the live turnout, and whether their household voted and by which channel — never
 * the household's choice (design §6: counter staff learn that of the resident at hand, nothing more).
 */
export interface CounterTopic {
  id: string;
  title: string;
  kind: 'yesNo' | 'choice';
  options: TopicOption[];
  rule: TopicRule;
  civilCodeItem: number | null;
  /** `全社区`, `壁山丽景小区`, `壁山丽景小区 3号楼` */
  scopeLabel: string;
  /** `discussion` (voting not yet open) or `voting` */
  phase: 'discussion' | 'voting';
  phaseLabel: string;
  votersMustBeVerified: boolean;
  voteFrom: string | null;
  voteUntil: string | null;
  /** live turnout by channel while voting; null in discussion */
  turnout: TopicTurnout | null;
  /** whether the resident's household (户) has a vote on this topic, by any member and any channel */
  householdVoted: boolean;
  /** the channel of that vote (`paper`: its sheet is in a building's count, it cannot be changed here); null when it has not voted */
  channel: VoteChannel | null;
}

/** `topicsFor`: the topics open for the resident's household, soonest-closing first. */
export interface CounterTopicList {
  items: CounterTopic[];
}

/** `claimPaperRooms`: which rooms' sheets go into the count, which must be set aside. */
export interface PaperClaimAnswer {
  tally: PaperTallyView;
  /** rooms accepted by this call (`2单元301`) */
  accepted: string[];
  /** rooms already voted in another channel: take these sheets out */
  rejected: { room: string; channel: VoteChannel }[];
  /** in words: `这 3 户已在微信/柜台投过票：2单元301…请把这几张纸质票抽出，不计入` ('' when none) */
  message: string;
}

/** An estate's household register (户数登记). */
export interface HouseholdRegisterView {
  estateId: string;
  estateName: string;
  buildings: { building: string; households: number | null }[];
  /** Σ households of the buildings with a count */
  total: number;
  /** true when every building has a count */
  complete: boolean;
}

const instant = z.string().datetime({ offset: true }).describe('ISO instant');
const building = text(1, L.roomText);
const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }).strict(),
  z.object({ kind: z.literal('estate'), estateId: id }).strict(),
  z.object({ kind: z.literal('building'), estateId: id, building }).strict(),
]);
const choiceKey = z.string().min(1).max(16).regex(/^[A-Za-z0-9_-]+$/).describe('optionKey');
const count = z.number().int().min(0).max(100_000);
const GROUP = 'Topics and votes (有事来商量: 议题与表决)';
const COUNTER = 'Counter (代办)';

// ─── proposals and discussion: types, schemas (the votes helper's are above) ───

/** A topic's place in its proposal lifecycle, as the proposer and the community's staff read it (提议). */
export interface ProposalView {
  topicId: string;
  title: string;
  background: string;
  scope: TopicScope;
  /** in words: `全社区`, `壁山丽景小区`, `壁山丽景小区 3号楼` */
  scopeText: string;
  kind: 'yesNo' | 'choice';
  options: { key: string; label: string }[];
  status: TopicStatus;
  /** households that seconded (附议) and how many are needed */
  seconds: number;
  secondsNeeded: number;
  /** ISO instants; null until scheduled */
  discussFrom: string | null;
  voteFrom: string | null;
  voteUntil: string | null;
  rule: TopicRule;
  civilCodeItem: number | null;
  /** why staff declined it (the proposer reads this), ISO `at` */
  decline: { reason: string; at: string } | null;
  /** the topic it was merged into (a link for 我的提议) and why */
  merged: { intoTopicId: string; intoTitle: string; reason: string; at: string } | null;
  /** why an admin closed it during discussion or voting */
  cancelled: { reason: string; at: string } | null;
  /** `3号楼居民` — never a resident's name */
  proposerLabel: string;
  /** the caller is its proposer */
  mine: boolean;
  createdAt: string;
}

/** `second`'s answer: households that seconded, how many are needed, and the topic's status after. */
export interface SecondResult {
  seconds: number;
  needed: number;
  status: TopicStatus;
}

/**
 * One comment of a topic's discussion. A hidden comment reads `已隐藏：<reason>` to residents (its
 * author reads their own text, with `hidden` set); staff read the text and the reason.
 */
export interface CommentView {
  commentId: string;
  topicId: string;
  /** `3号楼居民`, `社区 严婷` — never a resident's name */
  authorLabel: string;
  text: string;
  /** ISO instant */
  at: string;
  hidden: { reason: string; at: string } | null;
  mine: boolean;
}

/** A page of comments, newest first; `nextCursor`: `cursor` of the next (older) page, null at the end. */
export interface CommentPage {
  comments: CommentView[];
  nextCursor: { before: number; beforeId: string } | null;
}

const PROPOSALS = 'Proposals and discussion (提议、附议、讨论)';

const scopeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }).strict(),
  z.object({ kind: z.literal('estate'), estateId: id }).strict(),
  z.object({ kind: z.literal('building'), estateId: id, building: text(1, L.building) }).strict(),
]);
const reason = text(L.reason.min, L.reason.max);
const optionLabels = z.array(text(L.optionLabel.min, L.optionLabel.max)).min(L.options.min).max(L.options.max);

/** The topic and vote actions: action name → contract. */
export const topicActions = {
  // ─── topics and votes ───
  create: contract<StaffTopicView>()({
    who: 'staff',
    rule: "an admin of the caller's community, any scope in it; a grid worker only an estate or building scope within their grids; civilCode topics by admins only",
    input: z
      .object({
        title: text(L.topicTitle.min, L.topicTitle.max),
        background: text(L.topicBackground.min, L.topicBackground.max, { multiline: true }),
        kind: z.enum(['yesNo', 'choice']),
        /** labels of a `choice` topic's options (keys `o1`…); yesNo: absent (同意 / 不同意 / 弃权) */
        options: z.array(text(L.optionLabel.min, L.optionLabel.max)).min(L.options.min).max(L.options.max).optional(),
        scope,
        rule: z.enum(['majority', 'civilCode']),
        civilCodeItem: z.number().int().min(1).max(9).optional(),
        minTurnout: z.number().min(0).max(1).optional(),
        discussFrom: instant,
        voteFrom: instant,
        voteUntil: instant,
        votersMustBeVerified: z.boolean().optional(),
        tallyGraceDays: z.number().int().min(L.tallyGraceDays.min).max(L.tallyGraceDays.max).optional(),
        requestId,
      })
      .strict(),
    group: GROUP,
    summary:
      'A topic decided by household (议题), scheduled: `discussion` from `discussFrom`, `voting` from `voteFrom` until `voteUntil`, then `counting` until paper is in (`tallyGraceDays`, default 3). yesNo topics have the options 同意/不同意/弃权 (`agree`/`disagree`/`abstain`); choice topics 2–8 labels (keys `o1`…). The electorate (户数) is snapshotted from the household register (`setHouseholds`) when every building in scope has one, else from the rooms of registered residents; `civilCode` (民法典 第二百七十八条, items 1–9) needs the register (`CONSULT.HOUSEHOLDS_UNKNOWN`), yesNo, and always verified voters. A repeated `requestId` returns the first topic.',
    errors: ['COMMON.FORBIDDEN', 'CONSULT.PERIOD_INVALID', 'CONSULT.PLACE_NOT_FOUND', 'CONSULT.HOUSEHOLDS_UNKNOWN', 'CONSULT.CIVIL_CODE_YES_NO', 'CONSULT.OPTION_INVALID', 'COMMON.REQUEST_REUSED'],
  }),
  topics: contract<TopicList>()({
    who: 'registered',
    rule: "topics of the caller's own community; a resident sees only topics whose scope holds their home; staff see all",
    input: z.object({ status: z.enum(['open', 'past', 'proposals']).optional(), cursor: instant.optional() }).strict(),
    group: GROUP,
    summary:
      '`open` (default): scheduled topics (upcoming, discussion, voting, counting); `past`: decided and closed; `proposals`: proposed and seconded. Newest first, 20 a page. A resident\'s card says whether their household voted (`householdVoted`), never how.',
    errors: [],
  }),
  topic: contract<TopicView>()({
    who: 'registered',
    rule: "a topic of the caller's own community; a resident only when its scope holds their home",
    input: z.object({ topicId: id }).strict(),
    group: GROUP,
    summary:
      'One topic with its phase, live turnout by channel (households, never the split by option before it is decided), the caller\'s own household\'s vote (`myVote`, to change it), whether they can vote now and why not, 附议 counts (`seconds` from `topicSeconds`), and the result once decided. Staff get `staff`: the electorate, per-building register and paper tallies, the events. ≤ 2 database round trips.',
    errors: ['CONSULT.TOPIC_NOT_FOUND'],
  }),
  vote: contract<VoteAnswer>()({
    who: 'registered',
    rule: 'a resident whose home is in the topic\'s scope, verified when the topic requires it, while voting is open',
    input: z.object({ topicId: id, choice: choiceKey, ownerDeclared: z.boolean().optional(), requestId }).strict(),
    group: GROUP,
    summary:
      "The caller's household's vote (one per 户, whatever the channel: the unique index {topicId, householdKey} decides). A later vote of the same household, from any member, in WeChat or at the counter, changes it (last one counts) until `voteUntil`; a paper ballot already claimed for the household keeps it (`CONSULT.VOTED_ON_PAPER`). Retrying is harmless. ≤ 3 database round trips.",
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.NO_HOME', 'CONSULT.NOT_IN_SCOPE', 'CONSULT.NOT_VERIFIED', 'CONSULT.NOT_OPEN', 'CONSULT.OPTION_INVALID', 'CONSULT.VOTED_ON_PAPER', 'CONSULT.VOTED_FOR_OTHER_HOUSEHOLD'],
  }),
  voteFor: contract<VoteForAnswer>()({
    who: 'staff',
    rule: "a verified resident of the caller's own community whose home is in the topic's scope, with the resident's spoken consent",
    input: z.object({ topicId: id, residentId: id, choice: choiceKey, ownerDeclared: z.boolean().optional(), consent: spokenConsent, requestId }).strict(),
    group: COUNTER,
    summary:
      "代表决: the resident's household's vote cast at the counter (channel `counter`), with who cast it and the spoken consent stored on the vote. Same household rule as `vote`. Answers only that the household voted and how it was cast — never the choice.",
    errors: ['COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND', 'COUNTER.CONSENT_REQUIRED', 'CONSULT.TOPIC_NOT_FOUND', 'CONSULT.NO_HOME', 'CONSULT.NOT_IN_SCOPE', 'CONSULT.NOT_VERIFIED', 'CONSULT.NOT_OPEN', 'CONSULT.OPTION_INVALID', 'CONSULT.VOTED_ON_PAPER', 'CONSULT.VOTED_FOR_OTHER_HOUSEHOLD'],
  }),
  topicsFor: contract<CounterTopicList>()({
    who: 'staff',
    rule: "a resident of the caller's own community (another community's resident reads as not found)",
    input: z.object({ residentId: id }).strict(),
    group: COUNTER,
    summary:
      "代表决, before casting: the community's topics in discussion or voting whose scope holds the resident's home, soonest-closing first, each with its options, rule, live turnout by channel, and whether the resident's household (户) has voted and by which channel (`householdVoted`, `channel`: wechat/counter/paper or null) — never the choice. A resident without a home gets no topics. ≤ 3 database round trips (the caller with the resident, the open topics and the estates; then, at once, the household's votes — topic and channel only — and the turnout by channel).",
    errors: ['COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND'],
  }),
  households: contract<HouseholdRegisterView[]>()({
    who: 'staff',
    rule: "the estates of the caller's own community",
    input: z.object({}).strict(),
    group: GROUP,
    summary: 'The household register (户数登记) of every estate of the community: households per building, blank where none is entered.',
    errors: [],
  }),
  setHouseholds: contract<HouseholdRegisterView>()({
    who: 'admin',
    rule: "an estate of the caller's own community; buildings of that estate",
    input: z
      .object({ estateId: id, households: z.array(z.object({ building, count: z.number().int().min(0).max(L.buildingHouseholds) }).strict()).min(1).max(L.registerBuildings) })
      .strict(),
    group: GROUP,
    summary: '户数登记: the number of households (rooms) per building of an estate, the electorate of its topics (count 0 removes a building from the register). Topics already created keep the electorate they were created with.',
    errors: ['COMMON.FORBIDDEN', 'CONSULT.PLACE_NOT_FOUND'],
  }),
  claimPaperRooms: contract<PaperClaimAnswer>()({
    who: 'staff',
    rule: "a topic of the caller's own community, a building in its scope, from voteFrom until voteUntil + tallyGraceDays",
    input: z
      .object({ topicId: id, estateId: id, building, rooms: z.array(z.object({ unit: text(0, L.roomText), room: text(1, L.roomText) }).strict()).min(1).max(L.paperRooms) })
      .strict(),
    group: GROUP,
    summary:
      "纸质票 step 1: the rooms whose paper ballots were collected in one building. Each room is claimed for the building's tally (a `paper` vote with no choice): the first channel to reach the system keeps a household, so a room that already voted in WeChat or at the counter is returned in `rejected` — take its sheet out before counting. Retrying the same rooms is harmless.",
    errors: ['COMMON.FORBIDDEN', 'CONSULT.TOPIC_NOT_FOUND', 'CONSULT.ROOM_NOT_IN_SCOPE', 'CONSULT.TALLY_CLOSED', 'CONSULT.NOT_OPEN'],
  }),
  enterPaperCounts: contract<PaperTallyView>()({
    who: 'staff',
    rule: "a topic of the caller's own community, a building in its scope, before voteUntil + tallyGraceDays and before the result",
    input: z
      .object({
        topicId: id,
        estateId: id,
        building,
        counts: z.record(choiceKey, count),
        blank: count,
        invalid: count,
        photoFileIds: z.array(photoFileId).max(L.tallyPhotos),
        /** the tally's `revision` as read (a count entered meanwhile by someone else → CONSULT.WRONG_STATE) */
        revision: z.number().int().min(0),
      })
      .strict(),
    group: GROUP,
    summary:
      '纸质票 step 2: the building\'s count — households per option, blank and invalid sheets — with a photo of the count sheet (`CONSULT.PHOTO_REQUIRED`). Accepted only when Σcounts + blank + invalid equals the rooms claimed (`CONSULT.TALLY_MISMATCH`). May be corrected (same `revision`) until the result is written.',
    errors: ['COMMON.FORBIDDEN', 'CONSULT.TOPIC_NOT_FOUND', 'CONSULT.PLACE_NOT_FOUND', 'CONSULT.OPTION_INVALID', 'CONSULT.TALLY_MISMATCH', 'CONSULT.PHOTO_REQUIRED', 'CONSULT.TALLY_CLOSED', 'CONSULT.WRONG_STATE'],
  }),
  finishCounting: contract<StaffTopicView>()({
    who: 'admin',
    rule: "a topic of the caller's own community whose voting has ended (counting)",
    input: z.object({ topicId: id, noPaperBuildings: z.array(z.object({ estateId: id, building }).strict()).max(L.noPaperBuildings) }).strict(),
    group: GROUP,
    summary:
      '计票完成: writes the result now instead of at the end of the paper grace period. Every building in scope must have its paper counted or be named in `noPaperBuildings` (无纸质票; `CONSULT.PAPER_NOT_COUNTED` lists the others). The result is written once: if the timer wrote it first, this answers that result.',
    errors: ['COMMON.FORBIDDEN', 'CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE', 'CONSULT.PAPER_NOT_COUNTED', 'CONSULT.PLACE_NOT_FOUND'],
  }),
  publish: contract<StaffTopicView>()({
    who: 'admin',
    rule: "a decided topic of the caller's own community",
    input: z.object({ topicId: id, note: text(0, L.publishNote, { multiline: true }).optional() }).strict(),
    group: GROUP,
    summary:
      'Puts a decided topic\'s result on the board (社区议事 / 问题挂牌) and tells the households in scope in their inbox (and by subscribe message where they allowed `consultResult`). Publishing twice keeps the first time.',
    errors: ['COMMON.FORBIDDEN', 'CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE'],
  }),

  // ─── proposals and discussion ───
  propose: contract<ProposalView>()({
    who: 'registered',
    rule: "a verified resident whose home is in the scope, in their own community; at most 3 proposals a day (COMMON.TOO_MANY)",
    input: z.object({ title: text(L.topicTitle.min, L.topicTitle.max), background: text(L.topicBackground.min, L.topicBackground.max, { multiline: true }), options: optionLabels.optional(), scope: scopeInput, requestId }).strict(),
    group: PROPOSALS,
    summary: `提议: a resident proposes a topic for the households of \`scope\` (their own estate or building, or the whole community) to decide. Without \`options\` it is a yes/no topic (同意 / 不同意 / 弃权); with 2–8 labels a choice. The topic starts \`proposed\` with \`secondsNeeded\` = the community's 附议门槛 (\`consultation.secondThreshold\`, default 10 households). Title and background pass content security (msgSecCheck). A repeated \`requestId\` returns the first proposal.
\`CONSULT.NO_HOME\` without a home; \`CONSULT.PROPOSER_NOT_VERIFIED\` before staff verified the resident; \`CONSULT.NOT_IN_SCOPE\`: the caller's home is not in \`scope\`; \`CONSULT.PLACE_NOT_FOUND\`: no such estate/building in the community; \`COMMON.TOO_MANY\`: 3 proposals a day.`,
    errors: ['CONSULT.NO_HOME', 'CONSULT.PROPOSER_NOT_VERIFIED', 'CONSULT.NOT_IN_SCOPE', 'CONSULT.PLACE_NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED', 'COMMON.TOO_MANY'],
  }),
  second: contract<SecondResult>()({
    who: 'registered',
    rule: "a resident whose home (户) is in the topic's scope, in their own community; a proposed or seconded topic; once per household",
    input: z.object({ topicId: id }).strict(),
    group: PROPOSALS,
    summary: `附议: the caller's household supports a proposal. One second per 户 (unique {topicId, householdKey} in \`topicSeconds\`: two phones of one room second once); when the count reaches \`secondsNeeded\`, one conditional update moves the topic \`proposed → seconded\` (exactly once under any concurrency; event \`seconded\`). Answer \`{ seconds, needed, status }\`.
\`CONSULT.ALREADY_SECONDED\`: the household has seconded; \`CONSULT.WRONG_STATE\`: no longer a proposal (scheduled, merged, declined…).`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.NO_HOME', 'CONSULT.NOT_IN_SCOPE', 'CONSULT.WRONG_STATE', 'CONSULT.ALREADY_SECONDED', 'COMMON.FORBIDDEN'],
  }),
  myProposals: contract<ProposalView[]>()({
    who: 'registered',
    rule: "the caller's own proposals only",
    input: noFields,
    group: PROPOSALS,
    summary: `我的提议: the caller's proposals, newest first (≤ 50), each with its status, seconds, and — when staff declined it — the reason, or — when merged — the topic it went into (\`merged.intoTopicId\`, \`intoTitle\`).`,
    errors: [],
  }),
  schedule: contract<ProposalView>()({
    who: 'admin',
    rule: "a seconded topic of the caller's own community",
    input: z
      .object({ topicId: id, rule: z.enum(['majority', 'civilCode']), civilCodeItem: z.number().int().min(1).max(9).optional(), minTurnout: z.number().min(0).max(1).optional(), discussFrom: instant, voteFrom: instant, voteUntil: instant, options: optionLabels.optional() })
      .strict(),
    group: PROPOSALS,
    summary: `An admin puts a seconded proposal to the households: \`seconded → scheduled\` with its rule (\`civilCode\` needs \`civilCodeItem\` 1–9 and makes voters verified) and periods (epoch ms: \`discussFrom ≤ voteFrom < voteUntil\`, \`voteUntil\` in the future); \`options\` (2–8 labels) replaces the proposed ones (a choice topic), absent keeps them. One conditional update (\`where({_id, status: 'seconded'})\`): of two admins at once one wins, the other gets \`CONSULT.WRONG_STATE\`.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE', 'CONSULT.PERIOD_INVALID'],
  }),
  merge: contract<ProposalView>()({
    who: 'admin',
    rule: "a proposed or seconded topic of the caller's own community, into another topic of it that is not merged, declined or closed",
    input: z.object({ topicId: id, intoTopicId: id, reason }).strict(),
    group: PROPOSALS,
    summary: `An admin merges a proposal into another topic (the same question): \`proposed|seconded → merged\` with \`merged { intoTopicId, reason }\`; the proposer is told (inbox; WeChat \`consultResult\` if they allowed it) and reads the link in 我的提议. Reason 2–200 characters, in words the proposer reads.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE', 'CONSULT.MERGE_TARGET_INVALID'],
  }),
  decline: contract<ProposalView>()({
    who: 'admin',
    rule: "a proposed or seconded topic of the caller's own community",
    input: z.object({ topicId: id, reason }).strict(),
    group: PROPOSALS,
    summary: `An admin declines a proposal: \`proposed|seconded → declined\` with \`decline { reason }\`; the proposer is told (inbox; WeChat \`consultResult\` if allowed) and reads the reason in 我的提议. Reason 2–200 characters.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE'],
  }),
  cancel: contract<ProposalView>()({
    who: 'admin',
    rule: "a scheduled topic of the caller's own community, before its voting ends",
    input: z.object({ topicId: id, reason }).strict(),
    group: PROPOSALS,
    summary: `An admin closes a topic in discussion or voting (\`scheduled\`, before \`voteUntil\`): \`→ closed\` with \`cancelled { reason }\`; no result is ever computed, votes are kept and never counted. Reason 2–200 characters.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.WRONG_STATE'],
  }),
  comments: contract<CommentPage>()({
    who: 'registered',
    rule: "a topic of the caller's own community (residents: whose scope holds their home, or their own proposal); hidden text only to its author and staff",
    input: z.object({ topicId: id, before: z.number().int().positive().max(8.64e15).optional(), beforeId: id.optional() }).strict(),
    group: PROPOSALS,
    summary: `A topic's discussion, newest first, 20 a page (next page: \`before\` = the last comment's \`at\` in epoch ms and \`beforeId\` its id — \`nextCursor\`). A hidden comment reads \`已隐藏：<reason>\` to residents; its author reads their own text (with \`hidden\`); staff read everything. Authors are labels (\`3号楼居民\`, \`社区 严婷\`), never a resident's name.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND'],
  }),
  comment: contract<CommentView>()({
    who: 'registered',
    rule: "a resident whose home is in the topic's scope, or staff of its community; while it is in discussion or voting; residents at most 20 comments a day (COMMON.TOO_MANY)",
    input: z.object({ topicId: id, text: text(L.comment.min, L.comment.max, { multiline: true }), requestId }).strict(),
    group: PROPOSALS,
    summary: `A comment on a topic in discussion or voting; the text passes content security (msgSecCheck, scene 评论) before it is stored. Residents sign as their building (\`3号楼居民\`), staff as \`社区 <name>\`. A repeated \`requestId\` returns the first comment.
\`CONSULT.NOT_DISCUSSING\`: before \`discussFrom\` or after \`voteUntil\`, or not scheduled.`,
    errors: ['CONSULT.TOPIC_NOT_FOUND', 'CONSULT.NO_HOME', 'CONSULT.NOT_IN_SCOPE', 'CONSULT.NOT_DISCUSSING', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED', 'COMMON.TOO_MANY'],
  }),
  hideComment: contract<CommentView>()({
    who: 'staff',
    rule: "a comment on a topic of the caller's own community",
    input: z.object({ commentId: id, reason }).strict(),
    group: PROPOSALS,
    summary: `Staff hide a comment with a reason (2–200 characters): residents then read \`已隐藏：<reason>\`; the author still reads their own text. Hiding again replaces the reason.`,
    errors: ['CONSULT.COMMENT_NOT_FOUND'],
  }),

} satisfies Contracts;
