/**
 * Builds a cloud function's `main` from a table of actions, each declaring who may call it.
 *
 * The event is `{ action: string, ...fields }` (plus the `userInfo` the platform adds, which is
 * ignored: identity comes only from `getWXContext()`). Each action is declared from its contract
 * (`action.of(contract, handler)`, `shared/contract.ts`): its caller kind (`anyone | registered |
 * staff | admin`, see `policy.ts`), a zod schema for its fields (strict: unknown fields are refused),
 * its record rule in words — and a handler. The router:
 * 1. validates the event (`COMMON.INVALID_INPUT` with the failing paths, nothing read or written);
 * 2. loads the caller's `users` record by OPENID with their community and the documents the action
 *    declared (`preload`), in one database round trip (none when there is no OPENID, or for an
 *    action that does not need its caller), and applies the caller kind (`COMMON.NOT_REGISTERED` /
 *    `COMMON.FORBIDDEN`);
 * 3. runs the handler with `{ user, preloaded }`.
 * **Family proxy** (家人代办, issue 22 §5): an event may carry `forElder: <elderId>`, a *request* to act
 * for an elder, never a fact. The router strips it before the strict schema; unless the action's
 * contract declares `familyProxy: true` it is `COMMON.FORBIDDEN` (nothing read); otherwise the caller
 * lookup loads the elder's record instead, together with the active `familyLinks` record of
 * (the caller's OPENID, elderId), in the same single round trip (`users.ts` `loadCaller`) — none →
 * `COMMON.FORBIDDEN` — and the handler runs with the elder as `user` and the member in `proxy`.
 * A timer-shaped event (`{ Type: 'Timer', TriggerName }`) runs the function's timer of that name
 * only for the platform's trigger (`policy.isPlatformTimer`); from a client it is `COMMON.FORBIDDEN`.
 * Every outcome is an envelope (`envelope.ts`): `AppError` → its code; anything else →
 * `COMMON.INTERNAL` (logged), so a client never sees a stack trace and a function never throws.
 */
import { z } from 'zod';
import { cloud } from './cloud';
import { AppError } from './errors';
import { fail, ok, type Result } from './envelope';
import { assertCallerKind, isPlatformTimer, isStaff, type CallerKind, type Who } from './policy';
import { loadCaller, type LoadedUser, type Preloaded, type Preloads } from './users';
import type { ActionContract } from './contract';
import type { FamilyLink } from './model';
import { id } from './schemas';
import { familyActorName, type FamilyRelation } from './vocabulary/family';

/**
 * What a handler knows about its caller: the `users` record with its community (null only for
 * `anyone`), and the documents its `preload` asked for, fetched in the same round trip (null when
 * they could not be: the handler then reads them itself).
 */
export interface Caller<U extends LoadedUser | null, P extends Preloads = Preloads> {
  user: U;
  /** the documents of the action's preloads, by name and typed (`users.ts` `preloadOf`); null when they could not be fetched */
  preloaded: Preloaded<P> | null;
  /** set when a family member acts for the elder `user` (`forElder`, checked against an active link) */
  proxy?: FamilyProxy;
}

/**
 * The family member acting for the elder (家人代办): who they are (by OPENID and the name on the
 * link), how they are related, the link, and how records written for the elder name them
 * (`actorId` = `family:<linkId>`, `actorName` = 「邹建庄的女儿 邹梅」).
 */
export interface FamilyProxy {
  memberOpenid: string;
  memberName: string;
  relation: FamilyRelation;
  linkId: string;
  actorId: string;
  actorName: string;
}

/** One action: who may call it, its input schema, what to fetch with the caller, and its handler. */
export interface ActionDef<S extends z.ZodTypeAny, T, U extends LoadedUser | null = LoadedUser, P extends Preloads = Preloads> {
  who: Who;
  input: S;
  preload?: (input: z.infer<S>) => P;
  /** false: the handler does not need the router's caller lookup (only for `anyone`: the answer is the same for everybody, or the handler looks the caller up itself with what it reads) */
  loadsCaller?: boolean;
  /** a family member may call it for a linked elder (`forElder`; the contract's `familyProxy`) */
  familyProxy?: true;
  run: (input: z.infer<S>, caller: Caller<U, P>) => Promise<T>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDef<any, any, any, any>;

function declare<U extends LoadedUser | null>(kind: Exclude<CallerKind, 'timer'>) {
  return <S extends z.ZodTypeAny, T, P extends Preloads>(
    input: S,
    run: (input: z.infer<S>, caller: Caller<U, P>) => Promise<T>,
    rule = '',
    options: { preload?: (input: z.infer<S>) => P; loadsCaller?: false } = {},
  ): ActionDef<S, T, U, P> => {
    if (options.loadsCaller === false && kind !== 'anyone') throw new Error('only an action for anyone can skip loading its caller');
    return { who: { kind, rule }, input, run, ...(options.preload ? { preload: options.preload } : {}), ...(options.loadsCaller === false ? { loadsCaller: false } : {}) };
  };
}

/**
 * Declares an action — only from its contract (`action.of(actions.book, handler, options)`, issue 19):
 * the caller kind, the strict schema and the record rule (in words, for the permission table) are
 * the contract's. `options.preload` names the documents the handler needs, fetched with the caller
 * in one round trip (`users.ts` `loadCaller`); the handler still applies every rule to them.
 * `options.loadsCaller: false` (actions for anyone whose answer is the same for everybody, or whose
 * handler looks the caller up in its own first read, e.g. `account.register`) skips the caller lookup.
 */
export const action = { of };

/** The caller a handler of contract kind `K` gets: possibly null only for `anyone`. */
export type UserOf<K extends ActionContract['who']> = K extends 'anyone' ? LoadedUser | null : LoadedUser;

/**
 * Declares an action from its contract (`shared/contract.ts`): the caller kind, schema and record
 * rule are the contract's; the handler must answer the contract's output type (a compile error
 * otherwise). `options` as for {@link action}: `preload`, `loadsCaller: false` (anyone only).
 */
function of<S extends z.ZodTypeAny, Out, K extends ActionContract['who'], P extends Preloads = Preloads>(
  c: ActionContract<S, Out> & { who: K },
  run: (input: z.infer<S>, caller: Caller<UserOf<K>, P>) => Promise<Out>,
  options: { preload?: (input: z.infer<S>) => P; loadsCaller?: false } = {},
): ActionDef<S, Out, UserOf<K>, P> {
  const def = declare<UserOf<K>>(c.who)(c.input, run, c.rule, options);
  return c.familyProxy ? { ...def, familyProxy: true } : def;
}

/**
 * The handler of contract `C`, for a handler written in its own file (`actions/<name>.ts`):
 * `export const approve: Handler<typeof actions.approve> = async ({ vendorId }, { user }) => …` —
 * the schema's parsed input (after defaults and trimming), the caller the router loaded (`user`
 * possibly null only for an `anyone` contract) → a promise of the contract's answer: exactly what
 * {@link action}`.of` takes.
 */
export type Handler<C, P extends Preloads = Preloads> = C extends ActionContract<infer S, infer Out> & { who: infer K extends ActionContract['who'] }
  ? (input: z.infer<S>, caller: Caller<UserOf<K>, P>) => Promise<Out>
  : never;

/** The preloads a preload declaration `F` (`(input) => ({ slot: preloadOf<Slot>(…) })`) asks for: `Handler<typeof actions.book, PreloadsOf<typeof preloadSlot>>`. */
export type PreloadsOf<F extends (input: never) => Preloads> = ReturnType<F>;

/** The parsed input of contract `C` (what its handler receives). */
export type Input<C> = C extends ActionContract<infer S, unknown> ? z.infer<S> : never;

/** A timer trigger's handler (config.json `triggers[].name` → handler). */
export type TimerDef = { rule: string; run: () => Promise<unknown> };

/** `forElder`: a document id, as `schemas.ts` `id` takes it. */
const elderIdSchema = id;

/** The proxy a handler gets from the active link (router step for `forElder`). */
function proxyOf(link: FamilyLink): FamilyProxy {
  return {
    memberOpenid: link.memberOpenid,
    memberName: link.memberName,
    relation: link.relation,
    linkId: link._id,
    actorId: `family:${link._id}`,
    actorName: familyActorName(link.elderName, link.relation, link.memberName),
  };
}

/**
 * The actor a proxied write names (a booking's `actorId`/`actorName`): the family member when
 * `proxy` is set, else the caller `user` themself.
 */
export function actorOf<U extends { _id: string; name: string }>(user: U, proxy?: FamilyProxy): U {
  return proxy ? { ...user, _id: proxy.actorId, name: proxy.actorName } : user;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The permission declarations of a function's actions and timers (for the table and the tests). */
export function permissionsOf(actions: Record<string, AnyAction>, timers: Record<string, TimerDef> = {}): Record<string, Who> {
  const out: Record<string, Who> = {};
  for (const [name, def] of Object.entries(actions)) out[name] = def.familyProxy ? { ...def.who, familyProxy: true } : def.who;
  for (const [name, t] of Object.entries(timers)) out[`timer:${name}`] = { kind: 'timer', rule: t.rule };
  return out;
}

/** The `main(event)` of a function whose actions are `actions` and whose timer triggers are `timers`. */
export function createMain(actions: Record<string, AnyAction>, timers: Record<string, TimerDef> = {}) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      if (!isPlainObject(event)) return fail('COMMON.INVALID_INPUT', [{ path: '', message: 'event must be an object' }]);
      if (event.Type === 'Timer') {
        if (!isPlatformTimer(cloud.getWXContext() as { OPENID?: string; SOURCE?: string })) return fail('COMMON.FORBIDDEN');
        const names = Object.keys(timers);
        const name = typeof event.TriggerName === 'string' && timers[event.TriggerName] ? event.TriggerName : names.length === 1 ? names[0] : '';
        if (!name) return fail('COMMON.UNKNOWN_ACTION');
        return ok(await timers[name].run());
      }
      const { action: name, userInfo: _userInfo, forElder, ...fields } = event;
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) return fail('COMMON.UNKNOWN_ACTION');
      const def = actions[name];
      // 家人代办: `forElder` is a request, refused where the contract does not allow it (nothing read)
      if (forElder !== undefined) {
        if (!def.familyProxy || def.loadsCaller === false) return fail('COMMON.FORBIDDEN');
        const elder = elderIdSchema.safeParse(forElder);
        if (!elder.success) return fail('COMMON.INVALID_INPUT', [{ path: 'forElder', message: elder.error.issues[0]?.message ?? 'invalid' }]);
      }
      const parsed = def.input.safeParse(fields);
      if (!parsed.success) {
        return fail(
          'COMMON.INVALID_INPUT',
          parsed.error.issues.slice(0, 5).map((i: z.ZodIssue) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const preloads = def.preload ? def.preload(parsed.data) : {};
      if (forElder !== undefined) {
        const { user, preloaded, link } = await loadCaller(preloads, { forElder: forElder as string });
        if (!user || !link) return fail('COMMON.FORBIDDEN');
        // the member acts as the elder the resident, never with the elder's staff powers ("never anything staff")
        const elder = isStaff(user) ? { ...user, role: 'resident' as const, gridIds: [] } : user;
        assertCallerKind(def.who.kind as Exclude<CallerKind, 'timer'>, elder);
        return ok(await def.run(parsed.data, { user: elder, preloaded, proxy: proxyOf(link) }));
      }
      const { user, preloaded } = def.loadsCaller === false ? { user: null, preloaded: null } : await loadCaller(preloads);
      assertCallerKind(def.who.kind as Exclude<CallerKind, 'timer'>, user);
      return ok(await def.run(parsed.data, { user, preloaded }));
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.details);
      console.error('[function] unexpected error', e);
      return fail('COMMON.INTERNAL');
    }
  };
}
