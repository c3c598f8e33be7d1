/**
 * The `notices` function's text and count limits (公告, 政策宣传; issue 22), in one place for both
 * sides: the schemas of `contract.ts` are built from them and the pages take their `maxlength` from
 * them. Lengths are characters as a person counts them (code points), after trimming. Plain
 * constants: imports nothing.
 */
export const NOTICES_LIMITS = {
  /** a notice's title, characters */
  title: { min: 2, max: 40 },
  /** a notice's body, characters (line feeds allowed) */
  body: { min: 2, max: 2000 },
  /** a withdrawal's reason, characters */
  reason: { min: 2, max: 100 },
  /** how far ahead `expiresOn` may be, days */
  expiresMaxDays: 366,
  /** most notices a list answers (pinned first, then newest) */
  listMax: 100,
} as const;
