/**
 * The local stand-in for the codes WeChat's phone-number button hands the mini-program
 * (`<button open-type="getPhoneNumber">` → `e.detail.code`): the local gateway issues one when the
 * local build's PhoneButton is tapped (`POST /api/local/phone-code`, local/gateway.ts), and the
 * emulated `cloud.openapi.phonenumber.getPhoneNumber({ code })` (openapi.ts) redeems it.
 *
 * Rules, as WeChat states them for the real codes ("每个 code 只能使用一次，code 的有效期为 5min",
 * developers.weixin.qq.com …/phonenumber/phonenumber.getPhoneNumber.html): a code answers once;
 * after {@link PHONE_CODE_TTL_MS} on the cloud's clock (local/clock.ts, so tests can move it) it
 * answers nothing. Codes live in memory only: an emulator restart forgets them, which is no kinder
 * than WeChat (a forgotten code is refused like an unknown one; a real one would at most have lived
 * 5 minutes). Expired codes are dropped whenever a new one is issued, so the map stays small.
 */
import crypto from 'node:crypto';
import { clockNow } from '../clock';

/** How long a code can be redeemed: 5 minutes. */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

/** What a code stands for: whose tap, which number, for which mini-program, when. */
export interface PhoneCodeGrant {
  /** The OPENID that tapped (recorded for inspection; WeChat's answer does not include it). */
  openid: string;
  /** The number the person chose to share: 11 digits of a mainland mobile (no country code). */
  phone: string;
  /** The mini-program's appid (the answer's `watermark.appid`). */
  appid: string;
  /** When the button answered, epoch milliseconds on the cloud's clock. */
  issuedAt: number;
}

/** Single-use, 5-minute phone-number codes, in memory. */
export class PhoneCodeStore {
  private readonly codes = new Map<string, PhoneCodeGrant>();

  /**
   * A new code for `openid` sharing `phone` (64 hex characters, the shape of WeChat's example
   * code). `appid` defaults to the local kiosk's (`wx-local-kiosk`, what the gateway's callers carry).
   */
  issue(openid: string, phone: string, appid = 'wx-local-kiosk'): string {
    const now = clockNow();
    for (const [c, g] of this.codes) if (now - g.issuedAt >= PHONE_CODE_TTL_MS) this.codes.delete(c);
    const code = crypto.randomBytes(32).toString('hex');
    this.codes.set(code, { openid, phone, appid, issuedAt: now });
    return code;
  }

  /**
   * Redeems `code`: its grant, and the code is spent. null — and nothing changes — for a code that
   * is unknown, spent already, or older than 5 minutes (then it is dropped).
   */
  redeem(code: string): PhoneCodeGrant | null {
    const grant = this.codes.get(code);
    if (!grant) return null;
    this.codes.delete(code);
    if (clockNow() - grant.issuedAt >= PHONE_CODE_TTL_MS) return null;
    return grant;
  }
}
