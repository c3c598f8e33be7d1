/**
 * The demo's trusted providers and referrals (找师傅, issue 22; `npm start` only, with the demo
 * tickets), written directly as documents of the model types (`cloudfunctions/shared/model.ts`
 * `Provider`, `Referral`), every time relative to the seed's clock `now`: two providers of 老城社区
 * checked by 王乐天 (a-wang) 20 days ago — 李师傅家电维修 (家电维修) and 马师傅管道疏通 (管道疏通) — and
 * one referral of 赵建国 (r-zhao, 洗衣机不脱水) referred to 李师傅 by 严婷 (w-yan) 6 days ago and rated
 * 5 stars 4 days ago (李师傅's one rating: ratings are counted from the rated referrals).
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { Provider, Referral } from '../../cloudfunctions/shared/model';

const DAY = 24 * 3_600_000;
const CID = 'c-laocheng';

/** The seeded providers and referral, for tests and the walk-through. */
export const DEMO_PROVIDERS = {
  repair: { id: 'provider-demo-li-repair', name: '李师傅家电维修', phone: '13909910001' },
  plumbing: { id: 'provider-demo-ma-plumbing', name: '马师傅管道疏通', phone: '13909910002' },
  ratedReferral: { id: 'referral-demo-zhao-washer', stars: 5 },
} as const;

/** The demo's providers and referral (pure; see the module notes). */
export function demoProviders(now: Date): { providers: Provider[]; referrals: Referral[] } {
  const checked = new Date(now.getTime() - 20 * DAY);
  const base = { communityId: CID, verifiedById: 'a-wang', verifiedByName: '王乐天', verifiedAt: checked, active: true, createdAt: checked };
  const repair: Provider = {
    ...base,
    _id: DEMO_PROVIDERS.repair.id,
    name: DEMO_PROVIDERS.repair.name,
    service: 'applianceRepair',
    phone: DEMO_PROVIDERS.repair.phone,
    area: '老城社区及周边',
    priceNote: '上门检查30元，修好了不收检查费',
    requestKey: `a-wang:seed-${DEMO_PROVIDERS.repair.id}`,
  };
  const plumbing: Provider = {
    ...base,
    _id: DEMO_PROVIDERS.plumbing.id,
    name: DEMO_PROVIDERS.plumbing.name,
    service: 'plumbing',
    phone: DEMO_PROVIDERS.plumbing.phone,
    area: '老城社区',
    priceNote: '疏通一次50元起，先说价再干活',
    requestKey: `a-wang:seed-${DEMO_PROVIDERS.plumbing.id}`,
  };
  const asked = new Date(now.getTime() - 7 * DAY);
  const referral: Referral = {
    _id: DEMO_PROVIDERS.ratedReferral.id,
    communityId: CID,
    service: 'applianceRepair',
    providerId: repair._id,
    providerName: repair.name,
    residentId: 'r-zhao',
    residentName: '赵建国',
    need: '洗衣机不脱水，转两下就停',
    status: 'rated',
    askedAt: asked,
    referredById: 'w-yan',
    referredByName: '严婷',
    referredAt: new Date(now.getTime() - 6 * DAY),
    rating: { stars: DEMO_PROVIDERS.ratedReferral.stars, comment: '第二天就来了，换了个零件，收费清楚', at: new Date(now.getTime() - 4 * DAY) },
    requestKey: `r-zhao:seed-${DEMO_PROVIDERS.ratedReferral.id}`,
  };
  return { providers: [repair, plumbing], referrals: [referral] };
}

/** Writes the demo's providers and referral (see the module notes). */
export function seedDemoProviders(db: LocalDatabase, now = new Date()): void {
  const { providers, referrals } = demoProviders(now);
  for (const c of ['providers', 'referrals']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.insert('providers', providers as never);
  db.insert('referrals', referrals as never);
}
