/**
 * Local demo only: what a grid's WeCom group received (the emulator records the robot's posts,
 * `GET /api/local/robot-posts?gridId=`, community admins only; issue 18) and a new robot's address
 * (`POST /api/local/wecom-robots`, the stand-in for 添加群机器人 in a WeCom group). In the
 * mini-program there is no such thing: the posts are in the WeCom group itself.
 */
import Taro from '@tarojs/taro';
import { actingOpenid } from '../services/identity';

/** One post as the group showed it. */
export interface LocalRobotPost {
  id: string;
  at: string;
  msgtype: 'text' | 'markdown';
  content: string;
}

/** The last posts the grid's robot received, newest first; null outside the local runtime or when refused. */
export async function localRobotPosts(gridId: string): Promise<LocalRobotPost[] | null> {
  if (!LOCAL_RUNTIME) return null;
  try {
    const res = await Taro.request<{ posts?: LocalRobotPost[] }>({ url: `/api/local/robot-posts?gridId=${encodeURIComponent(gridId)}`, method: 'GET', header: { 'X-WX-OPENID': actingOpenid() } });
    return res.statusCode === 200 ? (res.data?.posts ?? []) : null;
  } catch {
    return null;
  }
}

/** A new local robot's webhook address, or null. */
export async function localNewRobot(): Promise<string | null> {
  if (!LOCAL_RUNTIME) return null;
  try {
    const res = await Taro.request<{ webhook?: string }>({ url: '/api/local/wecom-robots', method: 'POST', data: {}, header: { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() } });
    return res.statusCode === 200 ? (res.data?.webhook ?? null) : null;
  } catch {
    return null;
  }
}
