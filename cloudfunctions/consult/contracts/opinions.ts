/**
 * Contracts of the opinion actions of `consult` (意见建议; docs/consultation-design.md §4).
 * Pure: zod and shared schemas, no SDK.
 */
import type { Contracts } from '../../shared/contract';

/** The opinion actions: action name → contract. */
export const opinionActions = {} satisfies Contracts;
