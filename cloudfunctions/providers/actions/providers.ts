/**
 * Trusted providers and referrals (找师傅, issue 22): the directory (phone to staff only), admins'
 * add/edit/停用, a resident's ask, staff's 推荐 (the resident told name and phone in 消息), the
 * resident's one rating (flagging poorly rated providers), the lists. The rules are in `contract.ts`.
 *
 * Ratings have one record: the rated referral. `rate` is one conditional update of the referral
 * (`status: 'referred'` → `'rated'` with its `rating`): atomic on the one document, so two taps at
 * once rate once, and nothing else is written — nothing can be half-written. A provider's count,
 * average and 待复核 flag are worked out where they are read, from its rated referrals, by a `$lookup`
 * in the same aggregation as the providers (`shared/providerRatings.ts`; console.stats uses the same
 * stage). Nothing is stored on the provider that could disagree with them (the old
 * `ratingCount`/`ratingSum`/`flagged` fields of records written before are not read).
 *
 * Round trips (database requests, the router's read of the caller included; WeChat's own APIs not
 * counted; the resident budgets of docs/performance.md: a read ≤ 2, a write ≤ 3):
 * - `directory` 2: the caller; the providers with their ratings (one aggregation). `manage` 2 the same.
 * - `myReferrals` 1: the referrals with their providers come with the caller (`preloadMine`).
 * - `referrals` (staff) 2: the caller; the referrals with their providers (one aggregation).
 * - `askReferral` 2: the caller (with the provider asked for by name, `preloadAsk`); the insert. A
 *   repeated `requestId` meets the unique `requestKey` (3: the first ask is read and answered).
 * - `rate` 2: the caller with the referral and its provider (`preloadRate`); the conditional update.
 * - `cancelReferral` 3: the caller, the referral, the conditional update on `requested`.
 * - `saveProvider`: the caller, an earlier save of the request or the provider edited, the write.
 * - `deactivate`: the caller, the provider, the conditional update on `active`.
 * - `refer`: the caller, the referral and the provider (2 at once), the conditional update on
 *   `requested`, the resident's record and the message (2 at once): 7 requests in 5 round trips.
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import { newDocId } from '../../shared/ids';
import type { Provider, Referral, ReferralStatus, User } from '../../shared/model';
import { isResident, isStaffOf } from '../../shared/policy';
import { ratingsLookup, ratingsOf, type RatingsRow } from '../../shared/providerRatings';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { preloadOf, type LoadedUser, type Preload } from '../../shared/users';
import { PROVIDER_SERVICE_LABELS, REFERRAL_STATUS_LABELS } from '../../shared/vocabulary/providers';
import type { actions, MyReferral, ProviderEntry, ProviderView, ReferralView } from '../contract';
import { PROVIDERS_LIMITS as L } from '../limits';

const PROVIDERS = 'providers';
const REFERRALS = 'referrals';
const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** A provider with its ratings (`ratings`: the row of `shared/providerRatings.ts` `ratingsLookup`; absent or empty: none). */
type RatedProvider = Provider & { ratings?: RatingsRow[] };
/** A referral with its provider joined (`provider`: the provider named, empty when none). */
type JoinedReferral = Referral & { provider?: Provider[] };

/** The join of a referral's provider (the `$lookup` by `providerId`). */
const PROVIDER_JOIN = { from: PROVIDERS, localField: 'providerId', foreignField: '_id', as: 'provider' };

/** The phone of the provider joined to `r` (null when none, or of another community than the referral's). */
function joinedPhone(r: JoinedReferral): string | null {
  const p = r.provider?.find((x) => x._id === r.providerId && x.communityId === r.communityId);
  return p?.phone ?? null;
}

/** `r` without its joined provider (the stored referral). */
function stored(r: JoinedReferral): Referral {
  const { provider: _p, ...rest } = r;
  void _p;
  return rest;
}

/** Provider `p` in the directory; `phone`: whether the reader may see it (staff). */
function entry(p: RatedProvider, phone: boolean): ProviderEntry {
  const rated = ratingsOf(p.ratings);
  return {
    id: p._id,
    name: p.name,
    service: p.service,
    serviceLabel: PROVIDER_SERVICE_LABELS[p.service],
    area: p.area,
    priceNote: p.priceNote,
    verifiedByName: p.verifiedByName,
    verifiedAt: iso(p.verifiedAt)!,
    ratingCount: rated.count,
    ratingAverage: rated.average,
    phone: phone ? p.phone : null,
  };
}

/** Provider `p` as staff manage it (`flagged`: 待复核 by its ratings). */
function providerView(p: RatedProvider): ProviderView {
  return { ...entry(p, true), phone: p.phone, active: p.active, flagged: ratingsOf(p.ratings).flagged, deactivateReason: p.deactivateReason ?? null };
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

/**
 * The providers of community `communityId` matching `match`, by name (≤ `directoryMax`), each with
 * its ratings: one aggregation (the `$lookup` of `shared/providerRatings.ts` after the `$limit`).
 */
async function ratedProviders(communityId: string, match: Record<string, unknown>): Promise<RatedProvider[]> {
  const { list } = await db.collection(PROVIDERS).aggregate().match({ communityId, ...match }).sort({ name: 1 }).limit(L.directoryMax).lookup(ratingsLookup('ratings').$lookup).end();
  return (list as RatedProvider[]).filter((p) => p.communityId === communityId);
}

/**
 * The provider `providerId` of the caller's community (else PROVIDERS.NOT_FOUND): one request;
 * `withRatings`: with its ratings (an aggregation), for the answers that show them.
 */
async function providerOf(user: LoadedUser, providerId: string, withRatings = false): Promise<RatedProvider> {
  const p = withRatings
    ? (await ratedProviders(user.communityId, { _id: providerId }))[0]
    : ((await db.collection(PROVIDERS).where({ _id: providerId, communityId: user.communityId }).limit(1).get()).data[0] as Provider | undefined);
  if (!p || p.communityId !== user.communityId) throw new AppError('PROVIDERS.NOT_FOUND');
  return p;
}

export const directory: Handler<typeof actions.directory> = async (input, { user }) => {
  const staff = isStaffOf(user, user.communityId);
  const list = await ratedProviders(user.communityId, { active: true, ...(input.service ? { service: input.service } : {}) });
  return list.filter((p) => p.active).map((p) => entry(p, staff));
};

export const manage: Handler<typeof actions.manage> = async (_input, { user }) => {
  const providers = (await ratedProviders(user.communityId, {})).map(providerView);
  return { providers, flagged: providers.filter((p) => p.active && p.flagged) };
};

export const saveProvider: Handler<typeof actions.saveProvider> = async (input, { user }) => {
  const now = clockNow();
  const fields = { name: input.name, service: input.service, phone: input.phone, area: input.area, priceNote: input.priceNote };
  const checked = { verifiedById: user._id, verifiedByName: user.name, verifiedAt: now };
  if (input.providerId) {
    const p = await providerOf(user, input.providerId, true);
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
  const p: Provider = { _id: newDocId(), communityId: user.communityId, ...fields, ...checked, active: true, createdAt: now, requestKey: key, requestHash: hash };
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
  const p = await providerOf(user, input.providerId, true);
  if (!p.active) throw new AppError('PROVIDERS.INACTIVE');
  const now = clockNow();
  const set = { active: false, deactivatedAt: now, ...(input.reason ? { deactivateReason: input.reason } : {}) };
  const r = await db.collection(PROVIDERS).where({ _id: p._id, communityId: user.communityId, active: true }).update({ data: set });
  if (!r.stats.updated) throw new AppError('PROVIDERS.INACTIVE');
  return providerView({ ...p, ...set });
};

/** Preload of `askReferral`: the provider asked for by name, of the caller's community (none for an ask by service). */
export const preloadAsk = (input: Input<typeof actions.askReferral>): { provider?: Preload<Provider> } =>
  'providerId' in input ? { provider: preloadOf<Provider>({ from: PROVIDERS, match: { _id: input.providerId }, sameAsCaller: { communityId: 'communityId' } }) } : {};

/** The ask of request `key` already stored, answered if it is the same request (else COMMON.REQUEST_REUSED); undefined when none. */
async function earlierAsk(key: string, hash: string): Promise<MyReferral | undefined> {
  const earlier = (await db.collection(REFERRALS).where({ requestKey: key }).limit(1).get()).data[0] as Referral | undefined;
  return earlier ? myReferral(sameRequest(earlier, hash), null) : undefined;
}

export const askReferral: Handler<typeof actions.askReferral, PreloadsOf<typeof preloadAsk>> = async (input, { user, preloaded }) => {
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash('providerId' in input ? { providerId: input.providerId, need: input.need } : { service: input.service, need: input.need });
  let asked: Provider | null = null;
  if ('providerId' in input) {
    const found = preloaded ? preloaded.provider?.[0] : await providerOf(user, input.providerId).catch(() => undefined);
    if (!found || found.communityId !== user.communityId || !found.active) {
      // a repeated request whose provider has since stopped still answers the first ask
      const first = await earlierAsk(key, hash);
      if (first) return first;
      throw new AppError('PROVIDERS.NOT_FOUND');
    }
    asked = found;
  }
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
  // the unique requestKey finds a repeated request: no read before the insert
  try {
    await db.collection(REFERRALS).add({ data: r });
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const first = await earlierAsk(key, hash);
    if (!first) throw e;
    return first;
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

/** Preload of `rate`: the caller's referral `referralId`, with its provider (for the phone in the answer). */
export const preloadRate = (input: { referralId: string }) => ({
  referral: preloadOf<JoinedReferral>({ from: REFERRALS, match: { _id: input.referralId }, sameAsCaller: { residentId: '_id' }, join: PROVIDER_JOIN }),
});

/** The resident `residentId`'s referral `referralId` with its provider, or undefined: one aggregation (when nothing was preloaded). */
async function joinedReferral(residentId: string, referralId: string): Promise<JoinedReferral | undefined> {
  const { list } = await db.collection(REFERRALS).aggregate().match({ _id: referralId, residentId }).limit(1).lookup(PROVIDER_JOIN).end();
  return list[0] as JoinedReferral | undefined;
}

export const rate: Handler<typeof actions.rate, PreloadsOf<typeof preloadRate>> = async (input, { user, preloaded }) => {
  const r = preloaded ? preloaded.referral[0] : await joinedReferral(user._id, input.referralId);
  if (!r || r.residentId !== user._id) throw new AppError('PROVIDERS.REFERRAL_NOT_FOUND');
  if (r.status !== 'referred' || !r.providerId) throw new AppError('PROVIDERS.WRONG_STATE');
  const rating = { stars: input.stars, comment: input.comment ?? '', at: clockNow() };
  // one conditional update: of taps at once (or a retry), only the first finds it still `referred`
  const u = await db.collection(REFERRALS).where({ _id: r._id, residentId: user._id, status: 'referred' }).update({ data: { status: 'rated', rating } });
  if (!u.stats.updated) throw new AppError('PROVIDERS.WRONG_STATE');
  return myReferral({ ...stored(r), status: 'rated', rating }, joinedPhone(r));
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

/** Preload of `myReferrals`: the caller's referrals, newest first (≤ `mineMax`), each with its provider. */
export const preloadMine = () => ({
  mine: preloadOf<JoinedReferral>({ from: REFERRALS, match: {}, sameAsCaller: { residentId: '_id' }, sort: { askedAt: -1 }, limit: L.mineMax, join: PROVIDER_JOIN }),
});

export const myReferrals: Handler<typeof actions.myReferrals, PreloadsOf<typeof preloadMine>> = async (_input, { user, preloaded }) => {
  const rows = preloaded
    ? preloaded.mine
    : ((await db.collection(REFERRALS).aggregate().match({ residentId: user._id }).sort({ askedAt: -1 }).limit(L.mineMax).lookup(PROVIDER_JOIN).end()).list as JoinedReferral[]);
  return rows.filter((r) => r.residentId === user._id).map((r) => myReferral(stored(r), joinedPhone(r)));
};

export const referrals: Handler<typeof actions.referrals> = async (input, { user }) => {
  const open: ReferralStatus[] = ['requested'];
  const { list } = await db
    .collection(REFERRALS)
    .aggregate()
    .match({ communityId: user.communityId, status: input.status })
    .sort({ askedAt: open.includes(input.status) ? 1 : -1 })
    .limit(L.listMax)
    .lookup(PROVIDER_JOIN)
    .end();
  return (list as JoinedReferral[]).filter((r) => r.communityId === user.communityId).map((r) => referralView(stored(r), joinedPhone(r)));
};
