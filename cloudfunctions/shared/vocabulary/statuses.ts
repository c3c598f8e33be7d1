/**
 * The one home of the short status names staff read in lists, figures and the ledger (issue 19
 * "One vocabulary"): a ticket's status and a booking's. Pure TypeScript, imported by the functions
 * (console figures and ledger) and the pages (the booking card) — config/index.ts
 * `SHARED_WITH_FUNCTIONS`. test/domain/vocabulary.test.ts fails when a second list appears.
 *
 * - Tickets: the standard case loop's states (CJJ/T 106; GLOSSARY "The standard case workflow").
 *   What a resident reads for their own ticket is a sentence, not this name
 *   (`shared/vocabulary/categories.ts` `statusLabel`: "等待网格员受理", "已处理，等待回访").
 * - Bookings: GLOSSARY "Market" — 预约 booking, 签到 checkIn, 爽约 noShow. Before issue 19 the
 *   booking card said 未到场 for noShow while the ledger said 爽约; both now say 爽约.
 */
import type { BookingStatus, ErrandStatus, ReferralStatus, TicketStatus } from '../model';

/** A ticket's status, as staff read it in figures and the ledger. */
export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  pending: '待受理',
  inProgress: '处理中',
  handled: '待回访',
  closed: '已办结',
  merged: '已合并',
};

/** A booking's status, as the booking card and the ledger show it. */
export const BOOKING_STATUS_LABELS: Readonly<Record<BookingStatus, string>> = {
  booked: '已预约',
  cancelled: '已取消',
  checkedIn: '已签到',
  noShow: '爽约',
};

/** A vendor's kind, their registration's status and a stall application's status (摊主、摊位), in Chinese — the stall pages and the ledger. */
export const KIND_LABELS = { farmer: '农户', merchant: '商户', serviceVolunteer: '服务志愿者' } as const;
export const VENDOR_STATUS_LABELS = { pending: '等待社区审核', approved: '已通过', rejected: '未通过' } as const;
export const STALL_STATUS_LABELS = {
  applied: '等待抽签',
  allocated: '已分到摊位',
  waitlisted: '候补中',
  withdrawn: '已退出',
  released: '摊位已收回',
  checkedIn: '已签到',
  absent: '缺席',
} as const;

/** A meeting's status (会议, issue 20), as the consultation lists show it. */
export const MEETING_STATUS_LABELS: Readonly<Record<'draft' | 'planned' | 'held' | 'cancelled', string>> = {
  draft: '草稿',
  planned: '即将召开',
  held: '已召开',
  cancelled: '已取消',
};

/** A topic's stored status (议题, issue 20), as the ledger and staff lists show it (phases while scheduled: `consult/domain/phase.ts`). */
export const TOPIC_STATUS_LABELS: Readonly<Record<'proposed' | 'seconded' | 'scheduled' | 'decided' | 'merged' | 'declined' | 'closed', string>> = {
  proposed: '提议中',
  seconded: '已达附议',
  scheduled: '已排期',
  decided: '已出结果',
  merged: '已合并',
  declined: '未采纳',
  closed: '已撤销',
};

/** An errand's state (代缴代办, issue 22), as residents and staff read it. */
export const ERRAND_STATUS_LABELS: Readonly<Record<ErrandStatus, string>> = {
  requested: '等待接单',
  accepted: '正在办理',
  done: '已办好',
  cancelled: '已取消',
};

/** A referral's state (找师傅, issue 22), as residents and staff read it. */
export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  requested: '等待社区推荐',
  referred: '已推荐师傅',
  rated: '已评价',
  cancelled: '已取消',
};
