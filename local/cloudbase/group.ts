/**
 * A fast evaluator of `$group` stages for the emulator's `aggregate` — speed only: mingo remains the
 * definition of what a `$group` answers, and this file answers exactly what mingo 6.7's
 * `Aggregator([{ $group }]).run(docs)` answers (`test/local/fast-group.test.ts` checks it with
 * random documents and expressions, and with the console's real pipelines).
 *
 * Why: mingo evaluates every expression through `computeValue`, which rebuilds its options and
 * looks operators up for every node of every document; the `$group` of
 * `console/domain/figures.ts ticketFigureStages` (nine `$sum`s of `$cond`/`$and`/`$gte`/… trees)
 * took ~11 s over 100 000 tickets, beyond the SDK's 15 s request timeout once the rest is added.
 * Here the `_id` and accumulator expressions are compiled once per stage into JS closures; the
 * documents are grouped in one pass as mingo's `groupBy` groups them (primitive keys, and objects
 * of primitives, by a string key that separates exactly what mingo's `isEqual` separates; any other
 * key: mingo's `groupBy` itself), groups in order of first appearance, and each operator applies
 * mingo's own rule (copied from its sources, using its `compare`/`isEqual`/`resolve`/`unique`
 * helpers, with fast paths for numbers, strings and dates).
 *
 * Supported: field paths `$a.b` (no `$$` variables), literals, arrays and objects of expressions,
 * `$literal`, `$cond` (array and object forms), `$ifNull`, `$and`, `$or`, `$not`, `$eq`, `$ne`,
 * `$gt`, `$gte`, `$lt`, `$lte`, `$subtract`, `$add`, `$in`, `$size`, `$arrayElemAt`; accumulators
 * `$sum`, `$avg`, `$min`, `$max`, `$first`, `$last`, `$push`, `$addToSet`, `$count`. A stage with
 * anything else (or an argument shape mingo would reject) is not compiled: {@link compileGroup}
 * answers null and the caller lets mingo run it. When a compiled stage throws on some document
 * (e.g. `$subtract` of a string), the stage is run again by mingo, so its error is mingo's.
 * Assumes mingo's default options (`useStrictMode: true`, default hash function), which is how
 * `database.ts` runs its pipelines.
 */
import { Aggregator } from 'mingo';
import * as mingoUtil from 'mingo/util';
import type { AnyObject } from 'mingo/types';

// mingo's helpers, read once (a bundle's `import { x }` reads a getter of mingo's module on every call)
const { compare: mingoCompare, flatten, groupBy, isArray, isDate, isEqual, isNil, isNumber, isObject, resolve, typeOf, unique } = mingoUtil;
/** mingo's `truthy` in strict mode (`useStrictMode: true`, its default). */
const truthy = (v: unknown): boolean => !!v || v === '';

/**
 * mingo's `compare` of two values of the same `typeOf`, without its allocations for numbers,
 * strings and dates (`isEqual(a, b) ? 0 : a < b ? -1 : 1` there, i.e. NaN equals NaN, dates by time).
 */
function compare(a: unknown, b: unknown): number {
  const ta = typeof a;
  if ((ta === 'string' || ta === 'number') && typeof b === ta) return a === b || (a !== a && b !== b) ? 0 : (a as number) < (b as number) ? -1 : 1;
  if (a instanceof Date && b instanceof Date) {
    const x = a.getTime();
    const y = b.getTime();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return mingoCompare(a, b);
}
/** mingo's `typeOf(x) === typeOf(b)`, fast for primitives and dates. */
function sameType(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  if (ta !== 'object' && ta !== 'function') return ta === typeof b;
  if (a instanceof Date) return b instanceof Date;
  return typeOf(a) === typeOf(b);
}

type Fn = (doc: AnyObject) => unknown;

/** Thrown while compiling when the expression is outside the supported subset. */
class Unsupported extends Error {}

const isOperator = (name: string): boolean => name[0] === '$' && /^\$[a-zA-Z0-9_]+$/.test(name);

/** A field path `$a.b` read as mingo's `resolve` reads it (fast walk; mingo's own walk once an array is met). */
function compilePath(expr: string): Fn {
  const path = expr.slice(1);
  const parts = path.split('.');
  return (doc) => {
    let cur: unknown = doc;
    for (let i = 0; i < parts.length; i++) {
      if (isArray(cur)) return resolve(doc, path);
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as AnyObject)[parts[i]];
      if (cur === undefined) return undefined;
    }
    return cur;
  };
}

function args(a: unknown, n?: number): Fn[] {
  if (!isArray(a) || (n !== undefined && a.length !== n)) throw new Unsupported();
  return a.map(compileExpr);
}

// mingo's query predicates (operators/_predicates.js), as its expression operators apply them
function eq(a: unknown, b: unknown): boolean {
  if (isEqual(a, b)) return true;
  if (isNil(a) && isNil(b)) return true;
  if (isArray(a)) return a.some((v) => isEqual(v, b)) || flatten(a, 1).some((v) => isEqual(v, b));
  return false;
}
const ordered =
  (f: (c: number) => boolean) =>
  (a: unknown, b: unknown): boolean =>
    isArray(a) ? a.some((x) => sameType(x, b) && f(compare(x, b))) : sameType(a, b) && f(compare(a, b));
const PREDICATES: Record<string, (a: unknown, b: unknown) => boolean> = {
  $eq: eq,
  $ne: (a, b) => !eq(a, b),
  $lt: ordered((c) => c < 0),
  $lte: ordered((c) => c <= 0),
  $gt: ordered((c) => c > 0),
  $gte: ordered((c) => c >= 0),
};

function fail(message: string): never {
  throw new Error(message);
}

function compileOperator(op: string, a: unknown): Fn {
  const pred = PREDICATES[op];
  if (pred) {
    const [x, y] = args(a, 2);
    return (d) => pred(x(d), y(d));
  }
  switch (op) {
    case '$literal':
      return () => a;
    case '$cond': {
      let parts: unknown[];
      if (isArray(a)) {
        if (a.length !== 3) throw new Unsupported();
        parts = a;
      } else if (isObject(a)) {
        const o = a as AnyObject;
        parts = [o.if, o.then, o.else];
      } else throw new Unsupported();
      const [c, t, e] = parts.map(compileExpr);
      return (d) => (truthy(c(d)) ? t(d) : e(d));
    }
    case '$ifNull': {
      const fs = args(a);
      return (d) => {
        let found: unknown;
        let last: unknown;
        for (const f of fs) {
          last = f(d);
          if (found === undefined && !isNil(last)) found = last;
        }
        return found ?? last;
      };
    }
    case '$and': {
      const fs = args(a);
      return (d) => {
        let all = true; // every argument is evaluated, as mingo does
        for (const f of fs) if (!truthy(f(d))) all = false;
        return all;
      };
    }
    case '$or': {
      const fs = args(a);
      return (d) => {
        let any = false;
        for (const f of fs) if (truthy(f(d))) any = true;
        return any;
      };
    }
    case '$not': {
      const list = isArray(a) ? a : [a];
      if (list.length === 0) return () => false;
      if (list.length !== 1) throw new Unsupported();
      const f = compileExpr(list[0]);
      return (d) => !f(d);
    }
    case '$subtract': {
      const [x, y] = args(a, 2);
      return (d) => {
        const u = x(d);
        const v = y(d);
        const t = `${typeOf(u)}|${typeOf(v)}`;
        if (t === 'date|number') return new Date(+(u as number) - +(v as number));
        if (t !== 'date|date' && t !== 'number|number') fail('$subtract: must resolve to array(2) of numbers/dates');
        return +(u as number) - +(v as number);
      };
    }
    case '$add': {
      const fs = args(a);
      return (d) => {
        let hasDate = false;
        let sum = 0;
        for (const f of fs) {
          const n = f(d);
          if (isDate(n)) {
            if (hasDate) fail("'$add' can only have one date value");
            hasDate = true;
          }
          sum += +(n as number);
        }
        return hasDate ? new Date(sum) : sum;
      };
    }
    case '$in': {
      const fs = args(a);
      return (d) => {
        const [item, arr] = fs.map((f) => f(d));
        if (!isArray(arr)) fail('$in second argument must be an array');
        return arr.some((v) => isEqual(v, item));
      };
    }
    case '$size': {
      const f = compileExpr(a);
      return (d) => {
        const v = f(d);
        return isArray(v) ? v.length : undefined;
      };
    }
    case '$arrayElemAt': {
      const [x, y] = args(a, 2);
      return (d) => {
        const arr = x(d) as unknown[];
        const index = y(d) as number;
        if (isNil(arr) || isNil(index)) return null;
        if (index < 0 && Math.abs(index) <= arr.length) return arr[(index + arr.length) % arr.length];
        if (index >= 0 && index < arr.length) return arr[index];
        return undefined;
      };
    }
    default:
      throw new Unsupported();
  }
}

/** Compiles an expression as mingo's `computeExpression` reads it (root = the document). */
function compileExpr(e: unknown): Fn {
  if (typeof e === 'string' && e.length > 0 && e[0] === '$') {
    if (e === '$' || e.startsWith('$$')) throw new Unsupported();
    return compilePath(e);
  }
  if (isArray(e)) {
    const fs = e.map(compileExpr);
    return (d) => fs.map((f) => f(d));
  }
  if (isObject(e)) {
    const entries = Object.entries(e as AnyObject);
    if (entries.some(([k]) => isOperator(k))) {
      if (entries.length !== 1) throw new Unsupported();
      return compileOperator(entries[0][0], entries[0][1]);
    }
    const keys = entries.map(([k]) => k);
    const fs = entries.map(([, v]) => compileExpr(v));
    return (d) => {
      const out: AnyObject = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = fs[i](d);
      return out;
    };
  }
  return () => e;
}

/** An accumulator over one group's documents (in their order). */
type Acc = (docs: AnyObject[]) => unknown;

function compileAccumulator(spec: unknown): Acc {
  if (!isObject(spec)) throw new Unsupported();
  const entries = Object.entries(spec as AnyObject);
  if (entries.length !== 1) throw new Unsupported();
  const [op, a] = entries[0];
  if (op === '$count') return (docs) => docs.length;
  if (isNil(a)) throw new Unsupported();
  if (op === '$sum' && isNumber(a)) return (docs) => docs.length * a;
  const f = compileExpr(a);
  switch (op) {
    case '$sum':
      return (docs) => {
        let sum = 0;
        for (const d of docs) {
          const v = f(d);
          if (isNumber(v)) sum += v;
        }
        return sum;
      };
    case '$avg':
      return (docs) => {
        let sum = 0;
        let n = 0;
        for (const d of docs) {
          const v = f(d);
          if (isNumber(v)) {
            sum += v;
            n++;
          }
        }
        return sum / (n || 1);
      };
    case '$min':
    case '$max': {
      const better = op === '$min' ? (c: number) => c <= 0 : (c: number) => c >= 0;
      return (docs) => {
        if (docs.length === 0) return null;
        const items = docs.map(f);
        let best = items[0];
        for (const n of items) {
          if (isNil(n) || isNaN(n as number)) continue;
          if (better(compare(n, best))) best = n;
        }
        return best;
      };
    }
    case '$first':
      return (docs) => (docs.length ? f(docs[0]) : undefined);
    case '$last':
      return (docs) => (docs.length ? f(docs[docs.length - 1]) : undefined);
    case '$push':
      return (docs) => docs.map(f);
    case '$addToSet':
      return (docs) => unique(docs.map(f));
    default:
      throw new Unsupported();
  }
}

const isPrimitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** A primitive's part of a group key: distinct exactly when mingo's `isEqual` tells them apart (0 = -0, NaN = NaN). */
function primitiveKey(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'number':
      return v === 0 ? 'n0' : `n${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'U';
    default:
      return v === null ? 'N' : `?${String(v)}`;
  }
}

/**
 * The documents grouped as mingo's `groupBy` groups them (a primitive `_id` by `Map` identity, an
 * object `_id` by `isEqual`; groups in order of first appearance, each keyed by its first `_id`),
 * when every `_id` is a primitive or, for an `_id` of the form `{ k: expr, … }` (`idKeys`, so
 * always the same keys in the same order), an object of primitives. Otherwise null: mingo's
 * `groupBy` must do it.
 */
function partition(docs: AnyObject[], idFn: Fn, idKeys: string[] | null): Map<unknown, AnyObject[]> | null {
  const groups = new Map<unknown, AnyObject[]>();
  const byPrimitive = new Map<unknown, AnyObject[]>();
  const byObject = new Map<string, AnyObject[]>();
  for (const d of docs) {
    const id = idFn(d) ?? null;
    let members: AnyObject[] | undefined;
    if (isPrimitive(id)) {
      if (typeof id === 'symbol' || typeof id === 'bigint') return null;
      members = byPrimitive.get(id);
      if (!members) byPrimitive.set(id, (members = []));
    } else {
      if (!idKeys) return null;
      let key = '';
      for (const k of idKeys) {
        const v = (id as AnyObject)[k];
        if (!isPrimitive(v) || typeof v === 'symbol' || typeof v === 'bigint') return null;
        key += `${primitiveKey(v)}\u0000`;
      }
      members = byObject.get(key);
      if (!members) byObject.set(key, (members = []));
    }
    if (!members.length) groups.set(id, members);
    members.push(d);
  }
  return groups;
}

/**
 * A `$group` stage (`{ $group: { _id, field: { $acc: expr }, … } }`) compiled into a function of
 * the documents answering what mingo answers, or null when the stage is outside the supported
 * subset (then mingo must run it).
 */
export function compileGroup(stage: AnyObject): ((docs: AnyObject[]) => AnyObject[]) | null {
  const spec = stage.$group as AnyObject | undefined;
  if (Object.keys(stage).length !== 1 || !isObject(spec) || !Object.prototype.hasOwnProperty.call(spec, '_id')) return null;
  let idFn: Fn;
  let fields: [string, Acc][];
  try {
    idFn = compileExpr(spec._id);
    fields = Object.keys(spec)
      .filter((k) => k !== '_id')
      .map((k) => [k, compileAccumulator(spec[k])]);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const idKeys = isObject(spec._id) && !Object.keys(spec._id as AnyObject).some(isOperator) ? Object.keys(spec._id as AnyObject) : null;
  return (docs) => {
    try {
      const partitions = partition(docs, idFn, idKeys) ?? (groupBy(docs, (d) => idFn(d as AnyObject)) as Map<unknown, AnyObject[]>);
      const out: AnyObject[] = [];
      for (const [groupId, members] of partitions) {
        const row: AnyObject = {};
        if (groupId !== undefined) row._id = groupId;
        for (const [k, acc] of fields) row[k] = acc(members);
        out.push(row);
      }
      return out;
    } catch {
      return new Aggregator([stage]).run(docs) as AnyObject[];
    }
  };
}
