/**
 * Idempotent submits (DESIGN.md, "Retries are harmless"): a client sends a `requestId` with every
 * create; the record stores `requestKey` = `${actorId}:${requestId}` (unique index) and
 * `requestHash`, a fingerprint of what was asked. A repeated submit with the same payload returns
 * the first record; the same `requestId` with a different payload (another resident, another slot,
 * another text) is refused with `COMMON.REQUEST_REUSED` — it never returns a record made for
 * something else.
 */
import crypto from 'node:crypto';
import { AppError } from './errors';

/** The unique key of a request: who sent it and its id. */
export function requestKey(actorId: string, requestId: string): string {
  return `${actorId}:${requestId}`;
}

/** Canonical JSON: object keys sorted, so equal payloads give equal fingerprints. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A short fingerprint (hex sha-256, 32 characters) of what a request asked for. */
export function requestHash(payload: unknown): string {
  return crypto.createHash('sha256').update(canonical(payload)).digest('hex').slice(0, 32);
}

/**
 * The first record made for this request, checked against what is asked now. Records written
 * before fingerprints existed (no `requestHash`) are trusted. Errors: COMMON.REQUEST_REUSED.
 */
export function sameRequest<T extends { requestHash?: string }>(first: T, hash: string): T {
  if (first.requestHash && first.requestHash !== hash) throw new AppError('COMMON.REQUEST_REUSED');
  return first;
}
