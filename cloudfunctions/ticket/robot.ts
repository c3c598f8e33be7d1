/**
 * Timer job `postToRobots` (part of `ticketJobs`, every 10 minutes; issue 18 §1): new tickets,
 * overdue tickets and 督办 of a grid go to the grid's WeCom group robot, when its admin set one
 * (`account.setGridRobot`, collection `gridRobots`). Nothing is added to the residents' actions:
 * the job finds the facts itself.
 *
 * One run:
 * 1. reads the robots that have a key (1 read; none → done);
 * 2. queues facts: reads the tickets of those robots' communities updated since the robots' cursor
 *    `scannedTo` less {@link SCAN_MARGIN_MS} (a write that was in flight when the last run read is
 *    seen now; index `community_updated`), 100 a page, only the fields a line needs. Each fact
 *    (`domain/robotMessage.ts robotFacts`) becomes a `robotPosts` document whose `_id` is the fact's
 *    id, so a fact is queued once however often it is seen (a duplicate insert is ignored). Then
 *    `scannedTo` moves on (to the last ticket read when the run stopped early);
 * 3. posts: per robot, it first takes the robot for this run (a conditional update of `lockUntil`,
 *    so two overlapping runs never post the same items), then sends its pending posts, oldest
 *    first, {@link ROBOT_ITEMS_PER_MESSAGE} to a markdown message and at most
 *    {@link MESSAGES_PER_RUN} messages (WeCom allows 20 a minute per robot). A post answered
 *    `errcode 0` marks its items `sent`; anything else (timeout after 3 s, no connection, 45009,
 *    93000…) leaves them `pending` with `attempts + 1`, records the failure on the robot for the
 *    admin (`lastError`) and stops posting to that robot in this run: the next run retries.
 *    Pending posts older than {@link EXPIRE_MS} are marked `expired` (old news, unsent).
 * Delivery is at least once: a run that dies between WeCom's answer and marking `sent` (or a
 * timeout after WeCom took the post) sends those items again next run — WeCom's webhook has no
 * idempotency key. A post that succeeded and was marked is never sent again.
 * Time: a post is started only within {@link POST_BUDGET_MS} of the job's start, and each post
 * gives up after 3 s (`shared/wecom.ts`), so the job ends within about 5 s (docs/robots.md).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import type { Grid } from '../shared/model';
import { postRobot, type GridRobot, type RobotPost } from '../shared/wecom';
import { ROBOT_ITEMS_PER_MESSAGE, robotFacts, robotLine, robotMarkdown, type RobotTicket } from './domain/robotMessage';

/** How far before its cursor a run looks again (a report written while the last run read). */
export const SCAN_MARGIN_MS = 60_000;
/** Posts are started only this long after the job started. */
export const POST_BUDGET_MS = 2_000;
/** Messages per robot per run (WeCom: 20 a minute per robot). */
export const MESSAGES_PER_RUN = 3;
/** A queued post not sent within this long is dropped (`expired`). */
export const EXPIRE_MS = 24 * 3600 * 1000;
/** How long a run holds a robot. */
const LOCK_MS = 60_000;
/** Pages of 100 tickets read per run at most. */
const MAX_PAGES = 20;

const TICKET_FIELDS = { _id: true, communityId: true, gridId: true, category: true, where: true, status: true, createdAt: true, dueAt: true, overdue: true, supervision: true };

/** What one run did (added to `ticketJobs`' answer). */
export interface RobotRun {
  robotQueued: number;
  robotPosted: number;
  robotFailed: number;
}

/** Reads the robots that have a key. */
async function activeRobots(): Promise<GridRobot[]> {
  const _ = db.command;
  return (await db.collection('gridRobots').where({ key: _.neq(null) }).limit(1000).get()).data as GridRobot[];
}

/** Step 2: queue the facts of tickets updated since the robots' cursor. Returns how many were queued. */
async function queueFacts(robots: GridRobot[], now: Date, spent: () => boolean): Promise<number> {
  const _ = db.command;
  const byGrid = new Map(robots.map((r) => [r._id, r]));
  const codes = new Map<string, string>();
  const communities = [...new Set(robots.map((r) => r.communityId))];
  const from = new Date(Math.min(...robots.map((r) => r.scannedTo.getTime())) - SCAN_MARGIN_MS);
  let queued = 0;
  let reachedTo = now;
  for (let page = 0; ; page += 1) {
    if (page >= MAX_PAGES || (page > 0 && spent())) break; // the first page always: every run makes progress
    const { data } = await db
      .collection('tickets')
      .where({ communityId: _.in(communities), updatedAt: _.gte(from) })
      .orderBy('updatedAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(page * 100)
      .limit(100)
      .field(TICKET_FIELDS)
      .get();
    const tickets = (data as (RobotTicket & { updatedAt?: Date })[]).filter((t) => t.gridId && byGrid.has(t.gridId));
    const facts = tickets.flatMap((t) => robotFacts(t, byGrid.get(t.gridId as string)!.since).map((f) => ({ f, t })));
    if (facts.length) {
      const missingCodes = [...new Set(facts.map((x) => x.f.gridId))].filter((g) => !codes.has(g));
      const [known, grids] = await Promise.all([
        db.collection('robotPosts').where({ _id: _.in(facts.map((x) => x.f.id)) }).field({ _id: true }).limit(1000).get(),
        missingCodes.length ? db.collection('grids').where({ _id: _.in(missingCodes) }).field({ _id: true, code: true }).limit(1000).get() : Promise.resolve({ data: [] }),
      ]);
      for (const g of grids.data as Grid[]) codes.set(g._id, g.code);
      const have = new Set((known.data as { _id: string }[]).map((d) => d._id));
      for (const { f, t } of facts) {
        if (have.has(f.id)) continue;
        const post: RobotPost = { _id: f.id, gridId: f.gridId, communityId: t.communityId, ticketId: t._id, kind: f.kind, line: robotLine(t, f.kind, codes.get(f.gridId) ?? f.gridId), status: 'pending', attempts: 0, createdAt: now, sentAt: null };
        try {
          await db.collection('robotPosts').add({ data: post });
          queued += 1;
        } catch (e) {
          if (!isDuplicateKey(e)) throw e; // another run queued it: once is enough
        }
      }
    }
    if (data.length < 100) break;
    const last = (data[data.length - 1] as { updatedAt?: Date }).updatedAt;
    if (last) reachedTo = last;
    if (page + 1 >= MAX_PAGES || spent()) {
      // stopped early: the next run starts at the last ticket read (its cursor), none is skipped
      await db.collection('gridRobots').where({ _id: _.in(robots.map((r) => r._id)) }).update({ data: { scannedTo: reachedTo } });
      return queued;
    }
  }
  await db.collection('gridRobots').where({ _id: _.in(robots.map((r) => r._id)) }).update({ data: { scannedTo: now } });
  return queued;
}

/** Step 3 for one robot: sends its pending posts. */
async function sendFor(robot: GridRobot, pending: RobotPost[], now: Date, spent: () => boolean): Promise<{ posted: number; failed: number }> {
  const _ = db.command;
  let posted = 0;
  let failed = 0;
  const taken = await db
    .collection('gridRobots')
    .where({ _id: robot._id, key: robot.key, lockUntil: _.or(_.eq(null), _.lt(now)) })
    .update({ data: { lockUntil: new Date(now.getTime() + LOCK_MS) } });
  if ((taken.stats?.updated ?? 0) !== 1) return { posted, failed };
  const gridCode = (await db.collection('grids').where({ _id: robot._id }).field({ code: true }).limit(1).get()).data[0] as Grid | undefined;
  for (let m = 0; m < MESSAGES_PER_RUN; m += 1) {
    const items = pending.slice(m * ROBOT_ITEMS_PER_MESSAGE, (m + 1) * ROBOT_ITEMS_PER_MESSAGE);
    if (!items.length || (m > 0 && spent())) break; // the first message always: every run makes progress
    const content = robotMarkdown(gridCode?.code ?? robot._id, items.map((p) => p.line));
    const r = await postRobot(robot.key as string, { msgtype: 'markdown', markdown: { content } });
    const ids = items.map((p) => p._id);
    if (r.ok) {
      await Promise.all([
        db.collection('robotPosts').where({ _id: _.in(ids), status: 'pending' }).update({ data: { status: 'sent', sentAt: now } }),
        db.collection('gridRobots').doc(robot._id).update({ data: { lastPostAt: now, lastError: null } }),
      ]);
      posted += 1;
    } else {
      await Promise.all([
        db.collection('robotPosts').where({ _id: _.in(ids), status: 'pending' }).update({ data: { attempts: _.inc(1) } }),
        db.collection('gridRobots').doc(robot._id).update({ data: { lastError: { reason: r.reason, errcode: r.errcode, at: now } } }),
      ]);
      failed += 1;
      break; // the next run retries; this robot gets no more tries now
    }
  }
  await db.collection('gridRobots').doc(robot._id).update({ data: { lockUntil: null } });
  return { posted, failed };
}

/** The job: queue the facts, then post them to each grid's robot. See the module comment. */
export async function postToRobots(): Promise<RobotRun> {
  const run: RobotRun = { robotQueued: 0, robotPosted: 0, robotFailed: 0 };
  const robots = await activeRobots();
  if (!robots.length) return run;
  const now = clockNow();
  const spent = budget(POST_BUDGET_MS);
  run.robotQueued = await queueFacts(robots, now, spent);
  const _ = db.command;
  const { data } = await db
    .collection('robotPosts')
    .where({ gridId: _.in(robots.map((r) => r._id)), status: 'pending' })
    .orderBy('createdAt', 'asc')
    .limit(1000)
    .get();
  const posts = data as RobotPost[];
  const old = posts.filter((p) => now.getTime() - p.createdAt.getTime() > EXPIRE_MS).map((p) => p._id);
  if (old.length) await db.collection('robotPosts').where({ _id: _.in(old), status: 'pending' }).update({ data: { status: 'expired' } });
  let tried = 0;
  for (const robot of robots) {
    const pending = posts.filter((p) => p.gridId === robot._id && !old.includes(p._id));
    if (!pending.length) continue;
    if (tried && spent()) break;
    tried += 1;
    const r = await sendFor(robot, pending, now, spent);
    run.robotPosted += r.posted;
    run.robotFailed += r.failed;
  }
  return run;
}
