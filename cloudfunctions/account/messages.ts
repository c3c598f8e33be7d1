/**
 * The message centre (消息, issue 18 §1): every notification is stored for its person
 * (`shared/consent.ts` `notify`, collection `messages`) whether or not WeChat delivered it; the
 * person reads their own here. Identity is the caller's `users` record (found by OPENID): a person
 * sees and marks only messages whose `userId` is theirs — an id of someone else's message matches
 * nothing and changes nothing.
 *
 * Actions (docs/api.md "Messages"):
 * - `myMessages` { before?: epoch ms, beforeId?: id } → { messages: InboxMessage[] (newest first —
 *   by `at`, then by `_id` — ≤ 20, after the message (`before`, `beforeId`) when given), unread,
 *   more }. The page's cursor is the last message shown, both its `at` and its `id`: messages stored
 *   at the same millisecond (a job telling many things at once) are neither skipped nor shown twice.
 *   Round trips: the caller with the page ({@link pagePreload}), then the count: 2.
 * - `readMessages` { ids: 1..50 } | { all: true } → { unread } — marks them read (`readAt`); ids that
 *   are not the caller's, or already read, are left alone. Round trips: the caller, one multi-document
 *   update, one count.
 * - `unreadCount(userId)` for `account.me` (one count).
 */
import { _, db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { MESSAGES, type InboxDoc } from '../shared/consent';
import { preloadOf, type Preload } from '../shared/users';
import type { InboxMessage, InboxPage, UnreadCount } from './contract';

/** Messages per page. */
export const PAGE_SIZE = 20;


const toView = (m: InboxDoc): InboxMessage => ({
  id: m._id,
  kind: String(m.kind),
  title: m.title,
  lines: Array.isArray(m.lines) ? m.lines : [],
  page: m.page ?? null,
  at: new Date(m.at).getTime(),
  read: !!m.readAt,
});

/** How many of `userId`'s messages are unread. One round trip. */
export async function unreadCount(userId: string): Promise<number> {
  const { total } = await db.collection(MESSAGES).where({ userId, readAt: null }).count();
  return total;
}

/** Where a page starts: after the message stored at `before` (epoch ms) with id `beforeId`; without `beforeId`, after every message of that millisecond. */
export interface PageCursor {
  before: number;
  beforeId?: string;
}

/**
 * The order of the inbox and the keyset of its pages: newest first by `at`, then by `_id`
 * (descending); a page after `cursor` holds the messages older than its `at`, or as old with a
 * smaller `_id`. Index `messages.user_at` serves the `at` part; the `_id` tie is among a
 * millisecond's messages.
 */
function cursorFilter(cursor: PageCursor): NonNullable<Preload['or']> {
  const at = new Date(cursor.before);
  return cursor.beforeId === undefined ? [{ at: { $lt: at } }] : [{ at: { $lt: at } }, { at, _id: { $lt: cursor.beforeId } }];
}

/** The page of the caller's messages after `cursor` when given, fetched with the caller (router preload). */
export function pagePreload(cursor?: PageCursor): Preload<InboxDoc> {
  return preloadOf<InboxDoc>({
    from: MESSAGES,
    match: {},
    ...(cursor ? { or: cursorFilter(cursor) } : {}),
    sameAsCaller: { userId: '_id' },
    sort: { at: -1, _id: -1 },
    limit: PAGE_SIZE + 1,
  });
}

/** Newest first: by `at`, then by `_id`, both descending. */
const newestFirst = (a: InboxDoc, b: InboxDoc): number => new Date(b.at).getTime() - new Date(a.at).getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

/**
 * A page of `userId`'s messages, newest first, after `cursor` when given:
 * `preloaded` when the router fetched it with the caller, else one query (and the count).
 */
export async function myMessages(userId: string, cursor?: PageCursor, preloaded?: InboxDoc[]): Promise<InboxPage> {
  const at = cursor && new Date(cursor.before);
  const where = !cursor ? { userId } : cursor.beforeId === undefined ? { userId, at: _.lt(at) } : _.or([{ userId, at: _.lt(at) }, { userId, at, _id: _.lt(cursor.beforeId) }]);
  const [docs, unread] = await Promise.all([
    preloaded ??
      db
        .collection(MESSAGES)
        .where(where)
        .orderBy('at', 'desc')
        .orderBy('_id', 'desc')
        .limit(PAGE_SIZE + 1)
        .get()
        .then((r) => r.data as InboxDoc[]),
    unreadCount(userId),
  ]);
  // newest first (the database sorted them already; kept explicit, as the page depends on it)
  const sorted = [...docs].sort(newestFirst);
  return { messages: sorted.slice(0, PAGE_SIZE).map(toView), unread, more: docs.length > PAGE_SIZE };
}

/** Marks `userId`'s messages `ids` (or all) read; answers how many stay unread. */
export async function readMessages(userId: string, which: { ids: string[] } | { all: true }): Promise<UnreadCount> {
  const where = 'ids' in which ? { userId, _id: _.in(which.ids), readAt: null } : { userId, readAt: null };
  const { stats } = await db.collection(MESSAGES).where(where).update({ data: { readAt: db.serverDate() } });
  if ('ids' in which && !stats?.updated) {
    // nothing was unread: an id of the caller's that is already read is fine; none of the caller's is an error
    const { total } = await db.collection(MESSAGES).where({ userId, _id: _.in(which.ids) }).count();
    if (!total) throw new AppError('MESSAGE.NOT_FOUND');
  }
  return { unread: await unreadCount(userId) };
}
