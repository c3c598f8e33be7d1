/**
 * The app's side of the `market` function: its answer types, re-exported from their one home,
 * `cloudfunctions/market/contract.ts` (type-only: nothing of the contract ships). The calls go
 * through `call('market', …)` (`src/services/call.ts`), typed by that contract; what each action
 * does: docs/api.md.
 */
export type { BookingView, MarketDayDetail, MarketDaysResult, MarketDaySummary, ServiceView, SlotView, WaitlistView } from '../../cloudfunctions/market/contract';
