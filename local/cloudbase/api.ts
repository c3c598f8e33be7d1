/**
 * The CloudBase API endpoint (`POST /admin?env=…`) as wx-server-sdk 4.0.2 speaks it.
 *
 * Input: the SDK's JSON body `{ action, collectionName, query, data, order, projection, … }`,
 * where queries, updates and documents are canonical MongoDB Extended JSON strings and
 * `db.serverDate()` arrives as `{"$tcb_server_date":{"offset":N}}` (milliseconds).
 * Output: `{ requestId, data: {…} }` on success (documents as EJSON strings), or
 * `{ requestId, code, message }` on failure; the SDK maps `code` to its errCode (e.g.
 * `DATABASE_COLLECTION_NOT_EXIST` → -502005).
 *
 * The wire format was read off the SDK on this machine (DESIGN.md) and is held by the contract
 * tests in `test/local/cloudbase-contract.test.ts`.
 */
import { BSONRegExp, EJSON } from 'bson';
import type { AnyObject } from 'mingo/types';
import { clockNow } from '../clock';
import { DatabaseError, newId, type LocalDatabase } from './database';

type Body = Record<string, unknown>;
export type ApiResponse = { requestId: string; data?: unknown; code?: string; message?: string; [k: string]: unknown };

/**
 * The aggregation stages CloudBase runs: those of the SDK's `Aggregation` builder
 * (@cloudbase/database `src/aggregate.ts`; the CloudBase docs list the same). No `$facet`, `$out`,
 * `$merge`, `$unionWith`, `$setWindowFields`…: the emulator refuses any other stage, as a raw
 * pipeline (`collection.aggregate([...])`) could send one.
 */
export const AGGREGATE_STAGES: ReadonlySet<string> = new Set(
  ['addFields', 'bucket', 'bucketAuto', 'count', 'geoNear', 'group', 'limit', 'match', 'project', 'lookup', 'replaceRoot', 'sample', 'skip', 'sort', 'sortByCount', 'unwind'].map((s) => `$${s}`),
);

/**
 * Rows an aggregation answers when its pipeline has no `$limit` stage: 20, in cloud functions too
 * (developers.weixin.qq.com community threads "云函数端Aggregate聚合操作limit默认20条限制", 2020,
 * and "云函数中的聚合查询操作,默认是多少条?" — measured: 20, unlike `get()`'s 100).
 */
export const AGGREGATE_DEFAULT_LIMIT = 20;

/** Turns decoded EJSON values into what mingo evaluates: server dates → Date, BSON regex → RegExp. */
export function reviveWireValue(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => reviveWireValue(x, now));
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, v.options.replace(/[^gimsuy]/g, ''));
  if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = Number((o.$tcb_server_date as Record<string, unknown>)?.offset ?? 0);
      return new Date(now + (Number.isFinite(offset) ? offset : 0));
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = reviveWireValue(o[k], now);
    return out;
  }
  return v;
}

function decode(s: unknown, now: number): AnyObject {
  if (s === undefined || s === null || s === '') return {};
  if (typeof s !== 'string') throw new DatabaseError('INVALID_PARAM', 'EJSON string expected');
  try {
    return reviveWireValue(EJSON.parse(s, { relaxed: true }), now) as AnyObject;
  } catch (e) {
    if (e instanceof DatabaseError) throw e;
    throw new DatabaseError('INVALID_PARAM', `bad EJSON: ${(e as Error).message}`);
  }
}

const encode = (doc: unknown): string => EJSON.stringify(doc, { relaxed: false });

function str(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || !v) throw new DatabaseError('INVALID_PARAM', `${key} is required`);
  return v;
}

function docIdOf(query: AnyObject): string {
  if (typeof query._id !== 'string') throw new DatabaseError('INVALID_PARAM', '_id is required');
  return query._id;
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument']);
/** How often a write outside a transaction looks again whether the transaction holding its documents ended. */
const LOCK_POLL_MS = 2;

/**
 * The write this request would make outside a transaction, for `LocalDatabase.isBlocked`; null for
 * reads, transactional requests and requests too malformed to target anything (they fail in dispatch).
 */
function blockingTarget(body: Body): Parameters<LocalDatabase['isBlocked']>[1] | null {
  const action = typeof body.action === 'string' ? body.action : '';
  if (!WRITES.has(action) || (typeof body.transactionId === 'string' && body.transactionId)) return null;
  try {
    const now = clockNow();
    if (action === 'database.insertDocument') {
      const raw = Array.isArray(body.data) ? body.data : [body.data];
      return { insert: raw.map((d) => decode(d, now)) };
    }
    return { queryType: body.queryType === 'DOC' ? 'DOC' : 'WHERE', query: decode(body.query, now), multi: body.multi === true };
  } catch {
    return null;
  }
}

/**
 * Handles one API request body and returns the response body. Never rejects. A write outside a
 * transaction first waits while a live transaction holds one of its documents (as the real
 * service's storage engine does), then runs.
 */
export async function handleApiRequest(db: LocalDatabase, body: Body): Promise<ApiResponse> {
  const requestId = newId();
  const action = typeof body.action === 'string' ? body.action : '';
  db.count(action);
  try {
    const target = blockingTarget(body);
    const c = typeof body.collectionName === 'string' ? body.collectionName : '';
    if (target && c) while (db.isBlocked(c, target)) await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    return { requestId, ...dispatch(db, action, body) };
  } catch (e) {
    if (e instanceof DatabaseError) return { requestId, code: e.code, message: e.message };
    return { requestId, code: 'DATABASE_REQUEST_FAILED', message: (e as Error).message ?? String(e) };
  }
}

/** The code the service answers a failed transactional request with (node-sdk's own transaction tests). */
const TRANSACTION_FAIL = 'DATABASE_TRANSACTION_FAIL';

/** True when an EJSON string or decoded value carries a `db.serverDate()` marker anywhere. */
function hasServerDate(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('"$tcb_server_date"');
  if (Array.isArray(v)) return v.some(hasServerDate);
  return false;
}

/**
 * The limits of a transaction as CloudBase documents them, checked before a transactional request
 * runs (docs/database.md, "Transactions"); a refused request also ends the transaction (the
 * stricter reading: the real service's state after such a refusal is not documented):
 * - no `db.serverDate()` in what a transaction writes — Tencent's SDK test suite
 *   (TencentCloudBase/node-sdk `test/database/unit/transaction.test.ts`: "事务内插入 含 serverDate
 *   类型文档 报错不支持");
 * - one document per request, addressed by `_id` — "事务操作时为保障效率和并发性，只允许进行单记录
 *   操作，不允许进行批量操作" (Database.startTransaction) and "在事务中仅能进行单记录操作，也就是不能使用
 *   where、aggregate 接口" (Transaction.collection), developers.weixin.qq.com wxcloud reference.
 * Errors: DatabaseError `DATABASE_TRANSACTION_FAIL`, which wx-server-sdk hands to function code as
 * errCode -501001 (its code table has no entry for it). The real service's exact text for these
 * refusals is not published; the message says what was refused, in Chinese and English.
 */
function checkTransactionLimits(db: LocalDatabase, tid: string, action: string, body: Body): void {
  const refuse = (message: string): never => {
    try {
      db.abortTransaction(tid);
    } catch {
      // already ended or expired: the refusal stands
    }
    throw new DatabaseError(TRANSACTION_FAIL, message);
  };
  if (action === 'database.calculateDocument' || action === 'database.aggregateDocuments') {
    refuse(`[InvalidParameter] 事务内不能统计或聚合 (${action} is not supported in a transaction: documents are read one by one, by _id)`);
  }
  if ((action === 'database.getDocument' || action === 'database.modifyDocument' || action === 'database.removeDocument') && (body.queryType !== 'DOC' || body.multi === true)) {
    refuse('[InvalidParameter] 事务内只能按 _id 操作单个记录，不能使用 where (a transaction reads and writes one document by _id: doc(id), not where())');
  }
  if (action === 'database.insertDocument' && Array.isArray(body.data) && body.data.length !== 1) {
    refuse('[InvalidParameter] 事务内只允许单记录操作，不允许批量插入 (a transaction inserts one document per add())');
  }
  if ((action === 'database.insertDocument' || action === 'database.modifyDocument') && hasServerDate(body.data)) {
    refuse("[InvalidParameter] 事务内不支持 serverDate (db.serverDate() is not supported in a transaction: write a Date from the function's clock)");
  }
}

function dispatch(db: LocalDatabase, action: string, body: Body): Partial<ApiResponse> {
  const now = clockNow();
  const tid = typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : null;
  if (tid) checkTransactionLimits(db, tid, action, body);
  switch (action) {
    case 'database.getDocument': {
      const c = str(body, 'collectionName');
      const query = decode(body.query, now);
      if (tid) {
        const d = db.txnGet(tid, c, docIdOf(query));
        return { data: { list: d ? [encode(d)] : [] } };
      }
      const offset = Number(body.offset ?? 0) || 0;
      const limit = Number(body.limit ?? 0) || undefined;
      const list = db.find(c, query, {
        order: decode(body.order, now) as Record<string, 1 | -1>,
        offset,
        limit,
        projection: body.projection ? decode(body.projection, now) : undefined,
      });
      return { data: { list: list.map(encode), offset, limit: limit ?? 100 } };
    }
    case 'database.calculateDocument': {
      return { data: { total: db.countDocuments(str(body, 'collectionName'), decode(body.query, now)) } };
    }
    case 'database.insertDocument': {
      const c = str(body, 'collectionName');
      const raw = Array.isArray(body.data) ? body.data : [body.data];
      const docs = raw.map((d) => decode(d, now));
      if (tid) return { data: { insertedIds: docs.map((d) => db.txnInsert(tid, c, d)) } };
      return { data: { insertedIds: db.insert(c, docs) } };
    }
    case 'database.modifyDocument': {
      const c = str(body, 'collectionName');
      const query = decode(body.query, now);
      const data = decode(body.data, now);
      const merge = body.merge !== false;
      const upsert = body.upsert === true;
      const r = tid
        ? db.txnModify(tid, c, docIdOf(query), data, merge, upsert)
        : db.modify(c, {
            queryType: body.queryType === 'DOC' ? 'DOC' : 'WHERE',
            query,
            data,
            multi: body.multi === true,
            merge,
            upsert,
          });
      return { data: { updated: r.updated, upsert_id: r.upsertId } };
    }
    case 'database.removeDocument': {
      const c = str(body, 'collectionName');
      const query = decode(body.query, now);
      if (tid) return { data: { deleted: db.txnRemove(tid, c, docIdOf(query)) } };
      return { data: { deleted: db.remove(c, body.queryType === 'DOC' ? 'DOC' : 'WHERE', query, body.multi === true) } };
    }
    case 'database.aggregateDocuments': {
      const c = str(body, 'collectionName');
      const stages = Array.isArray(body.stages) ? (body.stages as { stageKey: string; stageValue: string }[]) : [];
      const refused = stages.find((s) => !AGGREGATE_STAGES.has(s.stageKey));
      if (refused) throw new DatabaseError('INVALID_PARAM', `aggregation stage ${String(refused.stageKey)} is not supported`);
      const pipeline = stages.map((s) => ({ [s.stageKey]: decode(s.stageValue, now) }));
      const list = db.aggregate(c, pipeline);
      // without a $limit stage the service answers the first 20 rows (see AGGREGATE_DEFAULT_LIMIT)
      const capped = stages.some((s) => s.stageKey === '$limit') ? list : list.slice(0, AGGREGATE_DEFAULT_LIMIT);
      return { data: { list: capped.map(encode) } };
    }
    case 'database.addCollection':
      db.createCollection(str(body, 'collectionName'));
      return { data: {} };
    case 'database.startTransaction':
      return { transactionId: db.startTransaction() };
    case 'database.commitTransaction':
      db.commitTransaction(str(body, 'transactionId'));
      return { data: {} };
    case 'database.abortTransaction':
      db.abortTransaction(str(body, 'transactionId'));
      return { data: {} };
    default:
      throw new DatabaseError('INVALID_PARAM', `action ${action || '(none)'} is not supported by the local emulator`);
  }
}
