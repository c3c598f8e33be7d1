/**
 * The message centre's (消息) reads, kept in order with the pages that show the unread count.
 *
 * Opening a message marks it read without making the person wait (`account.readMessages` runs while
 * the message's page opens); a page that shows the unread count (home, the message centre itself)
 * awaits {@link readsSettled} before it loads again, so the count it shows never predates a read the
 * person already made. Never rejects: a failed read leaves the message unread, nothing else.
 */

import { call } from '../services/call';

let pending: Promise<unknown> = Promise.resolve();

/** The route of a message's page: `page` as stored (no leading slash, e.g. `ticket/pages/detail/index?id=…`) → `/ticket/pages/detail/index?id=…`. */
export function messageUrl(page: string): string {
  return `/${page.replace(/^\/+/, '')}`;
}

/** Marks `ids` (1–50) of my messages read; resolves to my unread count, or null when the call failed. */
export function markRead(ids: string[]): Promise<number | null> {
  const read = call('account', 'readMessages', { ids }).then((r) => (r.ok ? r.data.unread : null));
  pending = Promise.all([pending, read]);
  return read;
}

/** 全部已读: marks every message of mine read; resolves to my unread count (0), or null when the call failed. */
export function markAllRead(): Promise<number | null> {
  const read = call('account', 'readMessages', { all: true }).then((r) => (r.ok ? r.data.unread : null));
  pending = Promise.all([pending, read]);
  return read;
}

/** Resolves once every read started so far has been answered (or failed). */
export function readsSettled(): Promise<void> {
  return pending.then(
    () => undefined,
    () => undefined,
  );
}
