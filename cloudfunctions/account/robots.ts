/**
 * A grid's WeCom group robot (企业微信群机器人), set by the community's admin on the console's grid
 * page (issue 18 §1). The ticket timer posts the grid's new, overdue and supervised tickets to it
 * (`ticket/robot.ts`). The webhook key is a secret: it lives in `gridRobots` only, is answered to
 * admins masked (`693a…5aaa`) and never to anyone else. Facts and sources: docs/robots.md.
 *
 * - {@link setGridRobot}: `{ gridId, webhook: string | null }` → RobotView. `webhook` is the address
 *   WeCom shows (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid>`) or the key alone;
 *   null clears it (its unsent posts are dropped). One write. Errors: GRID.NOT_FOUND (not a grid of
 *   the admin's community), GRID.ROBOT_URL_INVALID (nothing written).
 * - {@link testGridRobot}: `{ gridId }` → `{ robot: RobotView }` after WeCom answered `errcode 0` to a
 *   test message. Errors: GRID.NOT_FOUND, GRID.ROBOT_NOT_SET, GRID.ROBOT_FAILED (details `{ reason }`
 *   in Chinese: timeout, 45009, 93000…).
 * - {@link robotViews}: the community's robots as the grids page shows them (admins only).
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Grid, User } from '../shared/model';
import { failureText, maskKey, parseWebhook, postRobot, robotTestText, type GridRobot } from '../shared/wecom';
import type { RobotTested, RobotView } from './contract';
import { inCallerCommunity } from '../shared/policy';


function viewOf(gridId: string, r: GridRobot | null | undefined): RobotView {
  return {
    gridId,
    set: !!r?.key,
    masked: r?.key ? maskKey(r.key) : null,
    lastPostAt: r?.key ? (r.lastPostAt ?? null) : null,
    lastError: r?.key && r.lastError ? failureText(r.lastError) : null,
  };
}

/** The admin's community's grid `gridId`, or GRID.NOT_FOUND. */
async function gridOf(admin: User, gridId: string): Promise<Grid> {
  const g = (await db.collection('grids').where(inCallerCommunity(admin, { _id: gridId })).limit(1).get()).data[0] as Grid | undefined;
  if (!g) throw new AppError('GRID.NOT_FOUND');
  return g;
}

async function robotOf(gridId: string): Promise<GridRobot | null> {
  return ((await db.collection('gridRobots').where({ _id: gridId }).limit(1).get()).data[0] as GridRobot | undefined) ?? null;
}

/** Every robot of the admin's community, by grid id (one read). */
export async function robotViews(admin: User): Promise<Map<string, RobotView>> {
  const { data } = await db.collection('gridRobots').where(inCallerCommunity(admin, {})).limit(1000).get();
  return new Map((data as GridRobot[]).map((r) => [r._id, viewOf(r._id, r)]));
}

/** Sets or clears the robot of one of the admin's grids; see the module comment. */
export async function setGridRobot(admin: User, input: { gridId: string; webhook: string | null }): Promise<RobotView> {
  // the address is checked before anything is read: a bad one writes nothing
  const key = input.webhook === null ? null : parseWebhook(input.webhook);
  if (input.webhook !== null && !key) throw new AppError('GRID.ROBOT_URL_INVALID');
  const [grid, existing] = await Promise.all([gridOf(admin, input.gridId), robotOf(input.gridId)]);
  const now = clockNow();
  if (key === null) {
    if (existing?.key) {
      await db.collection('gridRobots').doc(grid._id).update({ data: { key: null, lastError: null, setById: admin._id, setByName: admin.name, setAt: now } });
      await db.collection('robotPosts').where({ gridId: grid._id, status: 'pending' }).update({ data: { status: 'expired' } });
    }
    return viewOf(grid._id, null);
  }
  // a robot set anew posts what happens from now on; changing the key keeps the queue and cursor
  const keep = !!existing?.key;
  const robot: Omit<GridRobot, '_id'> & { lockUntil: Date | null } = {
    communityId: admin.communityId,
    key,
    since: keep ? existing!.since : now,
    scannedTo: keep ? existing!.scannedTo : now,
    setById: admin._id,
    setByName: admin.name,
    setAt: now,
    lastPostAt: keep ? existing!.lastPostAt : null,
    lastError: null,
    lockUntil: null,
  };
  await db.collection('gridRobots').doc(grid._id).set({ data: robot });
  return viewOf(grid._id, { _id: grid._id, ...robot });
}

/** Posts a test message to the robot of one of the admin's grids; see the module comment. */
export async function testGridRobot(admin: User, input: { gridId: string }): Promise<RobotTested> {
  const [grid, robot] = await Promise.all([gridOf(admin, input.gridId), robotOf(input.gridId)]);
  if (!robot?.key) throw new AppError('GRID.ROBOT_NOT_SET');
  const r = await postRobot(robot.key, { msgtype: 'text', text: { content: robotTestText(grid.code) } });
  const now = clockNow();
  if (!r.ok) {
    await db.collection('gridRobots').doc(grid._id).update({ data: { lastError: { reason: r.reason, errcode: r.errcode, at: now } } });
    throw new AppError('GRID.ROBOT_FAILED', { reason: failureText(r) });
  }
  await db.collection('gridRobots').doc(grid._id).update({ data: { lastPostAt: now, lastError: null } });
  return { robot: viewOf(grid._id, { ...robot, lastPostAt: now, lastError: null }) };
}
