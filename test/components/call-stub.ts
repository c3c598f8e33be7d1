/**
 * Stubs the typed client call (`src/services/call.ts`) in component tests, action by action:
 *
 *   jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);
 *   const read = stubCall('account', 'readMessages').mockResolvedValue({ ok: true, data: { unread: 0 } });
 *   … expect(read).toHaveBeenCalledWith({ ids: ['m1'] });
 *
 * A stub gets the call's input (nothing when the page sent none) and answers what the test says;
 * its type is the contract's (input and answer). An action not stubbed goes to the real `call`.
 * Stubs are dropped after each test.
 */
import type { CallResult } from '../../src/services/cloud';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../src/services/call';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stubs = new Map<string, jest.Mock<any, any>>();

afterEach(() => stubs.clear());

/** The module that replaces `src/services/call` (see the module comment). */
export const callModule = {
  call(fn: string, action: string, input?: unknown): Promise<unknown> {
    const stub = stubs.get(`${fn}.${action}`);
    if (stub) return input === undefined ? stub() : stub(input);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (jest.requireActual('../../src/services/call') as { call: (...a: unknown[]) => Promise<unknown> }).call(fn, action, ...(input === undefined ? [] : [input]));
  },
};

/** A fresh mock answering `call(fn, action, …)` for this test. */
export function stubCall<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): jest.Mock<Promise<CallResult<ActionOutput<F, A>>>, [input?: ActionInput<F, A>]> {
  const stub = jest.fn() as jest.Mock<Promise<CallResult<ActionOutput<F, A>>>, [input?: ActionInput<F, A>]>;
  stubs.set(`${fn}.${action}`, stub);
  return stub;
}
