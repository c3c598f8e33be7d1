/**
 * 便民服务台账 (issue 22, docs/everyday-services-design.md §6), pure: the five tables of the
 * everyday services' ledger — 代收快递, 代缴代办, 转介评价, 活动签到, 志愿服务时长 — one row per record,
 * local times (`YYYY-MM-DD HH:mm`, Asia/Shanghai). Nothing here touches the database; `../ledger.ts`
 * reads the records page by page and writes these rows (CSV cells made spreadsheet-safe there).
 * Never a phone or a pickup code (the code is what hands a parcel over); a referral's provider is
 * named, not their phone.
 */
import type { Booking, Parcel } from '../../shared/model';
import { PARCEL_CARRIER_LABELS, PARCEL_STATUS_LABELS } from '../../shared/vocabulary/parcels';
import { BOOKING_STATUS_LABELS } from '../../shared/vocabulary/statuses';
import {
  ERRAND_KIND_LABELS,
  ERRAND_STATUS_LABELS,
  REFERRAL_STATUS_LABELS,
  VOLUNTEER_ROLE_LABELS,
  VOLUNTEER_SOURCE_LABELS,
  type ErrandDoc,
  type ReferralDoc,
  type VolunteerHoursDoc,
} from '../../shared/vocabulary/everyday';
import { localStamp, type Table } from './ledger';

const oneLine = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const label = (labels: Readonly<Record<string, string>>, key: string | undefined): string => (key ? (labels[key] ?? key) : '');

/** The sheets of 便民服务台账, in order, with their headers. */
export const EVERYDAY_SHEETS = {
  parcels: { name: '代收快递', headers: ['登记时间', '居民', '快递公司', '货架', '状态', '登记人', '取走时间', '取件经办人', '送上门时间', '送件人', '提醒时间', '编号'] },
  errands: { name: '代缴代办', headers: ['登记时间', '类别', '办理事项', '居民', '登记人', '经办人', '状态', '受理时间', '办好时间', '办理说明', '回执照片（张）', '取消原因', '编号'] },
  referrals: { name: '转介评价', headers: ['转介时间', '居民', '需求', '服务商', '状态', '评价（星）', '评价内容', '评价时间', '编号'] },
  events: { name: '活动签到', headers: ['活动日期', '活动', '时段', '地点', '居民', '代报名人', '状态', '签到时间', '报名时间', '编号'] },
  hours: { name: '志愿服务时长', headers: ['服务日期', '志愿者', '身份', '服务内容', '分钟', '说明', '记录时间', '编号'] },
} as const;

const table = (sheet: { name: string; headers: readonly string[] }, rows: (string | number)[][]): Table => ({ name: sheet.name, headers: [...sheet.headers], rows });

/** 代收快递: one row per parcel (logged, picked up or delivered in the period). */
export function parcelTable(parcels: Parcel[]): Table {
  return table(
    EVERYDAY_SHEETS.parcels,
    parcels.map((p) => [
      localStamp(p.loggedAt),
      p.residentName,
      label(PARCEL_CARRIER_LABELS, p.carrier),
      p.shelf,
      label(PARCEL_STATUS_LABELS, p.status),
      p.loggedByName,
      localStamp(p.pickedUpAt),
      p.pickedUpByName ?? '',
      localStamp(p.deliveredAt),
      p.deliveredByName ?? '',
      localStamp(p.remindedAt),
      p._id,
    ]),
  );
}

/** 代缴代办: one row per errand (asked or done in the period). */
export function errandTable(errands: ErrandDoc[]): Table {
  return table(
    EVERYDAY_SHEETS.errands,
    errands.map((e) => [
      localStamp(e.requestedAt),
      label(ERRAND_KIND_LABELS, e.kind),
      oneLine(e.what),
      e.residentName,
      e.requestedBy?.name ?? '',
      e.assigneeName ?? '',
      label(ERRAND_STATUS_LABELS, e.status),
      localStamp(e.acceptedAt),
      localStamp(e.doneAt),
      oneLine(e.doneNote),
      (e.receiptPhotos ?? []).length,
      oneLine(e.cancelReason),
      e._id,
    ]),
  );
}

/** 转介评价: one row per referral (referred or rated in the period). */
export function referralTable(referrals: ReferralDoc[]): Table {
  return table(
    EVERYDAY_SHEETS.referrals,
    referrals.map((r) => [
      localStamp(r.referredAt),
      r.residentName,
      oneLine(r.need),
      r.providerName ?? '',
      label(REFERRAL_STATUS_LABELS, r.status),
      r.rating ? r.rating.stars : '',
      oneLine(r.rating?.comment),
      localStamp(r.rating?.at),
      r._id,
    ]),
  );
}

/** 活动签到: one row per booking of an event dated in the period (the market's bookings with an `eventId`). */
export function eventAttendanceTable(bookings: Booking[]): Table {
  return table(
    EVERYDAY_SHEETS.events,
    bookings.map((b) => [
      b.date,
      b.serviceName,
      b.slotLabel,
      b.place,
      b.residentName,
      b.actorId !== b.residentId ? b.actorName : '',
      label(BOOKING_STATUS_LABELS, b.status),
      localStamp(b.checkedInAt),
      localStamp(b.createdAt),
      b.code,
    ]),
  );
}

/** 志愿服务时长: one row per credit dated in the period. */
export function volunteerHoursTable(hours: VolunteerHoursDoc[]): Table {
  return table(
    EVERYDAY_SHEETS.hours,
    hours.map((h) => [h.date, h.name, label(VOLUNTEER_ROLE_LABELS, h.role), label(VOLUNTEER_SOURCE_LABELS, h.source), h.minutes, oneLine(h.note), localStamp(h.at), h._id]),
  );
}
