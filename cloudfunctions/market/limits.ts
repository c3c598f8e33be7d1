/**
 * The numbers of the `market` function's inputs that a page also needs (issue 19: forms take their
 * limits from the same place as the schemas). Plain constants, imported by `contract.ts` (the zod
 * schemas) and by the `marketAdmin` pages (`maxlength`, the "至少两个字" checks); this file imports
 * nothing, so a page that imports it ships only these numbers.
 *
 * Text lengths are in characters (code points, as `shared/schemas.ts` `text` counts them), after
 * trimming; minutes are minutes; counts are people or stalls.
 */
export const MARKET_LIMITS = {
  /** `updateMarketSettings`: the market's name (集市名称) */
  marketName: { min: 2, max: 16 },
  /** `updateMarketSettings`: where it is held (地点) */
  place: { min: 2, max: 60 },
  /** `updateMarketSettings`: ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: { min: 1, max: 7 },
  /** `updateMarketSettings`: how many weeks ahead residents can book */
  horizonWeeks: { min: 1, max: 8 },
  /** `saveService`: the service's name */
  serviceName: { min: 2, max: 12 },
  /** `saveService`: minutes per slot, a multiple of `step` */
  slotMinutes: { min: 5, max: 240, step: 5 },
  /** `saveService`: places per slot (or in the queue) */
  capacity: { min: 1, max: 200 },
  /** `saveService`: what it is (说明) */
  description: { min: 0, max: 60 },
  /** `saveService`: who gives it (谁来提供) */
  provider: { min: 0, max: 20 },
  /** `saveService`: display order */
  order: { min: 0, max: 999 },
  /** `cancelMarketDay`, `withdrawService`, `saveService.withdrawReason`: the reason residents read */
  reason: { min: 2, max: 60 },
  /** `setStallPlan`: how many stalls, and their numbers */
  stalls: { min: 1, max: 200 },
  /** `setStallPlan`: a stall's label */
  stallLabel: { min: 1, max: 12 },
  /** `saveEvent`: the event's title (活动名称) */
  eventTitle: { min: 2, max: 30 },
  /** `saveEvent`: its places (名额) = its slot's capacity */
  eventPlaces: { min: 1, max: 500 },
  /** `saveEvent`: what it is (活动介绍) */
  eventDescription: { min: 0, max: 300 },
  /** `checkInByCode`: the booking code, letters and digits */
  code: { min: 4, max: 8 },
} as const;
