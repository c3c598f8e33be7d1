/**
 * Client helpers of the notices pages (issue 22): the pages' addresses and the answer types of
 * `cloudfunctions/notices/contract.ts` (type-only re-exports; no calls here).
 */
export type { AudienceChoice, ForMeAnswer, NoticeAudience, NoticeKind, NoticeListAnswer, NoticeView, StaffNoticeView } from '../../cloudfunctions/notices/contract';

/** The notices pages' addresses. */
export const NOTICES_URLS = {
  list: '/notices/pages/list/index',
  detail: (id: string) => `/notices/pages/detail/index?id=${encodeURIComponent(id)}`,
  publish: '/notices/pages/publish/index',
  manage: '/notices/pages/manage/index',
} as const;

/** `2026-03-04T02:00:00Z` → `3月4日` (China time). */
export function dateWords(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** `2026-03-10` → `3月10日`. */
export function localDateWords(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}
