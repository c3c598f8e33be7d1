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

/** True if `e` is a unique-index violation; `index` narrows it to one index name. */
export function isDuplicateKey(e: unknown, index?: string): boolean {
  const err = e as SdkError;
  const text = `${err?.errMsg ?? ''} ${err?.message ?? ''}`;
  return /duplicate key/i.test(text) && (!index || text.includes(`index: ${index}`));
}

/** True if `e` is a transaction conflict that survived the SDK's own retries. */
export function isTransactionConflict(e: unknown): boolean {
  const err = e as SdkError;
  return err?.code === 'DATABASE_TRANSACTION_CONFLICT' || /TRANSACTION_CONFLICT|transaction conflict/i.test(`${err?.errMsg ?? ''} ${err?.message ?? ''}`);
}
