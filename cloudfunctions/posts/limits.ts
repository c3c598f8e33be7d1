/**
 * The `posts` function's limits (邻里互助 board, issue 22), in one place for both sides: the schemas
 * of `contract.ts` are built from them and the pages take their `maxlength` from them.
 * Plain constants: imports nothing.
 */
export const POSTS_LIMITS = {
  /** a post's title, characters */
  title: { min: 2, max: 30 },
  /** a post's text, characters (may be empty) */
  body: { max: 300 },
  /** photos per post */
  photos: 3,
  /** days a post is shown (it is shown through the last of them); the design's ≤ 30 */
  days: { min: 1, max: 30, choices: [7, 15, 30] },
  /** a message to an author (联系TA), characters */
  contact: { min: 2, max: 100 },
  /** the reason staff give when taking a post down, characters */
  reason: { min: 2, max: 50 },
  /** most posts `list` answers (newest first) */
  listMax: 100,
  /** most posts `mine` answers (newest first) */
  mineMax: 50,
  /** days after its last day that an expired or taken-down post keeps its photos (then the timer removes them) */
  photoKeepDays: 30,
  /** posts whose photos one timer run removes (`sweepPostPhotos`) */
  sweepBatch: 100,
} as const;
