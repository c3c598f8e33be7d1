/**
 * Local runtime only: which seeded person the kiosk acts as. The chosen OPENID is sent as the
 * `X-WX-OPENID` header to the local gateway. In the mini-program identity is WeChat's own login,
 * and nothing here is used (the calls are guarded by LOCAL_RUNTIME and removed from other builds).
 */
import Taro from '@tarojs/taro';
import type { DemoPerson } from '../../local/seed/seed';

const KEY = 'kiosk.actingOpenid';

/** The OPENID the local kiosk acts as ('' if none chosen yet). */
export function actingOpenid(): string {
  if (!LOCAL_RUNTIME) return '';
  try {
    return (Taro.getStorageSync(KEY) as string) || '';
  } catch {
    return '';
  }
}

/** Chooses whom the local kiosk acts as. */
export function setActingOpenid(openid: string): void {
  if (!LOCAL_RUNTIME) return;
  Taro.setStorageSync(KEY, openid);
}

/** A seeded person, as `GET /api/local/people` lists them (the gateway's type). */
export type { DemoPerson };

/** The seeded people the local kiosk can act as. */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  const res = await Taro.request<{ people: DemoPerson[] }>({ url: '/api/local/people', method: 'GET' });
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return res.data.people;
}

/** A subscribe message the local emulator recorded (`GET /api/local/messages`). */
export interface LocalMessage {
  at: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The subscribe messages the person the kiosk acts as would have received on WeChat, newest first (the gateway answers only the caller's own, by `X-WX-OPENID`). */
export async function listMyMessages(): Promise<LocalMessage[]> {
  const openid = actingOpenid();
  if (!openid) return [];
  const res = await Taro.request<{ messages: LocalMessage[] }>({ url: '/api/local/messages', method: 'GET', header: { 'X-WX-OPENID': openid } });
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return res.data.messages;
}
