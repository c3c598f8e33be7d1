/**
 * The everyday services' words the console's figures and the stats page need (issue 22,
 * docs/everyday-services-design.md §1, §2, §4 and §6), defined here until the shared model has them:
 * the volunteers' roles (解忧智囊团) and the sources of their hours, errands' and referrals' kinds and
 * states, each with its Chinese label, and the stored shapes the console reads (errands, referrals,
 * events, volunteer hours). Plain constants and types: imports nothing (the pages import it too).
 * When `shared/model.ts` gains `VolunteerRole` and a vocabulary file its labels, these are the same
 * words (the coordinator keeps one copy).
 */

/** 巡逻员, 调解员, 信息员, 宣讲员, 联络员 (design §4, `User.volunteer.roles`). */
export const VOLUNTEER_ROLES = ['patroller', 'mediator', 'informant', 'speaker', 'liaison'] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];

/** What a volunteer's hours were credited for (`volunteerHours.source`, design §4). */
export const VOLUNTEER_SOURCES = ['parcelDelivered', 'patrol', 'mediation', 'verification', 'duty', 'staff'] as const;
export type VolunteerHoursSource = (typeof VOLUNTEER_SOURCES)[number];

export const VOLUNTEER_ROLE_LABELS: Record<VolunteerRole, string> = { patroller: '巡逻员', mediator: '调解员', informant: '信息员', speaker: '宣讲员', liaison: '联络员' };

export const VOLUNTEER_SOURCE_LABELS: Record<VolunteerHoursSource, string> = {
  parcelDelivered: '送快递上门',
  patrol: '巡逻',
  mediation: '参与调解',
  verification: '核查',
  duty: '值班',
  staff: '工作人员登记',
};

/** 代缴代办 kinds and states (design §2), with their labels. */
export type ErrandKind = 'utilities' | 'certificate' | 'other';
export type ErrandStatus = 'requested' | 'accepted' | 'done' | 'cancelled';
export const ERRAND_KIND_LABELS: Record<ErrandKind, string> = { utilities: '代缴水电费', certificate: '代办证明', other: '其他' };
export const ERRAND_STATUS_LABELS: Record<ErrandStatus, string> = { requested: '已登记', accepted: '办理中', done: '已办好', cancelled: '已取消' };

/** An errand as stored (`errands`, design §2; only the fields the console reads). */
export interface ErrandDoc {
  _id: string;
  communityId: string;
  residentId: string;
  residentName: string;
  kind: ErrandKind;
  what: string;
  status: ErrandStatus;
  requestedAt: Date;
  requestedBy: { id: string; name: string };
  assigneeId?: string;
  assigneeName?: string;
  acceptedAt?: Date;
  doneAt?: Date;
  doneNote?: string;
  receiptPhotos?: string[];
  cancelReason?: string;
}

export type ReferralStatus = 'requested' | 'referred' | 'rated' | 'cancelled';
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = { requested: '等待转介', referred: '已转介', rated: '已评价', cancelled: '已取消' };

/** A referral as stored (`referrals`, design §2). */
export interface ReferralDoc {
  _id: string;
  communityId: string;
  providerId: string;
  providerName: string;
  residentId: string;
  residentName: string;
  need: string;
  status: ReferralStatus;
  referredById?: string;
  referredAt?: Date;
  rating?: { stars: number; comment: string; at: Date };
}

/** An event as stored (`events`, design §1; the fields the console reads). */
export interface EventDoc {
  _id: string;
  communityId: string;
  title: string;
  date: string;
  places: number;
  status: 'open' | 'cancelled';
}

/** One credit of volunteer time (`volunteerHours`, design §4). */
export interface VolunteerHoursDoc {
  _id: string;
  communityId: string;
  userId: string;
  name: string;
  role?: VolunteerRole;
  source: VolunteerHoursSource;
  refId: string;
  minutes: number;
  /** local date `YYYY-MM-DD` */
  date: string;
  note?: string;
  byId?: string;
  at: Date;
}

/**
 * Days a parcel may wait before it is 超期未取 — the parcels function's `PARCELS_LIMITS.remindAfterDays`
 * (`cloudfunctions/parcels/limits.ts`; the console function never imports another function's files,
 * so the number is repeated here and `test/functions/console-everyday.test.ts` holds the two equal).
 */
export const UNCLAIMED_AFTER_DAYS = 3;
