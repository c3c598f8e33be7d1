/**
 * The one client module that calls cloud functions and uploads files.
 * - Mini-program: `wx.cloud.callFunction({ name, data })`; `wx.cloud.uploadFile({ cloudPath, filePath })`.
 * - H5 (local kiosk): `POST /api/functions/:name` with `data` as the JSON body, acting as the
 *   chosen demo person (`X-WX-OPENID`); `POST /api/local/upload?cloudPath=` with the file's bytes
 *   (the local gateway stores them in the emulator's cloud storage and answers the fileID).
 * Always resolves to the function's envelope `{ ok, data | error }`; a network or platform failure
 * becomes `{ ok: false, error: { code: 'CLIENT.NETWORK', … } }`, so pages handle one shape.
 */
import Taro from '@tarojs/taro';
import type { CallErrorCode } from '../../cloudfunctions/shared/errors';
import { actingOpenid } from './identity';
// account/api imports this module too: used only inside functions, so the cycle is harmless
import { accountApi } from '../account/api';

export interface CallError {
  /** a stable code of cloudfunctions/shared/errors.ts (pages narrow on it) */
  code: CallErrorCode;
  message: string;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

export const NETWORK_ERROR: CallError = { code: 'CLIENT.NETWORK', message: '网络不太好，请检查网络后再试' };

function isEnvelope<T>(v: unknown): v is CallResult<T> {
  return !!v && typeof v === 'object' && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/** Calls action `data.action` of function `name`. */
export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<CallResult<T>> {
  try {
    let result: unknown;
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.cloud.callFunction({ name, data });
      result = res.result;
    } else {
      const header: Record<string, string> = { 'content-type': 'application/json' };
      if (LOCAL_RUNTIME) header['X-WX-OPENID'] = actingOpenid();
      const res = await Taro.request<{ result?: unknown }>({ url: `/api/functions/${name}`, method: 'POST', data, header });
      if (res.statusCode !== 200) return { ok: false, error: NETWORK_ERROR };
      result = res.data?.result;
    }
    return isEnvelope<T>(result) ? result : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/** A fresh id for an idempotent submit (kept by the page while the user retries). */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `r${Date.now().toString(36)}${rand}`.slice(0, 32);
}

/** Result of {@link uploadFile}: the cloud fileID (`cloud://<env>.<bucket>/<cloudPath>`) to hand to a function. */
export type UploadResult = { ok: true; fileID: string } | { ok: false; error: CallError };

/**
 * Uploads a photo to cloud storage at `cloudPath` (a report photo: `tickets/<the caller's users._id>/<name>`,
 * `photoCloudPath` of cloudfunctions/shared/photos.ts — any other folder is refused; no leading
 * `/`). `file` is the temp path `Taro.chooseImage` gives (mini-program and H5 — in H5 a `blob:` URL)
 * or, in H5, a `File`/`Blob`. The fileID is what a function stores; it shows the photo through
 * temporary URLs (`cloudfunctions/shared/files.ts`).
 */
export async function uploadFile(file: string | Blob, cloudPath: string): Promise<UploadResult> {
  try {
    let fileID: unknown;
    if (process.env.TARO_ENV === 'weapp') {
      if (typeof file !== 'string') return { ok: false, error: NETWORK_ERROR };
      fileID = (await Taro.cloud.uploadFile({ cloudPath, filePath: file })).fileID;
    } else {
      const blob = typeof file === 'string' ? await (await fetch(file)).blob() : file;
      const headers: Record<string, string> = { 'content-type': blob.type || 'application/octet-stream' };
      if (LOCAL_RUNTIME) headers['X-WX-OPENID'] = actingOpenid();
      const res = await fetch(`/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers, body: blob });
      if (res.status !== 200) return { ok: false, error: NETWORK_ERROR };
      fileID = ((await res.json()) as { fileID?: unknown }).fileID;
    }
    return typeof fileID === 'string' && fileID ? { ok: true, fileID } : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/** WeChat shows at most 3 templates in one subscribe dialog (docs/api.md, "Subscribe messages": the source). */
export const MAX_TEMPLATES_PER_ASK = 3;

/**
 * Asks the person, in ONE dialog, to accept one message of each of `templateIds` (1–3 template ids,
 * from `TEMPLATE_IDS`; one-time subscriptions: one tap of 允许 = one message of that template).
 * In the mini-program this is `wx.requestSubscribeMessage`, which WeChat allows only inside a tap
 * handler: call this synchronously in the handler, before anything else is awaited (the returned
 * promise may be awaited later, or not at all). Locally `POST /api/local/subscribe` records the
 * acceptance in the emulator (in the H5 demo there is no real dialog: every id is accepted).
 *
 * After WeChat answers, the accepted ids are reported to `account.subscribed` — fire and forget: the
 * server counts the sends left per template; a failed report never fails or delays the action.
 * Resolves with the ids accepted (answer 'accept' or 'acceptWithAudio'); never rejects (no
 * subscription = no WeChat message; the message centre keeps every message anyway). More than 3 ids
 * is a programming error: only the first 3 are asked.
 */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  const ids = [...new Set(templateIds)].slice(0, MAX_TEMPLATES_PER_ASK);
  if (!ids.length) return [];
  let accepted: string[];
  try {
    let answer: Record<string, unknown>;
    if (process.env.TARO_ENV === 'weapp') {
      answer = (await Taro.requestSubscribeMessage({ tmplIds: ids } as never)) as unknown as Record<string, unknown>;
    } else {
      const header: Record<string, string> = { 'content-type': 'application/json' };
      if (LOCAL_RUNTIME) header['X-WX-OPENID'] = actingOpenid();
      const res = await Taro.request<Record<string, unknown>>({ url: '/api/local/subscribe', method: 'POST', data: { templateIds: ids }, header });
      if (res.statusCode !== 200) return [];
      answer = res.data ?? {};
    }
    accepted = ids.filter((t) => answer[t] === 'accept' || answer[t] === 'acceptWithAudio');
  } catch {
    return [];
  }
  // the server counts what is left to send: told in the background, never awaited by the action
  if (accepted.length) void accountApi.subscribed(accepted).catch(() => undefined);
  return accepted;
}

/**
 * Local runtime only: the stand-in for WeChat's phone-number sheet. Asks the local gateway
 * (`POST /api/local/phone-code`, as the chosen demo person) for the code a tap of 允许 on the real
 * sheet would give the page; the page hands it to `account.bindPhone` exactly as it would WeChat's.
 * Resolves to the code, or null when there is none (not the local runtime, or the gateway refused).
 * In the mini-program the code comes from `<Button openType="getPhoneNumber">` instead.
 */
export async function localPhoneCode(): Promise<string | null> {
  if (!LOCAL_RUNTIME) return null;
  try {
    const header: Record<string, string> = { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() };
    const res = await Taro.request<{ code?: unknown }>({ url: '/api/local/phone-code', method: 'POST', data: {}, header });
    const code = res.statusCode === 200 ? res.data?.code : undefined;
    return typeof code === 'string' && code ? code : null;
  } catch {
    return null;
  }
}
