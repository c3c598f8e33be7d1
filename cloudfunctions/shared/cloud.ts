/**
 * wx-server-sdk, initialised once per function instance for the current environment.
 * Locally the same SDK talks to the emulator (TCB_CONTEXT_CNFG redirects it); nothing here knows.
 */
import cloud from 'wx-server-sdk';
import type { Database } from './db-types';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
/** The cloud database handle. `doc(id).get()` answers `data: null` for a missing document. */
export const db = cloud.database({ throwOnNotFound: false } as object) as unknown as Database;
/** Query and update commands (`db.command`). */
export const _ = db.command;

/** The caller's OPENID as the platform reports it (never from the payload). Empty if unknown. */
export function callerOpenid(): string {
  const ctx = cloud.getWXContext() as { OPENID?: string };
  return typeof ctx.OPENID === 'string' ? ctx.OPENID : '';
}

/** Error thrown by the SDK for a failed database call. */
export interface SdkError {
  errCode?: number;
  errMsg?: string;
  code?: string;
  message?: string;
}

/** The text of an SDK error, whatever shape it came in (errMsg, message, or a raw `{ code, message }`). */
function errorText(e: unknown): string {
  const err = e as SdkError | null;
  if (!err || typeof err !== 'object') return String(e ?? '');
  return `${err.errMsg ?? ''} ${err.message ?? ''}`;
}

/**
 * The fields of the key a unique-index violation names, or null if `e` is not one.
 *
 * The real service answers errCode -502001 with the storage engine's text (DESIGN.md, "Real-service
 * facts"): `… E11000 duplicate key error collection: <env>.<coll> index: <name> dup key: { requestKey: "…" }`,
 * sometimes inside `bulk write error: [{…}]` or `multiple write errors: […]`. The index name is
 * whatever an administrator typed in the console, so the key's field names decide. MongoDB before
 * 4.2 printed `dup key: { : "…" }` without names: then the index name is the only hint, and a field
 * counts if the index name starts with it (`requestKey_unique`, `requestKey_1`).
 */
export function duplicateKeyFields(e: unknown): string[] | null {
  const text = errorText(e);
  if (!/E11000|duplicate key/i.test(text)) return null;
  const fields = new Set<string>();
  for (const m of text.matchAll(/dup key:\s*\{([^}]*)\}/g)) {
    for (const f of m[1].matchAll(/(?:^|,)\s*([A-Za-z_$][\w.$]*)\s*:/g)) fields.add(f[1]);
  }
  if (!fields.size) for (const m of text.matchAll(/index:\s*([A-Za-z_$][\w.$]*?)(?:_unique|_-?1)?\s+dup key/g)) fields.add(m[1]);
  return [...fields];
}

/** True if `e` is a unique-index violation; `field` narrows it to a key holding that field. */
export function isDuplicateKey(e: unknown, field?: string): boolean {
  const fields = duplicateKeyFields(e);
  return !!fields && (!field || fields.includes(field));
}

/**
 * True if `e` is a transaction conflict, in every shape the real SDK hands to function code
 * (DESIGN.md, "Real-service facts"): at commit the raw `{ code: 'DATABASE_TRANSACTION_CONFLICT' }`;
 * at a write inside the transaction wx-server-sdk's wrapped error, whose code is lost
 * (`errCode: -501001`, `errMsg: "document.update:fail -501001 resource system error.
 * [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others…"`).
 */
export function isTransactionConflict(e: unknown): boolean {
  const err = e as SdkError | null;
  if (err?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /TransactionConflict|Transaction is conflict|TRANSACTION_CONFLICT/i.test(errorText(e));
}
