/**
 * Who the kiosk acts as — the platform-neutral interface (Taro builds `identity.h5.ts` or
 * `identity.weapp.ts` instead; both keep these declarations, src/services/platforms.ts checks it).
 * - Local H5 kiosk (identity.h5.ts): there is no WeChat login; the person chooses a seeded demo person
 *   (pages/identity), whose OPENID is kept in storage and sent as `X-WX-OPENID` to the local gateway;
 *   the gateway also stands in for WeChat's phone sheet and message record.
 * - Mini-program (identity.weapp.ts): identity is WeChat's own login (OPENID from `getWXContext()` in
 *   the function); every function here answers "nobody chosen" / nothing, and no local URL is built in.
 */

/** A seeded person, as the local gateway's `GET /api/local/people` lists them (local/seed/seed.ts `demoPeople`). */
export interface DemoPerson {
  openid: string;
  /** users._id; '' for a vendor without a record yet */
  userId: string;
  name: string;
  called: string | null;
  /** a role key (resident, gridWorker, communityAdmin, vendor, visitor) */
  role: string;
  communityName: string;
}

/** A subscribe message the local emulator recorded (`GET /api/local/messages`); `at` is an ISO instant. */
export interface LocalMessage {
  at: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The OPENID the local kiosk acts as ('' if none chosen yet; always '' in the mini-program). */
export declare function actingOpenid(): string;

/** Chooses whom the local kiosk acts as (does nothing in the mini-program). */
export declare function setActingOpenid(openid: string): void;

/** The seeded people the local kiosk can act as (rejects on a non-200 answer; [] in the mini-program). */
export declare function listDemoPeople(): Promise<DemoPerson[]>;

/**
 * The subscribe messages the person the kiosk acts as would have received on WeChat, newest first
 * (the gateway answers only the caller's own, by `X-WX-OPENID`); [] when nobody is chosen and in the
 * mini-program; rejects on a non-200 answer.
 */
export declare function listMyMessages(): Promise<LocalMessage[]>;

/**
 * The stand-in for WeChat's phone-number sheet: asks the local gateway (`POST /api/local/phone-code`,
 * as the chosen demo person) for the code a tap of 允许 on the real sheet would give the page; the page
 * hands it to `account.bindPhone` exactly as it would WeChat's. Resolves to the code, or null when
 * there is none (the mini-program, where the code comes from `<Button openType="getPhoneNumber">`, or
 * the gateway refused). Never rejects.
 */
export declare function localPhoneCode(): Promise<string | null>;
