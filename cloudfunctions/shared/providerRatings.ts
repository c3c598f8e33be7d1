/**
 * A trusted provider's ratings (找师傅, issue 22), worked out where they are read: the rated referrals
 * (`referrals`, status `rated`, `rating.stars` 1–5) are the one record of them. No count, sum or flag
 * is stored on the provider, so nothing can disagree with the ratings: a resident's rating is one
 * conditional update of their referral (`providers` `rate`), and the directory, the staff list
 * (服务商管理) and `console.stats` (待复核 providers) join the ratings with {@link ratingsLookup}.
 *
 * The flag (待复核) is the design's rule (docs/everyday-services-design.md §2): an average below
 * {@link PROVIDER_FLAG}.belowStars over at least {@link PROVIDER_FLAG}.minRatings ratings — as sums,
 * `n ≥ minRatings` and `stars < belowStars × n` (no rounding at the edge).
 *
 * The join is CloudBase's `Aggregate.lookup` in its "自定义连接条件、拼接子查询" form (`let` +
 * `pipeline`, 云函数 SDK 1.3.0+; `$match` reads a `let` variable in `$expr`):
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.lookup.html
 * (a copy: https://www.w3cschool.cn/weixinapp/weixinapp-5tcf38my.html). Its `$match` is served by the
 * `referrals` index `provider_status` (database/schema.json). Pure: builds stage objects; the rule's
 * numbers are `vocabulary/providers.ts` `PROVIDER_FLAG` (the `providers` contract names them too).
 */
import { PROVIDER_FLAG } from './vocabulary/providers';

export { PROVIDER_FLAG };

/** What {@link ratingsLookup} puts on a provider: at most one row (none before the first rating). */
export interface RatingsRow {
  /** rated referrals of the provider */
  n: number;
  /** their stars, summed */
  stars: number;
  /** the flag rule over `n` and `stars` (待复核) */
  flagged: boolean;
}

/**
 * The `$lookup` stage (pipeline form) that puts on each provider document, as `as`, its ratings: the
 * referrals of its community naming it with status `rated`, grouped into one {@link RatingsRow}
 * (an empty array before the first rating).
 */
export function ratingsLookup(as: string): { $lookup: Record<string, unknown> } {
  const { belowStars, minRatings } = PROVIDER_FLAG;
  return {
    $lookup: {
      from: 'referrals',
      let: { provider: '$_id', community: '$communityId' },
      pipeline: [
        { $match: { status: 'rated', $expr: { $and: [{ $eq: ['$providerId', '$$provider'] }, { $eq: ['$communityId', '$$community'] }] } } },
        { $group: { _id: null, n: { $sum: 1 }, stars: { $sum: '$rating.stars' } } },
        { $project: { _id: 0, n: 1, stars: 1, flagged: { $and: [{ $gte: ['$n', minRatings] }, { $lt: ['$stars', { $multiply: ['$n', belowStars] }] }] } } },
      ],
      as,
    },
  };
}

/** A provider's ratings from the row {@link ratingsLookup} brought: count, average to one decimal (null before the first), flag. */
export function ratingsOf(rows: RatingsRow[] | undefined): { count: number; average: number | null; flagged: boolean } {
  const r = rows?.[0];
  if (!r || !r.n) return { count: 0, average: null, flagged: false };
  return { count: r.n, average: Math.round((r.stars / r.n) * 10) / 10, flagged: r.flagged === true };
}
