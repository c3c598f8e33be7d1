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
