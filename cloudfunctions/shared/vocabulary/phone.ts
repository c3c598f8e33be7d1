/**
 * The one rule for showing a phone number masked (issue 19 "One vocabulary"). Pure TypeScript,
 * imported by the functions (profile, people, counter, ticket and vendor views) and, where a page
 * needs it, by the pages (config/index.ts `SHARED_WITH_FUNCTIONS`).
 *
 * Rule: an 11-digit number (a mainland mobile, the only form `shared/schemas.ts` `phone` accepts and
 * the usual form of WeChat's `purePhoneNumber`) shows its first 3 and last 4 digits:
 * `13812341234` → `138****1234` (the 3-4-4 grouping of mainland mobiles, with the middle group
 * hidden). Any other length shows `****`: showing 7 digits of a shorter number (a landline, a
 * foreign number) would hide almost nothing. Before issue 19 the account function showed 3 + 4
 * digits of any number of 7 or more; the ticket and vendor views already used this rule.
 */

/** The masked form of `phone` (see the module rule): `138****1234`, or `****`. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
