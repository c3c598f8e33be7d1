/**
 * What every client call answers, on every platform (pure: no Taro, no platform API).
 * - {@link CallResult}: a cloud function's envelope `{ ok: true, data } | { ok: false, error: { code, message } }`
 *   (cloudfunctions/shared/envelope.ts); a network or platform failure is {@link NETWORK_ERROR}, so
 *   pages handle one shape.
 * - {@link newRequestId}: the id of an idempotent submit (cloudfunctions/shared/requests.ts).
 * - {@link acceptedTemplates}: which ids of a subscribe answer WeChat counts as accepted.
 * The platform files (`cloud.weapp.ts`/`cloud.h5.ts`, `upload.*`, `subscribe.*`, `identity.*`) import
 * these; pages import them through `services/cloud`.
 */
import type { CallErrorCode } from '../../cloudfunctions/shared/errors';

/** A failure the page shows: a stable code (cloudfunctions/shared/errors.ts, or `CLIENT.*`) and a Chinese message. */
export interface CallError {
  /** a stable code of cloudfunctions/shared/errors.ts (pages narrow on it) */
  code: CallErrorCode;
  message: string;
  /** what the function added (e.g. `COMMON.IMAGE_REJECTED`: `{ photo, reason }`); unchecked — narrow before use */
  details?: unknown;
}

/** A cloud function's answer: its data, or an error the page can show. */
export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

/** What a call answers when it did not reach the function or the function's answer is not an envelope. */
export const NETWORK_ERROR: CallError = { code: 'CLIENT.NETWORK', message: '网络不太好，请检查网络后再试' };

/** True when `v` has the envelope's shape (`ok` is a boolean); anything else is a transport failure. */
export function isEnvelope<T>(v: unknown): v is CallResult<T> {
  return !!v && typeof v === 'object' && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/** A fresh id for an idempotent submit (kept by the page while the user retries); ≤ 32 characters, `r` + base-36. */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `r${Date.now().toString(36)}${rand}`.slice(0, 32);
}

/** Result of `uploadFile` (services/upload): the cloud fileID (`cloud://<env>.<bucket>/<cloudPath>`) to hand to a function. */
export type UploadResult = { ok: true; fileID: string } | { ok: false; error: CallError };

/** WeChat shows at most 3 templates in one subscribe dialog (docs/api.md, "Subscribe messages": the source). */
export const MAX_TEMPLATES_PER_ASK = 3;

/** The distinct ids of `templateIds` one dialog may ask for: duplicates dropped, at most {@link MAX_TEMPLATES_PER_ASK}. */
export function templatesToAsk(templateIds: string[]): string[] {
  return [...new Set(templateIds)].slice(0, MAX_TEMPLATES_PER_ASK);
}

/** The ids of `asked` that `answer` (WeChat's `{ [templateId]: 'accept' | 'reject' | 'ban' | 'acceptWithAudio' | … }`) accepted. */
export function acceptedTemplates(asked: string[], answer: Record<string, unknown>): string[] {
  return asked.filter((t) => answer[t] === 'accept' || answer[t] === 'acceptWithAudio');
}
