/**
 * Field schemas shared by the actions (zod). Ids are plain strings of a safe alphabet, so an
 * operator object (`{"$ne": ""}`), a number or a 10 000-character string is refused before any
 * database call.
 */
import { z } from 'zod';

/** A document id: 1–64 characters of letters, digits, `_` and `-`. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** A client request id for idempotent submits: 8–64 characters of letters, digits, `_` and `-`. */
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** A local calendar date `YYYY-MM-DD` (Asia/Shanghai). */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Short human text (a name, a room number): trimmed, 1–`max` characters. */
export const shortText = (max: number) => z.string().trim().min(1).max(max);

/** An action without fields. */
export const noFields = z.object({}).strict();
