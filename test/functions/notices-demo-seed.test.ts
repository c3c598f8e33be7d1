/**
 * The demo's notice (issue 22, local/seed/demo-notices.ts) through the real functions: 老城's
 * residents see the pinned 冬季用电安全 first and unread; the staff list counts its audience.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ForMeAnswer, NoticeListAnswer } from '../../cloudfunctions/notices/contract';
import { DEMO_NOTICE_ID } from '../../local/seed/demo-notices';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('老城 residents see the pinned 冬季用电安全, unread; staff see its audience', async () => {
  const r = await cloud.act<ForMeAnswer>('notices', { action: 'forMe' }, openidOf('r-zhao'));
  if (!r.ok) throw new Error(r.error.code);
  expect(r.data.notices[0]).toMatchObject({ id: DEMO_NOTICE_ID, title: '冬季用电安全', pinned: true, read: false, audienceLabel: '全社区' });
  expect(r.data.unread).toBeGreaterThanOrEqual(1);
  const l = await cloud.act<NoticeListAnswer>('notices', { action: 'list' }, openidOf('a-wang'));
  if (!l.ok) throw new Error(l.error.code);
  expect(l.data.notices.find((n) => n.id === DEMO_NOTICE_ID)).toMatchObject({ status: 'published', readCount: 0, audienceSize: expect.any(Number) });
  expect(l.data.notices.find((n) => n.id === DEMO_NOTICE_ID)!.audienceSize).toBeGreaterThan(5);
});
