/**
 * A topic's discussion (`topicComments`, docs/consultation-design.md §3): comments are inserted
 * idempotently on `requestKey` (unique), listed newest first by {topicId, at}, and hidden by staff
 * with a reason in one update. {@link commentView} applies the privacy table (§6): a hidden comment
 * reads `已隐藏：<reason>` to residents, its author and staff read the text.
 */
import { db, isDuplicateKey, _ } from '../shared/cloud';
import { newDocId } from '../shared/ids';
import type { TopicComment, User } from '../shared/model';
import { isStaff } from '../shared/policy';
import { requestHash, requestKey, sameRequest } from '../shared/requests';
import type { Taken } from '../shared/quotas';
import type { CommentView } from './contracts/topics';

/** The `topicComments` collection. */
const COMMENTS = 'topicComments';

type StoredComment = TopicComment & { requestHash?: string };

/**
 * Stores `author`'s comment on `topicId`, or returns the one this `requestId` made (same text;
 * other text → COMMON.REQUEST_REUSED). `reserve` takes the quota just before the insert (released if
 * it fails). Round trips: 1 read + 1 insert.
 */
export async function addComment(c: { topicId: string; communityId: string; author: User; authorLabel: string; text: string; requestId: string; now: Date }, reserve: () => Promise<Taken>): Promise<TopicComment> {
  const key = requestKey(c.author._id, c.requestId);
  const hash = requestHash({ topicId: c.topicId, text: c.text });
  const byKey = async () => {
    const { data } = await db.collection(COMMENTS).where({ requestKey: key }).limit(1).get();
    return (data[0] as StoredComment | undefined) ?? null;
  };
  const first = await byKey();
  if (first) return sameRequest(first, hash);
  const taken = await reserve();
  const doc: StoredComment = { _id: newDocId(), topicId: c.topicId, communityId: c.communityId, authorId: c.author._id, authorLabel: c.authorLabel, text: c.text, at: c.now, requestKey: key, requestHash: hash };
  try {
    await db.collection(COMMENTS).add({ data: doc });
    return doc;
  } catch (e) {
    await taken.release();
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const raced = await byKey();
    if (!raced) throw e;
    return sameRequest(raced, hash);
  }
}

/** A page of a topic's comments, newest first (by `at`, then `_id`), `limit` + 1 to tell whether more follow. One round trip. */
export async function commentsOf(topicId: string, limit: number, before?: { at: Date; id?: string }): Promise<TopicComment[]> {
  let where: object = { topicId };
  if (before) {
    where = before.id
      ? _.and([{ topicId }, _.or([{ at: _.lt(before.at) }, { at: before.at, _id: _.lt(before.id) }])])
      : { topicId, at: _.lt(before.at) };
  }
  const { data } = await db.collection(COMMENTS).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit + 1).get();
  return data as TopicComment[];
}

/** A comment of `communityId`, or null. One round trip. */
export async function findComment(commentId: string, communityId: string): Promise<TopicComment | null> {
  const { data } = await db.collection(COMMENTS).where({ _id: commentId, communityId }).limit(1).get();
  return (data[0] as TopicComment | undefined) ?? null;
}

/** Hides a comment with `hidden` (replacing an earlier reason). One round trip. */
export async function hideComment(commentId: string, communityId: string, hidden: NonNullable<TopicComment['hidden']>): Promise<boolean> {
  const r = await db.collection(COMMENTS).where({ _id: commentId, communityId }).update({ data: { hidden } });
  return (r.stats?.updated ?? 0) === 1;
}

/** What `viewer` reads of a comment (§6 privacy table). Pure. */
export function commentView(c: TopicComment, viewer: Pick<User, '_id' | 'role'>): CommentView {
  const mine = c.authorId === viewer._id;
  const hidden = c.hidden ? { reason: c.hidden.reason, at: new Date(c.hidden.at).toISOString() } : null;
  const text = hidden && !mine && !isStaff(viewer) ? `已隐藏：${hidden.reason}` : c.text;
  return { commentId: c._id, topicId: c.topicId, authorLabel: c.authorLabel, text, at: new Date(c.at).toISOString(), hidden, mine };
}
