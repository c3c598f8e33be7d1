/**
 * 邻里互助 (issue 22): publishing a post, the board, the author's own posts, withdrawing, staff
 * taking a post down, 联系TA through the kiosk and the daily expiry. The rules are in `contract.ts`.
 *
 * Round trips (database requests; WeChat's own APIs — msgSecCheck, imgSecCheck, temporary photo
 * URLs — and storage downloads of the photos to check are not counted):
 * - `publish`: the caller with an earlier post of the request and today's quota (1); for residents
 *   the quota (2: one conditional update, `shared/quotas.ts`); the insert (3). On a failed insert the
 *   quota is given back.
 * - `list` / `mine`: the caller with the posts (1).
 * - `withdraw`: the caller with the post (1), the conditional update (2); then its photos are deleted (storage, not counted).
 * - `takeDown`: the caller with the post (1), the conditional update (2), the author's note (3, with
 *   the author's record read in parallel with the update).
 * - `contact`: the caller with the post and today's quota (1); the quota (2), the contact (3, its
 *   `_id` is the request: a repeated tap is one contact and one note), the author's record (4), the note (5).
 *
 * The notes go to the message centre (`messages`, the inbox of `shared/consent.ts`) only, with kind
 * `postNote`: a neighbour's words are not a WeChat subscribe message the author agreed to.
 */
import { callerOpenid, db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { MESSAGES, type InboxDoc } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import { assertOwnPhotos, deleteFiles, tempFileUrls } from '../../shared/files';
import { newDocId } from '../../shared/ids';
import type { Post, PostContact, User } from '../../shared/model';
import { isPlaceholderOpenid } from '../../shared/openids';
import { isResidentOf, isStaff, isStaffOf } from '../../shared/policy';
import { exceededKind, isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany, type QuotaTake, type Taken } from '../../shared/quotas';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkImage, checkText, SCENE } from '../../shared/security';
import { local } from '../../shared/time';
import { preloadOf, type LoadedUser } from '../../shared/users';
import { askerName, POST_KIND_LABELS, POST_STATUS_LABELS, postAuthorName } from '../../shared/vocabulary/posts';
import type { actions, PostView } from '../contract';
import { POSTS_LIMITS as L } from '../limits';

const POSTS = 'posts';
const CONTACTS = 'postContacts';
const iso = (d: Date | string): string => new Date(d).toISOString();

/** Today's local date (Asia/Shanghai) at `now`. */
export const todayOf = (now: Date): string => local(now).format('YYYY-MM-DD');

/** The last local date a post published at `now` for `days` days is shown (today counts as the first). */
export const expiresOnOf = (now: Date, days: number): string => local(now).add(days - 1, 'day').format('YYYY-MM-DD');

/** True while post `p` is on the board at `now`: published and its last day not passed. */
export const onBoard = (p: Pick<Post, 'status' | 'expiresOn'>, now: Date): boolean => p.status === 'published' && p.expiresOn >= todayOf(now);

/** Post `p` as `user` reads it (`urls`: fileID → temporary URL). */
export function postView(p: Post, user: Pick<User, '_id' | 'role' | 'communityId'>, urls: Record<string, string>): PostView {
  const mine = p.byId === user._id;
  return {
    id: p._id,
    kind: p.kind,
    kindLabel: POST_KIND_LABELS[p.kind],
    title: p.title,
    body: p.body,
    // a withdrawn post's photos are the author's to take back: shown to nobody (removed from storage at once, or by the timer)
    photoUrls: p.status === 'withdrawn' ? [] : p.photos.filter((f) => urls[f]).map((f) => urls[f]),
    author: p.byName,
    mine,
    status: p.status,
    statusLabel: POST_STATUS_LABELS[p.status],
    expiresOn: p.expiresOn,
    createdAt: iso(p.createdAt),
    takeDownReason: mine || isStaffOf(user as User, p.communityId) ? (p.takeDownReason ?? null) : null,
  };
}

/** The views of `posts` for `user`, with their photos' temporary URLs (one WeChat call per 50 photos). */
async function viewsOf(posts: Post[], user: LoadedUser): Promise<PostView[]> {
  const urls = await tempFileUrls(posts.flatMap((p) => p.photos)).catch((e) => {
    console.warn(`[posts] photo URLs failed: ${String(e)}`);
    return {} as Record<string, string>;
  });
  return posts.map((p) => postView(p, user, urls));
}

/**
 * A note in `to`'s message centre (kind `postNote`, page: the post). `messageId` makes a retry one
 * note. Never throws (logged): the action it follows has already happened.
 */
async function tellAuthor(to: Pick<User, '_id' | 'openid'>, title: string, lines: string[], postId: string, messageId: string): Promise<void> {
  const doc: InboxDoc = {
    _id: messageId,
    userId: to._id,
    ...(to.openid && !isPlaceholderOpenid(to.openid) ? { openid: to.openid } : {}),
    kind: 'postNote',
    title,
    lines,
    page: `posts/pages/detail/index?id=${postId}`,
    at: clockNow(),
  };
  try {
    await db.collection(MESSAGES).add({ data: doc });
  } catch (e) {
    if (!isDuplicateKey(e)) console.warn(`[posts] note to ${to._id} failed: ${String(e)}`);
  }
}

// ─── publish ──────────────────────────────────────────────────────────────────────────────────

/** What `publish` reads with the caller: an earlier post of the same request, today's quota. */
export const publishPreload = (i: Input<typeof actions.publish>) => ({
  earlier: preloadOf<Post>({ from: POSTS, match: { requestId: i.requestId }, sameAsCaller: { byId: '_id' } }),
  quota: preloadQuota(quotaDay(clockNow())),
});

export const publish: Handler<typeof actions.publish, PreloadsOf<typeof publishPreload>> = async (input, { user, preloaded }) => {
  const staff = isStaff(user);
  if (!staff && user.role !== 'resident') throw new AppError('COMMON.FORBIDDEN');
  if (input.kind === 'job' && !staff) throw new AppError('POSTS.JOB_BY_STAFF');
  assertOwnPhotos(input.photos, user);
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash({ kind: input.kind, title: input.title, body: input.body, photos: input.photos, days: input.days });
  const earlier = (preloaded?.earlier ?? ((await db.collection(POSTS).where({ requestKey: key }).limit(1).get()).data as Post[])).find((p) => p.requestKey === key);
  if (earlier) return postView(sameRequest(earlier, hash), user, await tempFileUrls(earlier.photos).catch(() => ({})));
  const now = clockNow();
  const limited = isLimited(user);
  const take: QuotaTake = { post: 1, photo: input.photos.length };
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  if (limited && known) {
    const full = exceededKind(known, take);
    if (full) throw tooMany(full);
  }
  const openid = callerOpenid();
  // words (msgSecCheck) and each photo (imgSecCheck, after a storage download) at once, before anything is stored
  await Promise.all([
    checkText(input.title, openid, SCENE.FORUM),
    checkText(input.body, openid, SCENE.FORUM),
    ...input.photos.map((f, i) => checkImage(f, openid, i + 1)),
  ]);
  const post: Post = {
    _id: newDocId(),
    communityId: user.communityId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    photos: input.photos,
    byId: user._id,
    byName: postAuthorName({ name: user.name, called: user.called, home: user.home, staff }),
    status: 'published',
    expiresOn: expiresOnOf(now, input.days),
    createdAt: now,
    requestKey: key,
    requestHash: hash,
  };
  const taken: Taken | null = limited ? await takeQuota({ by: 'user', id: user._id }, take, now, known) : null;
  try {
    await db.collection(POSTS).add({ data: { ...post, requestId: input.requestId } });
  } catch (e) {
    await taken?.release();
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const again = (await db.collection(POSTS).where({ requestKey: key }).limit(1).get()).data[0] as Post | undefined;
    if (!again) throw e;
    return postView(sameRequest(again, hash), user, await tempFileUrls(again.photos).catch(() => ({})));
  }
  return (await viewsOf([post], user))[0];
};

// ─── the board and the author's own ──────────────────────────────────────────────────────────

/** What `list` reads with the caller: the community's posts on the board (of one kind or all), newest first. */
export const listPreload = (i: Input<typeof actions.list>) => ({
  posts: preloadOf<Post>({
    from: POSTS,
    match: { status: 'published', expiresOn: { $gte: todayOf(clockNow()) }, ...(i.kind ? { kind: i.kind } : {}) },
    sameAsCaller: { communityId: 'communityId' },
    sort: { createdAt: -1 },
    limit: L.listMax,
  }),
});

export const list: Handler<typeof actions.list, PreloadsOf<typeof listPreload>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const _ = db.command;
  const rows =
    preloaded?.posts ??
    ((await db
      .collection(POSTS)
      .where({ communityId: user.communityId, status: 'published', expiresOn: _.gte(todayOf(now)), ...(input.kind ? { kind: input.kind } : {}) })
      .orderBy('createdAt', 'desc')
      .limit(L.listMax)
      .get()).data as Post[]);
  const shown = rows.filter((p) => p.communityId === user.communityId && onBoard(p, now) && (!input.kind || p.kind === input.kind));
  return { posts: await viewsOf(shown, user) };
};

/** What `mine` reads with the caller: their own posts, newest first. */
export const minePreload = () => ({
  posts: preloadOf<Post>({ from: POSTS, match: {}, sameAsCaller: { byId: '_id' }, sort: { createdAt: -1 }, limit: L.mineMax }),
});

export const mine: Handler<typeof actions.mine, PreloadsOf<typeof minePreload>> = async (_input, { user, preloaded }) => {
  const rows = preloaded?.posts ?? ((await db.collection(POSTS).where({ byId: user._id }).orderBy('createdAt', 'desc').limit(L.mineMax).get()).data as Post[]);
  const now = clockNow();
  // a post past its last day reads 已过期 before the night's timer marks it
  const posts = rows.filter((p) => p.byId === user._id).map((p): Post => (p.status === 'published' && !onBoard(p, now) ? { ...p, status: 'expired' } : p));
  return { posts: await viewsOf(posts, user) };
};

// ─── withdraw, take down ──────────────────────────────────────────────────────────────────────

/** What `withdraw` / `takeDown` read with the caller: the post, of the caller's community. */
export const postPreload = (i: { postId: string }) => ({
  post: preloadOf<Post>({ from: POSTS, match: { _id: i.postId }, sameAsCaller: { communityId: 'communityId' } }),
});

/** The post asked for, of the caller's community (else POSTS.NOT_FOUND). */
async function postOf(user: LoadedUser, postId: string, preloaded: readonly Post[] | undefined): Promise<Post> {
  const list = preloaded ?? ((await db.collection(POSTS).where({ _id: postId, communityId: user.communityId }).limit(1).get()).data as Post[]);
  const p = list.find((x) => x._id === postId && x.communityId === user.communityId);
  if (!p) throw new AppError('POSTS.NOT_FOUND');
  return p;
}

/** Moves published post `p` to `set.status`, once (a conditional update on `published`); the post as it now is. */
async function takeOff(p: Post, set: Partial<Post>, extra: Record<string, unknown> = {}): Promise<Post> {
  const r = await db.collection(POSTS).where({ _id: p._id, communityId: p.communityId, status: 'published', ...extra }).update({ data: set });
  if (!r.stats.updated) throw new AppError('POSTS.NOT_PUBLISHED');
  return { ...p, ...set };
}

export const withdraw: Handler<typeof actions.withdraw, PreloadsOf<typeof postPreload>> = async (input, { user, preloaded }) => {
  const p = await postOf(user, input.postId, preloaded?.post);
  if (p.byId !== user._id) throw new AppError('POSTS.NOT_AUTHOR');
  if (p.status !== 'published') throw new AppError('POSTS.NOT_PUBLISHED');
  const done = await takeOff(p, { status: 'withdrawn', withdrawnAt: clockNow() }, { byId: user._id });
  // the photos leave storage now (storage calls, not database round trips); what fails here the daily timer finishes
  await deleteFiles(p.photos);
  return postView(done, user, {});
};

export const takeDown: Handler<typeof actions.takeDown, PreloadsOf<typeof postPreload>> = async (input, { user, preloaded }) => {
  const p = await postOf(user, input.postId, preloaded?.post);
  if (!isStaffOf(user, p.communityId)) throw new AppError('COMMON.FORBIDDEN');
  if (p.status !== 'published') throw new AppError('POSTS.NOT_PUBLISHED');
  await checkText(input.reason, callerOpenid(), SCENE.COMMENT);
  const [done, authors] = await Promise.all([
    takeOff(p, { status: 'takenDown', takeDownReason: input.reason, takenDownBy: { id: user._id, name: user.name }, takenDownAt: clockNow() }),
    db.collection('users').where({ _id: p.byId }).limit(1).get(),
  ]);
  const author = (authors.data as User[])[0];
  if (author) {
    await tellAuthor(author, '您发布的信息已被社区下架', [`信息：${p.title}`, `原因：${input.reason}`, '如有疑问，请到解忧铺问问工作人员'], p._id, `post-down-${p._id}`);
  }
  return (await viewsOf([done], user))[0];
};

// ─── 联系TA ────────────────────────────────────────────────────────────────────────────────────

/** What `contact` reads with the caller: the post and today's quota. */
export const contactPreload = (i: Input<typeof actions.contact>) => ({
  ...postPreload(i),
  quota: preloadQuota(quotaDay(clockNow())),
});

export const contact: Handler<typeof actions.contact, PreloadsOf<typeof contactPreload>> = async (input, { user, preloaded }) => {
  const p = await postOf(user, input.postId, preloaded?.post);
  if (!isResidentOf(user, p.communityId)) throw new AppError('COMMON.FORBIDDEN');
  if (p.byId === user._id) throw new AppError('POSTS.OWN_POST');
  const now = clockNow();
  if (!onBoard(p, now)) throw new AppError('POSTS.NOT_PUBLISHED');
  const contactId = requestKey(user._id, input.requestId);
  const limited = isLimited(user);
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  if (limited && known && exceededKind(known, { contact: 1 })) throw tooMany('contact');
  await checkText(input.text, callerOpenid(), SCENE.COMMENT);
  const c: PostContact = { _id: contactId, postId: p._id, communityId: p.communityId, toId: p.byId, fromId: user._id, fromName: askerName(user), text: input.text, at: now };
  const taken: Taken | null = limited ? await takeQuota({ by: 'user', id: user._id }, { contact: 1 }, now, known) : null;
  try {
    await db.collection(CONTACTS).add({ data: c });
  } catch (e) {
    await taken?.release();
    // the same tap again: already passed on (the note below is one message either way)
    if (!isDuplicateKey(e)) throw e;
  }
  const author = ((await db.collection('users').where({ _id: p.byId }).limit(1).get()).data as User[])[0];
  if (author) {
    await tellAuthor(author, '有邻居看到您的信息，托解忧铺捎话', [`信息：${p.title}`, `${c.fromName}说：${c.text}`, '想回话的话，请到解忧铺，工作人员帮您转达'], p._id, `post-contact-${contactId.replace(':', '-')}`);
  }
  return { passedOn: true };
};

// ─── the daily expiry ─────────────────────────────────────────────────────────────────────────

/**
 * The timer job (`postJobs`, daily 00:10 China time): every published post whose last day has
 * passed is marked `expired`, in one multi-document conditional update (the board already hides it
 * by date; this makes 我的发布 and the figures read it). Running twice marks nothing twice.
 * Answers `{ expired }`.
 */
export async function expirePosts(): Promise<{ expired: number }> {
  const now = clockNow();
  const r = await db
    .collection(POSTS)
    .where({ status: 'published', expiresOn: db.command.lt(todayOf(now)) })
    .update({ data: { status: 'expired', expiredAt: now } });
  return { expired: r.stats?.updated ?? 0 };
}

/**
 * The timer job's second part (`postJobs`): photos leave storage once nobody should see them — a
 * withdrawn post's at once (withdraw deletes them itself; this finishes what a cut-short call left),
 * an expired or taken-down post's `L.photoKeepDays` days after its last day (the author may
 * still ask about a taken-down post; the figures never need a photo). Up to `L.sweepBatch` posts a
 * run, oldest last day first: their files deleted (`shared/files.ts` `deleteFiles`; already gone
 * counts as deleted), then the posts whose files are all gone get `photos: []` and
 * `photosRemovedAt` in one multi-document update — a post is never read again once swept, and a
 * run cut short is finished by the next. Answers `{ swept }` (posts whose photos were removed).
 * Round trips: one query, the update (2); the deletions are storage calls (50 files each).
 */
export async function sweepPostPhotos(): Promise<{ swept: number }> {
  const now = clockNow();
  const _ = db.command;
  const cutoff = local(now).subtract(L.photoKeepDays, 'day').format('YYYY-MM-DD');
  const { data } = await db
    .collection(POSTS)
    .where(_.or([{ status: 'withdrawn', photosRemovedAt: _.exists(false) }, { status: _.in(['expired', 'takenDown']), expiresOn: _.lt(cutoff), photosRemovedAt: _.exists(false) }]))
    .orderBy('expiresOn', 'asc')
    .limit(L.sweepBatch)
    .get();
  const posts = data as Post[];
  if (!posts.length) return { swept: 0 };
  const gone = new Set(await deleteFiles(posts.flatMap((p) => p.photos)));
  const done = posts.filter((p) => p.photos.every((f) => gone.has(f))).map((p) => p._id);
  if (!done.length) return { swept: 0 };
  const r = await db.collection(POSTS).where({ _id: _.in(done) }).update({ data: { photos: [], photosRemovedAt: now } });
  return { swept: r.stats?.updated ?? 0 };
}

