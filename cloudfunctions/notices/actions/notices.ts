/**
 * Notices (公告, 政策宣传; issue 22): publish, withdraw, a resident's notices and their opening, the
 * staff list. Rules and round trips: `../contract.ts`. Every handler reads what it needs with its
 * caller (preloads); when a preload could not run (`preloaded` null) it reads the same itself.
 */
import { _, callerOpenid, db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { localDateOf } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import { normalisePart } from '../../shared/households';
import { newDocId } from '../../shared/ids';
import type { Estate, Notice, NoticeAudience, NoticeRead, User } from '../../shared/model';
import { isHomeInScope } from '../../shared/policy';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { preloadOf } from '../../shared/users';
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS } from '../../shared/vocabulary/notices';
import type { actions, AudienceChoice, NoticeView, StaffNoticeView } from '../contract';
import { NOTICES_LIMITS as L } from '../limits';

/** Today's local date (Asia/Shanghai) by the function's clock. */
const todayLocal = (): string => localDateOf(clockNow());

/** `date` plus `days` days, as a local date (`YYYY-MM-DD`, calendar arithmetic in UTC: no DST in China). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** 全社区 / 碧山小区 / 碧山小区3号楼, from the community's estates (an unknown estate: its id). */
function audienceLabel(a: NoticeAudience, estates: Pick<Estate, '_id' | 'name'>[]): string {
  if (a.kind === 'community') return '全社区';
  const name = estates.find((e) => e._id === a.estateId)?.name ?? a.estateId;
  return a.kind === 'estate' ? name : `${name}${a.building}`;
}

/** True while `n` is shown: published and not past its last day `expiresOn`. */
const isLive = (n: Notice, today: string): boolean => n.status === 'published' && (n.expiresOn === null || n.expiresOn >= today);

/** True if `user` is in `n`'s audience: same community; the whole community, or their home in its estate or building. */
function sees(user: Pick<User, 'communityId' | 'home'>, n: Notice): boolean {
  if (user.communityId !== n.communityId) return false;
  if (n.audience.kind === 'community') return true;
  return !!user.home && isHomeInScope(user.home, n.audience);
}

/** A notice as a resident reads it. */
function residentView(n: Notice, estates: Pick<Estate, '_id' | 'name'>[], read: boolean): NoticeView {
  return {
    id: n._id,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABELS[n.kind],
    title: n.title,
    body: n.body,
    audienceLabel: audienceLabel(n.audience, estates),
    pinned: n.pinned,
    expiresOn: n.expiresOn,
    publishedAt: iso(n.publishedAt) ?? '',
    byName: n.byName,
    read,
  };
}

/** A notice as staff read it, with its audience size from `sizes` (residents per `estateId|building`, building normalised). */
function staffView(n: Notice, estates: Pick<Estate, '_id' | 'name'>[], today: string, sizes: Map<string, number>): StaffNoticeView {
  const { read: _read, ...base } = residentView(n, estates, false);
  const status = n.status === 'withdrawn' ? 'withdrawn' : isLive(n, today) ? 'published' : 'expired';
  let audienceSize = 0;
  for (const [key, count] of sizes) {
    const [estateId, building] = key.split('|');
    const a = n.audience;
    if (a.kind === 'community' || (a.estateId === estateId && (a.kind === 'estate' || normalisePart(a.building) === building))) audienceSize += count;
  }
  return {
    ...base,
    audience: n.audience,
    status,
    statusLabel: NOTICE_STATUS_LABELS[status],
    readCount: n.readCount,
    audienceSize,
    withdrawnAt: iso(n.withdrawnAt),
    withdrawReason: n.withdrawReason ?? null,
  };
}

const estatesPreload = preloadOf<Estate>({ from: 'estates', match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 100 });
const communityNotices = (match: Record<string, string>) =>
  preloadOf<Notice>({ from: 'notices', match, sameAsCaller: { communityId: 'communityId' }, sort: { pinned: -1, publishedAt: -1 }, limit: L.listMax });

async function readEstates(communityId: string): Promise<Estate[]> {
  return (await db.collection('estates').where({ communityId }).limit(100).get()).data as Estate[];
}

// ─── publish ───

/** What `publish` reads with the caller: the community's estates and a notice of the same request. */
export const publishPreload = (i: Input<typeof actions.publish>) => ({
  estates: estatesPreload,
  earlier: preloadOf<Notice>({ from: 'notices', match: { requestId: i.requestId }, sameAsCaller: { byId: '_id' } }),
});

/** 发布公告 (contract.ts). */
export const publish: Handler<typeof actions.publish, PreloadsOf<typeof publishPreload>> = async (input, { user, preloaded }) => {
  const estates = preloaded?.estates ?? (await readEstates(user.communityId));
  const key = requestKey(user._id, input.requestId);
  const expiresOn = input.expiresOn ?? null;
  const hash = requestHash({ kind: input.kind, title: input.title, body: input.body, audience: input.audience, pinned: input.pinned, expiresOn });
  const earlier = (preloaded?.earlier ?? ((await db.collection('notices').where({ requestKey: key }).limit(1).get()).data as Notice[])).find((x) => x.requestKey === key);
  if (earlier) return staffView(sameRequest(earlier, hash), estates, todayLocal(), new Map());
  const a = input.audience;
  if (a.kind !== 'community') {
    const estate = estates.find((e) => e._id === a.estateId && e.communityId === user.communityId);
    if (!estate) throw new AppError('NOTICES.AUDIENCE_NOT_FOUND');
    if (a.kind === 'building' && !estate.buildings.some((b) => normalisePart(b) === normalisePart(a.building))) throw new AppError('NOTICES.AUDIENCE_NOT_FOUND');
  }
  const today = todayLocal();
  if (expiresOn !== null && (expiresOn < today || expiresOn > addDays(today, L.expiresMaxDays))) throw new AppError('NOTICES.EXPIRES_INVALID');
  const openid = callerOpenid();
  await checkText(`${input.title}\n${input.body}`, openid);
  const notice: Notice = {
    _id: newDocId(),
    communityId: user.communityId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    audience: a.kind === 'building' ? { kind: 'building', estateId: a.estateId, building: a.building } : a,
    pinned: input.pinned,
    expiresOn,
    status: 'published',
    byId: user._id,
    byName: user.name,
    publishedAt: clockNow(),
    readCount: 0,
    requestKey: key,
    requestHash: hash,
  };
  try {
    await db.collection('notices').add({ data: { ...notice, requestId: input.requestId, publishedAt: db.serverDate() } });
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const again = (await db.collection('notices').where({ requestKey: key }).limit(1).get()).data[0] as Notice | undefined;
    if (!again) throw e;
    return staffView(sameRequest(again, hash), estates, today, new Map());
  }
  return staffView(notice, estates, today, new Map());
};

// ─── withdraw ───

/** What `withdraw` reads with the caller: the notice (in their community) and the estates. */
export const noticePreload = (i: { noticeId: string }) => ({
  notice: preloadOf<Notice>({ from: 'notices', match: { _id: i.noticeId }, sameAsCaller: { communityId: 'communityId' } }),
  estates: estatesPreload,
});

/** 撤下 (contract.ts): a conditional update from `published`; nothing else changes. */
export const withdraw: Handler<typeof actions.withdraw, PreloadsOf<typeof noticePreload>> = async ({ noticeId, reason }, { user, preloaded }) => {
  const found = preloaded?.notice ?? ((await db.collection('notices').where({ _id: noticeId, communityId: user.communityId }).limit(1).get()).data as Notice[]);
  const notice = found.find((x) => x._id === noticeId && x.communityId === user.communityId);
  if (!notice) throw new AppError('NOTICES.NOT_FOUND');
  if (notice.status === 'withdrawn') throw new AppError('NOTICES.ALREADY_WITHDRAWN');
  const at = clockNow();
  const r = await db
    .collection('notices')
    .where({ _id: noticeId, communityId: user.communityId, status: 'published' })
    .update({ data: { status: 'withdrawn', withdrawnAt: db.serverDate(), withdrawReason: reason, withdrawnById: user._id } });
  if (!r.stats.updated) throw new AppError('NOTICES.ALREADY_WITHDRAWN');
  const estates = preloaded?.estates ?? (await readEstates(user.communityId));
  return staffView({ ...notice, status: 'withdrawn', withdrawnAt: at, withdrawReason: reason }, estates, todayLocal(), new Map());
};

// ─── forMe and read ───

/** What `forMe` reads with the caller: the community's published notices, the caller's reads, the estates. */
export const forMePreload = () => ({
  notices: communityNotices({ status: 'published' }),
  reads: preloadOf<NoticeRead>({ from: 'noticeReads', match: {}, sameAsCaller: { userId: '_id' }, limit: 1000 }),
  estates: estatesPreload,
});

/** 社区公告 (contract.ts): filtered by audience and expiry here, from what came with the caller. */
export const forMe: Handler<typeof actions.forMe, PreloadsOf<typeof forMePreload>> = async (_input, { user, preloaded }) => {
  const [all, reads, estates] = preloaded
    ? [preloaded.notices, preloaded.reads, preloaded.estates]
    : await Promise.all([
        db.collection('notices').where({ communityId: user.communityId, status: 'published' }).orderBy('pinned', 'desc').orderBy('publishedAt', 'desc').limit(L.listMax).get().then((r) => r.data as Notice[]),
        db.collection('noticeReads').where({ userId: user._id }).limit(1000).get().then((r) => r.data as NoticeRead[]),
        readEstates(user.communityId),
      ]);
  const today = todayLocal();
  const readIds = new Set(reads.filter((r) => r.userId === user._id).map((r) => r.noticeId));
  const notices = all
    .filter((n) => isLive(n, today) && sees(user, n))
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || +new Date(b.publishedAt) - +new Date(a.publishedAt))
    .map((n) => residentView(n, estates, readIds.has(n._id)));
  return { notices, unread: notices.filter((n) => !n.read).length };
};

/** What `read` reads with the caller: the notice (in their community), their read of it, the estates. */
export const readPreload = (i: Input<typeof actions.read>) => ({
  ...noticePreload(i),
  mine: preloadOf<NoticeRead>({ from: 'noticeReads', match: { noticeId: i.noticeId }, sameAsCaller: { userId: '_id' } }),
});

/** Opening a notice (contract.ts): the unique read document first; only its insert increments the count. */
export const read: Handler<typeof actions.read, PreloadsOf<typeof readPreload>> = async ({ noticeId }, { user, preloaded }) => {
  const found = preloaded?.notice ?? ((await db.collection('notices').where({ _id: noticeId, communityId: user.communityId }).limit(1).get()).data as Notice[]);
  const notice = found.find((x) => x._id === noticeId);
  if (!notice || !isLive(notice, todayLocal()) || !sees(user, notice)) throw new AppError('NOTICES.NOT_FOUND');
  const estates = preloaded?.estates ?? (await readEstates(user.communityId));
  const already = preloaded ? preloaded.mine.some((r) => r.userId === user._id) : false;
  if (!already) {
    let first = true;
    try {
      await db.collection('noticeReads').add({ data: { _id: `${noticeId}|${user._id}`, noticeId, userId: user._id, communityId: user.communityId, at: db.serverDate() } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      first = false;
    }
    if (first) await db.collection('notices').doc(noticeId).update({ data: { readCount: _.inc(1) } });
  }
  return residentView(notice, estates, true);
};

// ─── list ───

/** What `list` reads with the caller: the community's notices (all statuses) and estates. */
export const listPreload = () => ({ notices: communityNotices({}), estates: estatesPreload });

/** 公告管理 (contract.ts): newest first, with read counts and audience sizes. */
export const list: Handler<typeof actions.list, PreloadsOf<typeof listPreload>> = async (_input, { user, preloaded }) => {
  const [all, estates] = preloaded
    ? [preloaded.notices, preloaded.estates]
    : await Promise.all([
        db.collection('notices').where({ communityId: user.communityId }).orderBy('publishedAt', 'desc').limit(L.listMax).get().then((r) => r.data as Notice[]),
        readEstates(user.communityId),
      ]);
  const { list: groups } = await db
    .collection('users')
    .aggregate()
    .match({ communityId: user.communityId, role: 'resident', home: _.exists(true) })
    .group({ _id: { e: '$home.estateId', b: '$home.building' }, n: { $sum: 1 } })
    .end();
  const sizes = new Map<string, number>();
  for (const g of groups as { _id: { e?: string; b?: string }; n: number }[]) {
    const key = `${g._id.e ?? ''}|${normalisePart(g._id.b ?? '')}`;
    sizes.set(key, (sizes.get(key) ?? 0) + g.n);
  }
  const today = todayLocal();
  const notices = [...all].sort((a, b) => +new Date(b.publishedAt) - +new Date(a.publishedAt)).map((n) => staffView(n, estates, today, sizes));
  const choices: AudienceChoice[] = estates.map((e) => ({ estateId: e._id, name: e.name, buildings: e.buildings }));
  return { notices, estates: choices, today };
};
