/**
 * Where a person's photos live in cloud storage — one convention for the app (which uploads them),
 * the functions (which accept only the caller's own in a report) and the local emulator (whose
 * upload route refuses any other folder). Pure: no SDK, so `src/` and `local/` import it too.
 *
 * - cloudPath: `tickets/<users._id of the uploader>/<name>`; the name is 1–80 of `A-Z a-z 0-9 _ . -`
 *   (the app makes `<base36 time><random>.jpg`).
 * - fileID: `cloud://<env>.<bucket>/<cloudPath>` (the real service's shape; `local/cloudbase/storage.ts`).
 *
 * The folder is named by the user id, not by the OPENID: the OPENID stays out of every fileID and
 * temp URL that staff see. The real storage rule (database/storage-rules.json, set by `db:setup`)
 * cannot compare a path with the caller, so on the platform the folder is kept by the functions'
 * check and each file by its uploader's OPENID (`resource.openid == auth.openid`): docs/deploy.md.
 */

/** The folder of report photos. */
export const PHOTO_DIR = 'tickets';

const OWNER = '[A-Za-z0-9_-]{1,64}';
const NAME = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}';

/** A photo's cloudPath: `tickets/<owner id>/<name>` (owner and name in groups 1 and 2). */
export const PHOTO_PATH = new RegExp(`^${PHOTO_DIR}/(${OWNER})/(${NAME})$`);

/** A photo's fileID: `cloud://<env>.<bucket>/tickets/<owner id>/<name>` (env, bucket, owner, name in groups 1–4). */
export const PHOTO_FILE_ID = new RegExp(`^cloud://([a-z0-9_-]{1,40})\\.([A-Za-z0-9_-]{1,80})/${PHOTO_DIR}/(${OWNER})/(${NAME})$`);

/** The cloudPath for photo `name` of user `ownerId` (`tickets/<ownerId>/<name>`). */
export function photoCloudPath(ownerId: string, name: string): string {
  return `${PHOTO_DIR}/${ownerId}/${name}`;
}

/** The user id whose folder `cloudPath` is in, or null if it is not a photo path. */
export function photoPathOwner(cloudPath: string): string | null {
  return PHOTO_PATH.exec(cloudPath)?.[1] ?? null;
}

/** The parts of a photo fileID, or null if `fileID` is not one. */
export function parsePhotoFileId(fileID: unknown): { env: string; bucket: string; ownerId: string; name: string } | null {
  if (typeof fileID !== 'string' || fileID.length > 300) return null;
  const m = PHOTO_FILE_ID.exec(fileID);
  return m ? { env: m[1], bucket: m[2], ownerId: m[3], name: m[4] } : null;
}
