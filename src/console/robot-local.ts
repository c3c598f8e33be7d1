/**
 * Local demo only: what a grid's WeCom group received (the emulator records the robot's posts,
 * `GET /api/local/robot-posts?gridId=`, community admins only; issue 18) and a new robot's address
 * (`POST /api/local/wecom-robots`, the stand-in for 添加群机器人 in a WeCom group). In the
 * mini-program there is no such thing: the posts are in the WeCom group itself.
 *
 * This file is the platform-neutral interface; Taro builds `robot-local.h5.ts` (the local kiosk) or
 * `robot-local.weapp.ts` (nothing) instead (src/services/platforms.ts checks both keep it).
 */

/** One post as the group showed it. */
export interface LocalRobotPost {
  id: string;
  at: string;
  msgtype: 'text' | 'markdown';
  content: string;
}

/** The last posts the grid's robot received, newest first; null in the mini-program or when refused. Never rejects. */
export declare function localRobotPosts(gridId: string): Promise<LocalRobotPost[] | null>;

/** A new local robot's webhook address, or null (the mini-program, or refused). Never rejects. */
export declare function localNewRobot(): Promise<string | null>;
