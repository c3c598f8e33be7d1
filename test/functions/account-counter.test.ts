/**
 * Residents without WeChat at the counter (代登记), linking their own WeChat later, and verifying
 * self-registered residents — through the real wx-server-sdk against the local cloud.
 *
 * 严婷 (w-yan) and 王乐天 (a-wang) are staff of 老城社区 (estate e-bishan); 陈晓丹 (w-chen) is staff of
 * 明珠社区; 邹建庄 (r-zou) is a resident of 老城社区.
 */
import { openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { LinkCode, Profile, ResidentCard } from '../../cloudfunctions/account/contract';
import { CODE_ALPHABET } from '../../cloudfunctions/shared/codes';

let cloud: TestCloud;
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
const chen = openidOf('w-chen');
const zou = openidOf('r-zou');

type Me = { registered: false } | { registered: true; user: Profile };

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

let seq = 0;
/** A registerFor event for 老城社区's 壁山丽景小区 (each call a fresh requestId unless given). */
function registration(fields: Record<string, unknown> = {}) {
  seq += 1;
  return {
    action: 'registerFor',
    name: '孙桂英',
    estateId: 'e-bishan',
    building: '1号楼',
    unit: '1单元',
    room: '101',
    requestId: `reg-test-${String(seq).padStart(4, '0')}`,
    consent: { spoken: true, note: '本人在柜台口头同意' },
    ...fields,
  };
}

async function ok<T>(p: Promise<Envelope<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
}

const users = (query: Record<string, unknown>) => cloud.db.find('users', query);
/** A stored instant (the emulator's Dates come from another realm than the test's `Date`). */
const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';

describe('registering a resident without WeChat at the counter (registerFor)', () => {
  let sun: ResidentCard;

  it('two residents without WeChat coexist: each gets its own placeholder OPENID, never null', async () => {
    sun = await ok(cloud.act<ResidentCard>('account', registration(), yan));
    expect(sun).toMatchObject({ name: '孙桂英', address: '壁山丽景小区1号楼1单元101', hasPhone: false, hasWeChat: false, verified: true, duplicateOf: [] });
    const qian = await ok(cloud.act<ResidentCard>('account', registration({ name: '钱玉梅', building: '2号楼', room: '202', phone: '13800001111', called: '钱阿姨' }), yan));
    expect(qian).toMatchObject({ name: '钱玉梅', called: '钱阿姨', phoneMasked: '138****1111', hasPhone: true, hasWeChat: false, verified: true });

    const [a] = users({ _id: sun.id });
    const [b] = users({ _id: qian.id });
    expect(a.openid).toBe(`nowechat:${sun.id}`);
    expect(b.openid).toBe(`nowechat:${qian.id}`);
    expect(users({ openid: null })).toEqual([]);
    expect(a).toMatchObject({
      role: 'resident',
      communityId: 'c-laocheng',
      home: { estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' },
      verified: true,
      verifiedBy: 'w-yan',
      registeredBy: { id: 'w-yan', name: '严婷' },
      consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷', note: '本人在柜台口头同意' },
    });
    expect(isDate(a.verifiedAt)).toBe(true);
    expect(isDate(a.createdAt)).toBe(true);

    // found at the counter like anyone else, marked verified, and open to bookings for them
    const found = await ok(cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '孙桂英' }, yan));
    expect(found).toEqual([expect.objectContaining({ id: sun.id, verified: true, hasWeChat: false, duplicateOf: [] })]);
    expect(await cloud.act('market', { action: 'bookingsFor', residentId: sun.id }, yan)).toEqual({ ok: true, data: [] });
  });

  it('a repeated requestId gives one record, also when the repeats race', async () => {
    const event = registration({ name: '周桂兰', building: '3号楼', room: '303' });
    const first = await ok(cloud.act<ResidentCard>('account', event, yan));
    const again = await ok(cloud.act<ResidentCard>('account', event, yan));
    expect(again.id).toBe(first.id);
    const racing = registration({ name: '吴秀珍', building: '4号楼', room: '404' });
    const results = await Promise.all(Array.from({ length: 6 }, () => cloud.act<ResidentCard>('account', racing, yan)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.data.id)).size).toBe(1);
    expect(users({ name: '周桂兰' })).toHaveLength(1);
    expect(users({ name: '吴秀珍' })).toHaveLength(1);
  });

  it('the same requestId with another payload is refused, and nothing is written', async () => {
    const event = registration({ name: '郑淑芬', building: '5号楼', room: '505' });
    await ok(cloud.act('account', event, yan));
    const before = cloud.snapshot();
    for (const other of [{ name: '郑淑华' }, { room: '506' }, { phone: '13800002222' }]) {
      expect(await cloud.act('account', { ...event, ...other }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.REQUEST_REUSED' } });
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('a record with the same name and address is refused with the possible duplicates, and made only when staff confirm', async () => {
    const before = cloud.snapshot();
    // the same home written a little differently is the same home
    const twin = registration({ unit: '1 单元', room: '１０１室' });
    const refused = await cloud.act('account', twin, yan);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'COUNTER.POSSIBLE_DUPLICATE', details: { duplicates: [{ id: sun.id, name: '孙桂英', address: '壁山丽景小区1号楼1单元101', verified: true }] } },
    });
    expect(cloud.snapshot()).toBe(before);

    const made = await ok(cloud.act<ResidentCard>('account', { ...twin, confirmDuplicate: true }, yan));
    expect(made.id).not.toBe(sun.id);
    expect(made.duplicateOf).toEqual([{ id: sun.id, name: '孙桂英', address: '壁山丽景小区1号楼1单元101', verified: true }]);
    // at the counter both are flagged, pointing at each other
    const found = await ok(cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '孙桂英' }, yan));
    expect(found).toHaveLength(2);
    for (const card of found) expect(card.duplicateOf.map((d) => d.id)).toEqual([card.id === sun.id ? made.id : sun.id]);
    expect(await ok(cloud.act<ResidentCard>('account', { action: 'getResident', residentId: sun.id }, yan))).toMatchObject({ duplicateOf: [{ id: made.id }] });
    // the same name at another address is not a duplicate
    const elsewhere = await ok(cloud.act<ResidentCard>('account', registration({ building: '6号楼' }), yan));
    expect(elsewhere.duplicateOf).toEqual([]);
  });

  it('needs the resident’s spoken consent', async () => {
    const before = cloud.snapshot();
    expect(await cloud.act('account', registration({ name: '冯德明', consent: { spoken: false } }), yan)).toMatchObject({ ok: false, error: { code: 'COUNTER.CONSENT_REQUIRED' } });
    expect(await cloud.act('account', { ...registration({ name: '冯德明' }), consent: undefined }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('is for staff of the estate’s community only', async () => {
    const before = cloud.snapshot();
    expect(await cloud.act('account', registration({ name: '冯德明' }), chen)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('account', registration({ name: '冯德明' }), zou)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('account', registration({ name: '冯德明' }), 'wx-unknown-visitor')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
    expect(await cloud.act('account', registration({ name: '冯德明', estateId: 'e-nowhere' }), yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ESTATE_NOT_FOUND' } });
    expect(await cloud.act('account', registration({ name: '冯德明', building: '9号楼' }), yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ESTATE_NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses invisible and control characters in every text, and writes nothing', async () => {
    const before = cloud.snapshot();
    for (const bad of [{ name: '赵\u202e国建' }, { name: '赵建\u200b国' }, { name: '赵建国\u0000' }, { room: '301\u2066' }, { called: '赵\u200d大爷' }, { consent: { spoken: true, note: '同意\u202a' } }]) {
      const r = await cloud.act('account', registration(bad), yan);
      expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    }
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('linking a resident’s own WeChat (requestLink → confirmLink)', () => {
  const visitor = 'wx-visitor-link-01';
  let resident: ResidentCard;
  let other: ResidentCard;

  beforeAll(async () => {
    resident = await ok(cloud.act<ResidentCard>('account', registration({ name: '褚海燕', building: '3号楼', room: '101' }), yan));
    other = await ok(cloud.act<ResidentCard>('account', registration({ name: '卫长福', building: '3号楼', room: '102' }), yan));
  });

  it('end to end: the visitor asks for a code, staff confirm it, and the visitor is the resident', async () => {
    expect(await ok(cloud.act<Me>('account', { action: 'me' }, visitor))).toEqual({ registered: false, unreadMessages: 0 });
    const link = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, visitor));
    expect(link.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(link.minutes).toBe(15);
    const left = new Date(link.expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(14 * 60_000);
    expect(left).toBeLessThanOrEqual(15 * 60_000);
    // asking again shows the same code
    expect(await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, visitor))).toEqual(link);
    expect(cloud.db.find('linkRequests', { openid: visitor })).toHaveLength(1);

    // staff type it as they hear it: lower case, with a space
    const typed = `${link.code.slice(0, 3).toLowerCase()} ${link.code.slice(3)}`;
    const card = await ok(cloud.act<ResidentCard>('account', { action: 'confirmLink', residentId: resident.id, code: typed }, yan));
    expect(card).toMatchObject({ id: resident.id, name: '褚海燕', hasWeChat: true, verified: true });
    expect(users({ _id: resident.id })[0]).toMatchObject({ openid: visitor, linkedBy: 'w-yan' });
    const used = cloud.db.find('linkRequests', { openid: visitor })[0];
    expect(used).toMatchObject({ usedBy: 'w-yan', usedFor: resident.id });
    expect(isDate(used.usedAt)).toBe(true);

    const me = await ok(cloud.act<Me>('account', { action: 'me' }, visitor));
    expect(me).toMatchObject({ registered: true, user: { id: resident.id, name: '褚海燕', verified: true, home: { building: '3号楼', room: '101' } } });
    // now registered: no more codes, no second registration
    expect(await cloud.act('account', { action: 'requestLink' }, visitor)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_REGISTERED' } });
    expect(await cloud.act('account', { action: 'register', name: '褚海燕', estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '101' }, visitor)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_REGISTERED' } });
    // a retry of the same confirmation answers as the first time
    expect(await cloud.act('account', { action: 'confirmLink', residentId: resident.id, code: link.code }, yan)).toMatchObject({ ok: true, data: { id: resident.id, hasWeChat: true } });

    // the code is consumed: it cannot link another record
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: link.code }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.LINK_CODE_USED' } });
    expect(cloud.snapshot()).toBe(before);
    // a linked record, or one that always had WeChat, cannot be linked again
    const second = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, 'wx-visitor-link-02'));
    const before2 = cloud.snapshot();
    expect(await cloud.act('account', { action: 'confirmLink', residentId: resident.id, code: second.code }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_LINKED' } });
    expect(await cloud.act('account', { action: 'confirmLink', residentId: 'r-zou', code: second.code }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_LINKED' } });
    expect(cloud.snapshot()).toBe(before2);
  });

  it('refuses unknown and expired codes with their own codes, writing nothing', async () => {
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: 'AAAAAA' }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.LINK_CODE_NOT_FOUND' } });
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: '$ne' }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: { $ne: '' } }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.snapshot()).toBe(before);

    const link = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, 'wx-visitor-late-01'));
    // 16 minutes later
    cloud.db.modify('linkRequests', { queryType: 'WHERE', query: { code: link.code }, data: { $set: { expiresAt: new Date(Date.now() - 60_000) } }, multi: false, merge: true, upsert: false });
    const expired = cloud.snapshot();
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: link.code }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.LINK_CODE_EXPIRED' } });
    expect(cloud.snapshot()).toBe(expired);
    // the visitor asks again and gets a new code
    const fresh = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, 'wx-visitor-late-01'));
    expect(fresh.code).not.toBe(link.code);
  });

  it('staff of another community, residents and strangers cannot link', async () => {
    const link = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, 'wx-visitor-stranger-01'));
    const before = cloud.snapshot();
    const ev = { action: 'confirmLink', residentId: other.id, code: link.code };
    expect(await cloud.act('account', ev, chen)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(await cloud.act('account', ev, zou)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('account', ev, 'wx-visitor-stranger-01')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('an OPENID that is already registered cannot be linked', async () => {
    expect(await cloud.act('account', { action: 'requestLink' }, zou)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_REGISTERED' } });
    // asked for a code, then registered themselves before staff confirmed
    const v = 'wx-visitor-self-01';
    const link = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, v));
    await ok(cloud.act('account', { action: 'register', name: '蒋大伟', estateId: 'e-bishan', building: '1号楼', unit: '2单元', room: '201' }, v));
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'confirmLink', residentId: other.id, code: link.code }, yan)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.WECHAT_ALREADY_REGISTERED' } });
    expect(cloud.snapshot()).toBe(before);
    expect(users({ openid: v })).toHaveLength(1);
  });

  it('two staff confirming two codes for the same resident at once: exactly one link', async () => {
    for (let round = 0; round < 4; round += 1) {
      const target = await ok(cloud.act<ResidentCard>('account', registration({ name: `韩${'一二三四'[round]}`, building: '4号楼', room: `10${round}` }), yan));
      const [v1, v2] = [`wx-race-${round}-a`, `wx-race-${round}-b`];
      const [c1, c2] = await Promise.all([v1, v2].map((v) => ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, v))));
      const results = await Promise.all([
        cloud.act('account', { action: 'confirmLink', residentId: target.id, code: c1.code }, yan),
        cloud.act('account', { action: 'confirmLink', residentId: target.id, code: c2.code }, wang),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ALREADY_LINKED' } });
      const [record] = users({ _id: target.id });
      const winner = results[0].ok ? v1 : v2;
      expect(record.openid).toBe(winner);
      expect(users({ openid: { $in: [v1, v2] } })).toHaveLength(1);
      // the losing code was not used up: it links nothing, but is not burnt either
      const losing = cloud.db.find('linkRequests', { openid: winner === v1 ? v2 : v1 })[0];
      expect(losing.usedAt ?? null).toBeNull();
    }
  });

  it('one code confirmed for two residents at once: exactly one of them gets the WeChat', async () => {
    for (let round = 0; round < 4; round += 1) {
      const [a, b] = await Promise.all(
        ['a', 'b'].map((x) => ok(cloud.act<ResidentCard>('account', registration({ name: `秦${x}${round}`, building: '5号楼', room: `2${round}${x}` }), yan))),
      );
      const v = `wx-race-one-${round}`;
      const { code } = await ok(cloud.act<LinkCode>('account', { action: 'requestLink' }, v));
      const results = await Promise.all([
        cloud.act('account', { action: 'confirmLink', residentId: a.id, code }, yan),
        cloud.act('account', { action: 'confirmLink', residentId: b.id, code }, wang),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(['ACCOUNT.WECHAT_ALREADY_REGISTERED', 'ACCOUNT.LINK_CODE_USED']).toContain((results.find((r) => !r.ok) as { error: { code: string } }).error.code);
      expect(users({ openid: v })).toHaveLength(1);
    }
  });
});

describe('verifying who a resident is', () => {
  const self = 'wx-self-registered-01';
  let id = '';

  it('a resident who registers with WeChat is unverified, but can book for themselves', async () => {
    const profile = await ok(cloud.act<Profile>('account', { action: 'register', name: '杨春花', estateId: 'e-bishan', building: '2号楼', unit: '3单元', room: '302' }, self));
    id = profile.id;
    expect(profile.verified).toBe(false);
    expect(users({ _id: id })[0]).toMatchObject({ verified: false });
    const card = await ok(cloud.act<ResidentCard>('account', { action: 'getResident', residentId: id }, yan));
    expect(card).toMatchObject({ verified: false, hasWeChat: true });
    const days = await ok(cloud.act<{ days: { id: string }[] }>('market', { action: 'listMarketDays' }, self));
    expect(await cloud.act('market', { action: 'book', slotId: `${days.days[0].id}_svc-lc-haircut_1000`, requestId: 'self-unverified-1' }, self)).toMatchObject({ ok: true });
  });

  it('staff of another community, and residents, cannot verify', async () => {
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'verifyResident', residentId: id }, chen)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(await cloud.act('account', { action: 'verifyResident', residentId: id }, zou)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('account', { action: 'verifyResident', residentId: id }, self)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('account', { action: 'getResident', residentId: id }, chen)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('staff of the community verify them, once', async () => {
    const card = await ok(cloud.act<ResidentCard>('account', { action: 'verifyResident', residentId: id }, yan));
    expect(card).toMatchObject({ id, verified: true });
    expect(users({ _id: id })[0]).toMatchObject({ verified: true, verifiedBy: 'w-yan', verifiedByName: '严婷' });
    expect(isDate(users({ _id: id })[0].verifiedAt)).toBe(true);
    expect(await ok(cloud.act<Me>('account', { action: 'me' }, self))).toMatchObject({ registered: true, user: { verified: true } });
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'verifyResident', residentId: id }, wang)).toMatchObject({ ok: true, data: { verified: true } });
    expect(cloud.snapshot()).toBe(before);
    const found = await ok(cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '杨春花' }, yan));
    expect(found).toEqual([expect.objectContaining({ id, verified: true })]);
  });

  it('someone registering with WeChat under a counter-registered resident’s name and address is flagged', async () => {
    // 孙桂英 was registered at the counter; a stranger claims to be her: warned first (nothing written),
    // then insists that they are someone else of the same name
    const claim = { action: 'register', name: '孙桂英', estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' };
    const before = cloud.snapshot();
    expect(await cloud.act('account', claim, 'wx-impostor-01')).toMatchObject({ ok: false, error: { code: 'ACCOUNT.POSSIBLE_DUPLICATE' } });
    expect(cloud.snapshot()).toBe(before);
    await ok(cloud.act('account', { ...claim, confirmDuplicate: true }, 'wx-impostor-01'));
    const found = await ok(cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '孙桂英' }, yan));
    const impostor = found.find((c) => !c.verified)!;
    expect(impostor).toBeDefined();
    expect(impostor.duplicateOf.length).toBeGreaterThanOrEqual(1);
    expect(impostor.duplicateOf.every((d) => d.verified)).toBe(true);
  });
});

describe('self-registration warns on the same name and address (issue 17: five identical 王秀英 records were possible)', () => {
  const home = { estateId: 'e-bishan', building: '4号楼', unit: '2单元', room: '301' };
  const register = (openid: string, fields: Record<string, unknown> = {}) => cloud.act<Profile>('account', { action: 'register', name: '王秀英', ...home, ...fields }, openid);

  it('a second WeChat registering 王秀英 at the same home is told so, and nothing is written', async () => {
    await ok(register('wx-wang-xiuying-1'));
    const before = cloud.snapshot();
    // the same home written another way (2 / 301室) is the same home
    const again = await register('wx-wang-xiuying-2', { unit: '2', room: '301室' });
    expect(again).toEqual({
      ok: false,
      error: { code: 'ACCOUNT.POSSIBLE_DUPLICATE', message: expect.stringContaining('如果是您本人，请到解忧铺柜台关联微信'), details: { name: '王秀英' } },
    });
    expect(cloud.snapshot()).toBe(before);
    expect(await users({ name: '王秀英' })).toHaveLength(1);
  });

  it('someone else of the same name may still register by saying so; staff then see the pair flagged', async () => {
    const other = await ok(register('wx-wang-xiuying-3', { confirmDuplicate: true }));
    expect(other).toMatchObject({ name: '王秀英', verified: false });
    expect(await users({ name: '王秀英' })).toHaveLength(2);
    const found = await ok(cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '王秀英' }, yan));
    expect(found).toHaveLength(2);
    expect(found.every((c) => c.duplicateOf.length === 1 && c.hasWeChat)).toBe(true);
  });

  it('the same name at another home, or another name at the same home, registers without a warning', async () => {
    await ok(register('wx-wang-xiuying-4', { room: '302' }));
    await ok(register('wx-wang-xiuying-5', { name: '王秀珍' }));
  });
});
