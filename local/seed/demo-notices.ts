/**
 * The demo's notices (issue 22; `npm start` only, with the demo tickets), written directly as a
 * document of the model type (`cloudfunctions/shared/model.ts` `Notice`), dated relative to the seed's
 * clock `now`: in 老城社区 (c-laocheng), 王乐天 (a-wang) pinned a 公告 冬季用电安全 to the whole
 * community two days ago, shown until withdrawn, not yet opened by anyone.
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { Notice } from '../../cloudfunctions/shared/model';

const DAY = 24 * 3_600_000;

/** The seeded notice's id, for tests and the walk-through. */
export const DEMO_NOTICE_ID = 'notice-demo-winter-power';

/** The demo's notices (pure; see the module notes). */
export function demoNotices(now: Date): Notice[] {
  return [
    {
      _id: DEMO_NOTICE_ID,
      communityId: 'c-laocheng',
      kind: 'notice',
      title: '冬季用电安全',
      body: '天冷了，请大家注意用电安全：\n1. 电暖器、电热毯不用时请拔掉插头，人走断电；\n2. 不要在楼道里给电动车充电，请到小区充电棚；\n3. 家里电线老化、插座发烫，请到解忧铺登记，社区联系电工上门查看。\n有困难的老人请打解忧铺电话，我们上门帮忙。',
      audience: { kind: 'community' },
      pinned: true,
      expiresOn: null,
      status: 'published',
      byId: 'a-wang',
      byName: '王乐天',
      publishedAt: new Date(now.getTime() - 2 * DAY),
      readCount: 0,
      requestKey: `a-wang:${DEMO_NOTICE_ID}`,
      requestHash: 'demo',
    },
  ];
}

/** Writes the demo's notices into `db` (see the module notes). */
export function seedDemoNotices(db: LocalDatabase, now: Date): void {
  for (const c of ['notices', 'noticeReads']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.insert('notices', demoNotices(now) as never[]);
}
