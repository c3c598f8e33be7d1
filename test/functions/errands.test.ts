/**
 * 代缴 / 代办 (issue 22) through the real wx-server-sdk against the local emulator: 赵建国 asks for
 * 代缴水电费, 严婷 takes it on and marks it done with her own receipt photo, his 消息 says so and 我的代办
 * shows it done with the photo; the counter enters one for 邹建庄 with his spoken consent (none: refused,
 * nothing written); two 接单 at once take it once; two 办好了 at once tell him once; a resident
 * cannot see another's errand nor act as staff, another community's staff find nothing; a receipt of
 * someone else's folder is refused; bad input changes nothing (the whole store compared); a
 * repeated requestId asks once.
 */
import { bucketOf } from '../../local/cloudbase/storage';
import { LOCAL_ENV_ID } from '../../local/runtime/sdk-env';
import { codeOf, ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { ErrandView } from '../../cloudfunctions/errands/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';

let cloud: TestCloud;
const yan = openidOf('w-yan'); // 老城 grid worker
const wang = openidOf('a-wang'); // 老城 admin
const chen = openidOf('w-chen'); // 明珠社区 worker
const zhao = openidOf('r-zhao'); // 老城 resident
const zou = openidOf('r-zou'); // 老城 resident

const errands = <T>(event: object, who: string) => cloud.act<T>('errands', event, who);
let n = 0;
const rid = () => `req-errand-${++n}-xxxx`;
const ask = (who: string, extra: object = {}) => errands<ErrandView>({ action: 'request', kind: 'utilities', what: '交5号楼水费和电费', requestId: rid(), ...extra }, who);
/** A receipt photo uploaded by `userId` into their own folder (as the app's upload does). */
function receipt(userId: string, name = `r${++n}.jpg`): string {
  const cloudPath = `tickets/${userId}/${name}`;
  cloud.endpoint.storage.put(LOCAL_ENV_ID, cloudPath, Buffer.from('receipt'), openidOf(userId));
  return `cloud://${LOCAL_ENV_ID}.${bucketOf(LOCAL_ENV_ID)}/${cloudPath}`;
}
const messages = async (who: string) => (await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, who))).messages.filter((m) => m.kind === 'errandDone');

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

describe('asked → taken on → done with a receipt → told', () => {
  it('赵建国 asks for 代缴水电费; 严婷 接单 and 办好了 with her receipt photo; his 消息 and 我的代办 show it', async () => {
    const e = await ok(ask(zhao));
    expect(e).toMatchObject({ residentName: '赵建国', kindLabel: '代缴水电费', status: 'requested', statusLabel: '等待接单', byCounter: false, receiptUrls: [] });
    const open = await ok(errands<ErrandView[]>({ action: 'list', status: 'requested' }, yan));
    expect(open.map((x) => x.id)).toContain(e.id);

    const taken = await ok(errands<ErrandView>({ action: 'accept', errandId: e.id }, yan));
    expect(taken).toMatchObject({ status: 'accepted', statusLabel: '正在办理', assigneeName: '严婷' });
    // 代缴水电费 needs a receipt photo
    expect(await codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: [] }, yan))).toBe('ERRANDS.RECEIPT_REQUIRED');
    expect(await messages(zhao)).toHaveLength(0);

    const done = await ok(errands<ErrandView>({ action: 'done', errandId: e.id, receiptPhotos: [receipt('w-yan')], note: '水费120元、电费86元已交' }, yan));
    expect(done).toMatchObject({ status: 'done', statusLabel: '已办好', doneNote: '水费120元、电费86元已交' });
    expect(done.receiptUrls).toHaveLength(1);
    const told = await messages(zhao);
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe('您托办的「代缴水电费」已经办好了');
    expect(told[0].lines).toEqual(expect.arrayContaining(['事项：交5号楼水费和电费', '说明：水费120元、电费86元已交', '经办人：严婷']));
    const mine = await ok(errands<ErrandView[]>({ action: 'mine' }, zhao));
    expect(mine.find((x) => x.id === e.id)).toMatchObject({ status: 'done', receiptUrls: [expect.any(String)] });
    // done is final
    expect(await codeOf(errands({ action: 'cancel', errandId: e.id }, wang))).toBe('ERRANDS.WRONG_STATE');
  });

  it('the counter enters one for 邹建庄 with his spoken consent (recorded); without it nothing is written', async () => {
    const before = cloud.snapshot();
    expect(await codeOf(errands({ action: 'requestFor', residentId: 'r-zou', kind: 'certificate', what: '开居住证明', consent: { spoken: false }, requestId: rid() }, yan))).toBe('COUNTER.CONSENT_REQUIRED');
    expect(cloud.snapshot()).toBe(before);
    const e = await ok(errands<ErrandView>({ action: 'requestFor', residentId: 'r-zou', kind: 'certificate', what: '开居住证明', consent: { spoken: true, note: '本人在柜台口头同意' }, requestId: rid() }, yan));
    expect(e).toMatchObject({ residentName: '邹建庄', byCounter: true, requestedByName: '严婷' });
    const doc = cloud.db.find('errands', { _id: e.id })[0] as unknown as { consent: object };
    expect(doc.consent).toEqual({ method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷', note: '本人在柜台口头同意' });
    expect((await ok(errands<ErrandView[]>({ action: 'mine' }, zou))).map((x) => x.id)).toContain(e.id);
    // a 代办证明 may be done without a photo
    expect(await ok(errands<ErrandView>({ action: 'done', errandId: e.id, receiptPhotos: [] }, wang))).toMatchObject({ status: 'done', assigneeName: '王乐天' });
  });
});

describe('two taps at once', () => {
  it('two 接单 at once: one takes it, the other is told it moved', async () => {
    const e = await ok(ask(zou));
    await Promise.all([1, 2, 3, 4].map(() => errands({ action: 'mine' }, zou)));
    const results = await Promise.all([yan, wang, yan, wang].map((who) => codeOf(errands({ action: 'accept', errandId: e.id }, who))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'ERRANDS.WRONG_STATE')).toHaveLength(3);
    const doc = cloud.db.find('errands', { _id: e.id })[0] as unknown as { events: { kind: string }[] };
    expect(doc.events.filter((x) => x.kind === 'accepted')).toHaveLength(1);
  });

  it('two 办好了 at once: done once, one message', async () => {
    const e = await ok(ask(zou, { kind: 'other', what: '帮忙取药' }));
    const before = (await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, zou))).messages.filter((m) => m.kind === 'errandDone').length;
    const results = await Promise.all([yan, wang].map((who) => codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: [] }, who))));
    expect(results.sort()).toEqual(['ERRANDS.WRONG_STATE', 'ok']);
    expect((await messages(zou)).length).toBe(before + 1);
  });

  it('a repeated requestId asks once; the same id with another payload is refused', async () => {
    const requestId = rid();
    const [a, b] = await Promise.all([ask(zhao, { requestId }), ask(zhao, { requestId })]);
    expect(a.ok && b.ok && a.data.id === b.data.id).toBe(true);
    expect(cloud.db.find('errands', { requestKey: `r-zhao:${requestId}` })).toHaveLength(1);
    expect(await codeOf(ask(zhao, { requestId, what: '另一件事情' }))).toBe('COMMON.REQUEST_REUSED');
  });
});

describe('who may', () => {
  it("a resident cannot see or cancel another's errand, cannot act as staff; staff cannot 'request' for themselves", async () => {
    const e = await ok(ask(zhao));
    expect((await ok(errands<ErrandView[]>({ action: 'mine' }, zou))).map((x) => x.id)).not.toContain(e.id);
    const before = cloud.snapshot();
    expect(await codeOf(errands({ action: 'cancel', errandId: e.id }, zou))).toBe('ERRANDS.NOT_FOUND');
    expect(await codeOf(errands({ action: 'accept', errandId: e.id }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(errands({ action: 'list', status: 'requested' }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(ask(yan))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
  });

  it("another community's staff neither list nor touch it, nor enter one for a 老城 resident", async () => {
    const e = await ok(ask(zhao));
    expect((await ok(errands<ErrandView[]>({ action: 'list', status: 'requested' }, chen))).map((x) => x.id)).not.toContain(e.id);
    const before = cloud.snapshot();
    expect(await codeOf(errands({ action: 'accept', errandId: e.id }, chen))).toBe('ERRANDS.NOT_FOUND');
    expect(await codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: [receipt('w-chen')] }, chen))).toBe('ERRANDS.NOT_FOUND');
    expect(await codeOf(errands({ action: 'cancel', errandId: e.id }, chen))).toBe('ERRANDS.NOT_FOUND');
    expect(await codeOf(errands({ action: 'requestFor', residentId: 'r-zhao', kind: 'other', what: '帮忙取药', consent: { spoken: true }, requestId: rid() }, chen))).toBe('ERRANDS.RESIDENT_NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
  });

  it('the resident cancels while requested, not once taken on; staff still can', async () => {
    const a = await ok(ask(zhao));
    expect(await ok(errands<ErrandView>({ action: 'cancel', errandId: a.id, reason: '自己交了' }, zhao))).toMatchObject({ status: 'cancelled', cancelReason: '自己交了' });
    const b = await ok(ask(zhao));
    await ok(errands({ action: 'accept', errandId: b.id }, yan));
    expect(await codeOf(errands({ action: 'cancel', errandId: b.id }, zhao))).toBe('ERRANDS.WRONG_STATE');
    expect(await ok(errands<ErrandView>({ action: 'cancel', errandId: b.id, reason: '营业厅系统维护' }, yan))).toMatchObject({ status: 'cancelled' });
  });

  it("a receipt in someone else's folder is refused and nothing changes", async () => {
    const e = await ok(ask(zhao));
    const before = cloud.snapshot();
    expect(await codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: [receipt('r-zhao')] }, yan))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: [`cloud://other-env.bucket/tickets/w-yan/x.jpg`] }, yan))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['what too short', { action: 'request', kind: 'utilities', what: '交', requestId: 'req-bad-000001' }],
    ['unknown kind', { action: 'request', kind: 'tax', what: '交税', requestId: 'req-bad-000002' }],
    ['extra field', { action: 'request', kind: 'utilities', what: '交水费', requestId: 'req-bad-000003', residentId: 'r-zou' }],
    ['no requestId', { action: 'request', kind: 'utilities', what: '交水费' }],
  ])('%s', async (_name, event) => {
    const before = cloud.snapshot();
    expect(await codeOf(errands(event, zhao))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });

  it('too many receipt photos, a bad list status', async () => {
    const e = await ok(ask(zhao));
    const before = cloud.snapshot();
    expect(await codeOf(errands({ action: 'done', errandId: e.id, receiptPhotos: ['a', 'b', 'c', 'd'].map((x) => `cloud://${LOCAL_ENV_ID}.${bucketOf(LOCAL_ENV_ID)}/tickets/w-yan/${x}.jpg`) }, yan))).toBe('COMMON.INVALID_INPUT');
    expect(await codeOf(errands({ action: 'list', status: 'all' }, yan))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('round trips', () => {
  it('a resident: request 3 requests (the caller, an earlier errand of the request, the insert), mine 2; staff accept 3, done ≤ 6 with the message', async () => {
    await ok(errands({ action: 'mine' }, zhao)); // warm
    const trips = async (call: () => Promise<Envelope<unknown>>) => {
      const before = cloud.db.stats.requests;
      const r = await call();
      expect(r.ok).toBe(true);
      return cloud.db.stats.requests - before;
    };
    let id = '';
    const counts: Record<string, number> = {};
    counts.request = await trips(async () => {
      const r = await ask(zhao, { kind: 'certificate', what: '开一张居住证明' });
      if (r.ok) id = r.data.id;
      return r;
    });
    counts.mine = await trips(() => errands({ action: 'mine' }, zhao));
    counts.accept = await trips(() => errands({ action: 'accept', errandId: id }, yan));
    counts.done = await trips(() => errands({ action: 'done', errandId: id, receiptPhotos: [] }, yan));
    expect(counts).toEqual({ request: 3, mine: 2, accept: 3, done: 6 });
    // done: the caller, the errand, the update, the resident's record, the message (inbox insert and send count at once)
    expect(counts.done).toBeLessThanOrEqual(6);
  });
});
