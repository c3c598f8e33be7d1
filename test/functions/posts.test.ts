/**
 * 邻里互助 (issue 22, `posts`) through the real wx-server-sdk against the local emulator:
 * 赵建国 posts a 旧物置换 with his own photo and 邹建庄 sees it (author 「3号楼 赵大爷」, no phone);
 * 邹建庄's 联系TA reaches 赵建国's 消息 with his words and name; 严婷 takes a post down with a reason
 * and the author is told; 撤下 by the author only; a risky text (msgSecCheck) or photo (imgSecCheck)
 * is refused and nothing is written; another person's upload is refused; who may (another community, a resident taking
 * down, a resident posting 就业招聘); expiry (the board by date, the timer marks it); the daily
 * quota; a repeated requestId; round trips. The clock is fixed: Wednesday 2026-03-04 10:00 China time.
 */
import { codeOf, ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { ContactAnswer, ListAnswer, MineAnswer, PostView } from '../../cloudfunctions/posts/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';
import { LOCAL_ENV_ID } from '../../local/runtime/sdk-env';
import { bucketOf } from '../../local/cloudbase/storage';
import { GIF, png, RISKY_IMAGE_TEXT } from '../support/images';

let cloud: TestCloud;
const yan = openidOf('w-yan'); // 老城 grid worker
const chen = openidOf('w-chen'); // 明珠社区 worker
const zhao = openidOf('r-zhao'); // 老城 resident, 3号楼, 赵大爷
const zou = openidOf('r-zou'); // 老城 resident, 5号楼
const li = openidOf('r-li'); // 明珠社区 resident
const NOW = new Date('2026-03-04T02:00:00Z');
const DAY = 24 * 3_600_000;
const photoOf = (owner: string, name: string) => `cloud://${LOCAL_ENV_ID}.${bucketOf(LOCAL_ENV_ID)}/tickets/${owner}/${name}`;

const posts = <T>(event: object, who: string) => cloud.act<T>('posts', event, who);
let n = 0;
const rid = () => `req-post-${++n}-xxxx`;
const publish = (who: string, extra: object = {}) => posts<PostView>({ action: 'publish', kind: 'swap', title: '儿童自行车，九成新', body: '孙子长大了骑不了，送给需要的邻居', photos: [], days: 7, requestId: rid(), ...extra }, who);
const board = async (who: string, kind?: string) => (await ok(posts<ListAnswer>({ action: 'list', ...(kind ? { kind } : {}) }, who))).posts;
const inboxOf = async (who: string) => (await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, who))).messages;

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.setClock(NOW);
}, 60_000);
afterAll(() => cloud.close());

describe('post → seen → contacted → taken down', () => {
  it('赵建国 posts a swap with his own photo; 邹建庄 sees it by nickname, no phone; 联系TA reaches 赵建国 in 消息', async () => {
    cloud.endpoint.storage.put(LOCAL_ENV_ID, 'tickets/r-zhao/bike.jpg', png(), zhao);
    const p = await ok(publish(zhao, { photos: [photoOf('r-zhao', 'bike.jpg')] }));
    expect(p.photoUrls).toHaveLength(1);
    expect(p).toMatchObject({ kind: 'swap', kindLabel: '旧物置换', author: '3号楼 赵大爷', mine: true, status: 'published', statusLabel: '展示中', expiresOn: '2026-03-10' });
    const seen = (await board(zou)).find((x) => x.id === p.id)!;
    expect(seen.photoUrls).toHaveLength(1);
    expect(seen).toMatchObject({ author: '3号楼 赵大爷', mine: false, takeDownReason: null });
    expect(JSON.stringify(seen)).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|\d{3}\*{4}\d{4}|赵建国/);
    expect((await board(zou, 'help')).some((x) => x.id === p.id)).toBe(false);
    expect((await board(zou, 'swap')).some((x) => x.id === p.id)).toBe(true);

    expect(await ok(posts<ContactAnswer>({ action: 'contact', postId: p.id, text: '我家孙女正好要学骑车，想要', requestId: rid() }, zou))).toEqual({ passedOn: true });
    const note = (await inboxOf(zhao)).find((m) => m.kind === 'postNote')!;
    expect(note.title).toBe('有邻居看到您的信息，托解忧铺捎话');
    expect(note.lines).toEqual(['信息：儿童自行车，九成新', '邹建庄（5号楼）说：我家孙女正好要学骑车，想要', '想回话的话，请到解忧铺，工作人员帮您转达']);
    expect(JSON.stringify(note)).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|\d{3}\*{4}\d{4}/);
    // one's own post: nothing to pass on
    expect(await codeOf(posts({ action: 'contact', postId: p.id, text: '还在吗', requestId: rid() }, zhao))).toBe('POSTS.OWN_POST');
  });

  it('严婷 takes a post down with a reason: it leaves the board, the author reads why in 消息 and on 我的发布', async () => {
    const p = await ok(publish(zou, { kind: 'help', title: '谁家有梯子借用一下', body: '' }));
    const down = await ok(posts<PostView>({ action: 'takeDown', postId: p.id, reason: '内容重复，已有同样的信息' }, yan));
    expect(down).toMatchObject({ status: 'takenDown', statusLabel: '已被下架', takeDownReason: '内容重复，已有同样的信息' });
    expect((await board(zhao)).some((x) => x.id === p.id)).toBe(false);
    const note = (await inboxOf(zou)).find((m) => m.title === '您发布的信息已被社区下架')!;
    expect(note.lines).toEqual(['信息：谁家有梯子借用一下', '原因：内容重复，已有同样的信息', '如有疑问，请到解忧铺问问工作人员']);
    const mine = await ok(posts<MineAnswer>({ action: 'mine' }, zou));
    expect(mine.posts.find((x) => x.id === p.id)).toMatchObject({ status: 'takenDown', takeDownReason: '内容重复，已有同样的信息' });
    // twice: already off the board; contacting it: off the board too
    expect(await codeOf(posts({ action: 'takeDown', postId: p.id, reason: '再下架一次' }, yan))).toBe('POSTS.NOT_PUBLISHED');
    expect(await codeOf(posts({ action: 'contact', postId: p.id, text: '我有梯子', requestId: rid() }, zhao))).toBe('POSTS.NOT_PUBLISHED');
  });

  it('the author withdraws (撤下) their own post; nobody else may', async () => {
    const p = await ok(publish(zhao, { title: '旧书架一个' }));
    expect(await codeOf(posts({ action: 'withdraw', postId: p.id }, zou))).toBe('POSTS.NOT_AUTHOR');
    expect(await codeOf(posts({ action: 'withdraw', postId: p.id }, yan))).toBe('POSTS.NOT_AUTHOR');
    expect(await ok(posts<PostView>({ action: 'withdraw', postId: p.id }, zhao))).toMatchObject({ status: 'withdrawn', statusLabel: '已撤下' });
    expect((await board(zou)).some((x) => x.id === p.id)).toBe(false);
    expect(await codeOf(posts({ action: 'withdraw', postId: p.id }, zhao))).toBe('POSTS.NOT_PUBLISHED');
  });

  it('就业招聘 by staff (「社区 严婷」); a resident may not post it', async () => {
    expect(await codeOf(publish(zhao, { kind: 'job', title: '超市招理货员' }))).toBe('POSTS.JOB_BY_STAFF');
    const job = await ok(publish(yan, { kind: 'job', title: '社区超市招理货员', body: '每天4小时，适合退休人员，到解忧铺报名', days: 30 }));
    expect(job).toMatchObject({ author: '社区 严婷', kindLabel: '就业招聘', expiresOn: '2026-04-02' });
    expect((await board(zou, 'job')).map((x) => x.id)).toContain(job.id);
  });
});

describe('refusals write nothing', () => {
  it('a risky title or text (msgSecCheck) is refused and nothing is written', async () => {
    for (const extra of [{ title: '违禁测试词出售' }, { body: '联系我 违禁测试词' }, { body: '待审测试词' }]) {
      const before = cloud.snapshot();
      expect(await codeOf(publish(zou, extra))).toBe('COMMON.TEXT_REJECTED');
      expect(cloud.snapshot()).toBe(before);
    }
    const p = await ok(publish(zhao, { title: '旧电风扇' }));
    const before = cloud.snapshot();
    expect(await codeOf(posts({ action: 'contact', postId: p.id, text: '违禁测试词', requestId: rid() }, zou))).toBe('COMMON.TEXT_REJECTED');
    expect(await codeOf(posts({ action: 'takeDown', postId: p.id, reason: '违禁测试词' }, yan))).toBe('COMMON.TEXT_REJECTED');
    expect(cloud.snapshot()).toBe(before);
  });

  it('a photo WeChat calls risky (imgSecCheck) is refused with COMMON.IMAGE_REJECTED: no post, no quota taken; a fine photo with it passes', async () => {
    cloud.setClock(new Date(NOW.getTime() + 2 * DAY));
    const put = (name: string, bytes: Buffer) => {
      cloud.endpoint.storage.put(LOCAL_ENV_ID, `tickets/r-zou/${name}`, bytes, zou);
      return photoOf('r-zou', name);
    };
    const fine = put('pram.png', png({ text: '旧婴儿车' }));
    const risky = put('risky.png', png({ text: RISKY_IMAGE_TEXT }));
    const before = cloud.snapshot();
    const refused = await publish(zou, { title: '旧婴儿车', photos: [fine, risky] });
    expect(refused).toEqual({ ok: false, error: { code: 'COMMON.IMAGE_REJECTED', message: '有一张照片不能发布，请换一张再发', details: { photo: 2, reason: 'risky' } } });
    // the whole database — posts and today's quota — is as it was
    expect(cloud.snapshot()).toBe(before);
    expect(cloud.db.find('posts', { title: '旧婴儿车' })).toHaveLength(0);
    // a file that is no picture, and one over WeChat's 1 MB, are refused the same way, before WeChat is asked
    const text = put('note.jpg', Buffer.from('not a picture'));
    expect(await publish(zou, { title: '旧婴儿车', photos: [text] })).toMatchObject({ ok: false, error: { code: 'COMMON.IMAGE_REJECTED', details: { photo: 1, reason: 'not-image' } } });
    const big = put('big.png', png({ atLeastBytes: 1024 * 1024 + 1 }));
    expect(await publish(zou, { title: '旧婴儿车', photos: [big] })).toMatchObject({ ok: false, error: { code: 'COMMON.IMAGE_REJECTED', details: { photo: 1, reason: 'too-big' } } });
    expect(cloud.snapshot()).toBe(before);
    // a photo that cannot be read (never uploaded) cannot be checked: fails closed
    expect(await codeOf(publish(zou, { title: '旧婴儿车', photos: [photoOf('r-zou', 'gone.png')] }))).toBe('COMMON.INTERNAL');
    expect(cloud.snapshot()).toBe(before);
    // the same post with fine photos (a PNG and a GIF) is published
    const gif = put('pram.gif', GIF);
    const p = await ok(publish(zou, { title: '旧婴儿车', photos: [fine, gif] }));
    expect(p.photoUrls).toHaveLength(2);
    expect((await board(zhao)).some((x) => x.id === p.id)).toBe(true);
    cloud.setClock(NOW);
  });

  it("another person's upload, or another environment's, is refused (COMMON.FORBIDDEN) and nothing is written", async () => {
    const before = cloud.snapshot();
    expect(await codeOf(publish(zou, { photos: [photoOf('r-zhao', 'bike.jpg')] }))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(publish(zou, { photos: [`cloud://other-env.${bucketOf('other-env')}/tickets/r-zou/a.jpg`] }))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(publish(zou, { photos: ['cloud://x/y.jpg'] }))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });

  it('who may: another community neither sees nor touches; a resident cannot take down', async () => {
    cloud.setClock(new Date(NOW.getTime() + DAY));
    const p = await ok(publish(zhao, { title: '小推车一辆' }));
    const before = cloud.snapshot();
    expect((await board(li)).some((x) => x.id === p.id)).toBe(false);
    expect((await board(chen)).some((x) => x.id === p.id)).toBe(false);
    expect(await codeOf(posts({ action: 'takeDown', postId: p.id, reason: '不合适的内容' }, chen))).toBe('POSTS.NOT_FOUND');
    expect(await codeOf(posts({ action: 'contact', postId: p.id, text: '我想要', requestId: rid() }, li))).toBe('POSTS.NOT_FOUND');
    expect(await codeOf(posts({ action: 'withdraw', postId: p.id }, li))).toBe('POSTS.NOT_FOUND');
    expect(await codeOf(posts({ action: 'takeDown', postId: p.id, reason: '不合适的内容' }, zou))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
    expect((await board(zou)).some((x) => x.id === p.id)).toBe(true);
    cloud.setClock(NOW);
  });
});

describe('expiry', () => {
  it('a post leaves the board the day after its last day; the timer marks it expired, once', async () => {
    const p = await ok(publish(zou, { title: '花盆几个送人', days: 1 }));
    expect(p.expiresOn).toBe('2026-03-04');
    // 23:59 China time the same day: still shown
    cloud.setClock(new Date('2026-03-04T15:59:00Z'));
    expect((await board(zhao)).some((x) => x.id === p.id)).toBe(true);
    // 00:10 the next day: gone from the board before and after the timer
    cloud.setClock(new Date('2026-03-04T16:10:00Z'));
    expect((await board(zhao)).some((x) => x.id === p.id)).toBe(false);
    expect((await ok(posts<MineAnswer>({ action: 'mine' }, zou))).posts.find((x) => x.id === p.id)?.status).toBe('expired');
    expect(await codeOf(posts({ action: 'contact', postId: p.id, text: '还有吗', requestId: rid() }, zhao))).toBe('POSTS.NOT_PUBLISHED');
    await Promise.all([cloud.trigger('posts', 'postJobs'), cloud.trigger('posts', 'postJobs')]);
    const doc = cloud.db.find('posts', { _id: p.id })[0] as unknown as { status: string; expiredAt?: Date };
    expect(doc.status).toBe('expired');
    expect(doc.expiredAt).toBeDefined();
    // a longer post is untouched
    expect(cloud.db.find('posts', { status: 'published' }).length).toBeGreaterThan(0);
    cloud.setClock(NOW);
  });
});

describe('photos leave storage', () => {
  const stored = (owner: string, name: string) => cloud.endpoint.storage.read(photoOf(owner, name)) !== null;

  it('撤下: the post\'s photos are deleted at once and shown to nobody, the author included', async () => {
    cloud.endpoint.storage.put(LOCAL_ENV_ID, 'tickets/r-zhao/sofa.png', png(), zhao);
    // the next day: today's 3 posts of his are used up by the tests above
    cloud.setClock(new Date(NOW.getTime() + DAY));
    const p = await ok(publish(zhao, { title: '旧沙发送人', photos: [photoOf('r-zhao', 'sofa.png')] })).finally(() => cloud.setClock(NOW));
    expect(stored('r-zhao', 'sofa.png')).toBe(true);
    const done = await ok(posts<PostView>({ action: 'withdraw', postId: p.id }, zhao));
    expect(done).toMatchObject({ status: 'withdrawn', photoUrls: [] });
    expect(stored('r-zhao', 'sofa.png')).toBe(false);
    expect((await ok(posts<MineAnswer>({ action: 'mine' }, zhao))).posts.find((x) => x.id === p.id)?.photoUrls).toEqual([]);
  });

  it('the timer: a withdrawn post\'s leftover photo goes; an expired or taken-down one keeps its photo 30 days after its last day, then it goes; twice changes nothing more', async () => {
    const put = (name: string) => (cloud.endpoint.storage.put(LOCAL_ENV_ID, `tickets/r-zou/${name}`, png(), zou), photoOf('r-zou', name));
    const base = { communityId: 'c-laocheng', kind: 'swap', title: '旧物', body: '', byId: 'r-zou', byName: '5号楼 邹大爷', createdAt: new Date('2026-01-01T02:00:00Z'), requestKey: 'x' };
    cloud.db.insert('posts', [
      // a withdraw cut short before its deletion
      { ...base, _id: 'sweep-withdrawn', status: 'withdrawn', expiresOn: '2026-03-20', photos: [put('w.png')], requestKey: 'r-zou:sweep-1' },
      // expired 31 days before today (2026-03-04): its photo goes
      { ...base, _id: 'sweep-old', status: 'expired', expiresOn: '2026-02-01', photos: [put('old.png')], requestKey: 'r-zou:sweep-2' },
      // taken down, last day 2026-02-10: 22 days ago, kept
      { ...base, _id: 'sweep-recent', status: 'takenDown', expiresOn: '2026-02-10', photos: [put('recent.png')], requestKey: 'r-zou:sweep-3' },
      // a photo already gone from storage: the post is still swept
      { ...base, _id: 'sweep-gone', status: 'expired', expiresOn: '2026-01-20', photos: [photoOf('r-zou', 'never-there.png')], requestKey: 'r-zou:sweep-4' },
    ]);
    await cloud.trigger('posts', 'postJobs');
    const doc = (id: string) => cloud.db.find('posts', { _id: id })[0] as unknown as { photos: string[]; photosRemovedAt?: Date };
    expect([stored('r-zou', 'w.png'), stored('r-zou', 'old.png'), stored('r-zou', 'recent.png')]).toEqual([false, false, true]);
    expect(['sweep-withdrawn', 'sweep-old', 'sweep-recent', 'sweep-gone'].map((id) => [doc(id).photos.length, !!doc(id).photosRemovedAt])).toEqual([
      [0, true],
      [0, true],
      [1, false],
      [0, true],
    ]);
    const before = cloud.snapshot();
    await cloud.trigger('posts', 'postJobs');
    expect(cloud.snapshot()).toBe(before);
    // 40 days after its last day the taken-down post's photo goes too
    cloud.setClock(new Date('2026-03-22T02:00:00Z'));
    try {
      await cloud.trigger('posts', 'postJobs');
    } finally {
      cloud.setClock(NOW);
    }
    expect([stored('r-zou', 'recent.png'), doc('sweep-recent').photos]).toEqual([false, []]);
  });
});

describe('flood and retries', () => {
  it('a resident publishes at most 3 posts a day; the 4th is COMMON.TOO_MANY and writes nothing; staff are not limited', async () => {
    cloud.setClock(new Date(NOW.getTime() + 5 * DAY));
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => publish(zou, { title: `闲置物品${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['COMMON.TOO_MANY', 'COMMON.TOO_MANY']);
    const before = cloud.snapshot();
    expect(await codeOf(publish(zou))).toBe('COMMON.TOO_MANY');
    expect(cloud.snapshot()).toBe(before);
    for (let i = 0; i < 4; i++) await ok(publish(yan, { kind: 'job', title: `招聘信息${i}` }));
    cloud.setClock(NOW);
  });

  it('a repeated requestId publishes once; the same id with other words is COMMON.REQUEST_REUSED; a repeated 联系TA is one note', async () => {
    cloud.setClock(new Date(NOW.getTime() + 6 * DAY));
    const requestId = rid();
    const [a, b] = await Promise.all([publish(zhao, { requestId, title: '旧收音机' }), publish(zhao, { requestId, title: '旧收音机' })]);
    expect(a.ok && b.ok && a.data.id === b.data.id).toBe(true);
    expect(cloud.db.find('posts', { title: '旧收音机' })).toHaveLength(1);
    expect(await codeOf(publish(zhao, { requestId, title: '别的东西' }))).toBe('COMMON.REQUEST_REUSED');
    const id = a.ok ? a.data.id : '';
    const again = { action: 'contact', postId: id, text: '收音机我想要', requestId: rid() };
    await ok(posts(again, zou));
    await ok(posts(again, zou));
    expect((await inboxOf(zhao)).filter((m) => m.lines.some((l) => l.includes('收音机我想要')))).toHaveLength(1);
    cloud.setClock(NOW);
  });
});

describe('round trips', () => {
  it('database requests: publish 3 (resident), list 1, mine 1, contact 5, takeDown 4, withdraw 2', async () => {
    cloud.setClock(new Date(NOW.getTime() + 7 * DAY));
    await ok(posts({ action: 'list' }, zou)); // warm
    const trips = async <T>(p: () => Promise<Envelope<T>>): Promise<[number, T]> => {
      const before = cloud.db.stats.requests;
      const r = await ok(p());
      return [cloud.db.stats.requests - before, r];
    };
    // two photos: each read from storage and checked by WeChat, neither a database request
    cloud.endpoint.storage.put(LOCAL_ENV_ID, 'tickets/r-zhao/book1.png', png(), zhao);
    cloud.endpoint.storage.put(LOCAL_ENV_ID, 'tickets/r-zhao/book2.png', png(), zhao);
    const [pub, p] = await trips(() => publish(zhao, { title: '儿童绘本一箱', photos: [photoOf('r-zhao', 'book1.png'), photoOf('r-zhao', 'book2.png')] }));
    expect(pub).toBe(3);
    expect(p.photoUrls).toHaveLength(2);
    expect((await trips(() => posts({ action: 'list' }, zou)))[0]).toBe(1);
    expect((await trips(() => posts({ action: 'mine' }, zou)))[0]).toBe(1);
    expect((await trips(() => posts({ action: 'contact', postId: p.id, text: '绘本我想要', requestId: rid() }, zou)))[0]).toBe(5);
    const [down] = await trips(() => posts({ action: 'takeDown', postId: p.id, reason: '已经送出去了' }, yan));
    expect(down).toBe(4);
    const q = await ok(publish(zou, { title: '旧脸盆' }));
    expect((await trips(() => posts({ action: 'withdraw', postId: q.id }, zou)))[0]).toBe(2);
    cloud.setClock(NOW);
  });
});
