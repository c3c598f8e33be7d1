/**
 * The contract of the `providers` function (trusted providers and referrals, 找师傅, issue 22): each
 * action's caller kind, record rule, input schema (built from `limits.ts`), answer type, errors and
 * summary. The router declares them (`index.ts`), the pages type `call('providers', …)` from this
 * file (type-only), docs/api.md is generated from it. Pure: zod and shared schemas, no SDK.
 *
 * - Admins keep the community's directory of checked providers (who checked them and when).
 * - A provider's phone is never in the public directory: residents read it only in a referral made
 *   for them (and its 消息); staff read it everywhere.
 * - A resident asks for a referral; staff refer a provider (the resident is told its name and phone
 *   in 消息); after the job the resident rates it once (a conditional update of the referral: two at
 *   once → one). A provider's ratings are its rated referrals, counted where they are read; one
 *   whose average is below `PROVIDER_FLAG.belowStars` over at least `PROVIDER_FLAG.minRatings` ratings is flagged
 *   (待复核) and listed to staff.
 * - No payments.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { ProviderService, ReferralStatus } from '../shared/model';
import { id, noFields, requestId, text } from '../shared/schemas';
import { PROVIDER_FLAG } from '../shared/vocabulary/providers';
import { PROVIDERS_LIMITS as L } from './limits';

export type { ProviderService, ReferralStatus };

/** A provider as the directory shows it. `phone` is null for residents. */
export interface ProviderEntry {
  id: string;
  name: string;
  service: ProviderService;
  serviceLabel: string;
  area: string;
  priceNote: string;
  verifiedByName: string;
  verifiedAt: string;
  ratingCount: number;
  /** average stars to one decimal, null before the first rating */
  ratingAverage: number | null;
  /** staff only; null for residents */
  phone: string | null;
}

/** A provider as staff manage it. */
export interface ProviderView extends ProviderEntry {
  phone: string;
  active: boolean;
  flagged: boolean;
  deactivateReason: string | null;
}

/** The staff view of the providers (`manage`). */
export interface ManageAnswer {
  providers: ProviderView[];
  /** active providers flagged by their ratings (待复核) */
  flagged: ProviderView[];
}

/** A referral as its resident reads it (provider's phone only once referred). */
export interface MyReferral {
  id: string;
  service: ProviderService;
  serviceLabel: string;
  need: string;
  status: ReferralStatus;
  statusLabel: string;
  askedAt: string;
  providerName: string | null;
  providerPhone: string | null;
  referredAt: string | null;
  rating: { stars: number; comment: string; at: string } | null;
}

/** A referral as staff read it. */
export interface ReferralView extends MyReferral {
  residentId: string;
  residentName: string;
  referredByName: string | null;
}

const service = z.enum(['housekeeping', 'applianceRepair', 'plumbing', 'other']);
const referralStatus = z.enum(['requested', 'referred', 'rated', 'cancelled']);
/** A provider's phone: digits and `-`. */
const providerPhone = z.string().regex(new RegExp(`^[0-9][0-9-]{${L.phone.min - 1},${L.phone.max - 1}}$`)).describe(`phone(${L.phone.min}–${L.phone.max} digits or -)`);
const GROUP = '找师傅 (providers)';

/** The actions of `providers`: action name → contract. */
export const actions = {
  directory: contract<ProviderEntry[]>()({
    who: 'registered',
    rule: "the caller's community's active providers; the phone to staff only",
    input: z.object({ service: service.optional() }).strict(),
    group: GROUP,
    summary: `服务商名录: the caller's community's active providers (of one service when given), with who checked them and when, and their average rating. The phone is null for residents (it reaches them only in a referral made for them). ≤ ${L.directoryMax}.`,
    errors: [],
  }),
  manage: contract<ManageAnswer>()({
    who: 'staff',
    rule: "the caller's community's providers",
    input: noFields,
    group: GROUP,
    summary: `服务商管理: every provider of the community (stopped ones too) with phone and ratings, and the flagged ones (待复核: average below ${PROVIDER_FLAG.belowStars} over at least ${PROVIDER_FLAG.minRatings} ratings).`,
    errors: [],
  }),
  saveProvider: contract<ProviderView>()({
    who: 'admin',
    rule: "a community admin, for their community's providers",
    input: z
      .object({
        providerId: id.optional(),
        name: text(L.name.min, L.name.max),
        service,
        phone: providerPhone,
        area: text(L.area.min, L.area.max),
        priceNote: text(0, L.priceNote.max),
        requestId,
      })
      .strict(),
    group: GROUP,
    summary: 'Add a checked provider, or edit one (`providerId`): the caller is recorded as who checked it, now. Editing a stopped provider starts it again. A repeated `requestId` of an add returns the first provider.',
    errors: ['PROVIDERS.NOT_FOUND', 'COMMON.REQUEST_REUSED'],
  }),
  deactivate: contract<ProviderView>()({
    who: 'admin',
    rule: "a community admin, for their community's providers",
    input: z.object({ providerId: id, reason: text(0, L.reason.max).optional() }).strict(),
    group: GROUP,
    summary: '停用: the provider leaves the directory (its referrals and ratings stay). Already stopped: `PROVIDERS.INACTIVE`.',
    errors: ['PROVIDERS.NOT_FOUND', 'PROVIDERS.INACTIVE'],
  }),
  askReferral: contract<MyReferral>()({
    who: 'registered',
    rule: 'a resident, for themself; a provider asked for by name must be active in their community',
    input: z.union([
      z.object({ service, need: text(L.need.min, L.need.max), requestId }).strict(),
      z.object({ providerId: id, need: text(L.need.min, L.need.max), requestId }).strict(),
    ]),
    group: GROUP,
    summary: `请社区推荐: a resident asks the kiosk for a provider of a service, or for one from the directory by name, saying what they need (${L.need.min}–${L.need.max} characters). Staff callers: \`COMMON.FORBIDDEN\`. A repeated \`requestId\` returns the first ask.`,
    errors: ['COMMON.FORBIDDEN', 'PROVIDERS.NOT_FOUND', 'COMMON.REQUEST_REUSED'],
  }),
  refer: contract<ReferralView>()({
    who: 'staff',
    rule: "a grid worker or admin of the referral's community; an active provider of it",
    input: z.object({ referralId: id, providerId: id }).strict(),
    group: GROUP,
    summary: '推荐: staff name an active provider to a requested referral (a conditional update: twice at once, once). The resident is told the provider\'s name and phone in 消息.',
    errors: ['PROVIDERS.REFERRAL_NOT_FOUND', 'PROVIDERS.NOT_FOUND', 'PROVIDERS.WRONG_STATE'],
  }),
  rate: contract<MyReferral>()({
    who: 'registered',
    rule: "the referral's resident, once, after it was referred",
    input: z.object({ referralId: id, stars: z.number().int().min(L.stars.min).max(L.stars.max), comment: text(0, L.comment.max).optional() }).strict(),
    group: GROUP,
    summary: `评价: the resident rates the provider of their referral (${L.stars.min}–${L.stars.max} stars, a comment) once: one conditional update marks the referral rated with its stars — the provider's count, average and flag (待复核: average below ${PROVIDER_FLAG.belowStars} over at least ${PROVIDER_FLAG.minRatings} ratings) are worked out from its rated referrals wherever they are read. Again, or two at once: \`PROVIDERS.WRONG_STATE\` for all but one.`,
    errors: ['PROVIDERS.REFERRAL_NOT_FOUND', 'PROVIDERS.WRONG_STATE'],
  }),
  cancelReferral: contract<MyReferral>()({
    who: 'registered',
    rule: "the referral's resident, or staff of its community, while it is requested",
    input: z.object({ referralId: id }).strict(),
    group: GROUP,
    summary: 'Call off a referral nobody has answered yet.',
    errors: ['PROVIDERS.REFERRAL_NOT_FOUND', 'PROVIDERS.WRONG_STATE'],
  }),
  myReferrals: contract<MyReferral[]>()({
    who: 'registered',
    rule: "the caller's own referrals",
    input: noFields,
    group: GROUP,
    summary: `我的转介: the caller's referrals, newest first (≤ ${L.mineMax}); the provider's name and phone once referred.`,
    errors: [],
  }),
  referrals: contract<ReferralView[]>()({
    who: 'staff',
    rule: "the caller's community's referrals",
    input: z.object({ status: referralStatus }).strict(),
    group: GROUP,
    summary: `转介单: the community's referrals of one state (≤ ${L.listMax}); requested ones oldest first, others newest first.`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
Trusted providers and referrals (找师傅, issue 22): admins keep a directory of providers the
community checked (家政, 家电维修, 管道疏通, …; who checked them and when); a resident asks the kiosk
for a referral, staff refer a provider and the resident reads its name and phone in 消息 (never in
the public directory); after the job the resident rates it once, and providers rated poorly are
flagged to staff (待复核). No payments.
Types: \`cloudfunctions/providers/contract.ts\`; limits: \`cloudfunctions/providers/limits.ts\`.
`;
