/** In the mini-program there is no robot stand-in: the posts are in the WeCom group itself (contract: ./robot-local.ts). */
import type { LocalRobotPost } from './robot-local';

export type { LocalRobotPost } from './robot-local';

/** See ./robot-local.ts: always null. */
export async function localRobotPosts(_gridId: string): Promise<LocalRobotPost[] | null> {
  return null;
}

/** See ./robot-local.ts: always null. */
export async function localNewRobot(): Promise<string | null> {
  return null;
}
