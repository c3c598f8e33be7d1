/**
 * Asking for one-time subscribe messages — the platform-neutral interface (Taro builds
 * `subscribe.weapp.ts` or `subscribe.h5.ts` instead; both keep these declarations, src/services/platforms.ts
 * checks it).
 */
export { MAX_TEMPLATES_PER_ASK } from './result';

/**
 * Asks the person, in ONE dialog, to accept one message of each of `templateIds` (1–3 template ids,
 * from `TEMPLATE_IDS`; one-time subscriptions: one tap of 允许 = one message of that template).
 * In the mini-program this is `wx.requestSubscribeMessage`, which WeChat allows only inside a tap
 * handler: call this synchronously in the handler, before anything else is awaited (the returned
 * promise may be awaited later, or not at all). Locally `POST /api/local/subscribe` records the
 * acceptance in the emulator (in the H5 demo there is no real dialog: every id is accepted).
 *
 * After the answer, the accepted ids are reported to `account.subscribed` — fire and forget: the
 * server counts the sends left per template; a failed report never fails or delays the action.
 * Resolves with the ids accepted (answer 'accept' or 'acceptWithAudio'); never rejects (no
 * subscription = no WeChat message; the message centre keeps every message anyway). More than 3 ids
 * is a programming error: only the first 3 are asked. While a family member acts for an elder on the
 * page (`family.ts` `actingForElderHere`) nothing is asked and it resolves `[]`: the messages go to
 * the elder, whom her tap cannot speak for.
 */
export declare function requestSubscribe(templateIds: string[]): Promise<string[]>;
