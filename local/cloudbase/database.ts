/**
 * The local cloud database: collections of documents in memory, made durable by the journal,
 * queried and updated with MongoDB semantics from mingo (query, update, aggregate, projection).
 *
 * It keeps the cloud database rules the project relies on (DESIGN.md, "Cloud database rules"):
 * - a query returns at most 100 documents without `limit`, and `limit` is capped at 1000;
 * - a missing collection is an error (`DATABASE_COLLECTION_NOT_EXIST`, errCode -502005);
 * - a unique-index violation is an error (`DATABASE_REQUEST_FAILED`, errCode -502001) with the
 *   storage engine's text: `E11000 duplicate key error collection: <env>.<coll> index: <name>
 *   dup key: { field: "value" }`; a unique index holds a missing or null value once (not sparse);
 * - a multi-document insert is not atomic: documents are written in order, each on its own, and
 *   the insert stops at the first failure, keeping those before it (an ordered bulk write);
 * - transactions are document-level, as on the real service (DESIGN.md, "Real-service facts"):
 *   the first transaction that writes a document holds it until it commits or aborts; another
 *   transaction's write of it — or a write of a document changed since the transaction started —
 *   fails at once, at that write, with `DATABASE_TRANSACTION_CONFLICT` and the real message
 *   (`[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by
 *   others…`), and the conflicting transaction is aborted. A write outside a transaction waits
 *   until the holder ends (`waitForUnlock`). Transactions expire 30 s after they start. Reads in a
 *   transaction see its own writes and otherwise the latest committed state (the real service
 *   reads a snapshot; the difference never hides a conflict, because every write is checked).
 *
 * Every write (insert, update, remove, transaction commit) is one journal line. `durable()` resolves
 * once everything written so far is fsync'ed (group commit); the API server awaits it before it
 * answers, so an acknowledged write survives kill -9.
 */
import crypto from 'node:crypto';
import v8 from 'node:v8';
import 'mingo/init/system';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import type { AnyObject } from 'mingo/types';
import { compileGroup } from './group';
import { Journal, type JournalChange } from './journal';

/** A stored document. `_id` is always a string. */
export type Doc = Record<string, unknown> & { _id: string };

/** Index declaration, as in `database/schema.json`. */
export interface IndexSpec {
  name: string;
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

/** The declared schema: collections with their indexes. */
export interface DatabaseSchema {
  collections: Record<string, { indexes?: IndexSpec[] }>;
}

/** An error the CloudBase API reports as `{ code, message }`; the SDK maps `code` to an errCode. */
export class DatabaseError extends Error {
  constructor(
    readonly code:
      | 'DATABASE_COLLECTION_NOT_EXIST'
      | 'DATABASE_COLLECTION_ALREADY_EXIST'
      | 'DATABASE_REQUEST_FAILED'
      | 'DATABASE_TRANSACTION_CONFLICT'
      | 'DATABASE_TRANSACTION_FAIL'
      | 'INVALID_PARAM',
    message: string,
  ) {
    super(message);
  }
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: AnyObject;
}

export interface ModifyOptions {
  /** `DOC`: the query is `{ _id }`; `WHERE`: any query. */
  queryType: 'DOC' | 'WHERE';
  query: AnyObject;
  /** Update operators (`merge: true`) or a replacement document (`merge: false`). */
  data: AnyObject;
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Real transactions expire 30 s after they start (DESIGN.md, "Real-service facts"). */
export const TRANSACTION_TTL_MS = 30_000;

/** The message of the real service's transaction conflict (DESIGN.md; wx-server-sdk keeps only this text). */
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

/**
 * The real service's answer to a request in a transaction that was committed, aborted or started
 * more than 30 s ago (code DATABASE_TRANSACTION_FAIL): the text TencentCloudBase/node-sdk's own
 * test "事务提交后, 不能进行其它操作" expects (`test/database/unit/transaction.test.ts`).
 */
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

/** The environment name the emulator reports in duplicate-key messages (`<env>.<collection>`). */
const ENV_NAME = 'local-kiosk';

interface Transaction {
  id: string;
  startedAt: number;
  /** the commit sequence number when it started: a document committed after this is "changed since" */
  startSeq: number;
  /** documents (keyOf) this transaction holds: it wrote them first */
  held: Set<string>;
  /** unique-index keys (`<index id>|<key>`) its pending writes claim */
  claims: Set<string>;
  writes: Map<string, JournalChange>;
}

interface UniqueIndex {
  /** `<collection>.<index name>`: identifies the index in claims */
  id: string;
  spec: IndexSpec;
  keys: Map<string, string>;
}

/**
 * A declared index used for lookups: for each leading prefix of its fields (1…n), the ids of the
 * documents per value tuple. A query whose top-level equalities cover a prefix scans only those ids.
 */
interface LookupIndex {
  fields: string[];
  /** byPrefix[L - 1]: key of the first L field values → ids */
  byPrefix: Map<string, Set<string>>[];
  /** set once any document holds an array in an indexed field: equality then means "contains", so the index is not used */
  multikey: boolean;
  /**
   * `${n}|${key}` → the ids of byPrefix[n - 1].get(key) in the order of field `fields[n]` (then
   * `_id`), built when a query first needs it and dropped whenever that prefix's ids change (every
   * write of a document removes and re-adds its keys, so a change of `fields[n]` drops it too).
   */
  sorted: Map<string, string[]>;
}

/** One list of candidate ids: the documents of index `l` whose first `n` fields have the values of `key`. */
interface IndexList {
  l: LookupIndex;
  n: number;
  key: string;
  ids: Set<string>;
}

/** At most this many value combinations (`$in` × `$in`…) are looked up in one index before scanning instead. */
const MAX_INDEX_KEYS = 64;

/** MongoDB's order of BSON types for the values the kiosk sorts on (null/missing < numbers < strings < objects < arrays < booleans < dates). */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  // (a Date from another realm — v8.deserialize, a test's vm — is a Date too)
  if (Object.prototype.toString.call(v) === '[object Date]') return 9;
  if (typeof v === 'boolean') return 8;
  if (Array.isArray(v)) return 5;
  return 4;
}

/** Compares two field values in MongoDB's sort order (numbers, strings, dates and booleans by value; other types by type only). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 2 || ra === 8) return Number(a) - Number(b);
  if (ra === 3) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ra === 9) return (a as Date).getTime() - (b as Date).getTime();
  return 0;
}

/**
 * A comparator for a sort specification (`{ field: 1 | -1, … }`, dotted paths allowed) in MongoDB's
 * order of values ({@link compareValues}); ties keep their order (Array.prototype.sort is stable).
 */
export function byOrder(order: Record<string, 1 | -1>): (a: Doc, b: Doc) => number {
  const keys = Object.entries(order);
  return (a, b) => {
    for (const [field, dir] of keys) {
      const d = compareValues(getPath(a, field), getPath(b, field));
      if (d) return dir === -1 ? -d : d;
    }
    return 0;
  };
}

const keyOf = (c: string, id: string): string => `${c}\u0000${id}`;

/** Generates a 32-hex-character id, like CloudBase's. */
export function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** Deep copy that keeps Dates (the structured clone algorithm, via v8). */
function clone<T>(v: T): T {
  return v8.deserialize(v8.serialize(v)) as T;
}

function getPath(doc: AnyObject, dotted: string): unknown {
  let cur: unknown = doc;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as AnyObject)[part];
  }
  return cur;
}

function keyOfValues(values: unknown[]): string {
  return JSON.stringify(values.map((v) => (v instanceof Date ? { $date: v.getTime() } : (v ?? null))));
}

function uniqueKey(spec: IndexSpec, doc: AnyObject): string {
  return keyOfValues(Object.keys(spec.fields).map((f) => getPath(doc, f)));
}

/** Top-level equality conditions of a query (`{ a: 'x' }` or `{ a: { $eq: 'x' } }` with a primitive). */
function equalities(query: AnyObject): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    const value = v !== null && typeof v === 'object' && !(v instanceof Date) && Object.keys(v).length === 1 && '$eq' in (v as AnyObject) ? (v as AnyObject).$eq : v;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(k, value);
  }
  return out;
}

const isPrimitive = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The values each top-level field of `query` must take: one for an equality, several for a `$in`
 * of primitives (`{ status: { $in: ['a', 'b'] } }`). Fields with any other condition are absent.
 */
function fieldValues(query: AnyObject): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [k, v] of equalities(query)) out.set(k, [v]);
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || out.has(k) || v === null || typeof v !== 'object' || v instanceof Date) continue;
    const o = v as AnyObject;
    if (Object.keys(o).length === 1 && Array.isArray(o.$in) && o.$in.length > 0 && o.$in.every(isPrimitive)) out.set(k, [...new Set(o.$in)]);
  }
  return out;
}

/** Counters the emulator keeps for benchmarks (round trips per action). */
export interface DatabaseStats {
  /** Database requests of the SDK (each one request of the CloudBase API, transactions' steps included). */
  requests: number;
  byAction: Record<string, number>;
  /**
   * Sequential round trips: a request arriving while no other database request is in flight starts
   * a new wave; requests sent at once (`Promise.all`) share one. With one caller this is what that
   * caller waits for at a database latency (N waves ≈ N × the latency). Requests that do not overlap
   * in time are counted apart, so with no added latency the figure can only be too high, never too
   * low; measure it with `dbLatencyMs` > 0 (counted by the local server, `server.ts`).
   */
  waves: number;
}

/** The emulated cloud database. Open it with {@link LocalDatabase.open}. */
export class LocalDatabase {
  private readonly collections = new Map<string, Map<string, Doc>>();
  private readonly indexes = new Map<string, UniqueIndex[]>();
  private readonly lookups = new Map<string, LookupIndex[]>();
  /** commit sequence number of the last commit that changed each document (keyOf) */
  private readonly docSeq = new Map<string, number>();
  private seq = 0;
  private readonly transactions = new Map<string, Transaction>();
  /** document (keyOf) → id of the transaction holding it */
  private readonly locks = new Map<string, string>();
  /** unique-index key claimed by a pending transactional write → transaction id */
  private readonly claimed = new Map<string, string>();
  private journal: Journal | null = null;
  readonly stats: DatabaseStats = { requests: 0, byAction: {}, waves: 0 };
  /** Database requests arrived and not yet answered (for `stats.waves`). */
  private inFlight = 0;
  /** The data directory the journal lives in (storage and recorded messages live next to it). */
  dataDir = '';

  /** How long a transaction lives (real service: 30 s; tests shorten it). */
  private transactionTtlMs = TRANSACTION_TTL_MS;

  private constructor(private readonly schema: DatabaseSchema) {}

  /**
   * Opens (or creates) the database in `dir`: replays the journal, creates the declared
   * collections that do not exist yet and builds the unique indexes.
   */
  static open(options: { dir: string; schema: DatabaseSchema; fsync?: boolean; transactionTtlMs?: number }): LocalDatabase {
    const db = new LocalDatabase(options.schema);
    db.dataDir = options.dir;
    if (options.transactionTtlMs) db.transactionTtlMs = options.transactionTtlMs;
    const journal = new Journal({ dir: options.dir, fsync: options.fsync });
    for (const entry of journal.open()) {
      if (entry.t === 'collection') {
        if (!db.collections.has(entry.c)) db.collections.set(entry.c, new Map());
      } else {
        db.applyToMemory(entry.changes);
      }
    }
    db.journal = journal;
    for (const name of Object.keys(options.schema.collections)) {
      if (!db.collections.has(name)) db.createCollection(name);
    }
    for (const name of db.collections.keys()) db.buildIndexes(name);
    if (journal.linesSinceCompaction > 5000) journal.compact(db.collections);
    return db;
  }

  /** Resolves once every write made so far is on disk. */
  durable(): Promise<void> {
    return this.journal ? this.journal.sync() : Promise.resolve();
  }

  /** Closes the journal (after syncing it). */
  close(): void {
    this.journal?.close();
    this.journal = null;
  }

  /** Names of the existing collections. */
  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /** Creates an empty collection (error if it exists). */
  createCollection(name: string): void {
    if (this.collections.has(name)) {
      throw new DatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    }
    this.journal?.append({ t: 'collection', c: name });
    this.collections.set(name, new Map());
    this.buildIndexes(name);
  }

  /** A database request arrived at the local server (`stats.waves`: a new wave when none is in flight). */
  requestArrived(): void {
    if (this.inFlight === 0) this.stats.waves += 1;
    this.inFlight += 1;
  }

  /** A database request's answer left the local server. */
  requestAnswered(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Records one API request for the round-trip counters. */
  count(action: string): void {
    this.stats.requests += 1;
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
  }

  private buildIndexes(c: string): void {
    const declared = this.schema.collections[c]?.indexes ?? [];
    const list: UniqueIndex[] = declared.filter((s) => s.unique).map((spec) => ({ id: `${c}.${spec.name}`, spec, keys: new Map() }));
    const lookups: LookupIndex[] = declared.map((spec) => ({ fields: Object.keys(spec.fields), byPrefix: Object.keys(spec.fields).map(() => new Map()), multikey: false, sorted: new Map() }));
    for (const doc of this.coll(c).values()) {
      for (const idx of list) idx.keys.set(uniqueKey(idx.spec, doc), doc._id);
      for (const l of lookups) indexLookup(l, doc, true);
    }
    this.indexes.set(c, list);
    this.lookups.set(c, lookups);
  }

  /**
   * The documents a query can match: the one document of an `_id` equality (or the few of an
   * `_id: { $in }`), else the union of the index lists of {@link plan}, else all.
   */
  private candidates(c: string, query: AnyObject): Doc[] {
    const coll = this.coll(c);
    const byId = query._id as unknown;
    if (typeof byId === 'string') return coll.has(byId) ? [coll.get(byId)!] : [];
    if (byId && typeof byId === 'object' && Object.keys(byId).length === 1 && Array.isArray((byId as AnyObject).$in) && ((byId as AnyObject).$in as unknown[]).every((v) => typeof v === 'string')) {
      return [...new Set((byId as AnyObject).$in as string[])].filter((id) => coll.has(id)).map((id) => coll.get(id)!);
    }
    const lists = this.plan(c, query);
    if (!lists) return [...coll.values()];
    const seen = new Set<string>();
    const out: Doc[] = [];
    for (const list of lists) {
      for (const id of list.ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        const d = coll.get(id);
        if (d) out.push(d);
      }
    }
    return out;
  }

  /**
   * How a declared index serves `query`, as a database would plan it: for the query (or for each
   * branch of a top-level `$or`, each with the query's other conditions), the index whose leading
   * fields the branch fixes — by equality or by `$in` — with the fewest ids; a `$in` adds one list
   * per value. Null when some branch has no such index (the caller scans the collection).
   */
  private plan(c: string, query: AnyObject): IndexList[] | null {
    const { $or, ...rest } = query;
    let branches: AnyObject[] = [query];
    if ($or !== undefined) {
      if (!Array.isArray($or) || !$or.length || Object.keys(rest).some((k) => k.startsWith('$'))) return null;
      branches = [];
      for (const b of $or as AnyObject[]) {
        if (!b || typeof b !== 'object' || Object.keys(b).some((k) => k in rest)) return null;
        branches.push({ ...rest, ...b });
      }
    }
    const out: IndexList[] = [];
    for (const branch of branches) {
      const values = fieldValues(branch);
      if (!values.size) return null;
      let best: IndexList[] | null = null;
      let bestSize = Infinity;
      for (const l of this.lookups.get(c) ?? []) {
        if (l.multikey) continue;
        let n = 0;
        let combos = 1;
        while (n < l.fields.length && values.has(l.fields[n]) && combos * values.get(l.fields[n])!.length <= MAX_INDEX_KEYS) combos *= values.get(l.fields[n++])!.length;
        if (n === 0) continue;
        let keys: unknown[][] = [[]];
        for (const f of l.fields.slice(0, n)) keys = keys.flatMap((k) => values.get(f)!.map((v) => [...k, v]));
        const lists = keys.map((k) => {
          const key = keyOfValues(k);
          return { l, n, key, ids: l.byPrefix[n - 1].get(key) ?? new Set<string>() };
        });
        const size = lists.reduce((sum, x) => sum + x.ids.size, 0);
        if (size < bestSize) {
          best = lists;
          bestSize = size;
        }
      }
      if (!best) return null;
      out.push(...best);
    }
    return out;
  }

  /** The ids of an index list in the order of the index's next field (cached until the list changes). */
  private sortedIds(c: string, list: IndexList): string[] {
    const cacheKey = `${list.n}|${list.key}`;
    let ids = list.l.sorted.get(cacheKey);
    if (!ids) {
      const coll = this.coll(c);
      const field = list.l.fields[list.n];
      ids = [...list.ids].sort((a, b) => compareValues(getPath(coll.get(a) ?? {}, field), getPath(coll.get(b) ?? {}, field)) || (a < b ? -1 : a > b ? 1 : 0));
      list.l.sorted.set(cacheKey, ids);
    }
    return ids;
  }

  /**
   * Serves a sorted, limited query in index order, as the real database does with an index whose
   * next field is the sort field: walks the plan's lists in that order (merging them), tests each
   * document, and stops after `skip + limit` matches — nothing else is read or sorted. Null when
   * the query cannot be served that way (the caller filters and sorts).
   */
  private findInIndexOrder(c: string, query: AnyObject, order: Record<string, 1 | -1>, skip: number, limit: number): Doc[] | null {
    const fields = Object.keys(order);
    if (fields.length !== 1) return null;
    const field = fields[0];
    const lists = this.plan(c, query);
    if (!lists || !lists.every((x) => x.l.fields[x.n] === field)) return null;
    const dir = order[field] === -1 ? -1 : 1;
    const coll = this.coll(c);
    const runs = lists.map((x) => (dir === 1 ? this.sortedIds(c, x) : [...this.sortedIds(c, x)].reverse()));
    const heads = runs.map(() => 0);
    const q = new Query(query);
    const seen = new Set<string>();
    const out: Doc[] = [];
    const want = skip + limit;
    while (out.length < want) {
      let pick = -1;
      let pickValue: unknown;
      for (let i = 0; i < runs.length; i += 1) {
        if (heads[i] >= runs[i].length) continue;
        const v = getPath(coll.get(runs[i][heads[i]]) ?? {}, field);
        if (pick === -1 || dir * compareValues(v, pickValue) < 0) {
          pick = i;
          pickValue = v;
        }
      }
      if (pick === -1) break;
      const id = runs[pick][heads[pick]++];
      if (seen.has(id)) continue;
      seen.add(id);
      const d = coll.get(id);
      if (d && q.test(d)) out.push(d);
    }
    return out.slice(skip);
  }

  private coll(c: string): Map<string, Doc> {
    const coll = this.collections.get(c);
    if (!coll) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${c} 不存在 (collection not exist)`);
    return coll;
  }

  /** All documents of a collection (live objects: do not mutate). */
  all(c: string): Doc[] {
    return [...this.coll(c).values()];
  }

  /** Finds documents with the cloud database's default limit and cap. Returns copies. */
  find(c: string, query: AnyObject, options: FindOptions = {}): Doc[] {
    const limit = Math.min(options.limit && options.limit > 0 ? options.limit : DEFAULT_LIMIT, MAX_LIMIT);
    if (options.order && Object.keys(options.order).length) {
      const ordered = this.findInIndexOrder(c, query, options.order, options.offset ?? 0, limit);
      if (ordered) return clone(options.projection ? new Query({}).find<Doc>(ordered, options.projection).all() : ordered);
    }
    const docs = this.candidates(c, query);
    let found = new Query(query).find<Doc>(docs).all();
    // sorted by compareValues, not mingo's sort: mingo orders Dates only when they are `instanceof
    // Date` of its own realm, and a stored Date comes from v8.deserialize (the main realm) — under
    // jest's vm the two differ and mingo kept documents with different dates in insertion order
    if (options.order && Object.keys(options.order).length) found = [...found].sort(byOrder(options.order));
    found = found.slice(options.offset ?? 0, (options.offset ?? 0) + limit);
    return clone(options.projection ? new Query({}).find<Doc>(found, options.projection).all() : found);
  }

  /** Counts the documents that match. */
  countDocuments(c: string, query: AnyObject): number {
    const q = new Query(query);
    let n = 0;
    for (const d of this.candidates(c, query)) if (q.test(d)) n += 1;
    return n;
  }

  /**
   * Runs an aggregation pipeline; `$lookup` can read any collection. A leading `$match` scans only
   * the documents a declared index gives for its equalities (the result is the same).
   */
  aggregate(c: string, pipeline: AnyObject[]): AnyObject[] {
    const first = pipeline[0]?.$match as AnyObject | undefined;
    let docs: AnyObject[] = first ? this.candidates(c, first) : this.all(c);
    // run the pipeline in pieces: a correlated `$lookup` (with `let`) is joined document by
    // document, each against only the documents its `$match` can select (see correlatedLookup)
    let piece: AnyObject[] = [];
    const flush = () => {
      if (piece.length) docs = new Aggregator(this.narrowLookups(piece), { collectionResolver: (name: string) => this.all(name) }).run(docs) as AnyObject[];
      piece = [];
    };
    for (const stage of pipeline) {
      // a `$group` mingo answers slowly is run by the compiled evaluator of ./group.ts (same answer)
      const group = stage.$group ? compileGroup(stage) : null;
      if (this.isCorrelatedLookup(stage)) {
        flush();
        docs = docs.map((d) => this.correlatedLookup(d, stage.$lookup as AnyObject));
      } else if (group) {
        flush();
        docs = group(docs);
      } else piece.push(stage);
    }
    flush();
    return clone(docs);
  }

  /** A `$lookup` in pipeline form with `let` (simple field variables) whose pipeline starts with `$match`. */
  private isCorrelatedLookup(stage: AnyObject): boolean {
    const l = stage.$lookup as AnyObject | undefined;
    if (!l || typeof l.from !== 'string' || !l.let || !Array.isArray(l.pipeline)) return false;
    const vars = Object.values(l.let as AnyObject);
    return vars.every((v) => typeof v === 'string' && /^\$[A-Za-z_][\w.]*$/.test(v)) && !!(l.pipeline[0] as AnyObject | undefined)?.$match;
  }

  /**
   * Joins one document with a correlated `$lookup`, as a database would use an index for it: the
   * `$match`'s plain conditions plus each `{ $eq: ['$field', '$$var'] }` of its `$expr` (with the
   * document's value of `var`) select candidates through a declared index; mingo then runs the
   * original stage on those. Plain equality selects a superset of what `$expr $eq` accepts (it also
   * matches arrays holding the value, and a missing field for null), and the stage's own `$match`
   * still applies, so the result is the one a full scan gives.
   */
  private correlatedLookup(doc: AnyObject, l: AnyObject): AnyObject {
    const match = (l.pipeline as AnyObject[])[0].$match as AnyObject;
    const { $expr, ...plain } = match;
    const narrow: AnyObject = { ...plain };
    const eqs = $expr && typeof $expr === 'object' ? (Array.isArray(($expr as AnyObject).$and) ? (($expr as AnyObject).$and as AnyObject[]) : [$expr as AnyObject]) : [];
    for (const e of eqs) {
      const pair = e.$eq as unknown[] | undefined;
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
      const [field, ref] = pair as [string, string];
      if (!field.startsWith('$') || field.startsWith('$$') || !ref.startsWith('$$')) continue;
      const source = (l.let as AnyObject)[ref.slice(2)];
      if (typeof source !== 'string') continue;
      const value = source.slice(1).split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as AnyObject)[k] : undefined), doc);
      if (value === undefined || (value !== null && typeof value === 'object')) continue;
      if (!(field.slice(1) in narrow)) narrow[field.slice(1)] = value;
    }
    const from = this.candidates(l.from as string, narrow);
    const [out] = new Aggregator([{ $lookup: { ...l, from } }], { collectionResolver: (name: string) => this.all(name) }).run([doc]) as AnyObject[];
    return out;
  }

  /**
   * A `$lookup` in pipeline form without `let` whose pipeline starts with `$match` can only join the
   * documents that `$match` selects: give mingo those (by `_id` or a declared index) instead of the
   * whole collection. The result is the same; the pipeline still applies the `$match`.
   */
  private narrowLookups(pipeline: AnyObject[]): AnyObject[] {
    return pipeline.map((stage) => {
      const l = stage.$lookup as AnyObject | undefined;
      if (!l || typeof l.from !== 'string' || l.let || !Array.isArray(l.pipeline)) return stage;
      const match = (l.pipeline[0] as AnyObject | undefined)?.$match as AnyObject | undefined;
      if (!match) return stage;
      return { $lookup: { ...l, from: this.candidates(l.from, match) } };
    });
  }

  /**
   * Inserts documents in order, each on its own (not atomic, like the real service's bulk write):
   * the first failure stops the insert and is thrown; the documents before it stay. Returns the ids.
   */
  insert(c: string, docs: AnyObject[]): string[] {
    const coll = this.coll(c);
    const ids: string[] = [];
    for (const d of docs) {
      const doc = prepareNew(d);
      if (coll.has(doc._id)) throw duplicateId(c, doc._id);
      this.commit([{ c, id: doc._id, doc }]);
      ids.push(doc._id);
    }
    return ids;
  }

  /**
   * True while a write outside a transaction must wait: one of the documents it would change, or a
   * unique key it would take, is held by a live transaction (the real service blocks such a write
   * until the holder commits or aborts). Expired transactions are dropped on the way.
   */
  isBlocked(c: string, o: { queryType: 'DOC' | 'WHERE'; query: AnyObject; multi: boolean } | { insert: AnyObject[] }): boolean {
    this.expireTransactions();
    if (!this.locks.size && !this.claimed.size) return false;
    if ('insert' in o) {
      return o.insert.some((d) => {
        if (typeof d._id === 'string' && this.locks.has(keyOf(c, d._id))) return true;
        return (this.indexes.get(c) ?? []).some((idx) => this.claimed.has(`${idx.id}|${uniqueKey(idx.spec, d)}`));
      });
    }
    const coll = this.coll(c);
    const targets = o.queryType === 'DOC' ? this.docById(coll, o.query) : this.matching(c, o.query, true);
    return targets.some((d) => this.locks.has(keyOf(c, d._id)));
  }

  /** Updates (or replaces, or upserts) documents. Returns how many changed and an upserted id. */
  modify(c: string, o: ModifyOptions): { updated: number; upsertId: string | null } {
    const coll = this.coll(c);
    const targets = o.queryType === 'DOC' ? this.docById(coll, o.query) : this.matching(c, o.query, o.multi);
    if (targets.length === 0) {
      if (!o.upsert) return { updated: 0, upsertId: null };
      const base: AnyObject = o.queryType === 'DOC' ? { _id: o.query._id } : {};
      const doc = o.merge ? applyUpdate({ ...base, _id: base._id ?? newId() } as Doc, o.data) : prepareNew({ ...o.data, ...base });
      this.commit([{ c, id: doc._id, doc }]);
      return { updated: 0, upsertId: doc._id };
    }
    const changes: JournalChange[] = [];
    for (const cur of targets) {
      const next = o.merge ? applyUpdate(clone(cur), o.data) : ({ ...clone(o.data), _id: cur._id } as Doc);
      if (next._id !== cur._id) throw new DatabaseError('INVALID_PARAM', '不能更新_id的值');
      changes.push({ c, id: cur._id, doc: next });
    }
    this.commit(changes);
    return { updated: changes.length, upsertId: null };
  }

  /** Removes matching documents. Returns how many were removed. */
  remove(c: string, queryType: 'DOC' | 'WHERE', query: AnyObject, multi: boolean): number {
    const coll = this.coll(c);
    const targets = queryType === 'DOC' ? this.docById(coll, query) : this.matching(c, query, multi);
    if (targets.length) this.commit(targets.map((d) => ({ c, id: d._id, doc: null })));
    return targets.length;
  }

  private docById(coll: Map<string, Doc>, query: AnyObject): Doc[] {
    const id = query._id;
    if (typeof id !== 'string') throw new DatabaseError('INVALID_PARAM', 'doc 查询需要字符串 _id');
    const d = coll.get(id);
    return d ? [d] : [];
  }

  private matching(c: string, query: AnyObject, multi: boolean): Doc[] {
    const q = new Query(query);
    const out: Doc[] = [];
    for (const d of this.candidates(c, query)) {
      if (q.test(d)) {
        out.push(d);
        if (!multi) break;
      }
    }
    return out;
  }

  // ---- transactions ----------------------------------------------------------------------

  /** Drops transactions older than their time to live ({@link TRANSACTION_TTL_MS}), releasing what they held. */
  private expireTransactions(now = Date.now()): void {
    for (const t of this.transactions.values()) if (now - t.startedAt > this.transactionTtlMs) this.endTransaction(t);
  }

  private endTransaction(t: Transaction): void {
    this.transactions.delete(t.id);
    for (const k of t.held) if (this.locks.get(k) === t.id) this.locks.delete(k);
    for (const k of t.claims) if (this.claimed.get(k) === t.id) this.claimed.delete(k);
  }

  /** Starts a transaction and returns its id. */
  startTransaction(): string {
    this.expireTransactions();
    const id = newId();
    this.transactions.set(id, { id, startedAt: Date.now(), startSeq: this.seq, held: new Set(), claims: new Set(), writes: new Map() });
    return id;
  }

  private txn(id: string): Transaction {
    this.expireTransactions();
    const t = this.transactions.get(id);
    if (!t) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', TRANSACTION_NOT_EXIST_MESSAGE);
    return t;
  }

  private txnRead(t: Transaction, c: string, id: string): Doc | null {
    const w = t.writes.get(keyOf(c, id));
    if (w) return w.doc ? clone(w.doc as Doc) : null;
    const d = this.coll(c).get(id);
    return d ? clone(d) : null;
  }

  /** Aborts `t` and returns the conflict error to throw. */
  private conflict(t: Transaction): DatabaseError {
    this.endTransaction(t);
    return new DatabaseError('DATABASE_TRANSACTION_CONFLICT', TRANSACTION_CONFLICT_MESSAGE);
  }

  /**
   * Records a write of `change` in `t`, at the write: conflicts (and aborts `t`) if another live
   * transaction holds the document or one of the unique keys it takes, or if the document was
   * committed after `t` started; a unique key already taken by a committed document is a duplicate
   * key error, as on the real service.
   */
  private txnWrite(t: Transaction, change: JournalChange): void {
    const key = keyOf(change.c, change.id);
    const holder = this.locks.get(key);
    if (holder && holder !== t.id) throw this.conflict(t);
    if ((this.docSeq.get(key) ?? 0) > t.startSeq) throw this.conflict(t);
    const claims: string[] = [];
    if (change.doc) {
      const old = this.coll(change.c).get(change.id);
      for (const idx of this.indexes.get(change.c) ?? []) {
        const k = uniqueKey(idx.spec, change.doc);
        const claimKey = `${idx.id}|${k}`;
        const claimer = this.claimed.get(claimKey);
        if (claimer && claimer !== t.id) throw this.conflict(t);
        const owner = idx.keys.get(k);
        if (owner && owner !== change.id && !(old && uniqueKey(idx.spec, old) === k)) {
          const ownerWrite = t.writes.get(keyOf(change.c, owner));
          // the owner's key is only free if this transaction already changed or removed it
          if (!ownerWrite || (ownerWrite.doc && uniqueKey(idx.spec, ownerWrite.doc) === k)) throw duplicateKeyError(change.c, idx.spec, change.doc);
        }
        claims.push(claimKey);
      }
    }
    t.held.add(key);
    this.locks.set(key, t.id);
    for (const k of claims) {
      t.claims.add(k);
      this.claimed.set(k, t.id);
    }
    t.writes.set(key, change);
  }

  /** Reads one document inside a transaction (sees the transaction's own writes). */
  txnGet(tid: string, c: string, id: string): Doc | null {
    return this.txnRead(this.txn(tid), c, id);
  }

  /** Inserts a document inside a transaction. */
  txnInsert(tid: string, c: string, data: AnyObject): string {
    const t = this.txn(tid);
    const doc = prepareNew(data);
    if (this.txnRead(t, c, doc._id)) throw duplicateId(c, doc._id);
    this.txnWrite(t, { c, id: doc._id, doc });
    return doc._id;
  }

  /** Updates (merge) or replaces one document inside a transaction. */
  txnModify(tid: string, c: string, id: string, data: AnyObject, merge: boolean, upsert: boolean): { updated: number; upsertId: string | null } {
    const t = this.txn(tid);
    const cur = this.txnRead(t, c, id);
    if (!cur && !upsert) return { updated: 0, upsertId: null };
    const next = merge ? applyUpdate(cur ?? ({ _id: id } as Doc), data) : ({ ...clone(data), _id: id } as Doc);
    this.txnWrite(t, { c, id, doc: next });
    return cur ? { updated: 1, upsertId: null } : { updated: 0, upsertId: id };
  }

  /** Removes one document inside a transaction. */
  txnRemove(tid: string, c: string, id: string): number {
    const t = this.txn(tid);
    const cur = this.txnRead(t, c, id);
    if (!cur) return 0;
    this.txnWrite(t, { c, id, doc: null });
    return 1;
  }

  /** Commits the transaction's writes as one journal line and releases what it held. */
  commitTransaction(tid: string): void {
    const t = this.txn(tid);
    try {
      if (t.writes.size) this.commit([...t.writes.values()]);
    } finally {
      this.endTransaction(t);
    }
  }

  /** Aborts: drops the transaction's writes and releases what it held. */
  abortTransaction(tid: string): void {
    this.endTransaction(this.txn(tid));
  }

  /** Ids of the live transactions (for tests). */
  liveTransactions(): string[] {
    this.expireTransactions();
    return [...this.transactions.keys()];
  }

  // ---- commit ----------------------------------------------------------------------------

  /** Checks unique indexes, journals the changes as one line, then applies them in memory. */
  private commit(changes: JournalChange[]): void {
    this.checkUnique(changes);
    if (!this.journal) throw new Error('database is closed');
    this.journal.append({ t: 'commit', changes });
    this.applyToMemory(changes);
  }

  private checkUnique(changes: JournalChange[]): void {
    const overlay = new Map<UniqueIndex, Map<string, string | null>>();
    // first remove the old keys of every changed document, then add the new ones
    for (const ch of changes) {
      const old = this.coll(ch.c).get(ch.id);
      for (const idx of this.indexes.get(ch.c) ?? []) {
        if (!overlay.has(idx)) overlay.set(idx, new Map());
        if (old) overlay.get(idx)!.set(uniqueKey(idx.spec, old), null);
      }
    }
    for (const ch of changes) {
      if (!ch.doc) continue;
      for (const idx of this.indexes.get(ch.c) ?? []) {
        const o = overlay.get(idx)!;
        const k = uniqueKey(idx.spec, ch.doc);
        const holder = o.has(k) ? o.get(k) : idx.keys.get(k);
        if (holder && holder !== ch.id) throw duplicateKeyError(ch.c, idx.spec, ch.doc);
        o.set(k, ch.id);
      }
    }
  }

  private applyToMemory(changes: JournalChange[]): void {
    for (const ch of changes) {
      let coll = this.collections.get(ch.c);
      if (!coll) {
        coll = new Map();
        this.collections.set(ch.c, coll);
      }
      const old = coll.get(ch.id);
      for (const idx of this.indexes.get(ch.c) ?? []) {
        if (old) {
          const k = uniqueKey(idx.spec, old);
          if (idx.keys.get(k) === ch.id) idx.keys.delete(k);
        }
        if (ch.doc) idx.keys.set(uniqueKey(idx.spec, ch.doc), ch.id);
      }
      for (const l of this.lookups.get(ch.c) ?? []) {
        if (old) indexLookup(l, old, false);
        if (ch.doc) indexLookup(l, ch.doc, true);
      }
      if (ch.doc) coll.set(ch.id, ch.doc as Doc);
      else coll.delete(ch.id);
    }
    this.seq += 1;
    for (const ch of changes) this.docSeq.set(keyOf(ch.c, ch.id), this.seq);
  }
}

/** Adds (or removes) a document's ids under every prefix of a lookup index. */
function indexLookup(l: LookupIndex, doc: AnyObject, add: boolean): void {
  const values = l.fields.map((f) => getPath(doc, f));
  if (add && values.some(Array.isArray)) l.multikey = true;
  for (let n = 1; n <= l.fields.length; n += 1) {
    const key = keyOfValues(values.slice(0, n));
    const map = l.byPrefix[n - 1];
    l.sorted.delete(`${n}|${key}`);
    let ids = map.get(key);
    if (add) {
      if (!ids) map.set(key, (ids = new Set()));
      ids.add(doc._id as string);
    } else if (ids) {
      ids.delete(doc._id as string);
      if (!ids.size) map.delete(key);
    }
  }
}

function prepareNew(data: AnyObject): Doc {
  const doc = clone(data) as AnyObject;
  if (doc._id === undefined || doc._id === null) doc._id = newId();
  if (typeof doc._id !== 'string' || doc._id.length === 0) throw new DatabaseError('INVALID_PARAM', '_id 必须是非空字符串');
  return doc as Doc;
}

function applyUpdate(doc: Doc, data: AnyObject): Doc {
  const ops = Object.keys(data);
  if (ops.length === 0 || ops.some((k) => !k.startsWith('$'))) {
    // a plain object in merge mode means "set these fields"
    mingoUpdate(doc, { $set: data } as never);
    return doc;
  }
  if (ops.some((op) => Object.keys((data[op] as AnyObject) ?? {}).some((f) => f === '_id'))) {
    throw new DatabaseError('INVALID_PARAM', '不能更新_id的值');
  }
  try {
    for (const op of ops) mingoUpdate(doc, { [op]: data[op] } as never);
  } catch (e) {
    throw new DatabaseError('DATABASE_REQUEST_FAILED', `update failed: ${(e as Error).message}`);
  }
  return doc;
}

/** A value as the storage engine prints it in a `dup key: { … }` message. */
function dupValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The real service's unique-index violation (DESIGN.md): `… index: <name> dup key: { field: "value" }`. */
function duplicateKeyError(c: string, spec: IndexSpec, doc: AnyObject): DatabaseError {
  const key = Object.keys(spec.fields)
    .map((f) => `${f}: ${dupValue(getPath(doc, f))}`)
    .join(', ');
  return new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${ENV_NAME}.${c} index: ${spec.name} dup key: { ${key} }`);
}

function duplicateId(c: string, id: string): DatabaseError {
  return duplicateKeyError(c, { name: '_id_', fields: { _id: 1 } }, { _id: id });
}
