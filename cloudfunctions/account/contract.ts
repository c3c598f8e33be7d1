/**
 * The `account` function's contract: its actions' contracts (shared/contract.ts) — the router
 * declares each action from its entry, the client types `call('account', …)` from it, docs/api.md
 * is generated from it — and the types of its answers (type-only imports on the client).
 */
import type { Contracts } from '../shared/contract';

/** The contracts of `account`'s actions. */
export const actions = {} satisfies Contracts;
