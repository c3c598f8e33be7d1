/**
 * The `consult` function's text and count limits (有事来商量, issue 20), in one place for both sides:
 * the schemas of `contracts/*.ts` are built from them and the forms of `src/consult`,
 * `src/consultAdmin` and `src/counter` take their `maxlength` and "至少 N 个字" checks from them.
 * Lengths are characters as a person counts them (code points), after trimming. Plain constants:
 * imports nothing.
 */
export const CONSULT_LIMITS = {
  // ─── topics and votes (contracts/topics.ts) ──────────────────────────────────────────────


  // proposals and discussion (提议、附议、讨论)
  /** a topic's title: 充电桩安装 */
  title: { min: 4, max: 40 },
  /** what the proposer explains: why, where, what it costs */
  background: { min: 10, max: 1000 },
  /** one option's label (a choice topic) */
  optionLabel: 20,
  /** a choice topic's options */
  options: { min: 2, max: 8 },
  /** a building name in a scope (`3号楼`) */
  building: 20,
  /** why staff declined, merged, cancelled or hid: the proposer or author reads it */
  reason: { min: 2, max: 200 },
  /** one comment */
  comment: { min: 2, max: 500 },
  /** proposals a resident may make in a China-time day */
  proposalsPerDay: 3,
  /** comments a resident may write in a China-time day */
  commentsPerDay: 20,
  /** comments per page */
  commentsPage: 20,
  /** proposals listed in 我的提议 */
  myProposals: 50,
  /** households needed to second a proposal when the community has not set `consultation.secondThreshold` */
  defaultSecondThreshold: 10,

  // ─── meetings (contracts/meetings.ts) ─────────────────────────────────────────────────────


  // ─── opinions (contracts/opinions.ts) ─────────────────────────────────────────────────────
} as const;
