/**
 * The one result envelope of every action (DESIGN.md, "Rules every function keeps"):
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 */
import { ERRORS, type ErrorCode } from './errors';

export interface Ok<T> {
  ok: true;
  data: T;
}

export interface Fail {
  ok: false;
  error: { code: ErrorCode; message: string; details?: unknown };
}

export type Result<T> = Ok<T> | Fail;

/** Wraps a success. */
export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

/** Wraps a failure with the catalogue's Chinese message. */
export function fail(code: ErrorCode, details?: unknown): Fail {
  return { ok: false, error: details === undefined ? { code, message: ERRORS[code] } : { code, message: ERRORS[code], details } };
}
