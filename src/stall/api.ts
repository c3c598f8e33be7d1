/**
 * Client side of the `stall` cloud function (issue 10; actions, inputs and who may call them:
 * cloudfunctions/stall/index.ts, docs/permissions.md; answers: cloudfunctions/stall/contract.ts).
 */
import { callFunction, type CallResult } from '../services/cloud';
import type { AllocationView, DayDrawView, MarketCommunityView, RegistryView, SearchResult, StallApplicationView, StallView, VendorKind, VendorView } from '../../cloudfunctions/stall/contract';
import { localDate } from '../ui/time';

export type { AllocationView, DayDrawView, DrawView, MarketCommunityView } from '../../cloudfunctions/stall/contract';
export type { GoodAnswerView, RegistryView, SearchResult, StallApplicationView, StallStatus, StallView, VendorKind, VendorStatus, VendorView } from '../../cloudfunctions/stall/contract';

/** What a new vendor fills in (`register`). */
export interface VendorRegisterFields {
  communityId: string;
  kind: VendorKind;
  name: string;
  phone: string;
  /** farmers and merchants: what they sell (1–10) */
  goods: string[];
  /** service volunteers: the service they give */
  provides?: string;
}

export interface MyVendor {
  vendor: VendorView | null;
  applications: StallApplicationView[];
}

const call = <T>(action: string, fields: Record<string, unknown> = {}): Promise<CallResult<T>> => callFunction<T>('stall', { action, ...fields });

export const vendorApi = {
  // anyone
  /** The next market day: who comes and what they sell (登记本). */
  registry: () => call<RegistryView>('registry'),
  /** 周五的集市有卖白菜的吗？ — sellers and an answer in words. */
  search: (query: string) => call<SearchResult>('search', { query }),
  /** Communities that run a market (the registration page's choice). */
  communities: () => call<MarketCommunityView[]>('communities'),
  /** The caller's community's stall plan (registered callers). */
  stalls: () => call<StallView[]>('stalls'),
  /** A person without a record registers as a vendor (pending until an admin approves). */
  register: (f: VendorRegisterFields) =>
    call<VendorView>('register', {
      communityId: f.communityId,
      kind: f.kind,
      name: f.name,
      phone: f.phone,
      goods: f.goods,
      ...(f.provides ? { provides: f.provides } : {}),
    }),
  // vendors
  myVendor: () => call<MyVendor>('myVendor'),
  updateGoods: (goods: string[]) => call<VendorView>('updateGoods', { goods }),
  /** Apply for a stall on 1–4 coming market days. */
  applyStall: (dates: string[]) => call<StallApplicationView[]>('applyStall', { dates }),
  withdraw: (applicationId: string) => call<StallApplicationView>('withdraw', { applicationId }),
  // residents
  /** Tell me when someone registers this product for the coming market. */
  watch: (product: string) => call<{ product: string; date: string }>('watch', { product }),
  // admins
  vendors: () => call<VendorView[]>('vendors'),
  approve: (vendorId: string) => call<VendorView>('approve', { vendorId }),
  reject: (vendorId: string, reason: string) => call<VendorView>('reject', { vendorId, reason }),
  /** A regular stall (固定摊位), or null to end it. */
  setRegular: (vendorId: string, stallNumber: number | null) => call<VendorView>('setRegular', { vendorId, stallNumber }),
  assignStall: (vendorId: string, date: string, stallNumber?: number) =>
    call<StallApplicationView>('assignStall', stallNumber ? { vendorId, date, stallNumber } : { vendorId, date }),
  release: (applicationId: string) => call<{ released: StallApplicationView; promoted: StallApplicationView | null }>('release', { applicationId }),
  /** Move a held stall to another number (one conditional write; the freed stall goes to the first in line). */
  moveStall: (applicationId: string, toNumber: number) => call<{ moved: StallApplicationView; promoted: StallApplicationView | null }>('moveStall', { applicationId, toNumber }),
  /** First come, or a lottery (抽签) some days before each market day. */
  setAllocation: (a: AllocationView) => call<AllocationView>('setAllocation', { mode: a.mode, drawDaysBefore: a.drawDaysBefore, drawAt: a.drawAt }),
  /** 现在抽签: draw the day now (a day drawn already is not drawn again). */
  drawStalls: (date: string) => call<DayDrawView & { drawnNow: boolean }>('drawStalls', { date }),
  /** A day's allocation: the mode, when the draw is, how many wait for it, and the draw record once drawn. */
  drawRecord: (date: string) => call<DayDrawView>('drawRecord', { date }),
  // staff (grid workers, admins)
  dayList: (date: string) => call<StallApplicationView[]>('dayList', { date }),
  checkIn: (by: { applicationId: string } | { code: string }) => call<StallApplicationView>('checkIn', by),
};

/** The kinds, as the registration form offers them. */
export const KIND_OPTIONS: { value: VendorKind; label: string }[] = [
  { value: 'farmer', label: '农户' },
  { value: 'merchant', label: '商户' },
  { value: 'serviceVolunteer', label: '服务志愿者' },
];

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
