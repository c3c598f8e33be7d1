/**
 * 找师傅 pages (issue 22): their addresses. Calls go through `call('providers', …)`
 * (src/services/call.ts); what they answer: cloudfunctions/providers/contract.ts.
 */
export const PROVIDERS_URLS = {
  /** a resident: 找师傅 (the directory by service, 请社区推荐) */
  index: '/providers/pages/index/index',
  /** a resident: 我的转介 (the provider's name and phone once referred, 评价) */
  mine: '/providers/pages/mine/index',
  /** staff: 转介 queue (推荐), 待复核 */
  staff: '/providers/pages/staff/index',
  /** staff: 服务商 (admins add, edit, 停用) */
  manage: '/providers/pages/manage/index',
} as const;

/** Stars as text: ★★★☆☆ for 3. */
export const starsText = (n: number): string => '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
