/**
 * Client side of the `market` function's counter actions that stand apart from a resident's page
 * (who may call them: docs/permissions.md; answers: cloudfunctions/market/contract.ts).
 */
import { callFunction, type CallResult } from '../services/cloud';
import type { BookingView } from '../../cloudfunctions/market/contract';

export const counterApi = {
  /**
   * 凭预约码签到: staff check in the booking whose slip shows `code` (4–8 letters and digits, as the
   * slip prints them; see {@link normaliseCode}). Answers the booking, checked in, with the resident's
   * name. Errors: BOOKING.NOT_FOUND (no booking of the caller's community has that code),
   * BOOKING.NOT_CHECKABLE (not on its day, cancelled or checked in already), COMMON.FORBIDDEN.
   */
  checkInByCode: (code: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'checkInByCode', code }),
};

/**
 * A code as a person types it, as the function takes it: full-width letters and digits become
 * ordinary ones (NFKC: `ＡＢ１２` → `AB12`), spaces and dashes go (`ab 12-cd`), letters are upper
 * case. Answers null when what is left is not 4–8 letters and digits.
 */
export function normaliseCode(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/[\s\-_·.]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,8}$/.test(s) ? s : null;
}
