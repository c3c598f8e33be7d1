/**
 * Malformed events, sent through the real runtime and SDK: every one gets an error envelope and
 * the store is byte-for-byte unchanged afterwards.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { MarketDaysResult } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let slotId: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zhao'));
  if (!r.ok) throw new Error('setup');
  slotId = `${r.data.days[0].id}_svc-lc-haircut_1000`;
  // one real booking, so that cancel/other-people cases have something to aim at
  await cloud.act('market', { action: 'book', slotId, requestId: 'setup-request-1' }, openidOf('r-zou'));
}, 60_000);
afterAll(() => cloud.close());

const huge = '解'.repeat(10_000);
const bookingIdOfZou = () => String(cloud.db.find('bookings', { residentId: 'r-zou' })[0]._id);

const cases: [string, string, () => unknown, string][] = [
  ['market', 'not an object', () => 'book', 'COMMON.INVALID_INPUT'],
  ['market', 'an array', () => [{ action: 'book' }], 'COMMON.INVALID_INPUT'],
  ['market', 'null', () => null, 'COMMON.INVALID_INPUT'],
  ['market', 'no action', () => ({ slotId: 'x' }), 'COMMON.UNKNOWN_ACTION'],
  ['market', 'unknown action', () => ({ action: 'dropDatabase' }), 'COMMON.UNKNOWN_ACTION'],
  ['market', 'prototype action', () => ({ action: 'constructor' }), 'COMMON.UNKNOWN_ACTION'],
  ['market', 'action of wrong type', () => ({ action: ['book'] }), 'COMMON.UNKNOWN_ACTION'],
  ['market', 'book without fields', () => ({ action: 'book' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with slotId {$ne: ""}', () => ({ action: 'book', slotId: { $ne: '' }, requestId: 'abcdefgh1' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with requestId {$gt: ""}', () => ({ action: 'book', slotId, requestId: { $gt: '' } }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with numeric slotId', () => ({ action: 'book', slotId: 42, requestId: 'abcdefgh2' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with a 10 000-character slotId', () => ({ action: 'book', slotId: huge, requestId: 'abcdefgh3' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with a 10 000-character requestId', () => ({ action: 'book', slotId, requestId: huge }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with a short requestId', () => ({ action: 'book', slotId, requestId: 'a' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with an extra field (residentId)', () => ({ action: 'book', slotId, requestId: 'abcdefgh4', residentId: 'r-zou' }), 'COMMON.INVALID_INPUT'],
  ['market', 'book with an id of odd characters', () => ({ action: 'book', slotId: '../slots', requestId: 'abcdefgh5' }), 'COMMON.INVALID_INPUT'],
  ['market', 'getMarketDay with an operator', () => ({ action: 'getMarketDay', marketDayId: { $regex: '.*' } }), 'COMMON.INVALID_INPUT'],
  ['market', 'cancel with {$ne: ""}', () => ({ action: 'cancelBooking', bookingId: { $ne: '' } }), 'COMMON.INVALID_INPUT'],
  ['market', "cancel someone else's booking", () => ({ action: 'cancelBooking', bookingId: bookingIdOfZou() }), 'COMMON.FORBIDDEN'],
  ['market', 'myBookings with a field', () => ({ action: 'myBookings', residentId: 'r-zou' }), 'COMMON.INVALID_INPUT'],
  ['account', 'register with an operator name', () => ({ action: 'register', name: { $ne: '' }, estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' }), 'COMMON.INVALID_INPUT'],
  ['account', 'register a second time', () => ({ action: 'register', name: '赵建国', estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' }), 'ACCOUNT.ALREADY_REGISTERED'],
  ['account', 'me with extra fields', () => ({ action: 'me', openid: 'local-a-wang' }), 'COMMON.INVALID_INPUT'],
];

describe.each(cases)('%s: %s', (fn, _label, event, code) => {
  it(`answers ${code} and writes nothing`, async () => {
    const before = cloud.snapshot();
    const r = (await cloud.call(fn, event(), openidOf('r-zhao'))) as { ok: boolean; error?: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(cloud.snapshot()).toBe(before);
  });
});

/** Text fields refuse control and invisible characters, through the one shared schema (shared/schemas.ts `text`). */
describe('invisible and control characters in text fields', () => {
  const register = (name: string) => ({ action: 'register', name, estateId: 'e-bishan', building: '1号楼', unit: '1单元', room: '101' });
  const report = (text: string) => ({ action: 'reportFor', residentId: 'r-zhao', category: 'other', text, requestId: 'invisible-1', consent: { spoken: true } });
  const cases: [string, string, object, string][] = [
    ['NUL in a name', 'account', register('赵\u0000建国'), 'name'],
    ['a right-to-left override (U+202E) in a name', 'account', register('赵\u202e国建'), 'name'],
    ['a left-to-right embedding (U+202A) in a name', 'account', register('\u202a赵建国'), 'name'],
    ['a first-strong isolate (U+2068) in a name', 'account', register('赵建国\u2068'), 'name'],
    ['a zero-width space (U+200B) in a name', 'account', register('赵\u200b建国'), 'name'],
    ['a zero-width joiner (U+200D) in a name', 'account', register('赵\u200d建国'), 'name'],
    ['a byte-order mark (U+FEFF) in a name', 'account', register('\ufeff赵建国'), 'name'],
    ['a bell (U+0007) in a report', 'ticket', report('楼道堆满杂物\u0007请处理'), 'text'],
    ['a bidi override in a report', 'ticket', report('楼道堆满杂物\u202e请处理一下'), 'text'],
    ['a line separator (U+2028) in a report', 'ticket', report('楼道堆满杂物\u2028请处理一下'), 'text'],
    ['a bidi override in a consent note', 'market', { action: 'bookFor', residentId: 'r-zhao', slotId: 'x', requestId: 'invisible-2', consent: { spoken: true, note: '同意\u202e' } }, 'consent.note'],
  ];
  it.each(cases)('%s is refused with a clear message and nothing is written', async (_label, fn, event, field) => {
    const before = cloud.snapshot();
    const r = (await cloud.call(fn, event, openidOf('w-yan'))) as { ok: boolean; error?: { code: string; details?: { path: string; message: string }[] } };
    expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(r.error?.details).toContainEqual({ path: field, message: expect.stringContaining('看不见的特殊字符') });
    expect(cloud.snapshot()).toBe(before);
  });

  it('line breaks stay allowed in a report, and ordinary Chinese text with punctuation passes', async () => {
    const r = await cloud.act('ticket', report('楼顶有人搭了鸽子棚，\n鸽子粪便很多，请网格员看看。'), openidOf('w-yan'));
    expect(r).toMatchObject({ ok: true });
  });
});

it('a new resident registers once, in a real estate and building only', async () => {
  const bad = await cloud.act('account', { action: 'register', name: '新居民', estateId: 'e-bishan', building: '99号楼', unit: '1单元', room: '101' }, 'new-openid-1');
  expect(bad).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ESTATE_NOT_FOUND' } });
  const good = await cloud.act('account', { action: 'register', name: '新居民', estateId: 'e-bishan', building: '2号楼', unit: '1单元', room: '101', phone: '13812341234' }, 'new-openid-1');
  expect(good).toMatchObject({ ok: true, data: { name: '新居民', role: 'resident', communityId: 'c-laocheng', phoneMasked: '138****1234' } });
  const me = await cloud.act('account', { action: 'me' }, 'new-openid-1');
  expect(me).toMatchObject({ ok: true, data: { registered: true, community: { name: '老城社区', hasMarket: true } } });
});
