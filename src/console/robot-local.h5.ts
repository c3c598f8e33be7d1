/**
 * The local H5 kiosk's robot stand-ins (contract: ./robot-local.ts): `GET /api/local/robot-posts?gridId=`
 * (community admins only) and `POST /api/local/wecom-robots`, as the chosen demo person.
 */
import Taro from '@tarojs/taro';
import { actingOpenid } from '../services/identity';
import type { LocalRobotPost } from './robot-local';

export type { LocalRobotPost } from './robot-local';

/** See ./robot-local.ts. */
export async function localRobotPosts(gridId: string): Promise<LocalRobotPost[] | null> {
  try {
    const res = await Taro.request<{ posts?: LocalRobotPost[] }>({ url: `/api/local/robot-posts?gridId=${encodeURIComponent(gridId)}`, method: 'GET', header: { 'X-WX-OPENID': actingOpenid() } });
    return res.statusCode === 200 ? (res.data?.posts ?? []) : null;
  } catch {
    return null;
  }
}

/** See ./robot-local.ts. */
export async function localNewRobot(): Promise<string | null> {
  try {
    const res = await Taro.request<{ webhook?: string }>({ url: '/api/local/wecom-robots', method: 'POST', data: {}, header: { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() } });
    return res.statusCode === 200 ? (res.data?.webhook ?? null) : null;
  } catch {
    return null;
  }
}
