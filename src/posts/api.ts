/**
 * Client helpers of the 邻里互助 pages (issue 22): the pages' addresses, the answer types of
 * `cloudfunctions/posts/contract.ts` (type-only re-exports) and the words of dates. Calls go through
 * `call('posts', …)` (src/services/call.ts).
 */
export type { ListAnswer, MineAnswer, PostKind, PostStatus, PostView } from '../../cloudfunctions/posts/contract';

/** The 邻里互助 pages' addresses. */
export const POSTS_URLS = {
  list: '/posts/pages/list/index',
  detail: (id: string) => `/posts/pages/detail/index?id=${encodeURIComponent(id)}`,
  publish: '/posts/pages/publish/index',
  mine: '/posts/pages/mine/index',
} as const;

/** `2026-03-10` → `3月10日`. */
export function localDateWords(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/** `2026-03-04T02:00:00Z` → `3月4日` (China time). */
export function dateWords(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A fresh id for one form's submission (a retry of the same form sends the same one). */
export const newRequestId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
