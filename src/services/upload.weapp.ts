/** `uploadFile` in the mini-program: `wx.cloud.uploadFile({ cloudPath, filePath })` (contract: ./upload.ts). */
import Taro from '@tarojs/taro';
import { NETWORK_ERROR, type UploadResult } from './result';

export type { UploadResult } from './result';

/** See ./upload.ts. In the mini-program `file` is a temp file path; a Blob is refused as a network failure. */
export async function uploadFile(file: string | Blob, cloudPath: string): Promise<UploadResult> {
  try {
    if (typeof file !== 'string') return { ok: false, error: NETWORK_ERROR };
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: file });
    return typeof fileID === 'string' && fileID ? { ok: true, fileID } : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}
