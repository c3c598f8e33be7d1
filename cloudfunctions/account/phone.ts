/**
 * A resident's phone, shared through WeChat's phone-number button (issue 11: "phone through
 * WeChat's phone-number button, asked only when a feature needs it, with a stated purpose").
 *
 * The mini-program's `<Button openType="getPhoneNumber">` answers a dynamic `code` (single use,
 * valid 5 minutes); `bindPhone` exchanges it with `cloud.openapi.phonenumber.getPhoneNumber({ code })`
 * (declared in `account/config.json` `permissions.openapi`, else the call fails with -604101) for
 * `{ phoneInfo: { phoneNumber, purePhoneNumber, countryCode, watermark } }` and stores
 * `purePhoneNumber` as the caller's `phone` with `phoneVerifiedAt` (the number came from WeChat,
 * not typed). The emulator answers the same call (local/cloudbase/openapi.ts, codes issued by the
 * local gateway's `POST /api/local/phone-code`).
 *
 * Only the caller's own record is written, found by its `_id` and the caller's OPENID (a record
 * relinked meanwhile is not touched). WeChat's refusal of the code (40029 unknown/spent/expired,
 * 41008 missing) → `ACCOUNT.PHONE_CODE_INVALID`; any other failure of the call → `COMMON.INTERNAL`;
 * an answer without a usable number → `ACCOUNT.PHONE_CODE_INVALID`. Nothing is written on failure.
 * One cloud call and one write.
 */
import { cloud, db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { User } from '../shared/model';
import type { Profile } from './contract';
import { toProfile } from './profile';

/** WeChat's answers that mean "this code gives no number" (see local/cloudbase/openapi.ts). */
const CODE_REFUSED = new Set([40029, 41008]);

interface PhoneAnswer {
  phoneInfo?: { phoneNumber?: unknown; purePhoneNumber?: unknown; countryCode?: unknown };
}

/** The number WeChat gives for `code`, as stored: digits only, without the country code. */
async function exchange(code: string): Promise<string> {
  let answer: PhoneAnswer;
  try {
    answer = (await cloud.openapi.phonenumber.getPhoneNumber({ code } as never)) as unknown as PhoneAnswer;
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string };
    if (typeof err?.errCode === 'number' && CODE_REFUSED.has(err.errCode)) throw new AppError('ACCOUNT.PHONE_CODE_INVALID');
    console.error(`[account] getPhoneNumber failed: ${err?.errCode ?? ''} ${err?.errMsg ?? String(e)}`);
    throw new AppError('COMMON.INTERNAL');
  }
  const pure = answer?.phoneInfo?.purePhoneNumber;
  if (typeof pure !== 'string' || !/^\d{5,20}$/.test(pure)) throw new AppError('ACCOUNT.PHONE_CODE_INVALID');
  return pure;
}

/** `bindPhone`: the caller's profile with the number WeChat gave for `code` stored (masked in the answer). */
export async function bindPhone(user: User, code: string): Promise<Profile> {
  const phone = await exchange(code);
  const {
    stats: { updated },
  } = await db
    .collection('users')
    .where({ _id: user._id, openid: user.openid })
    .update({ data: { phone, phoneVerifiedAt: db.serverDate() } });
  // phoneVerifiedAt always changes: 0 updated means the record no longer belongs to this OPENID
  if (!updated) throw new AppError('COMMON.NOT_REGISTERED');
  return toProfile({ ...user, phone });
}
