/**
 * The demo's 邻里互助 board (issue 22; `npm start` only, with the demo tickets), written directly as
 * documents of the model type (`cloudfunctions/shared/model.ts` `Post`), dated relative to the seed's
 * clock `now` (local dates in Asia/Shanghai): in 老城社区 (c-laocheng),
 * - 赵建国 (r-zhao, shown as 「3号楼 赵大爷」) posted a 旧物置换 yesterday: 儿童自行车, shown 15 days;
 * - 严婷 (w-yan, 「社区 严婷」) posted a 就业招聘 two days ago: 社区超市招理货员, shown 30 days.
 * No photos (the seed writes no files to storage).
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { Post } from '../../cloudfunctions/shared/model';
import { local } from '../../cloudfunctions/shared/time';

const DAY = 24 * 3_600_000;
const CID = 'c-laocheng';

/** The seeded posts' ids, for tests and the walk-through. */
export const DEMO_POSTS = { bike: 'post-demo-zhao-bike', job: 'post-demo-yan-job' } as const;

/** The demo's posts (pure; see the module notes). */
export function demoPosts(now: Date): Post[] {
  const post = (p: Pick<Post, '_id' | 'kind' | 'title' | 'body' | 'byId' | 'byName'>, daysAgo: number, days: number): Post => {
    const createdAt = new Date(now.getTime() - daysAgo * DAY);
    return { ...p, communityId: CID, photos: [], status: 'published', expiresOn: local(createdAt).add(days - 1, 'day').format('YYYY-MM-DD'), createdAt, requestKey: `${p.byId}:seed-${p._id}` };
  };
  return [
    post({ _id: DEMO_POSTS.job, kind: 'job', title: '社区超市招理货员', body: '每天上午4小时，整理货架、补货，适合身体好的退休邻居。想做的请到解忧铺找严婷报名。', byId: 'w-yan', byName: '社区 严婷' }, 2, 30),
    post({ _id: DEMO_POSTS.bike, kind: 'swap', title: '儿童自行车，九成新', body: '孙子上中学了骑不了，16寸，带辅助轮，送给有小孩的邻居，换点水果也行。', byId: 'r-zhao', byName: '3号楼 赵大爷' }, 1, 15),
  ];
}

/** Writes the demo's posts (see the module notes). */
export function seedDemoPosts(db: LocalDatabase, now = new Date()): void {
  if (!db.collectionNames().includes('posts')) db.createCollection('posts');
  db.insert('posts', demoPosts(now) as never);
}
