/**
 * The shape of an action's handler in this function: `Handler<typeof actions.x>` takes the parsed
 * input of contract `x` (after the schema's defaults and trimming) and the caller the router loaded
 * (`shared/router.ts`), and answers the contract's output type.
 */
import type { z } from 'zod';
import type { ActionContract, OutputOf } from '../../shared/contract';
import type { Caller, UserOf } from '../../shared/router';

/** A handler of contract `C`. */
export type Handler<C extends ActionContract> = (input: z.infer<C['input']>, caller: Caller<UserOf<C['who']>>) => Promise<OutputOf<C>>;

/** The parsed input of contract `C`. */
export type Input<C extends ActionContract> = z.infer<C['input']>;
