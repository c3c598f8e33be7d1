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
} as const;
