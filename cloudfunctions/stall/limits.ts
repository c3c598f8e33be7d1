/**
 * The `stall` function's input limits that its pages also need (issue 19: forms take their limits
 * from the same numbers as the schemas in `contract.ts`). Plain constants, counted in characters
 * (Unicode code points, as `shared/schemas.ts` `text` counts) or items; imports nothing.
 */
export const STALL_LIMITS = {
  /** a vendor's name at registration (`register`): 1–20 characters */
  name: { max: 20 },
  /** one good's name (`register`, `updateGoods`): 1–10 characters */
  good: { max: 10 },
  /** how many goods a vendor lists: at most 10 */
  goods: { max: 10 },
  /** the service a service volunteer gives (`register`), e.g. 爱心义剪: 1–20 characters */
  provides: { max: 20 },
  /** a resident's whole question to the registry (`search`): 1–60 characters */
  question: { max: 60 },
  /** the product a resident watches for (`watch`): 1–10 characters */
  product: { max: 10 },
  /** an admin's reason for not approving a vendor (`reject`): 2–100 characters */
  rejectReason: { min: 2, max: 100 },
  /** how many coming market days one `applyStall` asks for: 1–4 */
  applyDates: { max: 4 },
  /** a stall's number: 1–999 */
  stallNumber: { min: 1, max: 999 },
  /** the lottery's draw, days before the market day: 1–6 */
  drawDaysBefore: { min: 1, max: 6 },
} as const;
