/**
 * Field schemas shared by the actions (zod). Ids are plain strings of a safe alphabet, so an
 * operator object (`{"$ne": ""}`), a number or a 10 000-character string is refused before any
 * database call. Every human text goes through {@link text}: trimmed, length-checked in characters,
 * and free of control and invisible characters.
 */
import { z } from 'zod';
import { PHOTO_FILE_ID } from './photos';

/** A document id: 1–64 characters of letters, digits, `_` and `-`. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).describe('id');

/** A client request id for idempotent submits: 8–64 characters of letters, digits, `_` and `-`. */
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).describe('requestId');

/** A local calendar date `YYYY-MM-DD` (Asia/Shanghai). */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');

/**
 * Characters no text field accepts: control characters (C0 incl. NUL, DEL, C1), format characters
 * (Unicode category Cf: zero-width space/joiners U+200B–U+200D, LRM/RLM U+200E–U+200F, bidi
 * embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, word joiner U+2060, BOM U+FEFF,
 * soft hyphen…), line/paragraph separators U+2028–U+2029. They hide or reorder what staff read
 * (a bidi override can make 赵建国 display as another name), so they are refused, not stripped.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** The same, but a multi-line text may hold line feeds. */
const INVISIBLE_MULTILINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\p{Cf}\u2028\u2029]/u;

/** The message shown when a text holds a refused character. */
export const INVISIBLE_MESSAGE = '含有看不见的特殊字符（如控制符、零宽字符或文字方向符），请删除后重新输入';

/**
 * Human text: trimmed, `min`–`max` characters (code points, so 汉字 and emoji count once), no
 * control or invisible characters. `multiline` allows line feeds (a description, a note).
 */
export function text(min: number, max: number, options: { multiline?: boolean } = {}) {
  const bad = options.multiline ? INVISIBLE_MULTILINE : INVISIBLE;
  return z
    .string()
    .max(max * 2 + 16) // cheap bound before the regex work: no string is scanned twice its allowance
    .refine((s) => !bad.test(s), { message: INVISIBLE_MESSAGE })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => [...s].length >= min, { message: `至少需要 ${min} 个字` })
    .refine((s) => [...s].length <= max, { message: `最多 ${max} 个字` })
    .describe(`text(${min}–${max}${options.multiline ? ', lines' : ''})`);
}

/** Short human text on one line (a name, a room number): 1–`max` characters. */
export const shortText = (max: number) => text(1, max);

/** A mainland mobile number, 11 digits starting with 1. */
export const phone = z.string().regex(/^1\d{10}$/).describe('mobile(11 digits)');

/** An action without fields. */
export const noFields = z.object({}).strict();

/** A client-sent report photo: a fileID `cloud://<env>.<bucket>/tickets/<users._id>/<name>` (`photos.ts`). */
export const photoFileId = z.string().max(300).regex(PHOTO_FILE_ID).describe('fileID');
