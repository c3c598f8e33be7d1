/**
 * Trusted providers and referrals (找师傅, issue 22): the directory (phone to staff only), admins'
 * add/edit/停用, a resident's ask, staff's 推荐 (the resident told name and phone in 消息), the
 * resident's one rating (flagging poorly rated providers), the lists. The rules are in `contract.ts`.
 *
 * Round trips (database requests; WeChat's own APIs not counted):
 * - `directory` / `manage` / `myReferrals` / `referrals`: one query.
 * - `saveProvider`: an earlier save of the request or the provider edited (1), the write (2).
 * - `deactivate`: the provider (1), the conditional update on `active` (2).
 * - `askReferral`: an earlier ask of the request, with the provider asked for (1), the insert (2).
 * - `refer`: the referral and the provider (1), the conditional update on `requested` (2), the
 *   resident's record (3) and the message (4).
 * - `rate`: one transaction (the referral, the provider, their two updates).
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import { newDocId } from '../../shared/ids';
import type { Provider, Referral, ReferralStatus, User } from '../../shared/model';
import { isResident, isStaffOf } from '../../shared/policy';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler } from '../../shared/router';
import { withTransaction } from '../../shared/transactions';
import type { LoadedUser } from '../../shared/users';
import { PROVIDER_SERVICE_LABELS, REFERRAL_STATUS_LABELS } from '../../shared/vocabulary/providers';
import type { actions, MyReferral, ProviderEntry, ProviderView, ReferralView } from '../contract';
import { PROVIDERS_LIMITS as L } from '../limits';

const PROVIDERS = 'providers';
const REFERRALS = 'referrals';
const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** Average stars to one decimal, null before the first rating. */
const average = (p: Pick<Provider, 'ratingCount' | 'ratingSum'>): number | null => (p.ratingCount ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : null);

/** Whether ratings `count`/`sum` flag a provider (average below `flagBelowStars` over ≥ `flagMinRatings`). */
export const isFlagged = (count: number, sum: number): boolean => count >= L.flagMinRatings && sum < L.flagBelowStars * count;

/** Provider `p` in the directory; `phone`: whether the reader may see it (staff). */
function entry(p: Provider, phone: boolean): ProviderEntry {
  return {
    id: p._id,
    name: p.name,
    service: p.service,
    serviceLabel: PROVIDER_SERVICE_LABELS[p.service],
    area: p.area,
    priceNote: p.priceNote,
    verifiedByName: p.verifiedByName,
    verifiedAt: iso(p.verifiedAt)!,
    ratingCount: p.ratingCount,
    ratingAverage: average(p),
    phone: phone ? p.phone : null,
  };
}

/** Provider `p` as staff manage it. */
function providerView(p: Provider): ProviderView {
  return { ...entry(p, true), phone: p.phone, active: p.active, flagged: p.flagged, deactivateReason: p.deactivateReason ?? null };
}

/** Referral `r` as its resident reads it (the provider's phone once referred; `phone` from the provider record). */
function myReferral(r: Referral, phone: string | null): MyReferral {
  const named = r.status === 'referred' || r.status === 'rated';
  return {
    id: r._id,
    service: r.service,
    serviceLabel: PROVIDER_SERVICE_LABELS[r.service],
    need: r.need,
    status: r.status,
    statusLabel: REFERRAL_STATUS_LABELS[r.status],
    askedAt: iso(r.askedAt)!,
    providerName: r.providerName ?? null,
    providerPhone: named ? phone : null,
    referredAt: iso(r.referredAt),
    rating: r.rating ? { stars: r.rating.stars, comment: r.rating.comment, at: iso(r.rating.at)! } : null,
  };
}

/** Referral `r` as staff read it. */
function referralView(r: Referral, phone: string | null): ReferralView {
  return { ...myReferral(r, phone), providerPhone: r.providerId ? phone : null, residentId: r.residentId, residentName: r.residentName, referredByName: r.referredByName ?? null };
}

/** The phones of the providers `ids` (id → phone), of community `communityId`: one query. */
async function phonesOf(communityId: string, ids: (string | undefined)[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return {};
  const { data } = await db.collection(PROVIDERS).where({ _id: db.command.in(unique), communityId }).limit(unique.length).get();
  return Object.fromEntries((data as Provider[]).map((p) => [p._id, p.phone]));
}

/** The provider `providerId` of the caller's community (else PROVIDERS.NOT_FOUND). */
async function providerOf(user: LoadedUser, providerId: string): Promise<Provider> {
  const p = (await db.collection(PROVIDERS).where({ _id: providerId, communityId: user.communityId }).limit(1).get()).data[0] as Provider | undefined;
  if (!p || p.communityId !== user.communityId) throw new AppError('PROVIDERS.NOT_FOUND');
  return p;
}

export const directory: Handler<typeof actions.directory> = async (input, { user }) => {
  const staff = isStaffOf(user, user.communityId);
  const { data } = await db
    .collection(PROVIDERS)
    .where({ communityId: user.communityId, active: true, ...(input.service ? { service: input.service } : {}) })
    .orderBy('name', 'asc')
    .limit(L.directoryMax)
    .get();
  return (data as Provider[]).filter((p) => p.communityId === user.communityId && p.active).map((p) => entry(p, staff));
};

export const manage: Handler<typeof actions.manage> = async (_input, { user }) => {
  const { data } = await db.collection(PROVIDERS).where({ communityId: user.communityId }).orderBy('name', 'asc').limit(L.directoryMax).get();
  const providers = (data as Provider[]).filter((p) => p.communityId === user.communityId).map(providerView);
  return { providers, flagged: providers.filter((p) => p.active && p.flagged) };
};

export const saveProvider: Handler<typeof actions.saveProvider> = async (input, { user }) => {
  const now = clockNow();
  const fields = { name: input.name, service: input.service, phone: input.phone, area: input.area, priceNote: input.priceNote };
  const checked = { verifiedById: user._id, verifiedByName: user.name, verifiedAt: now };
  if (input.providerId) {
    const p = await providerOf(user, input.providerId);
    const _ = db.command;
    await db
      .collection(PROVIDERS)
      .where({ _id: p._id, communityId: user.communityId })
      .update({ data: { ...fields, ...checked, active: true, deactivatedAt: _.remove(), deactivateReason: _.remove() } });
    const { deactivatedAt: _d, deactivateReason: _r, ...rest } = p;
    void _d;
    void _r;
    return providerView({ ...rest, ...fields, ...checked, active: true });
  }
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash(fields);
  const earlier = (await db.collection(PROVIDERS).where({ requestKey: key }).limit(1).get()).data[0] as Provider | undefined;
  if (earlier) return providerView(sameRequest(earlier, hash));
  const p: Provider = { _id: newDocId(), communityId: user.communityId, ...fields, ...checked, active: true, ratingCount: 0, ratingSum: 0, flagged: false, createdAt: now, requestKey: key, requestHash: hash };
  try {
    await db.collection(PROVIDERS).add({ data: p });
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const again = (await db.collection(PROVIDERS).where({ requestKey: key }).limit(1).get()).data[0] as Provider | undefined;
    if (!again) throw e;
    return providerView(sameRequest(again, hash));
  }
  return providerView(p);
};

export const deactivate: Handler<typeof actions.deactivate> = async (input, { user }) => {
  const p = await providerOf(user, input.providerId);
  if (!p.active) throw new AppError('PROVIDERS.INACTIVE');
  const now = clockNow();
  const set = { active: false, deactivatedAt: now, ...(input.reason ? { deactivateReason: input.reason } : {}) };
  const r = await db.collection(PROVIDERS).where({ _id: p._id, communityId: user.communityId, active: true }).update({ data: set });
  if (!r.stats.updated) throw new AppError('PROVIDERS.INACTIVE');
  return providerView({ ...p, ...set });
};

export const askReferral: Handler<typeof actions.askReferral> = async (input, { user }) => {
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash('providerId' in input ? { providerId: input.providerId, need: input.need } : { service: input.service, need: input.need });
  const [earlierRes, asked] = await Promise.all([
    db.collection(REFERRALS).where({ requestKey: key }).limit(1).get(),
    'providerId' in input ? providerOf(user, input.providerId) : Promise.resolve(null),
  ]);
  const earlier = earlierRes.data[0] as Referral | undefined;
  if (earlier) return myReferral(sameRequest(earlier, hash), null);
  if (asked && !asked.active) throw new AppError('PROVIDERS.NOT_FOUND');
  const r: Referral = {
    _id: newDocId(),
    communityId: user.communityId,
    service: asked ? asked.service : (input as { service: Referral['service'] }).service,
    ...(asked ? { providerId: asked._id, providerName: asked.name } : {}),
    residentId: user._id,
    residentName: user.name,
    need: input.need,
    status: 'requested',
    askedAt: clockNow(),
    requestKey: key,
    requestHash: hash,
  };
  try {
    await db.collection(REFERRALS).add({ data: r });
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const again = (await db.collection(REFERRALS).where({ requestKey: key }).limit(1).get()).data[0] as Referral | undefined;
    if (!again) throw e;
    return myReferral(sameRequest(again, hash), null);
  }
  return myReferral(r, null);
};

export const refer: Handler<typeof actions.refer> = async (input, { user }) => {
  const [refRes, provider] = await Promise.all([
    db.collection(REFERRALS).where({ _id: input.referralId, communityId: user.communityId }).limit(1).get(),
    providerOf(user, input.providerId),
  ]);
  const r = refRes.data[0] as Referral | undefined;
  if (!r || r.communityId !== user.communityId) throw new AppError('PROVIDERS.REFERRAL_NOT_FOUND');
  if (!provider.active) throw new AppError('PROVIDERS.NOT_FOUND');
  if (r.status !== 'requested') throw new AppError('PROVIDERS.WRONG_STATE');
  const now = clockNow();
  const set: Partial<Referral> = { status: 'referred', providerId: provider._id, providerName: provider.name, service: provider.service, referredById: user._id, referredByName: user.name, referredAt: now };
  const u = await db.collection(REFERRALS).where({ _id: r._id, communityId: user.communityId, status: 'requested' }).update({ data: set });
  if (!u.stats.updated) throw new AppError('PROVIDERS.WRONG_STATE');
  const after: Referral = { ...r, ...set };
  await tellReferred(after, provider);
  return referralView(after, provider.phone);
};

/** The resident's 消息 (and WeChat where allowed): the provider's name and phone. Never throws. */
async function tellReferred(r: Referral, p: Provider): Promise<void> {
  const who = (await db.collection('users').where({ _id: r.residentId }).limit(1).get().catch(() => ({ data: [] }))).data[0] as User | undefined;
  const service = PROVIDER_SERVICE_LABELS[p.service];
  await notify({
    userId: r.residentId,
    openid: who?.openid ?? null,
    key: 'referralMade',
    title: `社区为您推荐了${service}师傅`,
    lines: [`您的需要：${r.need}`, `推荐师傅：${p.name}`, `联系电话：${p.phone}`, ...(p.priceNote ? [`收费说明：${p.priceNote}`] : []), '社区不经手费用，请和师傅当面讲好价钱；做完后请在「我的转介」里打个分'],
    page: 'providers/pages/mine/index',
    data: { thing1: `${service}：${r.need}`, thing2: p.name, phone_number3: p.phone },
    messageId: `referral-${r._id}`,
  }).catch((e) => console.warn(`[providers] notice failed: ${String(e)}`));
}

export const rate: Handler<typeof actions.rate> = async (input, { user }) => {
  const now = clockNow();
  const { referral, phone } = await withTransaction(async (t) => {
    const r = (await t.collection(REFERRALS).doc(input.referralId).get()).data as Referral | null;
    if (!r || r.residentId !== user._id) throw new AppError('PROVIDERS.REFERRAL_NOT_FOUND');
    if (r.status !== 'referred' || !r.providerId) throw new AppError('PROVIDERS.WRONG_STATE');
    const p = (await t.collection(PROVIDERS).doc(r.providerId).get()).data as Provider | null;
    const rating = { stars: input.stars, comment: input.comment ?? '', at: now };
    await t.collection(REFERRALS).doc(r._id).update({ data: { status: 'rated', rating } });
    if (p) {
      const count = p.ratingCount + 1;
      const sum = p.ratingSum + input.stars;
      await t.collection(PROVIDERS).doc(p._id).update({ data: { ratingCount: count, ratingSum: sum, flagged: isFlagged(count, sum) } });
    }
    return { referral: { ...r, status: 'rated' as const, rating }, phone: p?.phone ?? null };
  });
  return myReferral(referral, phone);
};

export const cancelReferral: Handler<typeof actions.cancelReferral> = async (input, { user }) => {
  const r = (await db.collection(REFERRALS).where({ _id: input.referralId }).limit(1).get()).data[0] as Referral | undefined;
  if (!r || (r.residentId !== user._id && !isStaffOf(user, r.communityId))) throw new AppError('PROVIDERS.REFERRAL_NOT_FOUND');
  if (r.status !== 'requested') throw new AppError('PROVIDERS.WRONG_STATE');
  const now = clockNow();
  const set = { status: 'cancelled' as const, cancelledAt: now, cancelledById: user._id };
  const u = await db.collection(REFERRALS).where({ _id: r._id, status: 'requested' }).update({ data: set });
  if (!u.stats.updated) throw new AppError('PROVIDERS.WRONG_STATE');
  return myReferral({ ...r, ...set }, null);
};

export const myReferrals: Handler<typeof actions.myReferrals> = async (_input, { user }) => {
  const { data } = await db.collection(REFERRALS).where({ residentId: user._id }).orderBy('askedAt', 'desc').limit(L.mineMax).get();
  const mine = (data as Referral[]).filter((r) => r.residentId === user._id);
  const phones = await phonesOf(user.communityId, mine.filter((r) => r.status === 'referred' || r.status === 'rated').map((r) => r.providerId));
  return mine.map((r) => myReferral(r, r.providerId ? (phones[r.providerId] ?? null) : null));
};

export const referrals: Handler<typeof actions.referrals> = async (input, { user }) => {
  const open: ReferralStatus[] = ['requested'];
  const { data } = await db
    .collection(REFERRALS)
    .where({ communityId: user.communityId, status: input.status })
    .orderBy('askedAt', open.includes(input.status) ? 'asc' : 'desc')
    .limit(L.listMax)
    .get();
  const list = (data as Referral[]).filter((r) => r.communityId === user.communityId);
  const phones = await phonesOf(user.communityId, list.map((r) => r.providerId));
  return list.map((r) => referralView(r, r.providerId ? (phones[r.providerId] ?? null) : null));
};
