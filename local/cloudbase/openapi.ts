/**
 * WeChat server APIs (`cloud.openapi.*`, "云调用") as the local CloudBase emulator answers them.
 *
 * ## The wire format (read off wx-server-sdk 4.0.2 and @cloudbase/node-sdk 3.17.2 on this machine)
 *
 * Request — `cloud.openapi.security.msgSecCheck({...})`:
 * 1. `wx-server-sdk/index.js`, module `src/api/openapi/namespace/generic.ts`, `callWXOpenAPI`:
 *    the payload's keys are converted camelCase → snake_case (`templateId` → `template_id`,
 *    `miniprogramState` → `miniprogram_state`), then every key becomes a protobuf `KeyValuePair`
 *    `{ key, value: Buffer(JSONBigInt.stringify(value)) }` (a string travels as a JSON string with
 *    its quotes, `2` as `2`); the pairs are wrapped in `CommApiData { apiType: OPEN_API (0),
 *    openapiData: { pairs }, appid }` and encoded (module `src/protobuf/openapi.js`, protobufjs
 *    `minimal`; field ids are reproduced in {@link PROTO} below).
 * 2. Module `src/api/cloud/provider/tcb/api/callWXOpenAPI.ts`, `callGeneralOpenAPI`, calls
 *    node-sdk's `callCompatibleWxOpenApi` (`@cloudbase/node-sdk/src/wx/index.ts`) with
 *    `apiName` = the dotted path (`security.msgSecCheck`) and `requestData` = that buffer
 *    (`cgiName: 'commrpcv2'` only for `cloud.openapi({ version: 'v2' })`).
 * 3. `@cloudbase/node-sdk/src/utils/tcbapirequester.ts` (`makeParams`, `makeReqOpts`) and
 *    `request-core.ts` (`buildHttpRequestInfo`) POST to the same `…/admin?env=…` endpoint as the
 *    database, but as **multipart/form-data** built by the `form-data` package: text fields
 *    `action` = `wx.openApi`, `apiName`, `envName`, `wxCloudApiToken`, `tcb_sessionToken`, … and the
 *    binary field `requestData` (the protobuf). `wxCloudApiToken` is `WX_API_TOKEN` of the function's
 *    environment (`TRIGGER_SRC=timer`: `WX_TRIGGER_API_TOKEN_V0`), read through `WX_CONTEXT_KEYS`
 *    (`utils/wxCloudToken.ts`, `utils/tcbcontext.ts`) — the platform's per-function credential,
 *    which is how the real service knows which function calls.
 *
 * Response: the raw HTTP body (`opts.type: 'raw'`). `tcbapirequester.ts` `handleWxOpenApiData`
 * JSON-parses it only when the content-type is exactly `application/json; charset=utf-8` (a TCB
 * error `{ code, message }` → wx-server-sdk throws `errCode` = its TCB code table). Otherwise
 * `callGeneralOpenAPI` decodes it as protobuf `CommOpenApiResp { respData, contentType, errorCode,
 * httpCode, headers, svrkitErrorCode }`:
 * - `errorCode ≠ 0` → `CloudSDKError { errCode: errorCode, errMsg: 'system error: error code: N' }`
 *   — e.g. -604101 when the function's `config.json` does not declare the API in
 *   `permissions.openapi` (docs.cloudbase.net/faq/knowledge/cloud-call-604101-permission-error shows
 *   the same answer from the real service: `{ errCode: -604101, errMsg: 'system error: error code:
 *   -604101' }`, logged as `openapi.security.msgSecCheck:fail system error: error code: -604101`);
 * - otherwise `respData` is WeChat's JSON answer (content type matching `application/json` or
 *   `text/plain`): `errcode ≠ 0` → `CloudSDKError { errCode: errcode, errMsg: 'openapi.<api>:fail <errmsg>' }`;
 *   `errcode = 0` → the object without `errcode`/`errmsg`, snake_case → camelCase (`trace_id` →
 *   `traceId`), plus `errCode: 0, errMsg: 'openapi.<api>:ok'`.
 *
 * ## What WeChat answers (emulated here)
 * - `security.msgSecCheck` (developers.weixin.qq.com …/sec-check/security.msgSecCheck.html):
 *   v2 (`version: 2`) needs `openid`, `scene` (1 资料, 2 评论, 3 论坛, 4 社交日志) and `content`
 *   (≤ 2500 characters); answers `{ errcode: 0, errmsg: 'ok', result: { suggest, label }, detail:
 *   [{ strategy, errcode, suggest, label, prob?, keyword? }], trace_id }`, `suggest` ∈ pass |
 *   review | risky, `label` a number (100 正常, 10001 广告, 20001 时政, 20002 色情, 20003 辱骂,
 *   20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 其他; the community thread
 *   developers.weixin.qq.com/community/minihome/doc/000eaa0d75ce68830bbcabbea5b400 confirms
 *   numbers and the spelling `suggest`). Errors: 40003 invalid openid, 40129 invalid scene, 47001
 *   data format error (a required v2 field missing — community thread 000e009871c2b03f84cc259b951000).
 *   Without `version` it is v1: `{ errcode: 0, errmsg: 'ok' }` or `{ errcode: 87014, errmsg: 'risky content' }`.
 * - `security.imgSecCheck` (developers.weixin.qq.com …/sec-check/security.imgSecCheck.html, English
 *   copy …/miniprogram/en/dev/api-backend/open-api/sec-check/security.imgSecCheck.html; Chinese copy
 *   m.w3cschool.cn/weixinapp/weixinapp-ux7r38we.html): cloud call `cloud.openapi.security.imgSecCheck({
 *   media: { contentType: 'image/png', value: Buffer } })`, declared in `permissions.openapi`;
 *   HTTPS `POST /wxa/img_sec_check` with the image as the multipart file `media`. PNG, JPEG, JPG or
 *   GIF, "Maximum picture size: 1 MB", "not larger than 750x1334 pixels" (reported in practice to
 *   take larger dimensions, so dimensions are not enforced here). Answers `{ errcode: 0, errmsg:
 *   'ok' }` or `{ errcode: 87014, errmsg: 'risky content' }` (the SDK throws `CloudSDKError`
 *   errCode 87014). Errors seen for it: 41005 `media data missing` when no file came (WeChat
 *   community, "云开发 security.imgSecCheck 调用响应错误"; the same text for WeChat's other media
 *   uploads, github.com/JeffreySu/WeiXinMPSDK/issues/104), 47001 `data format error` for a media
 *   that is not an image. Over 1 MB: 40006 `invalid media size` — a code of WeChat's global
 *   return-code table ("不合法的文件大小"), not seen for this API in our sources. No `openid`, no
 *   scene, no label: the answer is only pass or 87014. The request's wire form: {@link decodeRequest}.
 *   (WeChat's newer `security.mediaCheckAsync` answers later by a push message, up to 30 minutes;
 *   not emulated — docs/deploy.md says why the kiosk uses the synchronous check.)
 * - `subscribeMessage.send` (…/subscribe-message/subscribeMessage.send.html): `touser`,
 *   `template_id`, `page`, `data: { key: { value } }`, `miniprogram_state` (developer | trial |
 *   formal), `lang`; answers `{ errcode: 0, errmsg: 'ok' }`. Errors: 40003 touser empty or not an
 *   OPENID, 40037 template_id empty or wrong, 43101 user refused (no subscription left), 47003 a
 *   data value empty or breaking its type's limit (`thing` ≤ 20 characters, `phrase` ≤ 5 汉字, …;
 *   errmsg names the field: `argument invalid! data.thing3.value is empty`).
 * - `phonenumber.getPhoneNumber` (developers.weixin.qq.com …/user-info/phone-number/getPhoneNumber.html,
 *   formerly …/phonenumber/phonenumber.getPhoneNumber.html; HTTPS `POST /wxa/business/getuserphonenumber`,
 *   cloud call `openapi.phonenumber.getPhoneNumber`): request `{ code }` — the dynamic code of the
 *   mini-program's `<button open-type="getPhoneNumber">` (`e.detail.code`, base library ≥ 2.21.2,
 *   wechat-miniprogram/api-typings#236), "每个 code 只能使用一次，code 的有效期为 5min". Answer
 *   `{ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber, purePhoneNumber, countryCode, watermark:
 *   { timestamp, appid } } }` — `phoneNumber` carries the country code only for numbers outside the
 *   mainland, `purePhoneNumber` never; `countryCode` is typed string in the field table but printed as
 *   the number 86 in the page's example (we send the string `'86'`); `watermark.timestamp` is when
 *   the person tapped, in epoch seconds. The SDK hands a function `{ phoneInfo: { … }, errCode: 0,
 *   errMsg: 'openapi.phonenumber.getPhoneNumber:ok' }`. A code that is unknown, spent or older than
 *   5 minutes (also a `wx.login` code sent by mistake) is errcode 40029 with errmsg
 *   `invalid code hint: [<hint>] rid: <rid>` — the wording real answers show
 *   (github.com/binarywang/WxJava/issues/2821 `{"errcode":40029,"errmsg":"invalid code hint:
 *   [hElexSDNRa-XiBFgA] rid: 632d16be-15ad5486-1e378de4"}`; kuif/xcx#1 and
 *   JeffreySu/WeiXinMPSDK#2723 the same for a `wx.login` code). The page's errcode table lists 0 and
 *   -1 (系统繁忙) among others; the copies we could read were cut off after those, so only 40029 is
 *   emulated besides the missing code: a request without a non-empty string `code` is 41008
 *   `missing code` (WeChat's global return-code table, "缺少 oauth code"; not seen for this API in
 *   our sources).
 *
 * ## The local stand-ins
 * - Which OPENIDs exist: a real OPENID's shape (`o` + 27 of `[A-Za-z0-9_-]`) or the local
 *   runtime's callers (`local-…`). Anything else — the counter's placeholder `nowechat:<id>`, an
 *   empty string — is 40003, as for an OPENID WeChat does not know.
 * - The content check: a small deterministic word list ({@link SEC_CHECK_WORDS}).
 * - The image check: an image whose bytes contain the UTF-8 text `违禁测试图`
 *   ({@link IMG_SEC_CHECK_MARKER}, e.g. in a PNG `tEXt` chunk) is risky; every other PNG/JPEG/GIF
 *   passes. The format is told by the bytes' signature ({@link imageFormatOf}), not by the part's
 *   filename (the real server's handling of a mismatch is unknown to us).
 * - Sent messages are recorded ({@link MessageStore}); nobody receives them.
 * - Subscriptions (43101), enforced by default everywhere (`npm start`, tests, bench) as WeChat
 *   does: a send needs an accepted tap left for that person and template (`MessageStore.grant`, the
 *   local `wx.requestSubscribeMessage`; one tap of a template = one send to that OPENID), else
 *   errcode 43101 `user refuse to accept the msg` (sendMessage.html's errcode table; a real answer
 *   quoted in github.com/binarywang/WxJava/issues/1387: `{"errcode":43101,"errmsg":"user refuse to
 *   accept the msg hint: [dRLzgA04114106]"}`). Each refusal is recorded (`MessageStore.refused()`).
 *   `enforceSubscriptions: false` (a test of something else may ask) delivers every well-formed send.
 * - Phone-number codes: issued by the local gateway (`POST /api/local/phone-code`, the local
 *   stand-in for WeChat's phone-number sheet) into a {@link PhoneCodeStore} (phone-codes.ts):
 *   single use, 5 minutes on the cloud's clock, forgotten on restart; any other code is 40029.
 * - The errmsg texts carry `rid: <trace id>` as WeChat's do; their wording outside the codes
 *   quoted above is ours.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { newId } from './database';
import type { MessageStore } from './messages';
import type { PhoneCodeStore } from './phone-codes';

/**
 * The protobuf messages of `wx-server-sdk/index.js` module `src/protobuf/openapi.js` that travel
 * here, with their field ids (`KeyValuePair.encode`, `OpenApiData.encode`, `CommApiData.encode`,
 * `CommOpenApiResp.encode`, `HttpHeader.encode`). `CommApiData` fields 3–5 (inner, svrkit, token
 * data) are for other API types and are not decoded.
 */
const PROTO = {
  nested: {
    KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 }, contenttype: { type: 'string', id: 3 }, filename: { type: 'string', id: 4 } } },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: { fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } } },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
};
const root = protobuf.Root.fromJSON(PROTO);
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** `CommApiData.ApiType.OPEN_API`. */
const OPEN_API = 0;

/** Error codes of the cloud-call layer (wx-server-sdk `src/config/error.config.ts`, `ERR_CODE`). */
export const OPENAPI_ERRORS = {
  /** `WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND` */
  NOT_FOUND: -604100,
  /** `WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION`: the API is not in the function's `permissions.openapi`. */
  NO_PERMISSION: -604101,
  /** `WX_FUNCTIONS_SERVER_OPENAPI_ILLEGAL_INVOCATION_SOURCE`: no function credential (called from outside a cloud function). */
  ILLEGAL_SOURCE: -604104,
} as const;

/** The content type WeChat's API servers answer JSON with. */
const WX_JSON = 'application/json; encoding=utf-8';

/** The stand-in for WeChat's content check: words → (suggest, label). Deterministic, tiny, documented. */
export const SEC_CHECK_WORDS: readonly { word: string; suggest: 'risky' | 'review'; label: number }[] = [
  // a test marker: any text containing it is risky (违法犯罪), so flows can be tested without abuse
  { word: '违禁测试词', suggest: 'risky', label: 20006 },
  // a test marker for the middle answer: WeChat suggests human review
  { word: '待审测试词', suggest: 'review', label: 21000 },
  // a few clearly abusive words (辱骂)
  { word: '傻逼', suggest: 'risky', label: 20003 },
  { word: '操你妈', suggest: 'risky', label: 20003 },
  { word: '王八蛋', suggest: 'risky', label: 20003 },
  { word: '去死吧', suggest: 'risky', label: 20003 },
  // an advert (广告)
  { word: '加微信领红包', suggest: 'risky', label: 10001 },
];

/** True if WeChat would know `openid` as a user of this mini-program (see the module notes). */
export function isKnownOpenid(openid: unknown): openid is string {
  return typeof openid === 'string' && (/^o[A-Za-z0-9_-]{27}$/.test(openid) || /^local-[A-Za-z0-9_-]{1,58}$/.test(openid));
}

/** A WeChat-style trace / request id (`64b7dbf0-23c56013-1e94d102`). */
function traceId(): string {
  const h = () => crypto.randomBytes(4).toString('hex');
  return `${h()}-${h()}-${h()}`;
}

type WxAnswer = Record<string, unknown> & { errcode: number; errmsg: string };

function wxError(errcode: number, text: string, rid: string): WxAnswer {
  return { errcode, errmsg: `${text} rid: ${rid}` };
}

/** `security.msgSecCheck`, v1 and v2. */
export function msgSecCheck(req: Record<string, unknown>): WxAnswer {
  const rid = traceId();
  const content = req.content;
  const hits = typeof content === 'string' ? SEC_CHECK_WORDS.filter((w) => content.includes(w.word)) : [];
  if (req.version === undefined || req.version === 1 || req.version === '1') {
    if (typeof content !== 'string') return wxError(47001, 'data format error', rid);
    return hits.some((h) => h.suggest === 'risky') ? wxError(87014, 'risky content', rid) : { errcode: 0, errmsg: 'ok' };
  }
  if (req.version !== 2 && req.version !== '2') return wxError(47001, 'data format error', rid);
  if (typeof content !== 'string' || req.openid === undefined || req.scene === undefined) return wxError(47001, 'data format error', rid);
  if (!isKnownOpenid(req.openid)) return wxError(40003, 'invalid openid', rid);
  const scene = Number(req.scene);
  if (![1, 2, 3, 4].includes(scene) || String(req.scene) !== String(scene)) return wxError(40129, 'invalid scene', rid);
  if ([...content].length > 2500) return wxError(47001, 'data format error: content longer than 2500 characters', rid);
  const risky = hits.find((h) => h.suggest === 'risky');
  const review = hits.find((h) => h.suggest === 'review');
  const top = risky ?? review;
  const detail: Record<string, unknown>[] = [
    { strategy: 'content_model', errcode: 0, suggest: top ? top.suggest : 'pass', label: top ? top.label : 100, prob: top ? 90 : 0 },
  ];
  for (const h of hits) detail.push({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, level: h.suggest === 'risky' ? 20 : 10, keyword: h.word });
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: top ? top.suggest : 'pass', label: top ? top.label : 100 },
    detail,
    trace_id: rid,
  };
}

/** Largest image `security.imgSecCheck` takes: 1 MB (the API page: "Maximum picture size: 1 MB"), read as 1 048 576 bytes. */
export const IMG_SEC_CHECK_MAX_BYTES = 1024 * 1024;

/** The stand-in for WeChat's image model: an image whose bytes hold this text (e.g. in a PNG `tEXt` chunk) is risky. */
export const IMG_SEC_CHECK_MARKER = '违禁测试图';

/** The image format of `bytes` by its signature (PNG, JPEG, GIF — the formats the API takes), else null. */
export function imageFormatOf(bytes: Buffer): 'png' | 'jpeg' | 'gif' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  return null;
}

/**
 * `security.imgSecCheck` (see the module notes): `media` must be a file part ({@link MediaPart}).
 * Missing or empty → 41005 `media data missing`; a value that is not a file part (plain JSON) or
 * bytes that are no PNG/JPEG/GIF → 47001 `data format error`; over 1 MB → 40006 `invalid media
 * size`; bytes holding {@link IMG_SEC_CHECK_MARKER} → 87014 `risky content`; else `{ errcode: 0,
 * errmsg: 'ok' }`. The size is checked before the format, the format before the content.
 */
export function imgSecCheck(req: Record<string, unknown>): WxAnswer {
  const rid = traceId();
  const media = req.media;
  const noData =
    media === undefined ||
    media === null ||
    media === '' ||
    (isMediaPart(media) && media.bytes.length === 0) ||
    // `{ contentType }` without a Buffer `value` is not a file for the SDK: it travels as JSON, with no data
    (typeof media === 'object' && !isMediaPart(media) && !Array.isArray(media) && (media as { value?: unknown }).value === undefined);
  if (noData) return wxError(41005, 'media data missing', rid);
  if (!isMediaPart(media)) return wxError(47001, 'data format error', rid);
  if (media.bytes.length > IMG_SEC_CHECK_MAX_BYTES) return wxError(40006, 'invalid media size', rid);
  if (!imageFormatOf(media.bytes)) return wxError(47001, 'data format error', rid);
  if (media.bytes.includes(Buffer.from(IMG_SEC_CHECK_MARKER, 'utf8'))) return wxError(87014, 'risky content', rid);
  return { errcode: 0, errmsg: 'ok' };
}

/** Length limits of subscribe-message values by key type (WeChat's "订阅消息参数值内容限制说明"). */
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => /^[+-]?\d+(\.\d+)?$/.test(v) && v.length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => [...v].length <= 5 && !/[\p{L}\p{N}]/u.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => v.length <= 64,
  date: (v) => v.length <= 64,
  amount: (v) => /^\D?\d{1,10}(\.\d+)?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => [...v].length <= 8,
  name: (v) => (/[\u4e00-\u9fff]/.test(v) ? [...v].length <= 10 : v.length <= 20),
  phrase: (v) => /^[\u4e00-\u9fff]{1,5}$/.test(v),
};

/** Checks `subscribeMessage.send`'s payload; null when WeChat would deliver it. */
export function checkSubscribeSend(req: Record<string, unknown>, rid: string): WxAnswer | null {
  if (!isKnownOpenid(req.touser)) return wxError(40003, 'invalid openid', rid);
  if (typeof req.template_id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(req.template_id)) return wxError(40037, 'invalid template_id', rid);
  if (req.page !== undefined && typeof req.page !== 'string') return wxError(41030, 'invalid page', rid);
  if (req.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(req.miniprogram_state))) {
    return wxError(47003, 'argument invalid! miniprogram_state', rid);
  }
  if (req.lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(String(req.lang))) return wxError(47003, 'argument invalid! lang', rid);
  const data = req.data;
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.keys(data).length) return wxError(47003, 'argument invalid! data is empty', rid);
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const m = /^([a-z_]+?)(\d+)$/.exec(key);
    const rule = m ? VALUE_RULES[m[1]] : undefined;
    if (!rule) return wxError(47003, `argument invalid! data.${key} is not a template field`, rid);
    const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    if (value === undefined || value === null || String(value) === '') return wxError(47003, `argument invalid! data.${key}.value is empty`, rid);
    if (/[\u0000-\u001f\u007f]/.test(String(value)) || !rule(String(value))) return wxError(47003, `argument invalid! data.${key}.value invalid`, rid);
  }
  return null;
}

/** `phonenumber.getPhoneNumber`: redeems the button's code (single use, 5 minutes; see the module notes). */
export function getPhoneNumber(req: Record<string, unknown>, codes: PhoneCodeStore): WxAnswer {
  const rid = traceId();
  if (typeof req.code !== 'string' || !req.code) return wxError(41008, 'missing code', rid);
  const grant = codes.redeem(req.code);
  if (!grant) return wxError(40029, `invalid code hint: [${crypto.randomBytes(9).toString('base64url')}]`, rid);
  return {
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      phoneNumber: grant.phone,
      purePhoneNumber: grant.phone,
      countryCode: '86',
      watermark: { timestamp: Math.floor(grant.issuedAt / 1000), appid: grant.appid },
    },
  };
}

/** A function credential: which function holds it. */
interface TokenInfo {
  functionName: string;
}

export interface OpenApiOptions {
  /** Bundled functions (`<name>/config.json` declares `permissions.openapi`). */
  functionsDir?: string;
  messages: MessageStore;
  /** Codes of the phone-number button (issued by the local gateway). */
  phoneCodes: PhoneCodeStore;
  /** Refuse a subscribe message with 43101 unless its recipient accepted one of that template (default true, as WeChat). */
  enforceSubscriptions?: boolean;
}

/** What the endpoint answers an HTTP request with. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * The cloud-call side of the emulator: issues per-function credentials (the local `WX_API_TOKEN`),
 * checks `permissions.openapi`, decodes `wx.openApi` requests and answers them.
 */
export class OpenApiService {
  private readonly secret = crypto.randomBytes(16);
  private readonly tokens = new Map<string, TokenInfo>();

  /** Sends still to fail as WeChat's 系统繁忙 (errcode -1), for tests of a transient failure ({@link failSends}). */
  private sendFailures = 0;

  constructor(private readonly options: OpenApiOptions) {}

  /**
   * Test hook: the next `count` `subscribeMessage.send` calls answer errcode -1 (系统繁忙, "system
   * error", WeChat's global return-code table) without delivering or spending a subscription — the
   * transient failure a job must retry. Not reachable from the HTTP gateway.
   */
  failSends(count: number): void {
    this.sendFailures = Math.max(0, Math.floor(count));
  }

  /** The credential a function's instance gets as `WX_API_TOKEN` (the platform's per-function token). */
  tokenFor(functionName: string): string {
    const mac = crypto.createHmac('sha256', this.secret).update(functionName).digest('base64url').slice(0, 22);
    const token = `local-wxapi.${functionName}.${mac}`;
    this.tokens.set(token, { functionName });
    return token;
  }

  private declared(functionName: string): string[] {
    const dir = this.options.functionsDir;
    if (!dir) return [];
    try {
      const cfg = JSON.parse(fs.readFileSync(path.join(dir, functionName, 'config.json'), 'utf8')) as { permissions?: { openapi?: unknown } };
      const list = cfg.permissions?.openapi;
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Answers one `wx.openApi` request (fields of the multipart body). */
  handle(fields: { apiName?: string; requestData?: Buffer; wxCloudApiToken?: string; envName?: string }): RawAnswer {
    const apiName = fields.apiName ?? '';
    if (!apiName || !fields.requestData) return tcbError('INVALID_PARAM', 'apiName and requestData are required');
    let request: Record<string, unknown>;
    try {
      request = decodeRequest(fields.requestData);
    } catch (e) {
      return tcbError('INVALID_PARAM', `requestData is not a CommApiData protobuf: ${(e as Error).message}`);
    }
    const token = fields.wxCloudApiToken ? this.tokens.get(fields.wxCloudApiToken) : undefined;
    if (!token) return pbAnswer({ errorCode: OPENAPI_ERRORS.ILLEGAL_SOURCE });
    if (!this.declared(token.functionName).includes(apiName)) return pbAnswer({ errorCode: OPENAPI_ERRORS.NO_PERMISSION });
    switch (apiName) {
      case 'security.msgSecCheck':
        return wxJson(msgSecCheck(request));
      case 'security.imgSecCheck':
        return wxJson(imgSecCheck(request));
      case 'subscribeMessage.send': {
        const rid = traceId();
        const refused = checkSubscribeSend(request, rid);
        if (refused) return wxJson(refused);
        if (this.sendFailures > 0) {
          this.sendFailures -= 1;
          return wxJson(wxError(-1, 'system error', rid));
        }
        if (this.options.enforceSubscriptions !== false && this.options.messages.available(String(request.touser), String(request.template_id)) < 1) {
          this.options.messages.refuse({ at: new Date().toISOString(), fromFunction: token.functionName, touser: String(request.touser), templateId: String(request.template_id), errcode: 43101 });
          return wxJson(wxError(43101, 'user refuse to accept the msg', rid));
        }
        this.options.messages.record({
          id: newId(),
          at: new Date().toISOString(),
          env: fields.envName ?? '',
          fromFunction: token.functionName,
          touser: String(request.touser),
          templateId: String(request.template_id),
          page: typeof request.page === 'string' ? request.page : '',
          data: request.data as Record<string, { value: string }>,
          miniprogramState: typeof request.miniprogram_state === 'string' ? request.miniprogram_state : 'formal',
          lang: typeof request.lang === 'string' ? request.lang : 'zh_CN',
        });
        return wxJson({ errcode: 0, errmsg: 'ok' });
      }
      case 'phonenumber.getPhoneNumber':
        return wxJson(getPhoneNumber(request, this.options.phoneCodes));
      default:
        return pbAnswer({ errorCode: OPENAPI_ERRORS.NOT_FOUND });
    }
  }
}

/** A file part of a cloud call (`media` of `security.imgSecCheck`): the raw bytes and what the pair named. */
export interface MediaPart {
  bytes: Buffer;
  /** KeyValuePair field 3; wx-server-sdk 4.0.2 never fills it (see {@link decodeRequest}) */
  contentType?: string;
  /** KeyValuePair field 4: `media.png`, `media.jpg`, `media.gif` (what the SDK names them) */
  filename?: string;
}

/** True if `v` is a {@link MediaPart} decoded from a file pair. */
export function isMediaPart(v: unknown): v is MediaPart {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as MediaPart).bytes);
}

/**
 * Decodes `CommApiData` into WeChat's request body. An ordinary pair's value is JSON text (parsed;
 * text that is not JSON stays a string). A **file pair** — one that names a `filename` or a
 * `contenttype` (KeyValuePair fields 4 and 3) — carries raw bytes and becomes a {@link MediaPart}:
 * wx-server-sdk 4.0.2's `param-converter.ts` `mediaConverter` turns any `{ contentType, value:
 * Buffer }` argument (after the camel → snake pass: `content_type`) into `{ key, value: <the
 * Buffer>, contentType, filename: '<key>.<extension of the MIME type, from mime-db; png if
 * unknown>' }`, and `KeyValuePair.encode` writes only `contenttype` (lower case), so the camel-case
 * `contentType` is dropped on the wire and the filename is what tells a file part (field 4 is
 * always written; observed through the real SDK: `{ key: 'media', filename: 'media.png' }`,
 * `media.jpg`, `media.gif`, no contenttype). The real server takes these pairs as the multipart
 * file of `curl -F media=@…`.
 */
export function decodeRequest(buf: Buffer): Record<string, unknown> {
  const msg = CommApiData.toObject(CommApiData.decode(buf), { defaults: false }) as {
    apiType?: number;
    openapiData?: { pairs?: { key: string; value?: Uint8Array; contenttype?: string; filename?: string }[] };
  };
  if ((msg.apiType ?? OPEN_API) !== OPEN_API) throw new Error(`apiType ${msg.apiType} is not OPEN_API`);
  const out: Record<string, unknown> = {};
  for (const p of msg.openapiData?.pairs ?? []) {
    if (p.filename || p.contenttype) {
      const part: MediaPart = { bytes: Buffer.from(p.value ?? []) };
      if (p.contenttype) part.contentType = p.contenttype;
      if (p.filename) part.filename = p.filename;
      out[p.key] = part;
      continue;
    }
    const text = Buffer.from(p.value ?? []).toString('utf8');
    try {
      out[p.key] = JSON.parse(text);
    } catch {
      out[p.key] = text;
    }
  }
  return out;
}

function pbAnswer(fields: { respData?: Buffer; contentType?: string; errorCode?: number; httpCode?: number }): RawAnswer {
  const body = Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(fields)).finish());
  return { status: 200, contentType: 'application/octet-stream', body };
}

function wxJson(answer: WxAnswer): RawAnswer {
  return pbAnswer({ respData: Buffer.from(JSON.stringify(answer)), contentType: WX_JSON, httpCode: 200 });
}

/** A TCB-level failure: JSON with exactly the content type node-sdk's `handleWxOpenApiData` parses. */
export function tcbError(code: string, message: string): RawAnswer {
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: Buffer.from(JSON.stringify({ requestId: newId(), code, message })),
  };
}
