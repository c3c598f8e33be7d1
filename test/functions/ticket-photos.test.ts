/**
 * Forged uploads (issue 16, "Uploads and the local helpers"): a person can no longer overwrite
 * another person's photo through the local upload route, uploads only into their own folder
 * (`tickets/<users._id>/`), and a report refuses photos of another cloud environment — through the
 * real HTTP gateway and the real wx-server-sdk against the emulator.
 */
import path from 'node:path';
import { startGateway, type Gateway } from '../../local/gateway';
import { bucketOf } from '../../local/cloudbase/storage';
import { LOCAL_ENV_ID, pointSdkAt } from '../../local/runtime/sdk-env';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ResidentTicketView } from '../../cloudfunctions/ticket/contract';
import fs from 'node:fs';
import { PHOTO_DIR, photoPathOwner } from '../../cloudfunctions/shared/photos';

let cloud: TestCloud;
let gw: Gateway;
let base: string;
const li = openidOf('r-li');
const ye = openidOf('r-ye');
const chen = openidOf('w-chen');
let n = 0;
const rid = () => `photos-${(n += 1).toString().padStart(6, '0')}`;
const report = (over: Record<string, unknown> = {}) => ({ action: 'report', category: 'animals', text: '楼顶有人养了一百多只鸽子，衣服被子都没法晒', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' }, requestId: rid(), ...over });
const fileIdOf = (env: string, cloudPath: string) => `cloud://${env}.${bucketOf(env)}/${cloudPath}`;

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 2 });
  gw = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir: path.join(cloud.dataDir, 'no-h5') });
  base = `http://127.0.0.1:${gw.port}`;
}, 60_000);
afterAll(async () => {
  await gw.close();
  await cloud.close();
});

/** `POST /api/local/upload` as `openid` (none: no header), as the H5 app's uploadFile does. */
async function upload(openid: string | null, cloudPath: string, body: string): Promise<{ status: number; fileID?: string; errCode?: number; errMsg?: string }> {
  const r = await fetch(`${base}/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', ...(openid ? { 'X-WX-OPENID': openid } : {}) },
    body,
  });
  return { status: r.status, ...((await r.json()) as object) };
}
const bytesOf = (cloudPath: string) => cloud.endpoint.storage.read(fileIdOf(LOCAL_ENV_ID, cloudPath))?.bytes.toString() ?? null;

describe('the local upload route checks the caller, as the storage rule does', () => {
  it('a resident uploads into her own folder and is recorded as the owner; she may replace her own photo', async () => {
    const first = await upload(li, 'tickets/r-li/roof-a.jpg', 'li roof 1');
    expect(first).toEqual({ status: 200, fileID: fileIdOf(LOCAL_ENV_ID, 'tickets/r-li/roof-a.jpg') });
    expect(cloud.endpoint.storage.ownerOf(LOCAL_ENV_ID, 'tickets/r-li/roof-a.jpg')).toEqual({ openid: li });
    expect((await upload(li, 'tickets/r-li/roof-a.jpg', 'li roof 2')).status).toBe(200);
    expect(bytesOf('tickets/r-li/roof-a.jpg')).toBe('li roof 2');
  });

  it('the neighbour cannot overwrite her photo, nor write anywhere outside his own folder (403, WeChat-like error, nothing stored)', async () => {
    await upload(li, 'tickets/r-li/roof-b.jpg', 'li original');
    for (const cloudPath of ['tickets/r-li/roof-b.jpg', 'tickets/r-li/new.jpg', 'tickets/w-chen/x.jpg', 'uploads/x.jpg', 'tickets/r-ye/sub/x.jpg', 'tickets/r-ye']) {
      const r = await upload(ye, cloudPath, 'forged');
      expect({ cloudPath, status: r.status, errCode: r.errCode }).toEqual({ cloudPath, status: 403, errCode: -503002 });
      expect(r.errMsg).toMatch(/^uploadFile:fail storage permission denied\. 只能上传到自己的文件夹/);
    }
    expect(bytesOf('tickets/r-li/roof-b.jpg')).toBe('li original');
    expect(bytesOf('tickets/r-li/new.jpg')).toBeNull();
    expect((await upload(ye, 'tickets/r-ye/loft.jpg', 'ye loft')).status).toBe(200);
  });

  it('a file in her folder that someone else uploaded (another WeChat, or a function) is not hers to overwrite', async () => {
    cloud.endpoint.storage.put(LOCAL_ENV_ID, 'tickets/r-li/other-wechat.jpg', Buffer.from('other'), 'local-someone-else');
    pointSdkAt(cloud.endpoint.url, LOCAL_ENV_ID);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk');
    sdk.init({ env: LOCAL_ENV_ID });
    await sdk.uploadFile({ cloudPath: 'tickets/r-li/by-function.jpg', fileContent: Buffer.from('admin') });
    expect(cloud.endpoint.storage.ownerOf(LOCAL_ENV_ID, 'tickets/r-li/by-function.jpg')).toEqual({ openid: null });
    for (const [cloudPath, kept] of [['tickets/r-li/other-wechat.jpg', 'other'], ['tickets/r-li/by-function.jpg', 'admin']]) {
      const r = await upload(li, cloudPath, 'overwrite');
      expect(r).toMatchObject({ status: 403, errCode: -503002, errMsg: expect.stringContaining('不能覆盖别人上传的文件') });
      expect(bytesOf(cloudPath)).toBe(kept);
    }
  });

  it('anonymous callers and people without a record cannot upload', async () => {
    expect(await upload(null, 'tickets/r-li/anon.jpg', 'x')).toMatchObject({ status: 401, errCode: -503002 });
    expect(await upload('local-visitor-0123456789abcdef', 'tickets/r-li/anon.jpg', 'x')).toMatchObject({ status: 403, errCode: -503002 });
    expect(bytesOf('tickets/r-li/anon.jpg')).toBeNull();
    expect((await upload(li, '', 'x')).status).toBe(400);
  });
});

describe('a report takes only the caller’s own photos of this environment', () => {
  it('a photo of another cloud environment is refused (COMMON.FORBIDDEN) and nothing is written', async () => {
    await upload(li, 'tickets/r-li/roof-c.jpg', 'li roof c');
    const before = cloud.snapshot();
    for (const env of ['other-env', 'local-kiosk-2', 'local']) {
      const foreign = fileIdOf(env, 'tickets/r-li/roof-c.jpg');
      expect(await cloud.act('ticket', report({ photos: [foreign] }), li)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
      expect(
        await cloud.act('ticket', { action: 'fileCase', source: 'selfFound', category: 'animals', text: '楼顶鸽子太多，需要处理', where: { estateId: 'e-lantian', building: '7号楼' }, photos: [fileIdOf(env, 'tickets/w-chen/a.jpg')], requestId: rid() }, chen),
      ).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    }
    // another person's photo of this environment: refused as before
    expect(await cloud.act('ticket', report({ photos: [fileIdOf(LOCAL_ENV_ID, 'tickets/r-ye/loft.jpg')] }), li)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(cloud.snapshot()).toBe(before);
    // her own, uploaded through the route the H5 app uses: kept and shown to her
    const t = await ok(cloud.act<ResidentTicketView>('ticket', report({ photos: [fileIdOf(LOCAL_ENV_ID, 'tickets/r-li/roof-c.jpg')] }), li));
    expect(t.photos).toHaveLength(1);
    expect(await (await fetch(t.photos[0])).text()).toBe('li roof c');
  });
});

describe('the app uploads where storage and the functions accept', () => {
  it('PhotoPicker builds tickets/<users._id>/<base36 time + random>.jpg, the shared convention', () => {
    const src = fs.readFileSync(path.join(__dirname, '../../src/ticket/components/PhotoPicker.tsx'), 'utf8');
    expect(src).toContain('uploadFile(p, `tickets/${userId}/${photoName()}`)');
    expect(src).toContain('const photoName = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.jpg`;');
    expect(PHOTO_DIR).toBe('tickets');
    const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.jpg`;
    expect(photoPathOwner(`tickets/r-li/${name}`)).toBe('r-li');
  });
});
