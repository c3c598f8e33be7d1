/**
 * The `providers` function's limits (trusted providers and referrals, issue 22), in one place for
 * both sides: the schemas of `contract.ts` are built from them and the pages take their `maxlength`
 * from them. Plain constants, importing nothing (.dependency-cruiser.cjs `limits-are-plain`). The
 * 待复核 rule's numbers are `shared/vocabulary/providers.ts` `PROVIDER_FLAG` (console reads them too).
 */

export const PROVIDERS_LIMITS = {
  /** a provider's name (「李师傅家电维修」), characters */
  name: { min: 2, max: 20 },
  /** a phone: digits and `-`, 7–20 characters (mobiles and landlines such as 0991-1234567) */
  phone: { min: 7, max: 20 },
  /** where they work, characters */
  area: { min: 2, max: 30 },
  /** price notes, characters */
  priceNote: { max: 60 },
  /** why a provider is stopped (停用), characters */
  reason: { max: 60 },
  /** what the resident needs, characters */
  need: { min: 2, max: 100 },
  /** a rating's comment, characters */
  comment: { max: 100 },
  /** stars of a rating */
  stars: { min: 1, max: 5 },
  /** most providers one community lists */
  directoryMax: 200,
  /** referrals the resident's list answers (newest first) */
  mineMax: 30,
  /** referrals the staff list answers */
  listMax: 200,
} as const;
