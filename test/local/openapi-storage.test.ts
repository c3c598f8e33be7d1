/**
 * Contract of the emulator's cloud calls (`cloud.openapi.*`) and cloud storage: the real,
 * unmodified wx-server-sdk (4.0.2) drives them over its real wire formats (multipart + protobuf
 * for `wx.openApi`; `storage.*` actions, a signed PUT and temp-URL GETs for files). What the
 * answers must be is written down in local/cloudbase/openapi.ts and storage.ts, with sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDatabase } from '../../local/cloudbase/database';
import { startCloudbaseEndpoint, type CloudbaseEndpoint } from '../../local/cloudbase/server';
import { bucketOf } from '../../local/cloudbase/storage';
import { repoRoot } from '../../local/paths';
import { pointSdkAt } from '../../local/runtime/sdk-env';
import { DEMO_PHONE, startGateway, type Gateway } from '../../local/gateway';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { FunctionPool } from '../../local/runtime/pool';
import { advanceClock, setClock } from '../../local/clock';
import { PHONE_CODE_TTL_MS } from '../../local/cloudbase/phone-codes';
import { paths } from '../../local/paths';
import { GIF, JPEG_HEAD, png, RISKY_IMAGE_TEXT } from '../support/images';

type Sdk = typeof import('wx-server-sdk');
type SdkError = { errCode: number; errMsg: string };
const ENV = 'openapi-env';
/** The functions' own config.json files: ticket declares msgSecCheck and subscribeMessage.send, account only phonenumber.getPhoneNumber. */
const FUNCTIONS = path.join(repoRoot(), 'cloudfunctions');

let sdk: Sdk;
let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let dir: string;

async function start(options: { enforceSubscriptions?: boolean } = {}): Promise<void> {
  local = LocalDatabase.open({ dir, fsync: false, schema: { collections: {} } });
  endpoint = await startCloudbaseEndpoint(local, 0, { functionsDir: FUNCTIONS, fsync: false, ...options });
  pointSdkAt(endpoint.url, ENV);
}
async function stop(): Promise<void> {
  await endpoint.close();
  local.close();
}

/** Makes the SDK in this process call as cloud function `name` (the platform sets WX_API_TOKEN per function). */
function actAsFunction(name: string | null): void {
  process.env.WX_CONTEXT_KEYS = 'WX_API_TOKEN';
  process.env.WX_API_TOKEN = name ? endpoint.openapi.tokenFor(name) : '';
}

async function rejection(p: Promise<unknown> | void): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to be refused');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-storage-'));
  await start();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk = require('wx-server-sdk');
  sdk.init({ env: ENV });
});
afterAll(async () => {
  await stop();
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.WX_API_TOKEN;
  delete process.env.WX_CONTEXT_KEYS;
});
beforeEach(() => actAsFunction('ticket'));

const secCheck = (content: string, openid = 'local-p-lixiulan', scene = 3) =>
  sdk.openapi.security.msgSecCheck({ openid, scene, version: 2, content } as never) as unknown as Promise<{
    errCode: number;
    errMsg: string;
    result: { suggest: string; label: number };
    detail: { strategy: string; suggest: string; label: number; keyword?: string }[];
    traceId: string;
  }>;

describe('security.msgSecCheck (v2)', () => {
  it('passes ordinary text with label 100, a trace id and the content model in detail', async () => {
    const r = await secCheck('7号楼楼顶有人养鸽子，楼道里都是羽毛和粪便');
    expect(r.errCode).toBe(0);
    expect(r.errMsg).toBe('openapi.security.msgSecCheck:ok');
    expect(r.result).toEqual({ suggest: 'pass', label: 100 });
    expect(r.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(r.detail.map((d) => d.strategy)).toEqual(['content_model']);
  });

  it('finds the test marker and abusive words risky, with their labels and the keyword', async () => {
    const marker = await secCheck('楼下的人违禁测试词');
    expect(marker.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(marker.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', keyword: '违禁测试词', suggest: 'risky' }));
    const abuse = await secCheck('邻居就是个王八蛋');
    expect(abuse.result).toEqual({ suggest: 'risky', label: 20003 });
    const review = await secCheck('这里有待审测试词');
    expect(review.result.suggest).toBe('review');
  });

  it('refuses an OPENID WeChat does not know (our placeholder) with 40003, a bad scene with 40129, a missing field with 47001', async () => {
    const placeholder = await rejection(secCheck('你好', 'nowechat:u-123'));
    expect(placeholder.errCode).toBe(40003);
    expect(placeholder.errMsg).toMatch(/^openapi\.security\.msgSecCheck:fail invalid openid rid: /);
    expect((await rejection(secCheck('你好', 'local-p-lixiulan', 9))).errCode).toBe(40129);
    const missing = await rejection(sdk.openapi.security.msgSecCheck({ version: 2, content: '你好', scene: 2 } as never));
    expect(missing.errCode).toBe(47001);
  });

  it('answers v1 (no version) with 87014 for risky text and ok otherwise', async () => {
    expect((await rejection(sdk.openapi.security.msgSecCheck({ content: '违禁测试词' } as never))).errCode).toBe(87014);
    expect(((await sdk.openapi.security.msgSecCheck({ content: '你好' } as never)) as { errCode: number }).errCode).toBe(0);
  });

  it('refuses a function whose config.json does not declare the API (-604101) and a caller with no function credential (-604104)', async () => {
    actAsFunction('account');
    const undeclared = await rejection(secCheck('你好'));
    expect(undeclared.errCode).toBe(-604101);
    expect(undeclared.errMsg).toBe('system error: error code: -604101');
    actAsFunction(null);
    expect((await rejection(secCheck('你好'))).errCode).toBe(-604104);
  });
});

const imgCheck = (media: unknown) => sdk.openapi.security.imgSecCheck({ media } as never) as unknown as Promise<{ errCode: number; errMsg: string }>;

describe('security.imgSecCheck', () => {
  beforeEach(() => actAsFunction('posts'));

  it('passes a PNG, a JPEG and a GIF: { errCode: 0, errMsg: "openapi.security.imgSecCheck:ok" }', async () => {
    expect(await imgCheck({ contentType: 'image/png', value: png() })).toEqual({ errCode: 0, errMsg: 'openapi.security.imgSecCheck:ok' });
    expect((await imgCheck({ contentType: 'image/jpeg', value: JPEG_HEAD })).errCode).toBe(0);
    expect((await imgCheck({ contentType: 'image/gif', value: GIF })).errCode).toBe(0);
    // harmless text in an image is no marker
    expect((await imgCheck({ contentType: 'image/png', value: png({ text: '旧婴儿车' }) })).errCode).toBe(0);
  });

  it('throws 87014 "risky content" for an image the stand-in model calls risky (the marker in a tEXt chunk)', async () => {
    const risky = await rejection(imgCheck({ contentType: 'image/png', value: png({ text: RISKY_IMAGE_TEXT }) }));
    expect(risky.errCode).toBe(87014);
    expect(risky.errMsg).toMatch(/^openapi\.security\.imgSecCheck:fail risky content rid: /);
  });

  it('answers 41005 when no media data came (absent, an empty Buffer, a media without its Buffer)', async () => {
    for (const media of [undefined, { contentType: 'image/png', value: Buffer.alloc(0) }, { contentType: 'image/png' }]) {
      const e = await rejection(imgCheck(media));
      expect(e.errCode).toBe(41005);
      expect(e.errMsg).toMatch(/^openapi\.security\.imgSecCheck:fail media data missing rid: /);
    }
  });

  it('answers 47001 for bytes that are no PNG/JPEG/GIF (whatever contentType says) and for a media sent as text', async () => {
    expect((await rejection(imgCheck({ contentType: 'image/png', value: Buffer.from('this is not a picture') }))).errCode).toBe(47001);
    expect((await rejection(imgCheck({ contentType: 'image/png', value: Buffer.from('%PDF-1.4 …') }))).errCode).toBe(47001);
    expect((await rejection(imgCheck('iVBORw0KGgo='))).errCode).toBe(47001);
    expect((await rejection(imgCheck({ contentType: 'image/png', value: 'iVBORw0KGgo=' }))).errCode).toBe(47001);
  });

  it('answers 40006 for an image over 1 MB (1 048 576 bytes); exactly 1 MB passes', async () => {
    const big = png({ atLeastBytes: 1024 * 1024 + 1 });
    expect(big.length).toBe(1024 * 1024 + 1);
    const e = await rejection(imgCheck({ contentType: 'image/png', value: big }));
    expect(e.errCode).toBe(40006);
    expect(e.errMsg).toMatch(/^openapi\.security\.imgSecCheck:fail invalid media size rid: /);
    expect((await imgCheck({ contentType: 'image/png', value: png({ atLeastBytes: 1024 * 1024 }) })).errCode).toBe(0);
  });

  it('is refused to a function that does not declare it in permissions.openapi (-604101)', async () => {
    actAsFunction('ticket');
    const e = await rejection(imgCheck({ contentType: 'image/png', value: png() }));
    expect(e).toMatchObject({ errCode: -604101, errMsg: 'system error: error code: -604101' });
  });
});

const send = (touser: string, data: Record<string, { value: string }> = { thing1: { value: '7号楼楼顶养鸽' }, phrase2: { value: '已受理' } }) =>
  sdk.openapi.subscribeMessage.send({ touser, templateId: 'TPL-ticket-accepted_01', page: 'ticket/pages/detail?id=t1', data, miniprogramState: 'developer' } as never) as unknown as Promise<{
    errCode: number;
    errMsg: string;
  }>;

describe('subscribeMessage.send', () => {
  it('records a delivered message, which survives an emulator restart and lists newest first', async () => {
    // each message needs its tap of 允许 (enforced by default, as WeChat does)
    endpoint.messages.grant('local-p-lixiulan', ['TPL-ticket-accepted_01']);
    endpoint.messages.grant('local-p-lixiulan', ['TPL-ticket-accepted_01']);
    endpoint.messages.grant('local-p-other', ['TPL-ticket-accepted_01']);
    const r = await send('local-p-lixiulan');
    expect(r).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    await send('local-p-lixiulan', { thing1: { value: '地下室楼道外门' }, phrase2: { value: '已办结' } });
    await send('local-p-other');
    await stop();
    await start();
    const inbox = endpoint.messages.inbox('local-p-lixiulan');
    expect(inbox).toHaveLength(2);
    expect(inbox[0]).toEqual(
      expect.objectContaining({
        touser: 'local-p-lixiulan',
        templateId: 'TPL-ticket-accepted_01',
        page: 'ticket/pages/detail?id=t1',
        data: { thing1: { value: '地下室楼道外门' }, phrase2: { value: '已办结' } },
        miniprogramState: 'developer',
        fromFunction: 'ticket',
        env: ENV,
      }),
    );
    expect(inbox[1].data.thing1.value).toBe('7号楼楼顶养鸽');
  });

  it('refuses the placeholder OPENID of a resident without WeChat (40003) and records nothing', async () => {
    const before = endpoint.messages.all().length;
    const e = await rejection(send('nowechat:u-123'));
    expect(e.errCode).toBe(40003);
    expect(e.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail invalid openid/);
    expect(endpoint.messages.all()).toHaveLength(before);
  });

  it('refuses data breaking the template rules (47003 naming the field) and an empty template id (40037)', async () => {
    const tooLong = await rejection(send('local-p-lixiulan', { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } }));
    expect(tooLong.errCode).toBe(47003);
    expect(tooLong.errMsg).toContain('data.thing1.value');
    const empty = await rejection(send('local-p-lixiulan', { phrase2: { value: '' } }));
    expect(empty.errMsg).toContain('data.phrase2.value is empty');
    const noTemplate = await rejection(sdk.openapi.subscribeMessage.send({ touser: 'local-p-lixiulan', templateId: '', data: { thing1: { value: 'x' } } } as never));
    expect(noTemplate.errCode).toBe(40037);
  });

  it('is refused to a function that does not declare it', async () => {
    actAsFunction('account');
    expect((await rejection(send('local-p-lixiulan'))).errCode).toBe(-604101);
  });
});

describe('subscribeMessage.send with one-time subscriptions enforced by default (as WeChat does)', () => {
  it('refuses a message nobody subscribed to with 43101 and records the refusal, and spends one accepted tap per message', async () => {
    const who = 'local-p-subscriber';
    const e = await rejection(send(who));
    expect(e.errCode).toBe(43101);
    expect(e.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg/);
    expect(endpoint.messages.refused(who)).toEqual([expect.objectContaining({ touser: who, templateId: 'TPL-ticket-accepted_01', errcode: 43101, fromFunction: 'ticket' })]);
    endpoint.messages.grant(who, ['TPL-ticket-accepted_01', 'TPL-other']);
    expect(endpoint.messages.available(who, 'TPL-ticket-accepted_01')).toBe(1);
    expect((await send(who)).errCode).toBe(0);
    expect((await rejection(send(who))).errCode).toBe(43101);
    expect(endpoint.messages.refused(who)).toHaveLength(2);
    expect(endpoint.messages.inbox(who)).toHaveLength(1);
    expect(endpoint.messages.available(who, 'TPL-other')).toBe(1);
  });

  it("sendSubscribe reports WeChat's refusal as 'refused' without throwing", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sendSubscribe } = require('../../cloudfunctions/shared/notify') as typeof import('../../cloudfunctions/shared/notify');
    expect(await sendSubscribe({ touser: 'local-p-nobody', templateId: 'TPL-x', data: { thing1: '楼顶鸽子' } })).toEqual(expect.objectContaining({ sent: false, reason: 'refused', errCode: 43101 }));
  });

  it('delivers without a tap only when a test turns enforcement off', async () => {
    await stop();
    await start({ enforceSubscriptions: false });
    actAsFunction('ticket'); // a new emulator issues new credentials
    try {
      expect((await send('local-p-free')).errCode).toBe(0);
      expect(endpoint.messages.refused('local-p-free')).toEqual([]);
    } finally {
      await stop();
      await start();
    }
  });
});

type PhoneAnswer = {
  errCode: number;
  errMsg: string;
  phoneInfo: { phoneNumber: string; purePhoneNumber: string; countryCode: string; watermark: { timestamp: number; appid: string } };
};
const phoneOf = (code: unknown) => sdk.openapi.phonenumber.getPhoneNumber({ code } as never) as unknown as Promise<PhoneAnswer>;

describe('phonenumber.getPhoneNumber', () => {
  beforeEach(() => actAsFunction('account'));
  afterEach(() => setClock(null));

  it('answers the number of a code the button issued, once: the same code again is 40029', async () => {
    const before = Math.floor(Date.now() / 1000);
    const code = endpoint.phoneCodes.issue('local-p-phone', '13912345678');
    const r = await phoneOf(code);
    expect(r.errCode).toBe(0);
    expect(r.errMsg).toBe('openapi.phonenumber.getPhoneNumber:ok');
    expect(r.phoneInfo).toEqual({ phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: '86', watermark: { timestamp: expect.any(Number), appid: 'wx-local-kiosk' } });
    expect(r.phoneInfo.watermark.timestamp).toBeGreaterThanOrEqual(before);
    const again = await rejection(phoneOf(code));
    expect(again.errCode).toBe(40029);
    expect(again.errMsg).toMatch(/^openapi\.phonenumber\.getPhoneNumber:fail invalid code hint: \[[A-Za-z0-9_-]+\] rid: /);
  });

  it('refuses a code older than 5 minutes (40029), answers one just younger, and refuses unknown (40029) or missing (41008) codes', async () => {
    const young = endpoint.phoneCodes.issue('local-p-phone', '13912340001');
    const old = endpoint.phoneCodes.issue('local-p-phone', '13912340002');
    advanceClock(PHONE_CODE_TTL_MS - 1000);
    expect((await phoneOf(young)).phoneInfo.purePhoneNumber).toBe('13912340001');
    advanceClock(1000);
    expect((await rejection(phoneOf(old))).errCode).toBe(40029);
    expect((await rejection(phoneOf('e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144'))).errCode).toBe(40029);
    expect((await rejection(sdk.openapi.phonenumber.getPhoneNumber({} as never))).errCode).toBe(41008);
  });

  it('is refused to a function that does not declare it (-604101), and the code stays good', async () => {
    const code = endpoint.phoneCodes.issue('local-p-phone', '13912340003');
    actAsFunction('ticket');
    const undeclared = await rejection(phoneOf(code));
    expect(undeclared).toMatchObject({ errCode: -604101, errMsg: 'system error: error code: -604101' });
    actAsFunction('account');
    expect((await phoneOf(code)).phoneInfo.purePhoneNumber).toBe('13912340003');
  });
});

describe('cloud storage', () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('pigeons on the roof of building 7'), 0x00, 0xff, 0xd9]);

  it('uploads, hands out a temp URL that serves the same bytes, downloads, deletes — and the URL is gone', async () => {
    const up = (await sdk.uploadFile({ cloudPath: 'tickets/t1/楼顶 1.jpg', fileContent: bytes })) as { fileID: string; statusCode: number };
    expect(up.fileID).toBe(`cloud://${ENV}.${bucketOf(ENV)}/tickets/t1/楼顶 1.jpg`);
    expect(bucketOf(ENV)).toBe(`6f70-${ENV}-1250000000`);
    // wx-server-sdk asks node-sdk for the PUT's status (`onResponseReceived`), which node-sdk 3.17.2 never calls: -1, as in production
    expect(up.statusCode).toBe(-1);

    const urls = (await sdk.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { fileID: string; tempFileURL: string; status: number; maxAge: number }[] };
    const [f] = urls.fileList;
    expect(f).toEqual(expect.objectContaining({ fileID: up.fileID, status: 0 }));
    const got = await fetch(encodeURI(f.tempFileURL));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    const down = (await sdk.downloadFile({ fileID: up.fileID })) as { fileContent: Buffer };
    expect(Buffer.from(down.fileContent).equals(bytes)).toBe(true);

    const del = (await sdk.deleteFile({ fileList: [up.fileID] })) as { fileList: { fileID: string; status: number }[] };
    expect(del.fileList).toEqual([expect.objectContaining({ fileID: up.fileID, status: 0 })]);
    expect((await fetch(encodeURI(f.tempFileURL))).status).toBe(404);
    const after = (await sdk.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { status: number; tempFileURL: string }[] };
    expect(after.fileList[0]).toEqual(expect.objectContaining({ status: -503003, tempFileURL: '' }));
    // node-sdk's downloadFile throws the per-file code itself (as its own test 'unexistFileID' expects)
    expect(await rejection(sdk.downloadFile({ fileID: up.fileID }))).toEqual(expect.objectContaining({ code: 'STORAGE_FILE_NONEXIST' }));
  });

  it('keeps files across an emulator restart', async () => {
    const up = (await sdk.uploadFile({ cloudPath: 'tickets/t2/a.png', fileContent: bytes })) as { fileID: string };
    await stop();
    await start();
    const down = (await sdk.downloadFile({ fileID: up.fileID })) as { fileContent: Buffer };
    expect(Buffer.from(down.fileContent).equals(bytes)).toBe(true);
  });

  it('refuses a fileID of another environment (-501005) without touching it, and reports a malformed one missing', async () => {
    const other = (await sdk.uploadFile({ cloudPath: 'secret.jpg', fileContent: bytes, config: { env: 'other-env' } } as never)) as { fileID: string };
    expect(other.fileID.startsWith('cloud://other-env.')).toBe(true);
    const urls = (await sdk.getTempFileURL({ fileList: [other.fileID, 'unexistFileID'] })) as { fileList: { status: number; tempFileURL: string }[] };
    expect(urls.fileList.map((x) => [x.status, x.tempFileURL])).toEqual([
      [-501005, ''],
      [-503003, ''],
    ]);
    const del = (await sdk.deleteFile({ fileList: [other.fileID] })) as { fileList: { status: number }[] };
    expect(del.fileList[0].status).toBe(-501005);
    expect(endpoint.storage.read(other.fileID)?.bytes.equals(bytes)).toBe(true);
  });

  it('refuses more than 50 files in one call (INVALID_PARAM, thrown by node-sdk with errCode -1)', async () => {
    const fileList = Array.from({ length: 51 }, (_, i) => `cloud://${ENV}.${bucketOf(ENV)}/x${i}.jpg`);
    // node-sdk's request layer throws the service's `{ code }` itself (processReturn), so wx-server-sdk's code table never sees it
    expect(await rejection(sdk.getTempFileURL({ fileList }))).toEqual(expect.objectContaining({ code: 'INVALID_PARAM', errCode: -1 }));
    expect(await rejection(sdk.deleteFile({ fileList }))).toEqual(expect.objectContaining({ code: 'INVALID_PARAM', errCode: -1 }));
  });

  it('serves a temp URL only with its signature and until it expires', async () => {
    const up = (await sdk.uploadFile({ cloudPath: 'tickets/t3/b.jpg', fileContent: bytes })) as { fileID: string };
    const res = (await sdk.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 1 }] })) as { fileList: { tempFileURL: string; maxAge: number }[] };
    const url = res.fileList[0].tempFileURL;
    expect(res.fileList[0].maxAge).toBe(1);
    expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=00'))).status).toBe(403);
    expect((await fetch(url.replace(/t=\d+/, (m) => `t=${Number(m.slice(2)) + 3600}`))).status).toBe(403);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('takes an upload PUT only with the authorization getUploadMetadata issued', async () => {
    const meta = (await (
      await fetch(endpoint.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'forged.jpg', method: 'put', envName: ENV }) })
    ).json()) as { data: { url: string; authorization: string; fileId: string } };
    const forged = await fetch(meta.data.url, { method: 'PUT', headers: { authorization: meta.data.authorization.replace(/sign=\w+/, 'sign=abc') }, body: bytes });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(endpoint.storage.read(meta.data.fileId)).toBeNull();
    const ok = await fetch(meta.data.url, { method: 'PUT', headers: { authorization: meta.data.authorization }, body: bytes });
    expect(ok.status).toBe(200);
    expect(endpoint.storage.read(meta.data.fileId)?.bytes.equals(bytes)).toBe(true);
  });
});

describe('function wrappers (cloudfunctions/shared) against the emulator', () => {
  type Shared = {
    security: typeof import('../../cloudfunctions/shared/security');
    notify: typeof import('../../cloudfunctions/shared/notify');
    files: typeof import('../../cloudfunctions/shared/files');
  };
  let shared: Shared;
  beforeAll(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    shared = {
      security: require('../../cloudfunctions/shared/security'),
      notify: require('../../cloudfunctions/shared/notify'),
      files: require('../../cloudfunctions/shared/files'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });

  it('checkText passes clean text and throws COMMON.TEXT_REJECTED for risky or review text', async () => {
    await expect(shared.security.checkText('绿化带里种了菜', 'local-p-lixiulan')).resolves.toBeUndefined();
    await expect(shared.security.checkText('违禁测试词', 'local-p-lixiulan')).rejects.toMatchObject({ code: 'COMMON.TEXT_REJECTED', details: { label: 20006 }, message: '内容含有不适宜发布的信息，请修改后再提交' });
    await expect(shared.security.checkText('待审测试词', 'local-p-lixiulan')).rejects.toMatchObject({ code: 'COMMON.TEXT_REJECTED' });
    // a check that cannot be made fails closed
    await expect(shared.security.checkText('你好', 'nowechat:u-1')).rejects.toMatchObject({ code: 'COMMON.INTERNAL' });
  });

  it('checkImage reads the photo from storage and passes a fine image; refuses a risky one, a non-image, one over 1 MB; fails closed when the call is refused', async () => {
    actAsFunction('posts');
    const up = async (name: string, bytes: Buffer) => ((await sdk.uploadFile({ cloudPath: `tickets/u-img/${name}`, fileContent: bytes })) as { fileID: string }).fileID;
    await expect(shared.security.checkImage(await up('fine.jpg', png()), 'local-p-lixiulan')).resolves.toBeUndefined();
    await expect(shared.security.checkImage(await up('risky.png', png({ text: RISKY_IMAGE_TEXT })), 'local-p-lixiulan', 3)).rejects.toMatchObject({ code: 'COMMON.IMAGE_REJECTED', details: { photo: 3, reason: 'risky' }, message: '有一张照片不能发布，请换一张再发' });
    await expect(shared.security.checkImage(await up('doc.png', Buffer.from('%PDF-1.4')), 'local-p-lixiulan')).rejects.toMatchObject({ details: { reason: 'not-image' } });
    await expect(shared.security.checkImage(await up('big.png', png({ atLeastBytes: 1024 * 1024 + 1 })), 'local-p-lixiulan')).rejects.toMatchObject({ details: { reason: 'too-big' } });
    // a function without security.imgSecCheck in permissions.openapi (-604101): the photo is not checked, so not passed
    const fine = await up('fine2.gif', GIF);
    actAsFunction('ticket');
    await expect(shared.security.checkImage(fine, 'local-p-lixiulan')).rejects.toMatchObject({ code: 'COMMON.INTERNAL' });
  });

  it('sendSubscribe never throws: delivers, skips a resident without WeChat, reports a refusal', async () => {
    const before = endpoint.messages.inbox('local-p-wrapper').length;
    endpoint.messages.grant('local-p-wrapper', ['TPL-x']);
    const ok = await shared.notify.sendSubscribe({ touser: 'local-p-wrapper', templateId: 'TPL-x', data: { thing1: '一二三四五六七八九十一二三四五六七八九十一二', phrase2: '已受理' } });
    expect(ok).toEqual({ sent: true });
    const [latest] = endpoint.messages.inbox('local-p-wrapper');
    expect(endpoint.messages.inbox('local-p-wrapper')).toHaveLength(before + 1);
    expect([...latest.data.thing1.value]).toHaveLength(20);
    expect(await shared.notify.sendSubscribe({ touser: 'nowechat:u-1', templateId: 'TPL-x', data: { thing1: 'x' } })).toEqual({ sent: false, reason: 'no-wechat' });
    const refused = await shared.notify.sendSubscribe({ touser: 'not-an-openid', templateId: 'TPL-x', data: { thing1: 'x' } });
    expect(refused).toEqual(expect.objectContaining({ sent: false, reason: 'failed', errCode: 40003 }));
  });

  it('tempFileUrls answers URLs for existing files only; deleteFiles answers those no longer stored', async () => {
    const up = (await sdk.uploadFile({ cloudPath: 'tickets/t4/c.jpg', fileContent: Buffer.from('c') })) as { fileID: string };
    const missing = `cloud://${ENV}.${bucketOf(ENV)}/nope.jpg`;
    const urls = await shared.files.tempFileUrls([up.fileID, missing, up.fileID]);
    expect(Object.keys(urls)).toEqual([up.fileID]);
    expect(await (await fetch(encodeURI(urls[up.fileID]))).text()).toBe('c');
    expect(shared.files.isCloudFileId(up.fileID, ENV)).toBe(true);
    expect(shared.files.isCloudFileId(up.fileID, 'other-env')).toBe(false);
    // deleteFiles answers the files no longer in storage: deleted now, or never there (-503003), so a
    // second run after a cut-short one completes it; another environment's file is refused and left out
    const foreign = `cloud://other-env.${bucketOf('other-env')}/tickets/t4/c.jpg`;
    expect(await shared.files.deleteFiles([up.fileID, missing, foreign])).toEqual([up.fileID, missing]);
    expect(Object.keys(await shared.files.tempFileUrls([up.fileID]))).toEqual([]);
  });
});

describe('local gateway: uploads and the messages a resident would have received', () => {
  let cloud: TestCloud;
  let gw: Gateway;
  let base: string;
  beforeAll(async () => {
    cloud = await startTestCloud({ poolSize: 1, seed: false });
    gw = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir: path.join(cloud.dataDir, 'no-h5') });
    base = `http://127.0.0.1:${gw.port}`;
  });
  afterAll(async () => {
    await gw.close();
    await cloud.close();
  });

  it('POST /api/local/upload stores the bytes in cloud storage and answers the fileID', async () => {
    const body = Buffer.from('photo-bytes');
    cloud.db.insert('users', [{ _id: 'u-lixiulan', openid: 'local-p-lixiulan', name: '李秀兰', role: 'resident', communityId: 'c-x', createdAt: new Date() }]);
    const res = await fetch(`${base}/api/local/upload?cloudPath=${encodeURIComponent('tickets/u-lixiulan/roof.jpg')}`, { method: 'POST', headers: { 'X-WX-OPENID': 'local-p-lixiulan', 'content-type': 'image/jpeg' }, body });
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toBe(`cloud://local-kiosk.${bucketOf('local-kiosk')}/tickets/u-lixiulan/roof.jpg`);
    expect(cloud.endpoint.storage.read(fileID)?.bytes.equals(body)).toBe(true);
    // the temp URL's path is served on the kiosk's own port as well
    const listing = cloud.endpoint.storage.handleAction({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: fileID }] }, 'local-kiosk', 'http://emulator') as { data: { download_list: { tempFileURL: string }[] } };
    const tempPath = listing.data.download_list[0].tempFileURL.slice('http://emulator'.length);
    const viaGateway = await fetch(encodeURI(`${base}${tempPath}`));
    expect(Buffer.from(await viaGateway.arrayBuffer()).equals(body)).toBe(true);
    const bad = await fetch(`${base}/api/local/upload?cloudPath=${encodeURIComponent('/../x.jpg')}`, { method: 'POST', headers: { 'X-WX-OPENID': 'local-p-lixiulan' }, body });
    expect(bad.status).toBe(400);
  });

  it('POST /api/local/subscribe records the caller accepting 1–3 templates, as wx.requestSubscribeMessage answers', async () => {
    const res = await fetch(`${base}/api/local/subscribe`, { method: 'POST', headers: { 'X-WX-OPENID': 'local-p-tap', 'content-type': 'application/json' }, body: JSON.stringify({ templateIds: ['TPL-a', 'TPL-b'] }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'TPL-a': 'accept', 'TPL-b': 'accept' });
    expect(cloud.endpoint.messages.available('local-p-tap', 'TPL-a')).toBe(1);
    expect(cloud.endpoint.messages.available('local-p-tap', 'TPL-c')).toBe(0);
    const tooMany = await fetch(`${base}/api/local/subscribe`, { method: 'POST', headers: { 'X-WX-OPENID': 'local-p-tap' }, body: JSON.stringify({ templateIds: ['a', 'b', 'c', 'd'] }) });
    expect(tooMany.status).toBe(400);
  });

  it('POST /api/local/phone-code issues a one-time code for the caller: the number asked for, else the one on record, else the demo number', async () => {
    const issue = (openid: string | null, body: unknown) =>
      fetch(`${base}/api/local/phone-code`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'X-WX-OPENID': openid } : {}) }, body: JSON.stringify(body) });
    const redeem = (code: string) => cloud.endpoint.phoneCodes.redeem(code);
    const asked = await issue('local-p-tap', { phone: '13612345678' });
    expect(asked.status).toBe(200);
    const answer = (await asked.json()) as { errMsg: string; code: string };
    expect(answer.errMsg).toBe('getPhoneNumber:ok');
    expect(redeem(answer.code)).toMatchObject({ openid: 'local-p-tap', phone: '13612345678' });
    expect(redeem(answer.code)).toBeNull();
    cloud.db.insert('users', [{ _id: 'u-phone', openid: 'local-p-onrecord', name: '有电话', role: 'resident', communityId: 'c-x', phone: '15199023344', createdAt: new Date() }]);
    const onRecord = (await (await issue('local-p-onrecord', {})).json()) as { code: string };
    expect(redeem(onRecord.code)?.phone).toBe('15199023344');
    const none = (await (await issue('local-p-nobody', {})).json()) as { code: string };
    expect(redeem(none.code)?.phone).toBe(DEMO_PHONE);
    expect((await issue('local-p-tap', { phone: '0994-482' })).status).toBe(400);
    expect((await issue(null, {})).status).toBe(400);
  });

  it('GET /api/local/messages lists the caller\'s own messages newest first (X-WX-OPENID), and nobody else\'s', async () => {
    const rec = (id: string, touser: string, at: string) =>
      cloud.endpoint.messages.record({ id, at, env: 'local-kiosk', fromFunction: 'ticket', touser, templateId: 'T', page: '', data: { thing1: { value: id } }, miniprogramState: 'formal', lang: 'zh_CN' });
    rec('m1', 'local-p-a', '2026-01-01T00:00:00Z');
    rec('m2', 'local-p-b', '2026-01-01T00:01:00Z');
    rec('m3', 'local-p-a', '2026-01-01T00:02:00Z');
    const res = await fetch(`${base}/api/local/messages`, { headers: { 'X-WX-OPENID': 'local-p-a' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual(['m3', 'm1']);
    // b asks for a's messages by the old query parameter: refused, nothing of a's in the answer
    const asOther = await fetch(`${base}/api/local/messages?openid=local-p-a`, { headers: { 'X-WX-OPENID': 'local-p-b' } });
    expect(asOther.status).toBe(400);
    expect(await asOther.text()).not.toContain('m1');
    const anonymous = await fetch(`${base}/api/local/messages?openid=local-p-a`);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.text()).not.toContain('m3');
    const noHeader = await fetch(`${base}/api/local/messages`);
    expect(noHeader.status).toBe(401);
    expect(((await (await fetch(`${base}/api/local/messages`, { headers: { 'X-WX-OPENID': 'local-p-b' } })).json()) as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual(['m2']);
  });
});

describe('the local runtime hands each function its own cloud-call credential', () => {
  // two throwaway functions under dist/ (so `require('wx-server-sdk')` resolves): same code, one declares the API
  const fnDir = path.join(repoRoot(), 'dist', 'test-openapi-functions');
  const code = `const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  try {
    const r = await cloud.openapi.security.msgSecCheck({ openid: cloud.getWXContext().OPENID, scene: 2, version: 2, content: event.content });
    return { suggest: r.result.suggest, contextKeys: Object.keys(cloud.getWXContext()).sort() };
  } catch (e) {
    return { errCode: e.errCode };
  }
};`;
  let pool: FunctionPool;
  beforeAll(() => {
    for (const [name, openapi] of [['declares', ['security.msgSecCheck']], ['undeclared', []]] as const) {
      fs.mkdirSync(path.join(fnDir, name), { recursive: true });
      fs.writeFileSync(path.join(fnDir, name, 'index.js'), code);
      fs.writeFileSync(path.join(fnDir, name, 'config.json'), JSON.stringify({ permissions: { openapi }, timeout: 20 }));
    }
  });
  afterAll(async () => {
    await pool?.close();
    await endpoint.close();
    local.close();
    fs.rmSync(fnDir, { recursive: true, force: true });
    await start();
  });

  it('a declared API answers, an undeclared one is -604101, and the credential never shows in getWXContext()', async () => {
    await endpoint.close();
    local.close();
    local = LocalDatabase.open({ dir, fsync: false, schema: { collections: {} } });
    endpoint = await startCloudbaseEndpoint(local, 0, { functionsDir: fnDir, fsync: false });
    pool = new FunctionPool({ functionsDir: fnDir, workerFile: paths.worker(), cloudbaseUrl: endpoint.url, size: 1, apiToken: (n) => endpoint.openapi.tokenFor(n) });
    const caller = { OPENID: 'local-p-lixiulan', APPID: 'wx-local-kiosk', SOURCE: 'wx_client' };
    const ok = (await pool.invoke('declares', { content: '违禁测试词' }, caller)) as { suggest: string; contextKeys: string[] };
    expect(ok.suggest).toBe('risky');
    expect(ok.contextKeys.some((k) => /TOKEN/.test(k))).toBe(false);
    expect(await pool.invoke('undeclared', { content: '你好' }, caller)).toEqual({ errCode: -604101 });
  });
});
