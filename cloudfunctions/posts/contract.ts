/**
 * The contract of the `posts` function (邻里互助: 旧物置换, 互助广告, 就业招聘 — issue 22,
 * docs/everyday-services-design.md §3): each action's caller kind, record rule, input schema (built
 * from `limits.ts`), answer type, errors and summary. The router declares them (`index.ts`), the
 * pages type `call('posts', …)` from this file (type-only), docs/api.md is generated from it. Pure:
 * zod and shared schemas, no SDK. Instants are ISO strings; dates are local `YYYY-MM-DD`.
 *
 * - A resident publishes a 旧物置换 or 互助广告 post (title, text, up to 3 of their own photos, shown
 *   for 7–30 days); 就业招聘 is published by staff. Title and text pass WeChat's msgSecCheck and each
 *   photo its imgSecCheck before anything is written; a resident publishes at most `post` posts a day (shared/quotas.ts).
 * - The board (`list`) shows the caller's community's published posts whose last day has not
 *   passed, newest first; the author appears by a nickname (「3号楼 赵大爷」, staff 「社区 严婷」) —
 *   no name in full, no phone, ever.
 * - 联系TA (`contact`): a resident's short message (msgSecCheck) is passed on by the kiosk as a note
 *   in the author's 消息 with the asker's name and building; neither side's phone is shown.
 * - The author withdraws (撤下); staff take a post down (下架) with a reason, and the author is told
 *   in 消息; the daily timer `postJobs` marks posts past their last day as expired.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { PostKind, PostStatus } from '../shared/model';
import { id, noFields, photoFileId, requestId, text } from '../shared/schemas';
import { POSTS_LIMITS as L } from './limits';

export type { PostKind, PostStatus };

/** One post as the board and its author read it. */
export interface PostView {
  id: string;
  kind: PostKind;
  kindLabel: string;
  title: string;
  body: string;
  /** temporary URLs of its photos (10 minutes), in order; a photo no longer stored is left out */
  photoUrls: string[];
  /** the author's nickname (「3号楼 赵大爷」), never a phone */
  author: string;
  /** the caller wrote it */
  mine: boolean;
  status: PostStatus;
  statusLabel: string;
  /** the last local date it is shown */
  expiresOn: string;
  createdAt: string;
  /** why staff took it down: shown to its author and to staff only, else null */
  takeDownReason: string | null;
}

/** The board (`list`). */
export interface ListAnswer {
  posts: PostView[];
}

/** The caller's own posts (`mine`). */
export interface MineAnswer {
  posts: PostView[];
}

/** What `contact` answers: the message was passed on (no detail of the author). */
export interface ContactAnswer {
  passedOn: true;
}

const kind = z.enum(['swap', 'help', 'job']);
const GROUP = '邻里互助 (posts)';
const STAFF_RULE = "a grid worker or admin of the post's community";

/** The actions of `posts`: action name → contract. */
export const actions = {
  publish: contract<PostView>()({
    who: 'registered',
    rule: "a resident (旧物置换, 互助广告) or staff (any kind; 就业招聘 only by staff), on the caller's own community's board",
    input: z
      .object({
        kind,
        title: text(L.title.min, L.title.max),
        body: text(0, L.body.max, { multiline: true }),
        photos: z.array(photoFileId).max(L.photos),
        days: z.number().int().min(L.days.min).max(L.days.max),
        requestId,
      })
      .strict(),
    group: GROUP,
    summary: `发布: a post on the caller's community's board — title (${L.title.min}–${L.title.max}), text (≤ ${L.body.max}), ≤ ${L.photos} photos of the caller's own uploads (another's: \`COMMON.FORBIDDEN\`), shown for \`days\` (${L.days.min}–${L.days.max}) days counting today (China time). 就业招聘 by staff only (\`POSTS.JOB_BY_STAFF\`). Title and text pass WeChat's msgSecCheck (a risky or doubtful text: \`COMMON.TEXT_REJECTED\`, nothing written), and each photo its imgSecCheck at the same time (a risky photo, one that is no PNG/JPEG/GIF or one over 1 MB: \`COMMON.IMAGE_REJECTED\` with \`details: { photo: <1-based>, reason: 'risky' | 'not-image' | 'too-big' }\`, nothing written; a check that cannot be made: \`COMMON.INTERNAL\`). A resident publishes at most 3 posts and 15 photos a day (\`COMMON.TOO_MANY\`, shared/quotas.ts). The author is shown as a nickname (「3号楼 赵大爷」; staff 「社区 严婷」). A repeated \`requestId\` returns the first post (another payload with it: \`COMMON.REQUEST_REUSED\`). Database round trips: the caller with an earlier post of the request and today's quota (1), the quota (2, residents), the insert (3); msgSecCheck, imgSecCheck and the photo URLs are WeChat calls, and the photos are read from storage to be checked.`,
    errors: ['POSTS.JOB_BY_STAFF', 'COMMON.TEXT_REJECTED', 'COMMON.IMAGE_REJECTED', 'COMMON.TOO_MANY', 'COMMON.REQUEST_REUSED'],
  }),
  list: contract<ListAnswer>()({
    who: 'registered',
    rule: "the caller's community's board",
    input: z.object({ kind: kind.optional() }).strict(),
    group: GROUP,
    summary: `邻里互助: the caller's community's published posts whose last day (China time) has not passed, newest first (≤ ${L.listMax}), of one kind or all, with their photos' temporary URLs. Authors by nickname; no phone. Database round trips: the caller with the posts (1).`,
    errors: [],
  }),
  mine: contract<MineAnswer>()({
    who: 'registered',
    rule: "the caller's own posts",
    input: noFields,
    group: GROUP,
    summary: `我的发布: the caller's posts in every state, newest first (≤ ${L.mineMax}), with the reason of a post taken down (a post past its last day reads 已过期 at once). Database round trips: the caller with the posts (1).`,
    errors: [],
  }),
  withdraw: contract<PostView>()({
    who: 'registered',
    rule: 'the post\'s author',
    input: z.object({ postId: id }).strict(),
    group: GROUP,
    summary: '撤下: the author takes their own published post off the board (the page asks first). A conditional update on `published`; then its photos are deleted from storage and shown to nobody (the daily `postJobs` finishes a deletion cut short). Another person\'s post: `POSTS.NOT_AUTHOR`; no longer on the board: `POSTS.NOT_PUBLISHED`.',
    errors: ['POSTS.NOT_FOUND', 'POSTS.NOT_AUTHOR', 'POSTS.NOT_PUBLISHED'],
  }),
  takeDown: contract<PostView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ postId: id, reason: text(L.reason.min, L.reason.max) }).strict(),
    group: GROUP,
    summary: `下架: staff take a published post of their community off the board with a reason (${L.reason.min}–${L.reason.max}, msgSecCheck); the author is told in 消息 with the reason. A conditional update on \`published\` (already off: \`POSTS.NOT_PUBLISHED\`). Database round trips: the caller with the post (1), the update and the author's record at once (2–3), the note (4).`,
    errors: ['POSTS.NOT_FOUND', 'POSTS.NOT_PUBLISHED', 'COMMON.TEXT_REJECTED'],
  }),
  contact: contract<ContactAnswer>()({
    who: 'registered',
    rule: "a resident of the post's community, not its author",
    input: z.object({ postId: id, text: text(L.contact.min, L.contact.max), requestId }).strict(),
    group: GROUP,
    summary: `联系TA: a resident's short message (${L.contact.min}–${L.contact.max}, msgSecCheck) to a post's author, passed on by the kiosk: the author gets a note in 消息 with the words and the asker's name and building — no phone either way. The post must be on the board (\`POSTS.NOT_PUBLISHED\`); one's own post: \`POSTS.OWN_POST\`. A resident sends at most 10 a day (\`COMMON.TOO_MANY\`). A repeated \`requestId\` is one message. Database round trips: the caller with the post and today's quota (1), the quota (2), the contact (3), the author's record (4), the note (5).`,
    errors: ['POSTS.NOT_FOUND', 'POSTS.NOT_PUBLISHED', 'POSTS.OWN_POST', 'COMMON.TEXT_REJECTED', 'COMMON.TOO_MANY'],
  }),
} satisfies Contracts;

export const about = `
邻里互助 (issue 22): residents post 旧物置换 and 互助广告 (staff also 就业招聘) with up to ${L.photos} of
their own photos, checked by WeChat's msgSecCheck (words) and imgSecCheck (photos), shown to the community for ${L.days.min}–${L.days.max}
days; authors appear by a nickname (「3号楼 赵大爷」), never a phone; 联系TA passes a short message to
the author's 消息 through the kiosk; the author may withdraw, staff take a post down with a reason
(the author is told); a daily timer (\`postJobs\`, 00:10) marks posts past their last day expired.
Types: \`cloudfunctions/posts/contract.ts\`; limits: \`cloudfunctions/posts/limits.ts\`.
`;
