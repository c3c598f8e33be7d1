/**
 * One contract per action (issue 19): who may call it, its input schema, its answer type, its record
 * rule, its errors and what it does — written once, in the function's `contract.ts`, and read by
 * both sides:
 * - the function's `index.ts` declares the action from it (`router.ts` `action.of(contract, handler)`),
 *   so the schema the router validates with and the caller kind it enforces are the contract's;
 * - the client's `call(fn, action, input)` (`src/services/call.ts`) takes its input type from the
 *   schema (`z.input`) and its answer type from `output` — type-only imports, nothing ships to the
 *   mini-program; form limits come from the function's `limits.ts` (plain numbers the schemas use);
 * - `docs/api.md` and `docs/permissions.md` are generated from the contracts
 *   (`test/deploy/api-doc.test.ts`, `test/policy/permission-matrix.test.ts`), and fail when they drift.
 *
 * Pure TypeScript and zod: no SDK, no Taro, no database.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors';
import type { CallerKind } from './policy';

/** The caller kinds a client action can declare (timers are declared in `index.ts`, not here). */
export type ClientCallerKind = Exclude<CallerKind, 'timer'>;

/**
 * One action's contract. `S` is its input schema (the fields besides `action`, strict), `Out` the
 * `data` of its success envelope. `output` is never set at run time: it carries the type only.
 */
export interface ActionContract<S extends z.ZodTypeAny = z.ZodTypeAny, Out = unknown> {
  /** who may call it (`policy.ts` caller kinds) */
  who: ClientCallerKind;
  /** the record rule its handler applies, in words (English), for docs/permissions.md; '' when none */
  rule: string;
  /** the event's fields besides `action`; strict (unknown fields refused) */
  input: S;
  /** what it does, for docs/api.md (Markdown, English with the Chinese words the product uses) */
  summary: string;
  /** the error codes it may answer besides COMMON.INVALID_INPUT / UNKNOWN_ACTION / INTERNAL and the caller kind's refusal */
  errors: readonly ErrorCode[];
  /** a heading in docs/api.md grouping related actions (e.g. "Counter (代办)"); absent = the function's main list */
  group?: string;
  /**
   * A family member may call it for an elder they are linked to (家人代办, issue 22 §5): the event's
   * `forElder: <elderId>` is checked by the router against an active `familyLinks` record of the
   * caller's OPENID, and the handler runs with the elder as `user` and the member in `proxy`.
   * Absent: `forElder` is refused (`COMMON.FORBIDDEN`).
   */
  familyProxy?: true;
  /** type carrier of the answer; never present at run time */
  readonly output?: Out;
}

/**
 * Declares a contract whose answer is `Out`: `contract<BookingView>()({ who, rule, input, summary, errors })`.
 * (Curried so that `Out` is written and the schema's type is inferred.)
 */
export function contract<Out>() {
  return <S extends z.ZodTypeAny, K extends ClientCallerKind>(
    c: Omit<ActionContract<S, Out>, 'output' | 'who'> & { who: K },
  ): ActionContract<S, Out> & { who: K } => c;
}

/** A function's contracts: action name → contract. */
export type Contracts = Record<string, ActionContract<z.ZodTypeAny, unknown>>;

/** The input a client sends for contract `C` (before the schema's transforms: what the page types). */
export type InputOf<C> = C extends ActionContract<infer S, unknown> ? z.input<S> : never;
/** The answer (`data`) of contract `C`. */
export type OutputOf<C> = C extends ActionContract<z.ZodTypeAny, infer O> ? O : never;

/**
 * A compact, human reading of an input schema for docs/api.md, e.g.
 * `{ slotId: id, requestId: requestId, note?: text(0–100) }`. Schemas made by `shared/schemas.ts`
 * carry a description (`id`, `text(2–60)`, …) which is used as is; otherwise the zod structure is
 * walked (object, string with its length, number with its range, enum, literal, array, union,
 * optional, nullable). Unknown shapes read `…`.
 */
export function describeInput(schema: z.ZodTypeAny): string {
  return describe(schema, 0);
}

type AnyDef = { typeName?: string; description?: string; [k: string]: unknown };

function range(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${min}` : `${min}–${max}`;
  if (min !== null) return `≥${min}`;
  if (max !== null) return `≤${max}`;
  return '';
}

function describe(schema: z.ZodTypeAny, depth: number): string {
  const def = (schema as unknown as { _def: AnyDef })._def;
  // a wrapper copies its inner schema's description (zod 3 `processCreateParams`): unwrap it first
  if (def.typeName === 'ZodNullable') return `${describe(def.innerType as z.ZodTypeAny, depth)} | null`;
  if (def.typeName === 'ZodOptional') return `${describe(def.innerType as z.ZodTypeAny, depth)}?`;
  if (def.description) return def.description;
  const checks = (def.checks as { kind: string; value?: number; inclusive?: boolean; regex?: RegExp }[] | undefined) ?? [];
  const minOf = (kind: string) => checks.find((c) => c.kind === kind)?.value ?? null;
  switch (def.typeName) {
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, z.ZodTypeAny>)();
      const keys = Object.keys(shape);
      if (keys.length === 0) return '{}';
      if (depth > 3) return '{ … }';
      return `{ ${keys
        .map((k) => {
          const field = shape[k];
          const optional = field.isOptional();
          return `${k}${optional ? '?' : ''}: ${describe(unwrapOptional(field), depth + 1)}`;
        })
        .join(', ')} }`;
    }
    case 'ZodString': {
      const r = range(minOf('min'), minOf('max'));
      const len = checks.find((c) => c.kind === 'length')?.value;
      return `string${len !== undefined ? `(${len})` : r ? `(${r})` : ''}`;
    }
    case 'ZodNumber': {
      const int = checks.some((c) => c.kind === 'int');
      const r = range(minOf('min'), minOf('max'));
      return `${int ? 'integer' : 'number'}${r ? `(${r})` : ''}`;
    }
    case 'ZodBoolean':
      return 'boolean';
    case 'ZodDate':
      return 'Date';
    case 'ZodLiteral':
      return JSON.stringify(def.value);
    case 'ZodEnum':
      return (def.values as string[]).join('|');
    case 'ZodArray': {
      const r = range((def.minLength as { value: number } | null)?.value ?? null, (def.maxLength as { value: number } | null)?.value ?? null);
      return `${describe(def.type as z.ZodTypeAny, depth + 1)}[]${r ? `(${r})` : ''}`;
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = (def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>);
      const list = Array.isArray(options) ? options : [...options.values()];
      return list.map((o) => describe(o, depth + 1)).join(' | ');
    }
    case 'ZodOptional':
      return `${describe(def.innerType as z.ZodTypeAny, depth)}?`;
    case 'ZodNullable':
      return `${describe(def.innerType as z.ZodTypeAny, depth)} | null`;
    case 'ZodDefault':
      return describe(def.innerType as z.ZodTypeAny, depth);
    case 'ZodEffects':
      return describe(def.schema as z.ZodTypeAny, depth);
    case 'ZodPipeline':
      return describe(def.in as z.ZodTypeAny, depth);
    case 'ZodRecord':
      return `Record<string, ${describe(def.valueType as z.ZodTypeAny, depth + 1)}>`;
    default:
      return '…';
  }
}

function unwrapOptional(s: z.ZodTypeAny): z.ZodTypeAny {
  const def = (s as unknown as { _def: AnyDef })._def;
  return def.typeName === 'ZodOptional' ? unwrapOptional(def.innerType as z.ZodTypeAny) : s;
}
