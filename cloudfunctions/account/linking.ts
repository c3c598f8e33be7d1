/**
 * Linking a resident's own WeChat to the record staff made for them at the counter (代登记).
 *
 * 1. The resident, in their own WeChat and not registered, asks for a link code
 *    (`requestLink`): 6 characters of the booking-code alphabet, valid {@link LINK_MINUTES}
 *    minutes, stored in `linkRequests` with their OPENID (`code` unique). Asking again within the
 *    validity returns the same code.
 * 2. They read it out at the counter; staff open the resident's record and enter it
 *    (`confirmLink`). The record's placeholder OPENID becomes the requester's OPENID.
 *
 * Safety under concurrency and crashes — no transaction, two conditional writes, in this order:
 * - **The resident record first**: `where({ _id, openid: placeholder }).update({ openid })`. Two
 *   staff confirming two codes for the same resident: only one update matches the placeholder; the
 *   other gets `ACCOUNT.ALREADY_LINKED` and its code stays unused. One code confirmed for two
 *   residents at once: the unique index on `users.openid` lets one update through; the other is a
 *   duplicate key on `openid` → `ACCOUNT.WECHAT_ALREADY_REGISTERED`. So no two records ever hold the
 *   same OPENID, whatever interleaves.
 * - **Then the code is consumed**: `where({ _id, usedAt: null }).update({ usedAt, usedBy, usedFor })`.
 *   A kill between the two writes leaves the record linked and the code unused but harmless: its
 *   OPENID is now registered, so any later confirm with it fails on the registered-OPENID check (and,
 *   racing that check, on the unique index); the requester is registered and cannot ask for another.
 *   A retry of the same confirm finds the record already linked to this code's OPENID and answers
 *   success (and consumes the code if the first attempt died before doing so).
 */
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { quotaDay, quotaDocId, takeQuota, type QuotaDoc } from '../shared/quotas';
import { AppError } from '../shared/errors';
import type { User } from '../shared/model';
import { isPlaceholderOpenid, placeholderOpenid } from '../shared/openids';
import { residentOf } from '../shared/staff';
import { newDocId } from '../shared/ids';
import { CODE_ALPHABET, CODE_LENGTH } from '../shared/codes';
import { cardsOf } from './residents';
import type { LinkCode, ResidentCard } from './contract';
import { normalizeCode } from './domain/codes';

/** How long a link code is valid. */
export const LINK_MINUTES = 15;
/** A code handed out again only if it is still valid for at least this long. */
const REUSE_MIN_LEFT_MS = 2 * 60_000;
/** New codes tried when a random code is already taken. */
const CODE_ATTEMPTS = 8;

/** A `linkRequests` document. */
export interface LinkRequest {
  _id: string;
  /** 6 characters of the booking-code alphabet (unique). */
  code: string;
  /** The requester's OPENID. */
  openid: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, when staff confirmed it (null until then). */
  usedAt: Date | null;
  usedBy?: string;
  usedFor?: string;
}


/** A random link code. */
export function linkCode(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) s += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return s;
}


const view = (r: Pick<LinkRequest, 'code' | 'expiresAt'>): LinkCode => ({ code: r.code, expiresAt: r.expiresAt.toISOString(), minutes: LINK_MINUTES });

/**
 * A link code for the calling OPENID, which must not be registered. The same code again while it
 * has more than two minutes left; a new code takes the OPENID's daily `register` quota.
 * Errors: COMMON.FORBIDDEN (no OPENID), ACCOUNT.ALREADY_REGISTERED, COMMON.TOO_MANY.
 */
export async function requestLink(now = clockNow()): Promise<LinkCode> {
  const openid = callerOpenid();
  if (!openid) throw new AppError('COMMON.FORBIDDEN');
  const { known, open, quota } = await linkContext(openid, now);
  if (known) throw new AppError('ACCOUNT.ALREADY_REGISTERED');
  if (open && open.expiresAt.getTime() - now.getTime() > REUSE_MIN_LEFT_MS) return view(open);
  const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000);
  // a new code takes the OPENID's daily quota (shared/quotas.ts: `register`)
  const taken = await takeQuota({ by: 'openid', id: openid }, { register: 1 }, now, quota);
  for (let attempt = 1; ; attempt += 1) {
    const request = { _id: newDocId(), code: linkCode(), openid, expiresAt, usedAt: null };
    try {
      await db.collection('linkRequests').add({ data: { ...request, createdAt: db.serverDate() } });
      return view(request);
    } catch (e) {
      if (!isDuplicateKey(e, 'code') || attempt >= CODE_ATTEMPTS) {
        await taken.release();
        throw e;
      }
    }
  }
}

/**
 * What `requestLink` needs about the caller `openid`, in ONE round trip (issue 18: a write ≤ 3):
 * whether it is registered, its newest unused link request, its quota document of the day (null:
 * none yet). The caller may be unknown to every collection, so the aggregation is anchored on one
 * document of `communities` (a kiosk always has one) and each part is an uncorrelated `$lookup`;
 * without any community the parts are read one by one.
 */
async function linkContext(openid: string, now: Date): Promise<{ known: boolean; open: LinkRequest | undefined; quota: QuotaDoc | null }> {
  const parts = {
    me: { from: 'users', pipeline: [{ $match: { openid } }, { $limit: 1 }, { $project: { _id: 1 } }] },
    open: { from: 'linkRequests', pipeline: [{ $match: { openid, usedAt: null } }, { $sort: { expiresAt: -1 } }, { $limit: 1 }] },
    quota: { from: 'quotas', pipeline: [{ $match: { _id: quotaDocId({ by: 'openid', id: openid }, quotaDay(now)) } }, { $limit: 1 }] },
  };
  let agg = db.collection('communities').aggregate().limit(1).project({ _id: 1 });
  for (const [as, p] of Object.entries(parts)) agg = agg.lookup({ ...p, as });
  const { list } = await agg.end();
  let row = list[0] as { me: unknown[]; open: LinkRequest[]; quota: QuotaDoc[] } | undefined;
  if (!row) {
    const [me, open, quota] = await Promise.all(
      Object.values(parts).map(async (p) => {
        const m = (p.pipeline[0] as { $match: object }).$match;
        return (await db.collection(p.from).where(m).limit(1).get()).data;
      }),
    );
    row = { me, open: open as LinkRequest[], quota: quota as QuotaDoc[] };
  }
  const open = row.open[0];
  return { known: row.me.length > 0, open: open ? { ...open, expiresAt: new Date(open.expiresAt) } : undefined, quota: row.quota[0] ?? null };
}

/**
 * Staff link the WeChat that asked for `code` to `residentId` (a resident of their community
 * registered at the counter). Answer: the resident's card (now `hasWeChat: true`).
 * Errors: COUNTER.RESIDENT_NOT_FOUND, ACCOUNT.LINK_CODE_NOT_FOUND, ACCOUNT.LINK_CODE_EXPIRED,
 * ACCOUNT.LINK_CODE_USED, ACCOUNT.ALREADY_LINKED, ACCOUNT.WECHAT_ALREADY_REGISTERED.
 */
export async function confirmLink(staff: User, residentId: string, rawCode: string, now = clockNow()): Promise<ResidentCard> {
  const code = normalizeCode(rawCode);
  const [resident, found] = await Promise.all([residentOf(staff, residentId), db.collection('linkRequests').where({ code }).limit(1).get()]);
  const request = found.data[0] as LinkRequest | undefined;
  if (!request) throw new AppError('ACCOUNT.LINK_CODE_NOT_FOUND');
  const card = async (openid: string) => (await cardsOf(staff.communityId, [{ ...resident, openid }]))[0];

  if (resident.openid === request.openid) {
    // a retry of this very confirmation: finish consuming the code, answer as the first time
    await consume(request, staff, resident._id);
    return card(request.openid);
  }
  if (request.usedAt) throw new AppError('ACCOUNT.LINK_CODE_USED');
  if (request.expiresAt.getTime() <= now.getTime()) throw new AppError('ACCOUNT.LINK_CODE_EXPIRED');
  if (!isPlaceholderOpenid(resident.openid)) throw new AppError('ACCOUNT.ALREADY_LINKED');
  const { total } = await db.collection('users').where({ openid: request.openid }).count();
  if (total > 0) throw new AppError('ACCOUNT.WECHAT_ALREADY_REGISTERED');

  let updated = 0;
  try {
    ({
      stats: { updated },
    } = await db
      .collection('users')
      .where({ _id: resident._id, openid: placeholderOpenid(resident._id) })
      .update({ data: { openid: request.openid, linkedAt: db.serverDate(), linkedBy: staff._id } }));
  } catch (e) {
    if (isDuplicateKey(e, 'openid')) throw new AppError('ACCOUNT.WECHAT_ALREADY_REGISTERED');
    throw e;
  }
  if (updated !== 1) throw new AppError('ACCOUNT.ALREADY_LINKED');
  await consume(request, staff, resident._id);
  return card(request.openid);
}

/** Marks the link request used (once: a used one is left as it is). */
async function consume(request: LinkRequest, staff: User, residentId: string): Promise<void> {
  if (request.usedAt) return;
  await db
    .collection('linkRequests')
    .where({ _id: request._id, usedAt: null })
    .update({ data: { usedAt: db.serverDate(), usedBy: staff._id, usedFor: residentId } });
}
