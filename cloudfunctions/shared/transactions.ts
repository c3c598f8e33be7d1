/**
 * Running a CloudBase transaction until it commits.
 *
 * The real service raises a conflict at the conflicting write (the first transaction that wrote a
 * document holds it until commit or abort), and wx-server-sdk hands that error to function code
 * with its code lost (`errCode -501001`), so the SDK's own `runTransaction` retry — which tests
 * `.code` — does not fire (DESIGN.md, "Real-service facts"). This helper recognises a conflict in
 * every shape (`isTransactionConflict`) and retries the whole transaction with a short random
 * back-off; the SDK's retry is disabled (`times = 1`) so the two never multiply.
 */
import { db, isTransactionConflict } from './cloud';
import { AppError } from './errors';
import type { TransactionRef } from './db-types';

/** How often a transaction is attempted before giving up with COMMON.BUSY. */
export const MAX_TRANSACTION_ATTEMPTS = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` in a transaction, retrying conflicts (back-off grows to at most 200 ms).
 * Errors: whatever `work` throws (an `AppError` aborts the transaction and passes through);
 * COMMON.BUSY if it still conflicts after {@link MAX_TRANSACTION_ATTEMPTS} attempts.
 */
export async function withTransaction<T>(work: (t: TransactionRef) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.runTransaction(work, 1);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= MAX_TRANSACTION_ATTEMPTS) throw new AppError('COMMON.BUSY');
      await sleep(Math.random() * Math.min(200, 5 * attempt));
    }
  }
}
