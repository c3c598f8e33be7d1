/**
 * The `parcels` function's limits (代收快递, issue 22), in one place for both sides: the schemas of
 * `contract.ts` are built from them and the counter's pages take their `maxlength` from them.
 * Plain constants: imports nothing.
 */
export const PARCELS_LIMITS = {
  /** a shelf spot (货架位置, `A-3`), characters */
  shelf: { min: 1, max: 12 },
  /** a pickup code: exactly this many digits */
  codeDigits: 6,
  /** days a parcel may wait before its one reminder (and 超期未取 on the staff list) */
  remindAfterDays: 3,
  /** most waiting parcels the staff list answers (oldest first) */
  shelfMax: 500,
  /** done parcels shown to the resident */
  recentDone: 10,
  /** most reminders one timer run sends */
  remindBatch: 100,
  /** tries to draw a pickup code not in use */
  codeTries: 3,
  /** a resident this old or older is an elder: their parcels are listed for door delivery (送上门, `toDeliver`) */
  elderAge: 70,
  /** most parcels the volunteers' door-delivery list answers (oldest first) */
  toDeliverMax: 200,
} as const;
