/**
 * Contracts of the meeting actions of `consult` (业主会议, 座谈会, 庭院会, 议事长廊; docs/consultation-design.md §4).
 * Pure: zod and shared schemas, no SDK.
 */
import type { Contracts } from '../../shared/contract';

/** The meeting actions: action name → contract. */
export const meetingActions = {} satisfies Contracts;
