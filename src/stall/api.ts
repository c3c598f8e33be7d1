/**
 * Client side of the `stall` cloud function (issue 10): what is not a call restated — the kinds the
 * registration form offers, the subpackages' links, today's date — and the answer types, re-exported
 * from the contract. Every call goes through `call('stall', action, input)` (`services/call.ts`),
 * typed from `cloudfunctions/stall/contract.ts`; form limits come from `cloudfunctions/stall/limits.ts`.
 */
import type { VendorKind } from '../../cloudfunctions/stall/contract';
import { KIND_LABELS } from '../../cloudfunctions/shared/vocabulary/statuses';
import { localDate } from '../ui/time';

export type { AllocationView, DayDrawView, DrawNowView, DrawView, MarketCommunityView, MoveView, MyVendor, ReleaseView, WatchView } from '../../cloudfunctions/stall/contract';
export type { GoodAnswerView, RegistryView, SearchResult, StallApplicationView, StallStatus, StallView, VendorKind, VendorStatus, VendorView } from '../../cloudfunctions/stall/contract';

/** The kinds, as the registration form offers them (the labels are the function's: `domain/stalls.ts` `KIND_LABELS`). */
export const KIND_OPTIONS: { value: VendorKind; label: string }[] = (['farmer', 'merchant', 'serviceVolunteer'] as const).map((value) => ({ value, label: KIND_LABELS[value] }));

/** Pages of the vendor and stall-admin subpackages. */
export const VENDOR_URLS = {
  registry: '/stall/pages/registry/index',
  register: '/stall/pages/register/index',
  mine: '/stall/pages/mine/index',
  adminVendors: '/stallAdmin/pages/vendors/index',
  adminVendor: (id: string) => `/stallAdmin/pages/vendor/index?id=${encodeURIComponent(id)}`,
  day: (date?: string) => `/stallAdmin/pages/day/index${date ? `?date=${encodeURIComponent(date)}` : ''}`,
};

/** Today in the kiosk's time zone (Asia/Shanghai, UTC+8, no daylight saving): a market day's check-in opens on its date. */
export function todayLocal(now = Date.now()): string {
  return localDate(0, now);
}
