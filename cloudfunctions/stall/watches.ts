/**
 * The `productWatches` collection's one home: a resident's "tell me when someone sells it" (`watch`)
 * and the telling (`notifyWatchers`, after a vendor gets a stall). A watch's `_id` is derived from
 * the resident, the day and the product, so asking twice keeps one watch.
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { notify } from '../shared/consent';
import type { ProductWatch, Vendor } from '../shared/model';
import type { LoadedUser } from '../shared/users';
import { DEFAULT_MARKET } from './days';
import { sells } from './domain/goods';

/** Records that `user` watches `product` (normalized) for market day `date`; a second watch of the same is no change. 1 write. */
export async function addWatch(user: LoadedUser, product: string, date: string): Promise<void> {
  const _id = `${user._id}_${date}_${product}`.replace(/[^A-Za-z0-9_-]/g, (c) => c.codePointAt(0)!.toString(16));
  try {
    await db.collection('productWatches').add({ data: { _id, communityId: user.communityId, userId: user._id, openid: user.openid, product, date, createdAt: db.serverDate() } });
  } catch (e) {
    if (!isDuplicateKey(e, '_id')) throw e;
  }
}

/**
 * Tells residents watching a product that a vendor registered it for the coming market: their
 * inbox, and WeChat as far as they allowed (`shared/consent.ts` `notify`; never throws). Each watch
 * is told once (a conditional write marks it first). `known`: the day's watches, if preloaded (else one read).
 */
export async function notifyWatchers(vendor: Vendor, date: string, known?: ProductWatch[]): Promise<void> {
  try {
    const watches = known ?? ((await db.collection('productWatches').where({ communityId: vendor.communityId, date }).limit(200).get()).data as ProductWatch[]);
    for (const w of watches.filter((x) => x.date === date && x.communityId === vendor.communityId && !x.notifiedAt)) {
      if (!(vendor.goods ?? []).some((g) => sells(g, w.product))) continue;
      const r = await db.collection('productWatches').where({ _id: w._id, notifiedAt: db.command.exists(false) }).update({ data: { notifiedAt: db.serverDate() } });
      if ((r.stats?.updated ?? 0) !== 1) continue;
      const seller = `${vendor.name}（${(vendor.goods ?? []).join('、')}）`;
      const when = `${date} ${DEFAULT_MARKET.start}`;
      await notify({
        userId: w.userId,
        openid: w.openid,
        key: 'productRegistered',
        title: `${w.product}有人卖了`,
        lines: [`摊主：${seller}`, `集市时间：${when}`],
        page: 'pages/index/index',
        data: { thing1: `${w.product}有人卖了`, thing2: seller, time3: when },
      });
    }
  } catch (e) {
    console.warn(`[vendor] watcher notification failed: ${String(e)}`);
  }
}
