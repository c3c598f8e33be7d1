/**
 * Builds a cloud function's `main` from a table of actions.
 *
 * The event is `{ action: string, ...fields }` (plus the `userInfo` the platform adds, which is
 * ignored: identity comes only from `getWXContext()`). Each action declares a zod schema for its
 * fields, strict (unknown fields are refused); the handler runs only on valid input. Every outcome
 * is an envelope (`envelope.ts`): `AppError` → its code; a zod failure → `COMMON.INVALID_INPUT`
 * with the failing paths; anything else → `COMMON.INTERNAL` (logged), so a client never sees a
 * stack trace and a function never throws.
 */
import { z } from 'zod';
import { AppError } from './errors';
import { fail, ok, type Result } from './envelope';

/** One action: its input schema and its handler. */
export interface ActionDef<S extends z.ZodTypeAny, T> {
  input: S;
  run: (input: z.infer<S>) => Promise<T>;
}

/** Declares an action with type inference. */
export function action<S extends z.ZodTypeAny, T>(input: S, run: (input: z.infer<S>) => Promise<T>): ActionDef<S, T> {
  return { input, run };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = ActionDef<any, any>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The `main(event)` of a function whose actions are `actions`. */
export function createMain(actions: Record<string, AnyAction>, onTimer?: () => Promise<unknown>) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      if (isPlainObject(event) && event.Type === 'Timer' && onTimer) return ok(await onTimer());
      if (!isPlainObject(event)) return fail('COMMON.INVALID_INPUT', [{ path: '', message: 'event must be an object' }]);
      const { action: name, userInfo: _userInfo, ...fields } = event;
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) return fail('COMMON.UNKNOWN_ACTION');
      const def = actions[name];
      const parsed = def.input.safeParse(fields);
      if (!parsed.success) {
        return fail(
          'COMMON.INVALID_INPUT',
          parsed.error.issues.slice(0, 5).map((i: z.ZodIssue) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      return ok(await def.run(parsed.data));
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.details);
      console.error('[function] unexpected error', e);
      return fail('COMMON.INTERNAL');
    }
  };
}
