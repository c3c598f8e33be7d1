/**
 * Trusted providers and referrals (找师傅, issue 22) through the real wx-server-sdk against the local
 * emulator: 王乐天 adds a checked 管道疏通 provider; residents read the directory without its phone,
 * staff with it; 赵建国 asks for a referral, 严婷 refers the provider, his 消息 and 我的转介 have the
 * name and phone (邹建庄's do not); he rates it once (two at once: one); ratings of different
 * referrals at once all count and write nothing but the referrals (a provider's figures are its
 * rated referrals); three poor ratings flag the provider (待复核) on the staff list; 停用 takes it
 * out of the directory; a resident cannot refer, read another's referral or rate it; another
 * community's staff find nothing; bad input changes nothing (the whole store compared). The round
 * trips of every resident action are pinned within docs/performance.md's budgets (a read ≤ 2, a
 * write ≤ 3, the router's read of the caller counted).
 */
import { codeOf, ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { ManageAnswer, MyReferral, ProviderEntry, ProviderView, ReferralView } from '../../cloudfunctions/providers/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';

let cloud: TestCloud;
const yan = openidOf('w-yan'); // 老城 grid worker
const wang = openidOf('a-wang'); // 老城 admin
const chen = openidOf('w-chen'); // 明珠社区 worker
const zhao = openidOf('r-zhao'); // 老城 resident
const zou = openidOf('r-zou'); // 老城 resident
const li = openidOf('r-li'); // 明珠 resident

const providers = <T>(event: object, who: string) => cloud.act<T>('providers', event, who);
let n = 0;
const rid = () => `req-provider-${++n}-xxxx`;
const PHONE = '13912345678';
const addProvider = (extra: object = {}) => ok(providers<ProviderView>({ action: 'saveProvider', name: '马师傅管道疏通', service: 'plumbing', phone: PHONE, area: '老城社区及周边', priceNote: '上门费30元', requestId: rid(), ...extra }, wang));
const askFor = (who: string, extra: object = {}) => providers<MyReferral>({ action: 'askReferral', ...('providerId' in extra ? {} : { service: 'plumbing' }), need: '厨房下水道堵了', requestId: rid(), ...extra }, who);
/** A referral of `who` referred to provider `providerId` by 严婷. */
async function referred(who: string, providerId: string): Promise<MyReferral> {
  const r = await ok(askFor(who));
  await ok(providers({ action: 'refer', referralId: r.id, providerId }, yan));
  return r;
}
const inbox = async (who: string) => (await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, who))).messages.filter((m) => m.kind === 'referralMade');

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

describe('directory → ask → refer → told → rate', () => {
  it("the phone: staff see it, residents don't — until a referral made for them", async () => {
    const p = await addProvider();
    expect(p).toMatchObject({ name: '马师傅管道疏通', serviceLabel: '管道疏通', verifiedByName: '王乐天', active: true, flagged: false, ratingAverage: null, phone: PHONE });
    const publicDir = await ok(providers<ProviderEntry[]>({ action: 'directory', service: 'plumbing' }, zhao));
    expect(publicDir.find((x) => x.id === p.id)).toMatchObject({ name: '马师傅管道疏通', phone: null });
    expect(JSON.stringify(publicDir)).not.toContain(PHONE);
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory' }, yan))).find((x) => x.id === p.id)?.phone).toBe(PHONE);
    // another community's residents do not see 老城's providers
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory' }, li))).map((x) => x.id)).not.toContain(p.id);

    const r = await ok(askFor(zhao));
    expect(r).toMatchObject({ status: 'requested', statusLabel: '等待社区推荐', providerName: null, providerPhone: null });
    const queue = await ok(providers<ReferralView[]>({ action: 'referrals', status: 'requested' }, yan));
    expect(queue.find((x) => x.id === r.id)).toMatchObject({ residentName: '赵建国', need: '厨房下水道堵了' });

    const made = await ok(providers<ReferralView>({ action: 'refer', referralId: r.id, providerId: p.id }, yan));
    expect(made).toMatchObject({ status: 'referred', providerName: '马师傅管道疏通', providerPhone: PHONE, referredByName: '严婷' });
    const told = await inbox(zhao);
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe('社区为您推荐了管道疏通师傅');
    expect(told[0].lines).toEqual(expect.arrayContaining(['推荐师傅：马师傅管道疏通', `联系电话：${PHONE}`]));
    const mine = await ok(providers<MyReferral[]>({ action: 'myReferrals' }, zhao));
    expect(mine.find((x) => x.id === r.id)).toMatchObject({ providerName: '马师傅管道疏通', providerPhone: PHONE });
    // 邹建庄 has no referral of it: the phone is nowhere in what he can read
    expect(JSON.stringify(await ok(providers({ action: 'myReferrals' }, zou)))).not.toContain(PHONE);
    expect(JSON.stringify(await ok(cloud.act('account', { action: 'myMessages' }, zou)))).not.toContain(PHONE);
    // the still-requested ask is no longer in the queue; refer again: the state moved
    expect(await codeOf(providers({ action: 'refer', referralId: r.id, providerId: p.id }, wang))).toBe('PROVIDERS.WRONG_STATE');

    const rated = await ok(providers<MyReferral>({ action: 'rate', referralId: r.id, stars: 5, comment: '来得快，修得好' }, zhao));
    expect(rated).toMatchObject({ status: 'rated', rating: { stars: 5, comment: '来得快，修得好' } });
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory' }, zhao))).find((x) => x.id === p.id)).toMatchObject({ ratingCount: 1, ratingAverage: 5 });
  });

  it('a resident may ask for a provider of the directory by name', async () => {
    const p = await addProvider({ name: '李师傅家电维修', service: 'applianceRepair' });
    const r = await ok(askFor(zou, { providerId: p.id, need: '洗衣机不转了' }));
    expect(r).toMatchObject({ serviceLabel: '家电维修', providerName: '李师傅家电维修', providerPhone: null });
  });
});

describe('ratings', () => {
  it('two ratings at once: one counts', async () => {
    const p = await addProvider({ name: '周师傅疏通' });
    const r = await referred(zhao, p.id);
    await Promise.all([1, 2, 3, 4].map(() => providers({ action: 'myReferrals' }, zhao)));
    const results = await Promise.all([5, 1, 4].map((stars) => codeOf(providers({ action: 'rate', referralId: r.id, stars }, zhao))));
    expect(results.filter((x) => x === 'ok')).toHaveLength(1);
    expect(results.filter((x) => x === 'PROVIDERS.WRONG_STATE')).toHaveLength(2);
    // the one rating is the referral's, and the provider counts exactly it
    const stored = cloud.db.find('referrals', { _id: r.id })[0] as unknown as { status: string; rating: { stars: number } };
    expect(stored.status).toBe('rated');
    const dir = await ok(providers<ProviderEntry[]>({ action: 'directory' }, zhao));
    expect(dir.find((x) => x.id === p.id)).toMatchObject({ ratingCount: 1, ratingAverage: stored.rating.stars });
    expect(await codeOf(providers({ action: 'rate', referralId: r.id, stars: 2 }, zhao))).toBe('PROVIDERS.WRONG_STATE');
  });

  it('ratings of different referrals at once all count (none lost); a rating writes the referral only', async () => {
    const p = await addProvider({ name: '钱师傅疏通' });
    const rs = [await referred(zhao, p.id), await referred(zou, p.id), await referred(zhao, p.id), await referred(zou, p.id)];
    const providersBefore = JSON.stringify(cloud.db.all('providers'));
    const results = await Promise.all(rs.map((r, i) => codeOf(providers({ action: 'rate', referralId: r.id, stars: [1, 2, 2, 5][i] }, i % 2 ? zou : zhao))));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok']);
    // nothing is stored on the provider: its figures are its rated referrals
    expect(JSON.stringify(cloud.db.all('providers'))).toBe(providersBefore);
    const m = await ok(providers<ManageAnswer>({ action: 'manage' }, yan));
    expect(m.providers.find((x) => x.id === p.id)).toMatchObject({ ratingCount: 4, ratingAverage: 2.5, flagged: true });
    expect(m.flagged.map((x) => x.id)).toContain(p.id);
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory', service: 'plumbing' }, zou))).find((x) => x.id === p.id)).toMatchObject({ ratingCount: 4, ratingAverage: 2.5 });
  });

  it('cannot rate before a provider was referred', async () => {
    const r = await ok(askFor(zhao));
    expect(await codeOf(providers({ action: 'rate', referralId: r.id, stars: 4 }, zhao))).toBe('PROVIDERS.WRONG_STATE');
  });

  it('an average below 3 over 3 ratings flags the provider (待复核) on the staff list; two ratings do not', async () => {
    const p = await addProvider({ name: '吴师傅疏通' });
    for (const stars of [2, 3]) {
      const r = await referred(zhao, p.id);
      await ok(providers({ action: 'rate', referralId: r.id, stars, comment: '一般' }, zhao));
    }
    expect((await ok(providers<ManageAnswer>({ action: 'manage' }, yan))).flagged.map((x) => x.id)).not.toContain(p.id);
    const r = await referred(zou, p.id);
    await ok(providers({ action: 'rate', referralId: r.id, stars: 2, comment: '没修好还多收钱' }, zou));
    const m = await ok(providers<ManageAnswer>({ action: 'manage' }, yan));
    expect(m.flagged.find((x) => x.id === p.id)).toMatchObject({ flagged: true, ratingCount: 3, ratingAverage: 2.3 });
    // another community's staff do not see it
    expect((await ok(providers<ManageAnswer>({ action: 'manage' }, chen))).providers.map((x) => x.id)).not.toContain(p.id);
  });
});

describe('停用 and edit', () => {
  it('a stopped provider leaves the directory, cannot be referred; an edit by the admin starts it again, re-checked', async () => {
    const p = await addProvider({ name: '郑师傅疏通' });
    const stopped = await ok(providers<ProviderView>({ action: 'deactivate', providerId: p.id, reason: '居民反映收费不清' }, wang));
    expect(stopped).toMatchObject({ active: false, deactivateReason: '居民反映收费不清' });
    expect(await codeOf(providers({ action: 'deactivate', providerId: p.id }, wang))).toBe('PROVIDERS.INACTIVE');
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory' }, zhao))).map((x) => x.id)).not.toContain(p.id);
    const r = await ok(askFor(zhao));
    const before = cloud.snapshot();
    expect(await codeOf(providers({ action: 'refer', referralId: r.id, providerId: p.id }, yan))).toBe('PROVIDERS.NOT_FOUND');
    expect(await codeOf(askFor(zhao, { providerId: p.id }))).toBe('PROVIDERS.NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
    const again = await ok(providers<ProviderView>({ action: 'saveProvider', providerId: p.id, name: '郑师傅疏通', service: 'plumbing', phone: '0991-1234567', area: '老城社区', priceNote: '明码标价', requestId: rid() }, wang));
    expect(again).toMatchObject({ active: true, phone: '0991-1234567', priceNote: '明码标价', deactivateReason: null });
  });
});

describe('who may', () => {
  it("a resident cannot refer, list the queue, read or rate another's referral; staff cannot ask", async () => {
    const p = await addProvider({ name: '冯师傅疏通' });
    const r = await ok(askFor(zhao));
    const before = cloud.snapshot();
    expect(await codeOf(providers({ action: 'refer', referralId: r.id, providerId: p.id }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(providers({ action: 'referrals', status: 'requested' }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(providers({ action: 'saveProvider', name: '假师傅', service: 'other', phone: '13900000000', area: '老城', priceNote: '', requestId: rid() }, yan))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(askFor(yan))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(providers({ action: 'cancelReferral', referralId: r.id }, zou))).toBe('PROVIDERS.REFERRAL_NOT_FOUND');
    expect((await ok(providers<MyReferral[]>({ action: 'myReferrals' }, zou))).map((x) => x.id)).not.toContain(r.id);
    expect(cloud.snapshot()).toBe(before);
    await ok(providers({ action: 'refer', referralId: r.id, providerId: p.id }, yan));
    const after = cloud.snapshot();
    expect(await codeOf(providers({ action: 'rate', referralId: r.id, stars: 1 }, zou))).toBe('PROVIDERS.REFERRAL_NOT_FOUND');
    expect(cloud.snapshot()).toBe(after);
  });

  it("another community's staff cannot refer 老城's referral nor with 老城's provider", async () => {
    const p = await addProvider({ name: '陈师傅疏通' });
    const r = await ok(askFor(zhao));
    const before = cloud.snapshot();
    expect(await codeOf(providers({ action: 'refer', referralId: r.id, providerId: p.id }, chen))).toBe('PROVIDERS.NOT_FOUND');
    expect((await ok(providers<ReferralView[]>({ action: 'referrals', status: 'requested' }, chen))).map((x) => x.id)).not.toContain(r.id);
    expect(await codeOf(providers({ action: 'cancelReferral', referralId: r.id }, chen))).toBe('PROVIDERS.REFERRAL_NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['a stars of 6', { action: 'rate', referralId: 'x', stars: 6 }],
    ['a stars of 2.5', { action: 'rate', referralId: 'x', stars: 2.5 }],
    ['both service and providerId', { action: 'askReferral', service: 'plumbing', providerId: 'x', need: '下水道堵了', requestId: 'req-bad-000001' }],
    ['a need of one character', { action: 'askReferral', service: 'plumbing', need: '堵', requestId: 'req-bad-000002' }],
    ['an unknown service', { action: 'directory', service: 'massage' }],
  ])('%s', async (_name, event) => {
    const before = cloud.snapshot();
    expect(await codeOf(providers(event, zhao))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });

  it('a phone with letters', async () => {
    const before = cloud.snapshot();
    expect(await codeOf(providers({ action: 'saveProvider', name: '马师傅', service: 'plumbing', phone: '139abc', area: '老城', priceNote: '', requestId: rid() }, wang))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('round trips', () => {
  it('a resident (the router\'s read of the caller counted): directory 2, myReferrals 1, askReferral 2, rate 2, cancelReferral 3; staff refer 7, manage 2', async () => {
    const p = await addProvider({ name: '卫师傅疏通' });
    await ok(providers({ action: 'directory' }, zhao)); // warm
    const trips = async (call: () => Promise<Envelope<unknown>>) => {
      const before = cloud.db.stats.requests;
      const r = await call();
      expect(r.ok).toBe(true);
      return cloud.db.stats.requests - before;
    };
    // some ratings already, so the figures are joined, not empty
    for (const stars of [2, 3]) {
      const r = await referred(zou, p.id);
      await ok(providers({ action: 'rate', referralId: r.id, stars }, zou));
    }
    const counts: Record<string, number> = {};
    counts.directory = await trips(() => providers({ action: 'directory', service: 'plumbing' }, zhao));
    let id = '';
    counts.askReferral = await trips(async () => {
      const r = await askFor(zhao);
      if (r.ok) id = r.data.id;
      return r;
    });
    counts.askByName = await trips(() => askFor(zhao, { providerId: p.id }));
    const toCancel = await ok(askFor(zhao));
    counts.cancelReferral = await trips(() => providers({ action: 'cancelReferral', referralId: toCancel.id }, zhao));
    counts.refer = await trips(() => providers({ action: 'refer', referralId: id, providerId: p.id }, yan));
    counts.myReferrals = await trips(() => providers({ action: 'myReferrals' }, zhao));
    counts.rate = await trips(() => providers({ action: 'rate', referralId: id, stars: 4 }, zhao));
    counts.manage = await trips(() => providers({ action: 'manage' }, yan));
    counts.referrals = await trips(() => providers({ action: 'referrals', status: 'rated' }, yan));
    expect(counts).toEqual({ directory: 2, askReferral: 2, askByName: 2, cancelReferral: 3, refer: 7, myReferrals: 1, rate: 2, manage: 2, referrals: 2 });
    // the budgets (docs/performance.md): a resident's read ≤ 2, a write ≤ 3
    for (const read of ['directory', 'myReferrals']) expect(counts[read]).toBeLessThanOrEqual(2);
    for (const write of ['askReferral', 'askByName', 'rate', 'cancelReferral']) expect(counts[write]).toBeLessThanOrEqual(3);
    // the figures came with the reads: 卫师傅 2 ratings + this one
    expect((await ok(providers<ProviderEntry[]>({ action: 'directory' }, zhao))).find((x) => x.id === p.id)).toMatchObject({ ratingCount: 3, ratingAverage: 3 });
  });

  it('a repeated ask answers the first in 3 requests, even when its provider has stopped since', async () => {
    const p = await addProvider({ name: '蒋师傅疏通' });
    const requestId = rid();
    const first = await ok(askFor(zhao, { providerId: p.id, requestId }));
    const before = cloud.db.stats.requests;
    expect(await ok(askFor(zhao, { providerId: p.id, requestId }))).toEqual(first);
    expect(cloud.db.stats.requests - before).toBe(3);
    await ok(providers({ action: 'deactivate', providerId: p.id }, wang));
    expect(await ok(askFor(zhao, { providerId: p.id, requestId }))).toEqual(first);
    expect(await codeOf(askFor(zhao, { providerId: p.id, requestId, need: '别的事情' }))).toBe('COMMON.REQUEST_REUSED');
    expect(cloud.db.find('referrals', { requestKey: `r-zhao:${requestId}` })).toHaveLength(1);
  });
});
