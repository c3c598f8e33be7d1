/**
 * The `marketAdmin` pages' side of the `market` function's admin actions (market settings, service
 * catalogue, stall plan; calling off a market day or one service of it). The calls go through
 * `call('market', …)` (`src/services/call.ts`), typed by `cloudfunctions/market/contract.ts`, which
 * also holds the answer types re-exported here; the forms' limits are `cloudfunctions/market/limits.ts`.
 * Here: what the pages share besides the calls (labels, links, the words of a refusal).
 */
import type { CallError } from '../services/cloud';
import type { ActionInput } from '../services/call';
import type { ServiceAdminView } from '../../cloudfunctions/market/contract';

export type {
  AdminDayView,
  DayCancelResult,
  MarketAdminView,
  ServiceAdminView,
  ServiceSaveResult,
  ServiceWithdrawResult,
  SettingsUpdateResult,
  StallAdminView,
  StallPlanResult,
} from '../../cloudfunctions/market/contract';
export type { MarketSettings } from '../../cloudfunctions/shared/model';
export { MARKET_LIMITS } from '../../cloudfunctions/market/limits';

/** What the service form sends (`saveService`'s input). */
export type ServiceFields = ActionInput<'market', 'saveService'>;

/** A text's length as the function counts it: characters (汉字 and emoji count once), after trimming. */
export const charCount = (s: string): number => [...s.trim()].length;

/**
 * How many people a notice reached, in words an admin reads right: every notice is kept in the
 * person's 消息; WeChat delivers it only to those who allowed it. `who`: 居民 / 摊主.
 * e.g. `已告知 3 位居民（其中 1 位同时收到微信通知）`.
 */
export function toldText(told: number, byWeChat: number, who: string): string {
  return `已告知 ${told} 位${who}（其中 ${Math.min(byWeChat, told)} 位同时收到微信通知）`;
}

/** Pages of the marketAdmin subpackage. */
export const MARKET_ADMIN_URLS = {
  settings: '/marketAdmin/pages/settings/index',
  services: '/marketAdmin/pages/services/index',
  service: (id?: string) => (id ? `/marketAdmin/pages/service/index?id=${encodeURIComponent(id)}` : '/marketAdmin/pages/service/index'),
};

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const MODE_LABELS: Record<ServiceAdminView['bookingMode'], string> = { slots: '按时段预约', queue: '排队（全场一个名额数）', none: '不用预约' };
export const KIND_LABELS: Record<ServiceAdminView['kind'], string> = { service: '服务', swap: '旧物置换', board: '互助广告' };

/**
 * The words an admin reads for a refusal whose details name the slot, service, stall or date
 * (the function's message is the same for every case; the details say which).
 */
export function adminErrorText(e: CallError & { details?: unknown }): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  if (e.code === 'MARKET.CAPACITY_BELOW_BOOKED') return `${d.dateLabel ?? d.date} ${d.slotLabel} 已经有 ${d.booked} 人预约，名额不能少于 ${d.booked}。请改大一点，或先和预约的居民商量。`;
  if (e.code === 'MARKET.SERVICE_HAS_BOOKINGS') return `这个服务在 ${((d.dateLabels as string[]) ?? []).join('、')} 还有 ${d.bookings} 人预约。停用前请写明原因，系统会取消这些预约并通知居民。`;
  if (e.code === 'MARKET.STALL_HELD') return `${d.label ?? `${d.number}号摊位`}在 ${d.dateLabel ?? d.date} 已经安排给 ${d.vendorName ?? '摊主'}，不能停用。请先给摊主换摊位或释放摊位。`;
  if (e.code === 'MARKET.SLOT_MINUTES_MISFIT' && Array.isArray(d.services)) return `${e.message}（${(d.services as string[]).join('、')}）`;
  if (e.code === 'COMMON.INVALID_INPUT' && Array.isArray(e.details)) {
    const first = (e.details as { path: string; message: string }[])[0];
    return first ? `填写的信息不正确：${first.message}` : e.message;
  }
  return e.message;
}

/** One line of what a service offers: `每 20 分钟一档，每档 2 人` / `排队，名额 30` / `不用预约`. */
export function offerText(s: Pick<ServiceAdminView, 'bookingMode' | 'slotMinutes' | 'capacity'>): string {
  if (s.bookingMode === 'slots') return `每 ${s.slotMinutes} 分钟一档，每档 ${s.capacity} 人`;
  if (s.bookingMode === 'queue') return `排队，名额 ${s.capacity} 人`;
  return MODE_LABELS.none;
}

