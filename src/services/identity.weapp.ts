/**
 * Identity in the mini-program (contract: ./identity.ts): WeChat's own login, so there is no demo
 * person to act as, no demo endpoint and no stand-in phone sheet — every function answers nothing.
 */
import type { DemoPerson, LocalMessage } from './identity';

export type { DemoPerson, LocalMessage } from './identity';

/** See ./identity.ts: always '' (the function reads OPENID from WeChat, never from the page). */
export function actingOpenid(): string {
  return '';
}

/** See ./identity.ts: does nothing. */
export function setActingOpenid(_openid: string): void {}

/** See ./identity.ts: nobody to act as. */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  return [];
}

/** See ./identity.ts: WeChat itself delivers the messages. */
export async function listMyMessages(): Promise<LocalMessage[]> {
  return [];
}

/** See ./identity.ts: the code comes from `<Button openType="getPhoneNumber">`. */
export async function localPhoneCode(): Promise<string | null> {
  return null;
}
