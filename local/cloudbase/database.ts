/**
 * The local cloud database: collections of documents in memory, made durable by the journal,
 * queried and updated with MongoDB semantics from mingo (query, update, aggregate, projection).
 *
 * It keeps the cloud database rules the project relies on (DESIGN.md, "Cloud database rules"):
 * - a query returns at most 100 documents without `limit`, and `limit` is capped at 1000;
 * - a missing collection is an error (`DATABASE_COLLECTION_NOT_EXIST`, errCode -502005);
 * - a unique-index violation is an error (`DATABASE_REQUEST_FAILED`, errCode -502001, message
 *   `E11000 duplicate key error … index: NAME`);
 * - transactions are document-level and optimistic: a transaction whose documents changed since it
 *   first touched them fails at commit with `DATABASE_TRANSACTION_CONFLICT`, which the SDK's
 *   `runTransaction` retries.
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
const TRANSACTION_TTL_MS = 60_000;

interface Transaction {
  id: string;
  startedAt: number;
  /** version of each touched document when the transaction first touched it */
  touched: Map<string, number>;
  writes: Map<string, JournalChange>;
}

interface UniqueIndex {
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

/** Counters the emulator keeps for benchmarks (round trips per action). */
export interface DatabaseStats {
  requests: number;
  byAction: Record<string, number>;
}

/** The emulated cloud database. Open it with {@link LocalDatabase.open}. */
export class LocalDatabase {
  private readonly collections = new Map<string, Map<string, Doc>>();
  private readonly indexes = new Map<string, UniqueIndex[]>();
  private readonly lookups = new Map<string, LookupIndex[]>();
  private readonly versions = new Map<string, number>();
  private readonly transactions = new Map<string, Transaction>();
  private journal: Journal | null = null;
  readonly stats: DatabaseStats = { requests: 0, byAction: {} };

  private constructor(private readonly schema: DatabaseSchema) {}

  /**
   * Opens (or creates) the database in `dir`: replays the journal, creates the declared
   * collections that do not exist yet and builds the unique indexes.
   */
  static open(options: { dir: string; schema: DatabaseSchema; fsync?: boolean }): LocalDatabase {
    const db = new LocalDatabase(options.schema);
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

  /** Records one API request for the round-trip counters. */
  count(action: string): void {
    this.stats.requests += 1;
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
  }

  private buildIndexes(c: string): void {
    const declared = this.schema.collections[c]?.indexes ?? [];
    const list: UniqueIndex[] = declared.filter((s) => s.unique).map((spec) => ({ spec, keys: new Map() }));
    const lookups: LookupIndex[] = declared.map((spec) => ({ fields: Object.keys(spec.fields), byPrefix: Object.keys(spec.fields).map(() => new Map()), multikey: false }));
    for (const doc of this.coll(c).values()) {
      for (const idx of list) idx.keys.set(uniqueKey(idx.spec, doc), doc._id);
      for (const l of lookups) indexLookup(l, doc, true);
    }
    this.indexes.set(c, list);
    this.lookups.set(c, lookups);
  }

  /** The documents a query can match: a declared index's ids when its equalities cover a prefix, else all. */
  private candidates(c: string, query: AnyObject): Doc[] {
    const coll = this.coll(c);
    const eq = equalities(query);
    let best: Set<string> | null = null;
    if (eq.size) {
      for (const l of this.lookups.get(c) ?? []) {
        if (l.multikey) continue;
        let n = 0;
        while (n < l.fields.length && eq.has(l.fields[n])) n += 1;
        if (n === 0) continue;
        const ids = l.byPrefix[n - 1].get(keyOfValues(l.fields.slice(0, n).map((f) => eq.get(f)))) ?? new Set<string>();
        if (!best || ids.size < best.size) best = ids;
      }
    }
    if (!best) return [...coll.values()];
    const out: Doc[] = [];
    for (const id of best) {
      const d = coll.get(id);
      if (d) out.push(d);
    }
    return out;
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
    const docs = this.candidates(c, query);
    const limit = Math.min(options.limit && options.limit > 0 ? options.limit : DEFAULT_LIMIT, MAX_LIMIT);
    let cursor = new Query(query).find<Doc>(docs, options.projection);
    if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order);
    if (options.offset) cursor = cursor.skip(options.offset);
    return clone(cursor.limit(limit).all());
  }

  /** Counts the documents that match. */
  countDocuments(c: string, query: AnyObject): number {
    const q = new Query(query);
    let n = 0;
    for (const d of this.candidates(c, query)) if (q.test(d)) n += 1;
    return n;
  }

  /** Runs an aggregation pipeline; `$lookup` can read any collection. */
  aggregate(c: string, pipeline: AnyObject[]): AnyObject[] {
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) => this.all(name),
    });
    return clone(agg.run(this.all(c)));
  }

  /** Inserts documents atomically (all or none). Returns their ids. */
  insert(c: string, docs: AnyObject[]): string[] {
    const coll = this.coll(c);
    const changes: JournalChange[] = [];
    const seen = new Set<string>();
    for (const d of docs) {
      const doc = prepareNew(d);
      if (coll.has(doc._id) || seen.has(doc._id)) throw duplicateId(c, doc._id);
      seen.add(doc._id);
      changes.push({ c, id: doc._id, doc });
    }
    this.commit(changes);
    return changes.map((ch) => ch.id);
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

  /** Starts an optimistic transaction and returns its id. */
  startTransaction(): string {
    const now = Date.now();
    for (const [id, t] of this.transactions) if (now - t.startedAt > TRANSACTION_TTL_MS) this.transactions.delete(id);
    const id = newId();
    this.transactions.set(id, { id, startedAt: now, touched: new Map(), writes: new Map() });
    return id;
  }

  private txn(id: string): Transaction {
    const t = this.transactions.get(id);
    if (!t) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `事务 ${id} 不存在或已结束`);
    return t;
  }

  private txnRead(t: Transaction, c: string, id: string): Doc | null {
    const key = keyOf(c, id);
    const w = t.writes.get(key);
    if (w) return w.doc ? clone(w.doc as Doc) : null;
    if (!t.touched.has(key)) t.touched.set(key, this.versions.get(key) ?? 0);
    const d = this.coll(c).get(id);
    return d ? clone(d) : null;
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
    t.writes.set(keyOf(c, doc._id), { c, id: doc._id, doc });
    return doc._id;
  }

  /** Updates (merge) or replaces one document inside a transaction. */
  txnModify(tid: string, c: string, id: string, data: AnyObject, merge: boolean, upsert: boolean): { updated: number; upsertId: string | null } {
    const t = this.txn(tid);
    const cur = this.txnRead(t, c, id);
    if (!cur && !upsert) return { updated: 0, upsertId: null };
    const next = merge ? applyUpdate(cur ?? ({ _id: id } as Doc), data) : ({ ...clone(data), _id: id } as Doc);
    t.writes.set(keyOf(c, id), { c, id, doc: next });
    return cur ? { updated: 1, upsertId: null } : { updated: 0, upsertId: id };
  }

  /** Removes one document inside a transaction. */
  txnRemove(tid: string, c: string, id: string): number {
    const t = this.txn(tid);
    const cur = this.txnRead(t, c, id);
    if (!cur) return 0;
    t.writes.set(keyOf(c, id), { c, id, doc: null });
    return 1;
  }

  /** Commits: fails with a conflict if any touched document changed since first touched. */
  commitTransaction(tid: string): void {
    const t = this.txn(tid);
    this.transactions.delete(tid);
    for (const [key, v] of t.touched) {
      if ((this.versions.get(key) ?? 0) !== v) {
        throw new DatabaseError('DATABASE_TRANSACTION_CONFLICT', '事务冲突，请重试 (transaction conflict)');
      }
    }
    if (t.writes.size) this.commit([...t.writes.values()]);
  }

  /** Aborts: drops the transaction's writes. */
  abortTransaction(tid: string): void {
    this.txn(tid);
    this.transactions.delete(tid);
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
        if (holder && holder !== ch.id) {
          throw new DatabaseError(
            'DATABASE_REQUEST_FAILED',
            `E11000 duplicate key error collection: ${ch.c} index: ${idx.spec.name} dup key: ${k}`,
          );
        }
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
      const key = keyOf(ch.c, ch.id);
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    }
  }
}

/** Adds (or removes) a document's ids under every prefix of a lookup index. */
function indexLookup(l: LookupIndex, doc: AnyObject, add: boolean): void {
  const values = l.fields.map((f) => getPath(doc, f));
  if (add && values.some(Array.isArray)) l.multikey = true;
  for (let n = 1; n <= l.fields.length; n += 1) {
    const key = keyOfValues(values.slice(0, n));
    const map = l.byPrefix[n - 1];
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

function duplicateId(c: string, id: string): DatabaseError {
  return new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c} index: _id_ dup key: ${id}`);
}
