/**
 * The `consult` function's text and count limits (有事来商量, issue 20), in one place for both sides:
 * the schemas of `contracts/*.ts` are built from them and the forms of `src/consult`,
 * `src/consultAdmin` and `src/counter` take their `maxlength` and "至少 N 个字" checks from them.
 * Lengths are characters as a person counts them (code points), after trimming. Plain constants:
 * imports nothing.
 */
export const CONSULT_LIMITS = {
  // ─── topics and votes (contracts/topics.ts) ──────────────────────────────────────────────


  // ─── meetings (contracts/meetings.ts) ─────────────────────────────────────────────────────


  // ─── opinions (contracts/opinions.ts) ─────────────────────────────────────────────────────
  /** an opinion's words (意见建议): at least 5 characters, at most 500 */
  opinionText: { min: 5, max: 500 },
  /** where it is about, in words (optional): at most 50 */
  opinionPlace: { max: 50 },
  /** a speaker's name as said at a meeting (a giver who is not a registered resident) */
  giverName: { min: 1, max: 20 },
  /** opinions recorded from one meeting in one call (`recordOpinions`) */
  opinionsPerRecord: 20,
  /** what was done (`resolveOpinion.what`) */
  resolutionWhat: { min: 2, max: 500 },
  /** the reply's words and its reason (`answerOpinion`) */
  replyText: { min: 2, max: 500 },
  replyReason: { min: 2, max: 200 },
  /** a rating's comment (optional) */
  opinionRatingComment: { max: 200 },
  /** opinions a resident may give in the app per China-time day (`shared/quotas.ts` kind `opinion`) */
  opinionsPerDay: 5,
  /** rows of a list (`opinions`, `myOpinions`, `overdueOpinions`) */
  opinionListMax: 100,
  /** reply deadline in working days when the community sets none (`Community.consultation.opinionReplyWorkingDays`) */
  opinionReplyWorkingDays: 10,
} as const;
