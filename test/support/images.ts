/**
 * Small real images for tests of the image content check (`security.imgSecCheck`): a valid PNG of
 * `width` × `height` grey pixels, optionally with a `tEXt` chunk (keyword `Comment`, the text in
 * UTF-8 — the local emulator's stand-in for WeChat's image model calls an image holding
 * `违禁测试图` risky: local/cloudbase/openapi.ts) and optionally padded by an ancillary chunk to at
 * least `atLeastBytes` bytes (decoders skip unknown ancillary chunks, so it still shows).
 */
import zlib from 'node:zlib';

/** The emulator's marker of a risky image (local/cloudbase/openapi.ts `IMG_SEC_CHECK_MARKER`). */
export const RISKY_IMAGE_TEXT = '违禁测试图';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A PNG (bytes). `text`: a tEXt chunk's text; `atLeastBytes`: pad with a `zzPd` chunk to this size. */
export function png(options: { width?: number; height?: number; text?: string; atLeastBytes?: number } = {}): Buffer {
  const width = options.width ?? 2;
  const height = options.height ?? 2;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (options.text !== undefined) parts.push(chunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from(options.text, 'utf8')])));
  parts.push(chunk('IDAT', zlib.deflateSync(raw)));
  const end = chunk('IEND', Buffer.alloc(0));
  let out = Buffer.concat([...parts, end]);
  if (options.atLeastBytes && out.length < options.atLeastBytes) {
    const pad = options.atLeastBytes - out.length; // a chunk adds 12 bytes around its data
    out = Buffer.concat([...parts, chunk('zzPd', Buffer.alloc(Math.max(0, pad - 12) + 0, 0x20)), end]);
  }
  return out;
}

/** A 1 × 1 GIF89a. */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The first bytes of a JPEG (SOI + APP0 JFIF): enough for a format told by its signature. */
export const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
