/**
 * Who the local H5 kiosk acts as (contract: ./identity.ts): the chosen demo person's OPENID in storage,
 * and the local gateway's demo endpoints (`/api/local/people`, `/api/local/messages`,
 * `/api/local/phone-code`, local/gateway.ts). Built only into the local H5 demo.
 */
import Taro from '@tarojs/taro';
import { setActingFor } from './family';
import type { DemoPerson, LocalMessage } from './identity';

export type { DemoPerson, LocalMessage } from './identity';

const KEY = 'kiosk.actingOpenid';

/** See ./identity.ts. */
export function actingOpenid(): string {
  try {
    return (Taro.getStorageSync(KEY) as string) || '';
  } catch {
    return '';
  }
}

/** See ./identity.ts. */
export function setActingOpenid(openid: string): void {
  Taro.setStorageSync(KEY, openid);
  // another person on this device: a family member's 为TA办理 switch (家人代办) was theirs, not this person's
  setActingFor(null);
}

/** See ./identity.ts. */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  const res = await Taro.request<{ people: DemoPerson[] }>({ url: '/api/local/people', method: 'GET' });
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return res.data.people;
}

/** See ./identity.ts. */
export async function listMyMessages(): Promise<LocalMessage[]> {
  const openid = actingOpenid();
  if (!openid) return [];
  const res = await Taro.request<{ messages: LocalMessage[] }>({ url: '/api/local/messages', method: 'GET', header: { 'X-WX-OPENID': openid } });
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return res.data.messages;
}

/** See ./identity.ts. */
export async function localPhoneCode(): Promise<string | null> {
  try {
    const header = { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() };
    const res = await Taro.request<{ code?: unknown }>({ url: '/api/local/phone-code', method: 'POST', data: {}, header });
    const code = res.statusCode === 200 ? res.data?.code : undefined;
    return typeof code === 'string' && code ? code : null;
  } catch {
    return null;
  }
}
