/**
 * 代收快递 pages (issue 22): their addresses, and the pickup code as a person types it. Calls go
 * through `call('parcels', …)` (src/services/call.ts); what they answer: cloudfunctions/parcels/contract.ts.
 */
import { PARCELS_LIMITS } from '../../cloudfunctions/parcels/limits';

export const PARCELS_URLS = {
  /** staff: 登记, the shelf list, 取件, 送上门 */
  counter: '/parcels/pages/counter/index',
  /** a resident: 我的快递 */
  mine: '/parcels/pages/mine/index',
  /** a volunteer of the 解忧智囊团 (or staff): 送快递上门 (issue 22) */
  deliver: '/parcels/pages/deliver/index',
} as const;

/** A code as typed (full-width digits, spaces) → 6 digits, or null. */
export function normaliseParcelCode(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/[\s\-_]/g, '');
  return new RegExp(`^\\d{${PARCELS_LIMITS.codeDigits}}$`).test(s) ? s : null;
}
