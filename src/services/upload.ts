/**
 * Uploading a photo to cloud storage — the platform-neutral interface (Taro builds `upload.weapp.ts`
 * or `upload.h5.ts` instead; both keep these declarations, src/services/platforms.ts checks it).
 */
import type { UploadResult } from './result';

export type { UploadResult } from './result';

/**
 * Uploads a photo to cloud storage at `cloudPath` (a report photo: `tickets/<the caller's users._id>/<name>`,
 * `photoCloudPath` of cloudfunctions/shared/photos.ts — any other folder is refused; no leading
 * `/`). `file` is the temp path `Taro.chooseImage` gives (mini-program and H5 — in H5 a `blob:` URL)
 * or, in H5, a `File`/`Blob`. Resolves to the fileID a function stores (it shows the photo through
 * temporary URLs, cloudfunctions/shared/files.ts), or `{ ok: false, error: NETWORK_ERROR }`; never rejects.
 */
export declare function uploadFile(file: string | Blob, cloudPath: string): Promise<UploadResult>;
