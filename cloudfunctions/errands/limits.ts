/**
 * The `errands` function's limits (代缴 / 代办, issue 22), in one place for both sides: the schemas of
 * `contract.ts` are built from them and the pages take their `maxlength` from them.
 * Plain constants: imports nothing.
 */
export const ERRANDS_LIMITS = {
  /** what to do (「交3号楼2单元301的水费」), characters */
  what: { min: 2, max: 100 },
  /** the note when done (「已交水费120元」), characters */
  note: { max: 100 },
  /** why it was called off, characters */
  reason: { max: 60 },
  /** receipt photos of one errand */
  receiptPhotos: { max: 3 },
  /** errands the resident's list answers (newest first) */
  mineMax: 30,
  /** errands the staff list answers per status */
  listMax: 200,
} as const;
