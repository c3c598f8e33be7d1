/**
 * `account.bindPhone`: a resident shares their phone through WeChat's phone-number button — the
 * button's one-time code (issued here by the emulator's stand-in, `endpoint.phoneCodes`, as the
 * local gateway's `POST /api/local/phone-code` does) is exchanged by the function with
 * `cloud.openapi.phonenumber.getPhoneNumber` through the real wx-server-sdk.
 *
 * 赵建国 (r-zhao) is a resident of 老城社区 with no phone on record; 邹建庄 (r-zou) has one.
 */
import { openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { Profile } from '../../cloudfunctions/account/contract';
import { PHONE_CODE_TTL_MS } from '../../local/cloudbase/phone-codes';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());
afterEach(() => cloud.setClock(null));

const bind = (code: unknown, openid: string) => cloud.act<Profile>('account', { action: 'bindPhone', code }, openid);
const record = (id: string) => cloud.db.find('users', { _id: id })[0] as { phone?: string; phoneVerifiedAt?: Date } & Record<string, unknown>;
/** Sets a user's phone back (fixtures between tests). */
const resetPhone = (id: string, phone: string | null) => {
  const u = record(id);
  cloud.db.remove('users', 'WHERE', { _id: id }, false);
  const { phone: _p, phoneVerifiedAt: _v, ...rest } = u;
  cloud.db.insert('users', [{ ...rest, ...(phone ? { phone } : {}) }]);
};

describe('account.bindPhone', () => {
  it("stores the number WeChat gives for the code on the caller's own record, verified, and answers it masked", async () => {
    expect(record('r-zhao').phone).toBeUndefined();
    const zouBefore = JSON.stringify(record('r-zou'));
    const code = cloud.endpoint.phoneCodes.issue(zhao, '13912345678');
    const before = Date.now();
    const r = await bind(code, zhao);
    expect(r).toMatchObject({ ok: true, data: { id: 'r-zhao', name: '赵建国', phoneMasked: '139****5678' } });
    const after = record('r-zhao');
    expect(after.phone).toBe('13912345678');
    expect(Object.prototype.toString.call(after.phoneVerifiedAt)).toBe('[object Date]'); // a Date of the emulator's realm
    expect(after.phoneVerifiedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(record('r-zou'))).toBe(zouBefore);
    // the profile the app reads shows it too
    const me = (await cloud.act<{ registered: true; user: Profile }>('account', { action: 'me' }, zhao)) as Envelope<{ registered: true; user: Profile }>;
    expect(me).toMatchObject({ ok: true, data: { user: { phoneMasked: '139****5678' } } });
    resetPhone('r-zhao', null);
  });

  it('refuses a spent code with ACCOUNT.PHONE_CODE_INVALID and its Chinese message, writing nothing', async () => {
    const code = cloud.endpoint.phoneCodes.issue(zhao, '13912340001');
    expect(cloud.endpoint.phoneCodes.redeem(code)).not.toBeNull();
    const before = cloud.snapshot();
    expect(await bind(code, zhao)).toEqual({ ok: false, error: { code: 'ACCOUNT.PHONE_CODE_INVALID', message: '没有拿到手机号，请再点一次按钮' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses a code older than 5 minutes and an unknown code, writing nothing', async () => {
    const code = cloud.endpoint.phoneCodes.issue(zhao, '13912340002');
    cloud.advanceClock(PHONE_CODE_TTL_MS + 1000);
    const before = cloud.snapshot();
    expect(await bind(code, zhao)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.PHONE_CODE_INVALID' } });
    expect(await bind('e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144', zhao)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.PHONE_CODE_INVALID' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses an unregistered caller before the code is used, and malformed codes as invalid input', async () => {
    const code = cloud.endpoint.phoneCodes.issue('local-phone-visitor', '13912340003');
    const before = cloud.snapshot();
    expect(await bind(code, 'local-phone-visitor')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
    for (const bad of ['', { $ne: '' }, 'a'.repeat(129), 'code with spaces', 42]) {
      expect(await bind(bad, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    }
    expect(cloud.snapshot()).toBe(before);
    // the refused visitor's code was never exchanged
    expect(cloud.endpoint.phoneCodes.redeem(code)?.phone).toBe('13912340003');
  });

  it('replaces a number on record with the one shared now', async () => {
    const old = record('r-zou').phone;
    expect(old).toBe('13899012345');
    const r = await bind(cloud.endpoint.phoneCodes.issue(zou, '15000001111'), zou);
    expect(r).toMatchObject({ ok: true, data: { phoneMasked: '150****1111' } });
    expect(record('r-zou').phone).toBe('15000001111');
    resetPhone('r-zou', old!);
  });

  it('costs two database round trips: the caller, the update (plus the one getPhoneNumber call)', async () => {
    const code = cloud.endpoint.phoneCodes.issue(zhao, '13912340005');
    const before = cloud.db.stats.requests;
    expect(await bind(code, zhao)).toMatchObject({ ok: true });
    expect(cloud.db.stats.requests - before).toBe(2);
    resetPhone('r-zhao', null);
  });

  it('one code sent twice at the same time binds once: the other call is refused', async () => {
    const code = cloud.endpoint.phoneCodes.issue(zhao, '13912340004');
    const results = await Promise.all([bind(code, zhao), bind(code, zhao)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.objectContaining({ code: 'ACCOUNT.PHONE_CODE_INVALID' }) }]);
    expect(record('r-zhao').phone).toBe('13912340004');
    resetPhone('r-zhao', null);
  });
});
