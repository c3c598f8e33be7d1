/**
 * The type of an action's handler, read from its contract: `Handler<typeof actions.book>` is
 * `(input: the schema's parsed value, caller: { user, preloaded }) => Promise<the contract's answer>`,
 * the `user` possibly null only for an `anyone` action — exactly what `router.ts` `action.of` takes.
 */
import type { z } from 'zod';
import type { ActionContract, ClientCallerKind, OutputOf } from '../../shared/contract';
import type { Caller, UserOf } from '../../shared/router';

export type Handler<C extends ActionContract & { who: ClientCallerKind }> = (input: z.infer<C['input']>, caller: Caller<UserOf<C['who']>>) => Promise<OutputOf<C>>;
