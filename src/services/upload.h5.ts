/**
 * `uploadFile` in the local H5 kiosk: `POST /api/local/upload?cloudPath=` with the file's bytes, as the
 * chosen demo person (`X-WX-OPENID`); the local gateway stores them in the emulator's cloud storage
 * and answers `{ fileID }` (contract: ./upload.ts).
 */
import { actingOpenid } from './identity';
import { NETWORK_ERROR, type UploadResult } from './result';

export type { UploadResult } from './result';

/** See ./upload.ts. `file` is a `blob:` URL (what Taro.chooseImage gives in H5) or a File/Blob. */
export async function uploadFile(file: string | Blob, cloudPath: string): Promise<UploadResult> {
  try {
    const blob = typeof file === 'string' ? await (await fetch(file)).blob() : file;
    const headers = { 'content-type': blob.type || 'application/octet-stream', 'X-WX-OPENID': actingOpenid() };
    const res = await fetch(`/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers, body: blob });
    if (res.status !== 200) return { ok: false, error: NETWORK_ERROR };
    const { fileID } = (await res.json()) as { fileID?: unknown };
    return typeof fileID === 'string' && fileID ? { ok: true, fileID } : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}
