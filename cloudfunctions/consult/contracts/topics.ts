/**
 * Contracts of the topic and vote actions of `consult` (议题, 附议, 表决; docs/consultation-design.md §1–3).
 * Pure: zod and shared schemas, no SDK.
 */
import type { Contracts } from '../../shared/contract';

/** The topic and vote actions: action name → contract. */
export const topicActions = {
  // ─── topics and votes ───



  // ─── proposals and discussion ───

} satisfies Contracts;
