/**
 * Placeholder OPENIDs for residents without WeChat (DESIGN.md, "Real-service facts": a unique index
 * holds `null` — or a missing value — only once, so `users.openid_unique` would let only one
 * resident without WeChat exist). A resident registered at the counter (代登记) gets
 * `nowechat:<their users._id>`: unique per record, and never a real OPENID — WeChat OPENIDs are
 * 28 characters of `[A-Za-z0-9_-]` and never contain `:` (the local gateway also refuses an
 * `X-WX-OPENID` header outside `[A-Za-z0-9_-]{1,64}`), so no caller can ever be loaded as such a
 * record. Linking the resident's own WeChat (`account.confirmLink`) replaces it.
 */

/** The prefix every placeholder OPENID starts with. */
export const NO_WECHAT_PREFIX = 'nowechat:';

/** The placeholder OPENID of the counter-registered record `userId`. */
export function placeholderOpenid(userId: string): string {
  return `${NO_WECHAT_PREFIX}${userId}`;
}

/** True if `openid` is a placeholder (the record has no WeChat linked). */
export function isPlaceholderOpenid(openid: string | null | undefined): boolean {
  return typeof openid !== 'string' || openid.startsWith(NO_WECHAT_PREFIX);
}

/** True if the user record has a real WeChat OPENID. */
export function hasWeChat(user: { openid?: string | null }): boolean {
  return !isPlaceholderOpenid(user.openid);
}
