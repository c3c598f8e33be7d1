/**
 * Link codes as staff type them (pure): `normalizeCode(' k7m4 qx ')` → `'K7M4QX'` — upper case, no
 * spaces, as `linkRequests.code` is stored. Used by the contract's `confirmLink` schema.
 */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
