/**
 * Cloud storage helpers for functions: photos are stored as fileIDs (`cloud://<env>.<bucket>/<path>`)
 * and shown through temporary URLs made only for callers who may see them.
 *
 * `cloud.getTempFileURL({ fileList })` (wx-server-sdk 4.0.2 → `storage.batchGetDownloadUrl`) takes
 * at most 50 files per call and answers per file `{ fileID, tempFileURL, status, errMsg, maxAge }`:
 * status 0 or a code (-503003 the file does not exist, -501005 a fileID of another environment)
 * with `tempFileURL: ''`. The local emulator serves the same calls (`local/cloudbase/storage.ts`).
 */
import { cloud } from './cloud';
import { AppError } from './errors';
import { parsePhotoFileId } from './photos';

/** Files per getTempFileURL / deleteFile call (the service refuses more). */
const BATCH = 50;

/** A well-formed cloud fileID (`cloud://<env>.<bucket>/<path>`, ≤ 1 024 characters). For schemas of client-sent photo ids. */
export const CLOUD_FILE_ID = /^cloud:\/\/[a-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,80}\/[^\u0000-\u001f\u007f]{1,900}$/;

/** True if `s` is a cloud fileID of environment `env` (the caller's, `getWXContext().ENV`), when given. */
export function isCloudFileId(s: unknown, env?: string): s is string {
  return typeof s === 'string' && s.length <= 1024 && CLOUD_FILE_ID.test(s) && (!env || s.startsWith(`cloud://${env}.`));
}

/**
 * The cloud environment this function runs in: `getWXContext().ENV` (wx-server-sdk 4.0.2 fills it
 * from `TCB_ENV || SCF_NAMESPACE`, `src/api/utils/api/getWXContext.ts`), else those variables
 * themselves (outside an invocation). `cloud.DYNAMIC_CURRENT_ENV` is a symbol for `init`, not the
 * id. Locally the runtime sets both to `local-kiosk` (`local/runtime/sdk-env.ts`). '' if unknown.
 */
export function currentEnv(): string {
  const ctx = cloud.getWXContext() as { ENV?: unknown };
  if (typeof ctx.ENV === 'string' && ctx.ENV) return ctx.ENV;
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
}

/** Schema of a client-sent report photo (now in `schemas.ts`, which contracts import without the SDK). */
export { photoFileId } from './schemas';

/**
 * Photos in a report must be the uploader's own, in this environment: each fileID is a photo of
 * `uploader`'s folder (`tickets/<uploader._id>/…`) in the environment the function runs in
 * ({@link currentEnv}). Anything else — another person's folder, a fileID of another cloud
 * environment (`cloud://other-env.…`), or an environment we cannot tell — throws COMMON.FORBIDDEN
 * before anything is written. (The storage rule keeps each file writable by its uploader only:
 * database/storage-rules.json.)
 */
export function assertOwnPhotos(fileIDs: readonly string[], uploader: { _id: string }): void {
  if (!fileIDs.length) return;
  const env = currentEnv();
  for (const f of fileIDs) {
    const p = parsePhotoFileId(f);
    if (!p || !env || p.env !== env || p.ownerId !== uploader._id) throw new AppError('COMMON.FORBIDDEN');
  }
}

/**
 * Temporary URLs for `fileIDs` (each valid `maxAge` seconds, default 10 minutes): fileID → URL, for
 * the files that exist; a missing file is left out (logged). No call for an empty list; one call
 * per 50 files. Throws the SDK's error if the call itself fails.
 */
export async function tempFileUrls(fileIDs: readonly string[], maxAge = 600): Promise<Record<string, string>> {
  const unique = [...new Set(fileIDs)];
  const out: Record<string, string> = {};
  for (let i = 0; i < unique.length; i += BATCH) {
    const fileList = unique.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge }));
    const res = (await cloud.getTempFileURL({ fileList })) as { fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[] };
    for (const f of res.fileList ?? []) {
      if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
      else console.warn(`[files] no temp URL for ${f.fileID}: ${f.status} ${f.errMsg ?? ''}`);
    }
  }
  return out;
}

/** wx-server-sdk's per-file status for a file that is not (or no longer) in storage (TCB `STORAGE_FILE_NONEXIST`). */
const FILE_NONEXIST = -503003;

/**
 * Deletes `fileIDs` (`cloud.deleteFile`, 50 per call); answers the ones no longer in storage —
 * deleted now, or already gone (per-file status -503003 STORAGE_FILE_NONEXIST, as the node-sdk's
 * storage tests show the service answers): a second run after a cut-short one completes it. Never
 * throws (a file that could not be deleted is logged and left out of the answer).
 */
export async function deleteFiles(fileIDs: readonly string[]): Promise<string[]> {
  const deleted: string[] = [];
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    try {
      const res = (await cloud.deleteFile({ fileList: unique.slice(i, i + BATCH) })) as { fileList: { fileID: string; status: number }[] };
      for (const f of res.fileList ?? []) {
        if (f.status === 0 || f.status === FILE_NONEXIST) deleted.push(f.fileID);
        else console.warn(`[files] ${f.fileID} not deleted: ${f.status}`);
      }
    } catch (e) {
      console.warn(`[files] deleteFile failed: ${(e as { errMsg?: string })?.errMsg ?? String(e)}`);
    }
  }
  return deleted;
}
