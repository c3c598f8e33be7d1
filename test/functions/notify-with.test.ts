/**
 * `shared/consent.ts` `notifyWith` through the real wx-server-sdk (in this process) against the
 * local emulator (issue 22: a parcel and its message in one round trip). A write that succeeds: its
 * message is in the inbox, the send was taken and WeChat delivered it, and the write, the inbox
 * insert and the send's count went at once (one wave of requests at 100 ms per request). A write
 * that fails: the error comes back unchanged, the message is gone, the send is given back, WeChat
 * never heard of it — the store is exactly as before. A message that was already there (a repeated
 * `messageId`) is never the one removed. (The WeChat send after a successful write is pinned through
 * the parcels function in parcels-flow.test.ts: called in this process, WeChat answers -604104 —
 * no function's credential — as the real service would.)
 */
import { pointSdkAt } from '../../local/runtime/sdk-env';
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';

let cloud: TestCloud;
let c: typeof import('../../cloudfunctions/shared/consent');
let shared: typeof import('../../cloudfunctions/shared/cloud');
const zou = openidOf('r-zou');

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 1 });
  pointSdkAt(cloud.endpoint.url, 'local-kiosk');
  // loaded after the SDK points at the emulator (shared/cloud.ts initialises it on import)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  c = require('../../cloudfunctions/shared/consent');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  shared = require('../../cloudfunctions/shared/cloud');
}, 60_000);
afterAll(() => cloud.close());

const notice = (messageId: string) => ({
  userId: 'r-zou',
  openid: zou,
  key: 'parcelArrived' as const,
  title: '您有快递到了解忧铺',
  lines: ['取件码：123456'],
  page: 'parcels/pages/mine/index',
  data: { thing1: '顺丰快递', character_string2: '123456', thing3: '解忧铺 货架A-1' },
  messageId,
});
const left = () => (cloud.db.find('subscriptions', { openid: zou, template: 'parcelArrived' })[0] as { left?: number } | undefined)?.left ?? 0;
const sent = () => cloud.endpoint.messages.inbox(zou).filter((m) => m.data.character_string2?.value === '123456').length;

it('a write that succeeds: the message is stored with it, in one wave (WeChat is the parcels test\'s: in this process no function credential reaches it)', async () => {
  cloud.endpoint.setDbLatency(100);
  const [waves, requests] = [cloud.db.stats.waves, cloud.db.stats.requests];
  let r: Awaited<ReturnType<typeof c.notifyWith>>;
  try {
    r = await c.notifyWith({ ...notice('nw-ok'), openid: null }, () => shared.db.collection('parcels').add({ data: { _id: 'nw-parcel-1', communityId: 'c-laocheng', codeKey: 'c-laocheng|nw-1', requestKey: 'nw:1' } }));
  } finally {
    cloud.endpoint.setDbLatency(0);
  }
  // the insert and the inbox insert: two requests, one wave
  expect({ waves: cloud.db.stats.waves - waves, requests: cloud.db.stats.requests - requests }).toEqual({ waves: 1, requests: 2 });
  expect(r.notified).toEqual({ stored: true, sent: false, reason: 'no-wechat' });
  expect(cloud.db.find('messages', { _id: 'nw-ok' })).toHaveLength(1);
  expect(cloud.db.find('parcels', { _id: 'nw-parcel-1' })).toHaveLength(1);
});

it('a write that fails: its error comes back, the message is removed, the send given back, WeChat never called', async () => {
  await allow(cloud, zou, ['parcelArrived']);
  const before = cloud.snapshot();
  const [had, wechat] = [left(), sent()];
  expect(had).toBeGreaterThan(0);
  // the same codeKey as the parcel above: the unique index refuses the insert
  const failing = () => shared.db.collection('parcels').add({ data: { _id: 'nw-parcel-2', communityId: 'c-laocheng', codeKey: 'c-laocheng|nw-1', requestKey: 'nw:2' } });
  const err = await c.notifyWith(notice('nw-fail'), failing).then(
    () => null,
    (e: unknown) => e,
  );
  expect(shared.isDuplicateKey(err, 'codeKey')).toBe(true);
  // the send taken at the same time as the insert was given back: the store is exactly as before
  expect(cloud.snapshot()).toBe(before);
  expect(left()).toBe(had);
  expect(sent()).toBe(wechat);
});

it('a failing write never removes a message that was already there (a repeated messageId)', async () => {
  const before = cloud.db.find('messages', { _id: 'nw-ok' });
  const err = await c.notifyWith(notice('nw-ok'), () => Promise.reject(new Error('refused'))).then(
    () => null,
    (e: unknown) => e,
  );
  expect((err as Error).message).toBe('refused');
  expect(cloud.db.find('messages', { _id: 'nw-ok' })).toEqual(before);
});
