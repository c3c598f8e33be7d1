/**
 * Daily quotas and a fair queue (issue 16 §3), through the real wx-server-sdk against the local
 * emulator: a resident with a script gets exactly the day's limit of reports and the rest
 * COMMON.TOO_MANY with nothing else written; the next China day is fresh; staff at the counter are
 * never limited; a replayed requestId and a refused call take no quota; joins, photos and
 * registrations are limited likewise; and one reporter's flood never hides another's new report
 * in the grid worker's queue.
 */
import { pointSdkAt } from '../../local/runtime/sdk-env';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { QueueView, ResidentTicketView } from '../../cloudfunctions/ticket/contract';
import { DAILY_LIMITS } from '../../cloudfunctions/shared/quotas';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const li = openidOf('r-li');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');

/** 2026-03-02 (a Monday) at `hhmm` China time. */
const shanghai = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** A requestId of at least 8 characters (the schema's minimum). */
const rid = (s: string) => (s.startsWith('req-') ? s : `req-${s}`);

const report = (requestId: string, over: Record<string, unknown> = {}) => ({
  action: 'report',
  category: 'sanitation',
  text: '3号楼门口的垃圾堆了好几天，没人清理，味道很大',
  where: { estateId: 'e-bishan', building: '3号楼', spot: '楼门口' },
  requestId: rid(requestId),
  ...over,
});

/** Every collection but `except`, canonical: equal = nothing else was written. */
function snapshotExcept(...except: string[]): string {
  const all = JSON.parse(cloud.snapshot()) as Record<string, unknown>;
  for (const c of except) delete all[c];
  return JSON.stringify(all);
}

async function trips<T>(run: () => Promise<T>): Promise<{ n: number; r: T }> {
  const before = cloud.db.stats.requests;
  const r = await run();
  return { n: cloud.db.stats.requests - before, r };
}

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

describe('reports', () => {
  let firstId = '';

  it('50 concurrent reports from one resident → exactly the day’s limit of tickets, the rest COMMON.TOO_MANY with nothing else written', async () => {
    cloud.setClock(shanghai('2026-03-02', '10:00'));
    const before = snapshotExcept('tickets', 'quotas');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => cloud.act<ResidentTicketView>('ticket', report(`flood-${i}`), zhao)));
    const done = answers.filter((a) => a.ok);
    const refused = answers.filter((a) => !a.ok);
    expect(done).toHaveLength(DAILY_LIMITS.report);
    expect(refused).toHaveLength(50 - DAILY_LIMITS.report);
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY', message: expect.stringContaining('明天再试'), details: { kind: 'report', limit: DAILY_LIMITS.report } } });
    expect(cloud.db.countDocuments('tickets', { reporterId: 'r-zhao' })).toBe(DAILY_LIMITS.report);
    expect(cloud.db.find('quotas', {})).toEqual([expect.objectContaining({ _id: 'u:r-zhao:2026-03-02', by: 'user', who: 'r-zhao', day: '2026-03-02', report: DAILY_LIMITS.report, photo: 0, join: 0, register: 0 })]);
    expect(snapshotExcept('tickets', 'quotas')).toBe(before);
    firstId = (done[0] as { data: ResidentTicketView }).data.id;
  }, 120_000);

  it('one more that day is refused in one round trip (the caller’s lookup), before content security, writing nothing', async () => {
    cloud.setClock(shanghai('2026-03-02', '23:59'));
    const before = cloud.snapshot();
    const { n, r } = await trips(() => cloud.act('ticket', report('late-1'), zhao));
    expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY', details: { kind: 'report', limit: 10 } } });
    expect(n).toBe(1);
    expect(cloud.snapshot()).toBe(before);
  });

  it('a replayed requestId answers the first ticket even on a full day, and takes no quota', async () => {
    const [first] = cloud.db.find('tickets', { _id: firstId });
    const before = cloud.snapshot();
    const again = await cloud.act<ResidentTicketView>('ticket', report(String(first.requestId)), zhao);
    expect(again).toMatchObject({ ok: true, data: { id: firstId } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('staff are not limited: 严婷 reports for 赵建国 at the counter, and files her own find, on his full day', async () => {
    const counter = await cloud.act('ticket', { action: 'reportFor', residentId: 'r-zhao', category: 'sanitation', text: '赵大爷说楼门口垃圾还是没人清', requestId: rid('counter-1'), consent: { spoken: true } }, yan);
    expect(counter.ok).toBe(true);
    const found = await cloud.act('ticket', { action: 'fileCase', source: 'selfFound', category: 'roads', text: '巡查发现3号楼前路面塌陷', where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid('find-1') }, yan);
    expect(found.ok).toBe(true);
    expect(cloud.db.find('quotas', {})).toEqual([expect.objectContaining({ report: DAILY_LIMITS.report })]);
  });

  it('at 00:00 China time the quota is fresh', async () => {
    cloud.setClock(shanghai('2026-03-03', '00:01'));
    const r = await cloud.act<ResidentTicketView>('ticket', report('next-day-1'), zhao);
    expect(r.ok).toBe(true);
    expect(cloud.db.find('quotas', { _id: 'u:r-zhao:2026-03-03' })).toEqual([expect.objectContaining({ report: 1 })]);
  });

  it('refused calls take no quota: words that fail content security, a place that does not exist, invalid input', async () => {
    const rejected = await cloud.act('ticket', report('bad-1', { text: '楼下那个王八蛋天天把垃圾扔楼道' }), zou);
    expect(rejected).toMatchObject({ ok: false, error: { code: 'COMMON.TEXT_REJECTED' } });
    const nowhere = await cloud.act('ticket', report('bad-2', { where: { estateId: 'e-bishan', building: '99号楼' } }), zou);
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'TICKET.PLACE_NOT_FOUND' } });
    const invalid = await cloud.act('ticket', report('bad-3', { text: '短' }), zou);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.db.find('quotas', { who: 'r-zou' })).toEqual([]);
  });

  it('round trips: a report costs ≤ 4 on the first of the day and after it (the quota rides with the caller’s lookup)', async () => {
    const first = await trips(() => cloud.act('ticket', report('trips-1'), zou));
    const second = await trips(() => cloud.act('ticket', report('trips-2'), zou));
    console.log(`report round trips: first of the day ${first.n}, later ${second.n}`);
    expect([first.r.ok, second.r.ok]).toEqual([true, true]);
    expect(first.n).toBeLessThanOrEqual(4);
    expect(second.n).toBeLessThanOrEqual(4);
  });
});

describe('photos', () => {
  async function upload(path: string): Promise<string> {
    pointSdkAt(cloud.endpoint.url, 'local-kiosk');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk');
    sdk.init({ env: 'local-kiosk' });
    return ((await sdk.uploadFile({ cloudPath: path, fileContent: Buffer.from(`photo ${path}`) })) as { fileID: string }).fileID;
  }

  it('photos a report carries are counted with it: 5 reports of 3 photos, then a 6th with a photo is refused (kind photo) and one without is filed', async () => {
    cloud.setClock(shanghai('2026-03-04', '09:00'));
    const photos = [await upload('tickets/r-li/a.jpg'), await upload('tickets/r-li/b.jpg'), await upload('tickets/r-li/c.jpg')];
    const where = { estateId: 'e-lantian', building: '7号楼', spot: '楼道' };
    for (let i = 0; i < 5; i += 1) await ok(cloud.act('ticket', report(`photo-${i}`, { where, photos }), li));
    const before = cloud.snapshot();
    expect(await cloud.act('ticket', report('photo-5', { where, photos: photos.slice(0, 1) }), li)).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY', details: { kind: 'photo', limit: 15 } } });
    expect(cloud.snapshot()).toBe(before);
    await ok(cloud.act('ticket', report('photo-6', { where }), li));
    expect(cloud.db.find('quotas', { _id: 'u:r-li:2026-03-04' })).toEqual([expect.objectContaining({ report: 6, photo: 15 })]);
  });
});

describe('joins', () => {
  it('21 concurrent joins → 20 joined, 1 COMMON.TOO_MANY; a refused join (already following) takes none', async () => {
    cloud.setClock(shanghai('2026-03-05', '09:00'));
    const ids: string[] = [];
    for (let i = 0; i < 22; i += 1) {
      const t = await ok(cloud.act<{ id: string }>('ticket', { action: 'fileCase', source: 'selfFound', category: 'facilities', text: `3号楼第${i + 1}处路灯坏了`, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid(`lamp-${i}`) }, yan));
      ids.push(t.id);
    }
    const answers = await Promise.all(ids.slice(0, 21).map((ticketId) => cloud.act('ticket', { action: 'join', ticketId }, zou)));
    expect(answers.filter((a) => a.ok)).toHaveLength(DAILY_LIMITS.join);
    expect(answers.filter((a) => !a.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'COMMON.TOO_MANY', details: { kind: 'join', limit: 20 } }) })]);
    expect(cloud.db.countDocuments('tickets', { followerIds: 'r-zou' })).toBe(20);
    const joined = ids.find((id) => (cloud.db.find('tickets', { _id: id })[0].followerIds as string[]).includes('r-zou'))!;
    const quota = () => cloud.db.find('quotas', { _id: 'u:r-zou:2026-03-05' })[0]?.join;
    cloud.setClock(shanghai('2026-03-06', '09:00'));
    expect(await cloud.act('ticket', { action: 'join', ticketId: joined }, zou)).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_FOLLOWING' } });
    expect(cloud.db.find('quotas', { _id: 'u:r-zou:2026-03-06' })).toEqual([]);
    expect(quota()).toBe(20);
    expect((await cloud.act('ticket', { action: 'join', ticketId: ids[21] }, zou)).ok).toBe(true);
    expect(cloud.db.find('quotas', { _id: 'u:r-zou:2026-03-06' })).toEqual([expect.objectContaining({ join: 1 })]);
  }, 120_000);
});

describe('registrations (by OPENID)', () => {
  const newcomer = 'local-newcomer-0001';
  const registration = { action: 'register', name: '马小芳', estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '102' };

  it('5 new link codes a day, then COMMON.TOO_MANY for codes and for registering; the same code again is free; the next day registers', async () => {
    cloud.setClock(shanghai('2026-03-07', '08:00'));
    const codes = new Set<string>();
    for (let i = 0; i < DAILY_LIMITS.register; i += 1) {
      const c = await ok(cloud.act<{ code: string }>('account', { action: 'requestLink' }, newcomer));
      const again = await ok(cloud.act<{ code: string }>('account', { action: 'requestLink' }, newcomer));
      expect(again.code).toBe(c.code);
      codes.add(c.code);
      cloud.advanceClock(14 * 60_000);
    }
    expect(codes.size).toBe(DAILY_LIMITS.register);
    const before = cloud.snapshot();
    expect(await cloud.act('account', { action: 'requestLink' }, newcomer)).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY', details: { kind: 'register', limit: 5 } } });
    expect(await cloud.act('account', registration, newcomer)).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY' } });
    expect(cloud.snapshot()).toBe(before);
    cloud.setClock(shanghai('2026-03-08', '08:00'));
    expect(await cloud.act('account', registration, newcomer)).toMatchObject({ ok: true, data: { name: '马小芳' } });
  });

  it('20 concurrent registrations of one new WeChat → one record; none over the day’s limit is written', async () => {
    const who = 'local-newcomer-0002';
    // another person at another home (马小芳 of 102 registered above: the same name there is a possible duplicate)
    const theirs = { ...registration, name: '马小兰', room: '202' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cloud.act('account', theirs, who)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.ok)) expect(['ACCOUNT.ALREADY_REGISTERED', 'COMMON.TOO_MANY']).toContain((a as { error: { code: string } }).error.code);
    expect(cloud.db.countDocuments('users', { openid: who })).toBe(1);
    const [q] = cloud.db.find('quotas', { who });
    expect(q.register).toBeLessThanOrEqual(DAILY_LIMITS.register);
  }, 120_000);

  it('staff register at the counter without a limit', async () => {
    for (let i = 0; i < DAILY_LIMITS.register + 1; i += 1) {
      const r = await cloud.act('account', { action: 'registerFor', name: `柜台居民${i}`, estateId: 'e-bishan', building: '3号楼', unit: '2单元', room: `20${i}`, requestId: rid(`walkin-${i}`), consent: { spoken: true } }, wang);
      expect(r.ok).toBe(true);
    }
  });
});

describe('the queue is fair per reporter', () => {
  it('300 waiting from one reporter + 1 new from another → the new one is listed; the flood shows 3 and “309 more”, listed in full on request; finds without a reporter are not folded', async () => {
    cloud.setClock(shanghai('2026-03-10', '09:00'));
    // the flood: 300 real tickets of 赵建国 (made through the API once, then copied: 30 days of his limit)
    const seedTicket = await ok(cloud.act<ResidentTicketView>('ticket', report('flood-seed'), zhao));
    const [model] = cloud.db.find('tickets', { _id: seedTicket.id });
    cloud.db.remove('tickets', 'DOC', { _id: seedTicket.id }, false);
    const t0 = shanghai('2026-02-01', '09:00').getTime();
    cloud.db.insert(
      'tickets',
      Array.from({ length: 300 }, (_, i) => ({
        ...model,
        _id: `flood-${String(i).padStart(3, '0')}`,
        requestId: `flood-copy-${i}`,
        requestKey: `r-zhao:flood-copy-${i}`,
        createdAt: new Date(t0 + i * 60_000),
        updatedAt: new Date(t0 + i * 60_000),
        dueAt: new Date(t0 + i * 60_000 + 24 * 3600_000),
      })),
    );
    // 严婷's own finds (no reporter): never folded
    for (let i = 0; i < 4; i += 1) await ok(cloud.act('ticket', { action: 'fileCase', source: 'selfFound', category: 'roads', text: `巡查发现路面第${i + 1}处坑`, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid(`pothole-${i}`) }, yan));
    // 邹建庄's new report, due after all of them
    const fresh = await ok(cloud.act<ResidentTicketView>('ticket', report('fresh-1', { where: { estateId: 'e-bishan', building: '5号楼' } }), zou));

    const { n, r } = await trips(() => cloud.act<QueueView>('ticket', { action: 'queue' }, yan));
    console.log(`queue with 300 waiting from one reporter: ${n} round trips`);
    expect(n).toBeLessThanOrEqual(2);
    const q = await ok(Promise.resolve(r));
    const ids = q.waiting.map((t) => t.id);
    expect(ids).toContain(fresh.id);
    const flood = q.waiting.filter((t) => t.id.startsWith('flood-'));
    expect(flood.map((t) => t.id)).toEqual(['flood-000', 'flood-001', 'flood-002']);
    // his 300 copies and the 11 real reports of the tests above that name a place in 严婷's grids
    // (the counter's report for him names none: it waits on the hard-case list), 3 listed
    const his = cloud.db.countDocuments('tickets', { reporterId: 'r-zhao', status: 'pending', gridId: { $in: ['G-LC-01', 'G-LC-02'] } });
    expect(his).toBe(311);
    expect(flood.map((t) => t.moreFromSameReporter)).toEqual([0, 0, his - 3]);
    expect(q.waiting.filter((t) => t.moreFromSameReporter > 0)).toHaveLength(1);
    const finds = q.waiting.filter((t) => t.summary.includes('巡查发现路面'));
    expect(finds).toHaveLength(4);
    expect(q.perReporter).toBe(3);

    const all = await ok(cloud.act<QueueView>('ticket', { action: 'queue', sameReporterAs: 'flood-002' }, yan));
    expect(all.waiting).toHaveLength(200);
    expect(all).toMatchObject({ waitingLimited: true, sameReporterAs: 'flood-002', mine: [] });
    expect(all.waiting.every((t) => t.id.startsWith('flood-'))).toBe(true);
    // a ticket of a grid the caller does not work is TICKET.NOT_FOUND
    expect(await cloud.act('ticket', { action: 'queue', sameReporterAs: 'flood-002' }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
  }, 120_000);
});

describe('old quota documents', () => {
  it('the ticket timer removes documents two days after their day', async () => {
    const before = cloud.db.countDocuments('quotas', {});
    expect(before).toBeGreaterThan(0);
    cloud.setClock(shanghai('2026-03-30', '09:00'));
    await cloud.trigger('ticket', 'ticketJobs');
    expect(cloud.db.countDocuments('quotas', {})).toBe(0);
  }, 60_000);
});
