/**
 * The demo's errands (代缴代办, issue 22; `npm start` only, with the demo tickets), written directly as
 * documents of the model type (`cloudfunctions/shared/model.ts` `Errand`), every time relative to the
 * seed's clock `now`: 赵建国 (r-zhao) asked 3 days ago for 代缴水电费; 严婷 (w-yan) took it on and
 * marked it done 2 days ago with a photo of the receipt in her own folder
 * (`tickets/w-yan/demo-receipt.png`), which {@link seedDemoReceipt} writes into the emulator's storage
 * once the storage exists (a small generated PNG of a receipt's lines).
 */
import zlib from 'node:zlib';
import type { LocalDatabase } from '../cloudbase/database';
import { fileIdOf, type StorageService } from '../cloudbase/storage';
import { LOCAL_ENV_ID } from '../runtime/sdk-env';
import type { Errand } from '../../cloudfunctions/shared/model';

const DAY = 24 * 3_600_000;

/** The receipt photo's path (严婷's own folder, as the app uploads it). */
const RECEIPT_PATH = 'tickets/w-yan/demo-receipt.png';

/** The seeded errand and its receipt, for tests and the walk-through. */
export const DEMO_ERRANDS = {
  utilities: { id: 'errand-demo-zhao-utilities', what: '交5号楼2单元301十一月的水费和电费', note: '水费42元、电费118元已交，凭证拍照了' },
  receiptFileId: fileIdOf(LOCAL_ENV_ID, RECEIPT_PATH),
} as const;

/** The demo's errands (pure; see the module notes). */
export function demoErrands(now: Date): Errand[] {
  const asked = new Date(now.getTime() - 3 * DAY);
  const accepted = new Date(asked.getTime() + 2 * 3_600_000);
  const done = new Date(now.getTime() - 2 * DAY);
  return [
    {
      _id: DEMO_ERRANDS.utilities.id,
      communityId: 'c-laocheng',
      residentId: 'r-zhao',
      residentName: '赵建国',
      kind: 'utilities',
      what: DEMO_ERRANDS.utilities.what,
      status: 'done',
      requestedAt: asked,
      requestedBy: { id: 'r-zhao', name: '赵建国' },
      assigneeId: 'w-yan',
      assigneeName: '严婷',
      acceptedAt: accepted,
      doneAt: done,
      doneNote: DEMO_ERRANDS.utilities.note,
      receiptPhotos: [DEMO_ERRANDS.receiptFileId],
      events: [
        { kind: 'requested', byId: 'r-zhao', byName: '赵建国', at: asked },
        { kind: 'accepted', byId: 'w-yan', byName: '严婷', at: accepted },
        { kind: 'done', byId: 'w-yan', byName: '严婷', at: done },
      ],
      requestKey: `r-zhao:seed-${DEMO_ERRANDS.utilities.id}`,
    },
  ];
}

/** Writes the demo's errands (see the module notes). */
export function seedDemoErrands(db: LocalDatabase, now = new Date()): void {
  if (!db.collectionNames().includes('errands')) db.createCollection('errands');
  db.insert('errands', demoErrands(now) as never);
}

/** Writes the demo receipt photo into `storage` as 严婷's upload. */
export function seedDemoReceipt(storage: StorageService): void {
  storage.put(LOCAL_ENV_ID, RECEIPT_PATH, receiptPng(), 'local-w-yan');
}

/** A 120×160 grey-on-white PNG with a receipt's ruled lines (8-bit greyscale). */
export function receiptPng(w = 120, h = 160): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(w + 1, 0xff);
    row[0] = 0;
    const line = y > 12 && y < h - 12 && y % 14 === 0;
    const title = y >= 8 && y <= 14;
    for (let x = 10; x < w - 10; x++) if (line || (title && x > 30 && x < w - 30)) row[x + 1] = title ? 0x40 : 0x90;
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** CRC-32 (IEEE) of `buf`, as PNG chunks need. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
