/**
 * The counter's helpers that stand apart from a resident's page. Its calls of the `market` function
 * (`checkInByCode`, `bookFor`, …) go through `call('market', …)` (`src/services/call.ts`); who may
 * make them: docs/permissions.md; what they answer: cloudfunctions/market/contract.ts.
 */
import { MARKET_LIMITS } from '../../cloudfunctions/market/limits';

/** A booking code: letters and digits, as many as `checkInByCode` takes (4–8). */
const CODE = new RegExp(`^[A-Z0-9]{${MARKET_LIMITS.code.min},${MARKET_LIMITS.code.max}}$`);

/**
 * A code as a person types it, as the function takes it: full-width letters and digits become
 * ordinary ones (NFKC: `ＡＢ１２` → `AB12`), spaces and dashes go (`ab 12-cd`), letters are upper
 * case. Answers null when what is left is not 4–8 letters and digits.
 */
export function normaliseCode(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/[\s\-_·.]/g, '').toUpperCase();
  return CODE.test(s) ? s : null;
}
