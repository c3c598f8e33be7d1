/**
 * The contract of the `notices` function (公告 and 政策宣传 by staff, issue 22): each action's
 * caller kind, record rule, input schema (built from `limits.ts`), answer type, errors and summary.
 * The router declares them (`index.ts`), the pages type `call('notices', …)` from this file
 * (type-only), docs/api.md is generated from it. Pure: zod and shared schemas, no SDK. Instants are
 * ISO strings; `expiresOn` is a local date `YYYY-MM-DD` (Asia/Shanghai), the last day it is shown.
 *
 * - A notice goes to the whole community, one estate (小区) or one building of an estate; a resident
 *   sees it when their `home` is in that audience (buildings compared normalised, as household keys).
 * - Read counts: a person's first opening writes `noticeReads` with `_id` = `noticeId|userId` (unique),
 *   and only that insert increments the notice's `readCount`: a person counts once, even when two
 *   openings arrive at once.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { NoticeAudience, NoticeKind } from '../shared/model';
import { id, localDate, noFields, requestId, text } from '../shared/schemas';
import { NOTICES_LIMITS as L } from './limits';

export type { NoticeAudience, NoticeKind };

/** A notice as a resident reads it. */
export interface NoticeView {
  id: string;
  kind: NoticeKind;
  /** 公告 / 政策宣传 */
  kindLabel: string;
  title: string;
  body: string;
  /** 全社区 / 碧山小区 / 碧山小区3号楼 */
  audienceLabel: string;
  pinned: boolean;
  /** last local date shown; null: until withdrawn */
  expiresOn: string | null;
  publishedAt: string;
  byName: string;
  /** the caller has opened it */
  read: boolean;
}

/** The answer of `forMe`: the caller's notices (pinned first, then newest) and how many are unread. */
export interface ForMeAnswer {
  notices: NoticeView[];
  unread: number;
}

/** A notice as staff read it (`list`, `publish`, `withdraw`). */
export interface StaffNoticeView extends Omit<NoticeView, 'read'> {
  audience: NoticeAudience;
  /** `published`, `withdrawn`, or `expired` (published, past its `expiresOn`) */
  status: 'published' | 'withdrawn' | 'expired';
  statusLabel: string;
  /** people who opened it (each once) */
  readCount: number;
  /** residents in its audience now (registered residents whose home is in it) */
  audienceSize: number;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

/** An estate and its buildings, for the publish form's 谁能看到. */
export interface AudienceChoice {
  estateId: string;
  name: string;
  buildings: string[];
}

/** The answer of `list`: the community's notices and the estates a notice can go to. */
export interface NoticeListAnswer {
  notices: StaffNoticeView[];
  estates: AudienceChoice[];
  /** local date the statuses were computed for */
  today: string;
}

const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('community') }).strict(),
  z.object({ kind: z.literal('estate'), estateId: id }).strict(),
  z.object({ kind: z.literal('building'), estateId: id, building: text(1, 20) }).strict(),
]);

const GROUP = '公告 (notices)';

/** The actions of `notices`: action name → contract. */
export const actions = {
  publish: contract<StaffNoticeView>()({
    who: 'admin',
    rule: "the caller's community (the estate and building must be the community's)",
    input: z
      .object({
        kind: z.enum(['notice', 'policy']),
        title: text(L.title.min, L.title.max),
        body: text(L.body.min, L.body.max, { multiline: true }),
        audience,
        pinned: z.boolean(),
        expiresOn: localDate.nullable().optional(),
        requestId,
      })
      .strict(),
    group: GROUP,
    summary: `发布公告: a 公告 or 政策宣传 (title ≤ ${L.title.max}, body ≤ ${L.body.max}; both pass msgSecCheck: \`COMMON.TEXT_REJECTED\`) to the whole community, one estate or one building of it (another community's or an unknown one: \`NOTICES.AUDIENCE_NOT_FOUND\`), pinned or not, shown until \`expiresOn\` (today to ${L.expiresMaxDays} days ahead: \`NOTICES.EXPIRES_INVALID\`) or until withdrawn. A repeated \`requestId\` returns the first notice (another payload with it: \`COMMON.REQUEST_REUSED\`). Round trips: the caller with the estates and an earlier notice of the request (1), the text check, the insert (2).`,
    errors: ['NOTICES.AUDIENCE_NOT_FOUND', 'NOTICES.EXPIRES_INVALID', 'COMMON.TEXT_REJECTED', 'COMMON.REQUEST_REUSED'],
  }),
  withdraw: contract<StaffNoticeView>()({
    who: 'admin',
    rule: "a notice of the caller's community (another's: NOTICES.NOT_FOUND)",
    input: z.object({ noticeId: id, reason: text(L.reason.min, L.reason.max) }).strict(),
    group: GROUP,
    summary: `撤下: the notice stops being shown at once; the reason (≤ ${L.reason.max}) and time are kept for staff. Withdrawn already: \`NOTICES.ALREADY_WITHDRAWN\` (a conditional update: of two at once, one wins). Round trips: the caller with the notice (1), the update (2).`,
    errors: ['NOTICES.NOT_FOUND', 'NOTICES.ALREADY_WITHDRAWN'],
  }),
  forMe: contract<ForMeAnswer>()({
    who: 'registered',
    rule: "the caller's community: notices whose audience holds the caller's home (no home: the whole community's only)",
    input: noFields,
    group: GROUP,
    summary: `社区公告: the notices the caller sees — published, not past \`expiresOn\`, to their community, estate or building — pinned first, then newest (≤ ${L.listMax}), each with \`read\`, and the unread count. One database round trip (the caller with the notices and their reads).`,
    errors: [],
  }),
  read: contract<NoticeView>()({
    who: 'registered',
    rule: 'a notice the caller sees (forMe); any other: NOTICES.NOT_FOUND',
    input: z.object({ noticeId: id }).strict(),
    group: GROUP,
    summary: 'Opening a notice: the first time a person opens it, `noticeReads` gets `noticeId|userId` (unique) and the notice\'s `readCount` goes up by one; later openings (or two at once) change nothing. Answers the notice with `read: true`. Round trips: the caller with the notice and their read (1), the insert (2), the increment (3).',
    errors: ['NOTICES.NOT_FOUND'],
  }),
  list: contract<NoticeListAnswer>()({
    who: 'staff',
    rule: "the caller's community",
    input: noFields,
    group: GROUP,
    summary: `公告管理: the community's notices newest first (≤ ${L.listMax}), published, expired and withdrawn, each with its read count and audience size (registered residents whose home is in it), and the estates with their buildings (the publish form's choices). Round trips: the caller with the notices and estates (1), the residents counted per building (2).`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
Notices (公告, 政策宣传; issue 22): staff publish to the whole community, one estate or one building,
pinned or expiring; residents read them on home (large text in elder mode); each person's first
opening counts once. Types: \`cloudfunctions/notices/contract.ts\`; limits:
\`cloudfunctions/notices/limits.ts\`.
`;
