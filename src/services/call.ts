/**
 * The typed client call (issue 19): `call('market', 'book', { slotId, requestId })` →
 * `Promise<CallResult<BookingView>>`. The function names, action names, input fields and answer
 * types all come from the functions' contracts (`cloudfunctions/<fn>/contract.ts`, `actions`), by
 * type-only imports: nothing of the contracts (or zod) ships to the mini-program. A renamed field
 * or action is a compile error on the page, not `COMMON.INVALID_INPUT` at run time.
 *
 * The input is what the page sends (`z.input` of the schema: before trimming and other transforms);
 * an action without fields takes none. The answer is the function's envelope, or
 * `{ ok: false, error: NETWORK_ERROR }` when the call did not reach it (never rejects; see `cloud.ts`).
 */
import type { InputOf, OutputOf } from '../../cloudfunctions/shared/contract';
import type { actions as account } from '../../cloudfunctions/account/contract';
import type { actions as consoleFn } from '../../cloudfunctions/console/contract';
import type { actions as consult } from '../../cloudfunctions/consult/contract';
import type { actions as market } from '../../cloudfunctions/market/contract';
import type { actions as notices } from '../../cloudfunctions/notices/contract';
import type { actions as rounds } from '../../cloudfunctions/rounds/contract';
import type { actions as parcels } from '../../cloudfunctions/parcels/contract';
import type { actions as errands } from '../../cloudfunctions/errands/contract';
import type { actions as providers } from '../../cloudfunctions/providers/contract';
import type { actions as posts } from '../../cloudfunctions/posts/contract';
import type { actions as stall } from '../../cloudfunctions/stall/contract';
import type { actions as ticket } from '../../cloudfunctions/ticket/contract';
import type { actions as volunteers } from '../../cloudfunctions/volunteers/contract';
import { callFunction, type CallResult } from './cloud';
import { familyFieldsFor } from './family';

/** Every cloud function's contracts, by function name. */
export interface FunctionContracts {
  account: typeof account;
  console: typeof consoleFn;
  consult: typeof consult;
  market: typeof market;
  notices: typeof notices;
  rounds: typeof rounds;
  parcels: typeof parcels;
  errands: typeof errands;
  providers: typeof providers;
  posts: typeof posts;
  stall: typeof stall;
  ticket: typeof ticket;
  volunteers: typeof volunteers;
}

/** A cloud function's name. */
export type FunctionName = keyof FunctionContracts;
/** An action of function `F`. */
export type ActionName<F extends FunctionName> = keyof FunctionContracts[F] & string;
/** What a page sends to `F.A` (the fields besides `action`). */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = InputOf<FunctionContracts[F][A]>;
/** What `F.A` answers on success (`data`). */
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<FunctionContracts[F][A]>;

/** The input argument: optional when the action takes no fields. */
type InputArgs<I> = Record<string, never> extends I ? [input?: I] : [input: I];

/**
 * Calls action `action` of cloud function `fn` with `input`; resolves to the envelope typed by the
 * contract. Never rejects. 家人代办: while the member acts for an elder, a family-proxy action called
 * from a page that allows it also carries `forElder` (`family.ts`); no other call does.
 */
export function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  ...input: InputArgs<ActionInput<F, A>>
): Promise<CallResult<ActionOutput<F, A>>> {
  return callFunction<ActionOutput<F, A>>(fn, { ...((input[0] as Record<string, unknown> | undefined) ?? {}), ...familyFieldsFor(fn, action), action });
}
