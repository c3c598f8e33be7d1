/**
 * Content security for user text: WeChat's `security.msgSecCheck` v2 before anything a person
 * typed is stored (DESIGN.md, "Rules every function keeps").
 *
 * The call (wx-server-sdk 4.0.2, `cloud.openapi.security.msgSecCheck({ openid, scene, version: 2,
 * content })`) answers `{ result: { suggest, label }, detail, traceId, errCode: 0 }`; `suggest` is
 * `pass`, `review` or `risky` and `label` a number (100 正常, 20003 辱骂, …). WeChat refuses an
 * OPENID it does not know (40003), a scene outside 1–4 (40129) and content over 2 500 characters
 * (developers.weixin.qq.com …/sec-check/security.msgSecCheck.html); the function must declare
 * `security.msgSecCheck` in its `config.json` `permissions.openapi`, else the call fails with
 * -604101. The local emulator answers the same call (`local/cloudbase/openapi.ts`), with a small
 * word list standing in for WeChat's model (`违禁测试词` is always risky, `待审测试词` review).
 *
 * Policy: only `pass` is stored. `review` is refused too (nobody reviews on the kiosk's side), and a
 * check that cannot be made fails closed with COMMON.INTERNAL — unchecked text is never stored.
 *
 * Photos: WeChat's `security.imgSecCheck` ({@link checkImage}). The cloud call is
 * `cloud.openapi.security.imgSecCheck({ media: { contentType, value: Buffer } })`, declared in
 * `permissions.openapi` (else -604101); WeChat takes PNG, JPEG, JPG and GIF up to 1 MB and answers
 * errcode 0 `ok` or 87014 `risky content`, which the SDK throws as `CloudSDKError { errCode: 87014 }`
 * (developers.weixin.qq.com …/sec-check/security.imgSecCheck.html). The synchronous check is used,
 * not the newer `security.mediaCheckAsync` (its verdict is pushed up to 30 minutes later): a post
 * must not be on the board before its photos are checked (docs/deploy.md, "Content security").
 * The local emulator answers the same call; an image holding the text `违禁测试图` is its risky one.
 */
import { cloud } from './cloud';
import { AppError } from './errors';

/** msgSecCheck scenes: 1 资料 (profile), 2 评论 (comment), 3 论坛 (forum), 4 社交日志 (social log). */
export const SCENE = { PROFILE: 1, COMMENT: 2, FORUM: 3, SOCIAL_LOG: 4 } as const;
export type SecScene = (typeof SCENE)[keyof typeof SCENE];

/** WeChat's limit per call. */
const MAX_CHARS = 2500;

interface SecCheckAnswer {
  result?: { suggest?: string; label?: number };
  traceId?: string;
}

/**
 * Checks `text` written by the user `openid` (the caller's OPENID, from `getWXContext()` — for a
 * staff member entering a resident's words, the staff member). Resolves if WeChat passes it;
 * throws `AppError('COMMON.TEXT_REJECTED', { label })` if it is risky or needs review, and
 * `AppError('COMMON.INTERNAL')` if the check itself failed. Blank text needs no check (no call);
 * text over 2 500 characters is checked in 2 500-character parts. One round trip per part.
 */
export async function checkText(text: string, openid: string, scene: SecScene = SCENE.FORUM): Promise<void> {
  if (!text.trim()) return;
  const chars = [...text];
  for (let i = 0; i < chars.length; i += MAX_CHARS) {
    const content = chars.slice(i, i + MAX_CHARS).join('');
    let answer: SecCheckAnswer;
    try {
      answer = (await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content } as never)) as unknown as SecCheckAnswer;
    } catch (e) {
      const err = e as { errCode?: number; errMsg?: string };
      console.error(`[security] msgSecCheck failed: ${err?.errCode ?? ''} ${err?.errMsg ?? String(e)}`);
      throw new AppError('COMMON.INTERNAL');
    }
    const suggest = answer?.result?.suggest;
    if (suggest !== 'pass') {
      console.warn(`[security] text refused: suggest=${String(suggest)} label=${String(answer?.result?.label)} trace=${String(answer?.traceId)}`);
      throw new AppError('COMMON.TEXT_REJECTED', { label: answer?.result?.label ?? null });
    }
  }
}

/** Largest image imgSecCheck takes: 1 MB (1 048 576 bytes; the API page's "Maximum picture size: 1 MB"). */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** The MIME type of `bytes` by its signature — PNG, JPEG or GIF, the formats imgSecCheck takes — else null. */
export function imageContentType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/gif' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return null;
}

/**
 * Checks the photo `fileID` (a cloud fileID the caller uploaded) with WeChat's imgSecCheck before
 * anything that shows it is stored. `openid` is the caller's (for the log only: the API takes no
 * OPENID). `index` (1-based) names the photo in the error's details.
 *
 * The bytes come from cloud storage (`cloud.downloadFile({ fileID })` — a storage request, not a
 * database round trip); the content type is told by their signature, not by the file name.
 * Resolves if WeChat passes the image. Throws `AppError('COMMON.IMAGE_REJECTED', { photo: index,
 * reason })` with `reason` `risky` (87014), `not-image` (no PNG/JPEG/GIF signature, or WeChat's
 * 47001) or `too-big` (over 1 MB, or WeChat's 40006) — the last two without calling WeChat when we
 * can tell; and `AppError('COMMON.INTERNAL')` when the check cannot be made (the download or the
 * call failed otherwise): an unchecked photo is never published. One download and one WeChat call.
 */
export async function checkImage(fileID: string, openid: string, index = 1): Promise<void> {
  const refuse = (reason: 'risky' | 'not-image' | 'too-big'): AppError => {
    console.warn(`[security] photo ${index} refused (${reason}) for ${openid}: ${fileID}`);
    return new AppError('COMMON.IMAGE_REJECTED', { photo: index, reason });
  };
  let bytes: Buffer;
  try {
    bytes = ((await cloud.downloadFile({ fileID })) as { fileContent: Buffer }).fileContent;
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string };
    console.error(`[security] photo download failed: ${fileID} ${err?.errCode ?? ''} ${err?.errMsg ?? String(e)}`);
    throw new AppError('COMMON.INTERNAL');
  }
  if (!Buffer.isBuffer(bytes)) throw new AppError('COMMON.INTERNAL');
  const contentType = imageContentType(bytes);
  if (!contentType) throw refuse('not-image');
  if (bytes.length > MAX_IMAGE_BYTES) throw refuse('too-big');
  try {
    await cloud.openapi.security.imgSecCheck({ media: { contentType, value: bytes } } as never);
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string };
    if (err?.errCode === 87014) throw refuse('risky');
    if (err?.errCode === 47001) throw refuse('not-image');
    if (err?.errCode === 40006) throw refuse('too-big');
    console.error(`[security] imgSecCheck failed: ${err?.errCode ?? ''} ${err?.errMsg ?? String(e)}`);
    throw new AppError('COMMON.INTERNAL');
  }
}
