/**
 * Contracts of the topic and vote actions of `consult` (议题, 附议, 表决; docs/consultation-design.md §1–3).
 * Pure: zod and shared schemas, no SDK.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../../shared/contract';
import type { TopicRule, TopicScope, TopicStatus } from '../../shared/model';
import { id, noFields, requestId, text } from '../../shared/schemas';
import { CONSULT_LIMITS as L } from '../limits';

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
/** An instant as epoch milliseconds (2020–2100). */
const instant = z.number().int().min(1_577_836_800_000).max(4_102_444_800_000).describe('epoch ms');
const reason = text(L.reason.min, L.reason.max);
const optionLabels = z.array(text(1, L.optionLabel)).min(L.options.min).max(L.options.max);

/** The topic and vote actions: action name → contract. */
export const topicActions = {
  // ─── topics and votes ───



  // ─── proposals and discussion ───
  propose: contract<ProposalView>()({
    who: 'registered',
    rule: "a verified resident whose home is in the scope, in their own community; at most 3 proposals a day (COMMON.TOO_MANY)",
    input: z.object({ title: text(L.title.min, L.title.max), background: text(L.background.min, L.background.max, { multiline: true }), options: optionLabels.optional(), scope: scopeInput, requestId }).strict(),
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
