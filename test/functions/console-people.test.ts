/**
 * The console's people, roles and grids, and the public board (issue 11), through the real
 * wx-server-sdk: an admin makes a resident a grid worker of a grid and ticket routing follows; a
 * person's grids and a grid's workers never disagree, even under concurrent changes; every change
 * is logged; the refusals; the board shows community problems anonymised and never disputes.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { GridView, PersonView, RoleChangeEntry } from '../../cloudfunctions/account/contract';
import type { BoardItem, QueueView, ResidentTicketView } from '../../cloudfunctions/ticket/contract';
import type { Grid, User } from '../../cloudfunctions/shared/model';

let cloud: TestCloud;
const wang = openidOf('a-wang');
const yan = openidOf('w-yan');
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const li = openidOf('r-li');
const account = <T>(event: object, openid: string) => cloud.act<T>('account', event, openid);
const ticket = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);

const user = (id: string) => cloud.db.find('users', { _id: id })[0] as unknown as User;
const grid = (id: string) => cloud.db.find('grids', { _id: id })[0] as unknown as Grid;
const setFields = (c: string, id: string, fields: object) => cloud.db.modify(c, { queryType: 'DOC', query: { _id: id }, data: { $set: fields }, multi: false, merge: true, upsert: false });
const log = () => cloud.db.find('roleChanges', {}) as unknown as RoleChangeEntry[];

/** Every grid worker's `gridIds` equals the grids whose `workerIds` name them, and the reverse. */
function expectGridsAgree(communityId: string) {
  const grids = cloud.db.find('grids', { communityId }) as unknown as Grid[];
  const people = cloud.db.find('users', { communityId }) as unknown as User[];
  for (const p of people) {
    const listed = grids.filter((g) => g.workerIds.includes(p._id)).map((g) => g._id).sort();
    expect({ who: p.name, grids: p.role === 'gridWorker' ? [...(p.gridIds ?? [])].sort() : [] }).toEqual({ who: p.name, grids: listed });
  }
}

let seq = 0;
const report = (openid: string, category: string, building: string, words = '路面坑洼，老人走路容易摔倒') =>
  ticket<ResidentTicketView>({ action: 'report', category, text: words, where: { estateId: 'e-bishan', building, spot: '楼前' }, requestId: `req-people-${(seq += 1)}-xxxx` }, openid);

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 6 });
}, 60_000);
afterAll(() => cloud.close());

describe('people and roles', () => {
  it('王乐天 lists his community: staff first, then residents; no vendors, nobody from elsewhere; search by name or address', async () => {
    const { people, grids } = await ok(account<{ people: PersonView[]; grids: { code: string }[] }>({ action: 'people' }, wang));
    expect(people.slice(0, 2).map((p) => [p.name, p.roleLabel])).toEqual([
      ['王乐天', '社区管理员'],
      ['严婷', '网格员'],
    ]);
    expect(people.find((p) => p.name === '严婷')?.gridCodes).toEqual(['G-LC-01', 'G-LC-02']);
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(['赵建国', '邹建庄']));
    expect(people.some((p) => p.role === 'vendor' || p.name === '李秀兰')).toBe(false);
    expect(grids.map((g) => g.code)).toEqual(['G-LC-01', 'G-LC-02']);
    const found = await ok(account<{ people: PersonView[] }>({ action: 'people', query: '5号楼' }, wang));
    expect(found.people.map((p) => p.name)).toEqual(['邹建庄']);
  });

  it('makes 邹建庄 a grid worker of G-LC-02: his grids, the grid’s workers and the log change together, and his queue holds the grid’s new reports', async () => {
    const before = log().length;
    const { person, changed } = await ok(account<{ person: PersonView; changed: boolean }>({ action: 'setRole', userId: 'r-zou', role: 'gridWorker', gridIds: ['G-LC-02'] }, wang));
    expect(changed).toBe(true);
    expect(person).toMatchObject({ role: 'gridWorker', roleLabel: '网格员', gridCodes: ['G-LC-02'] });
    expect(user('r-zou')).toMatchObject({ role: 'gridWorker', gridIds: ['G-LC-02'] });
    expect(grid('G-LC-02').workerIds).toEqual(['w-yan', 'r-zou']);
    const entries = log().slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: 'r-zou', userName: '邹建庄', from: { role: 'resident', gridIds: [] }, to: { role: 'gridWorker', gridIds: ['G-LC-02'] }, via: 'role', byName: '王乐天' });
    expectGridsAgree('c-laocheng');

    // routing follows: 赵建国 reports a broken road at 4号楼 → G-LC-02, in 邹建庄's queue; not at 3号楼 (G-LC-01)
    const road = await ok(report(zhao, 'roads', '4号楼'));
    const other = await ok(report(zhao, 'roads', '3号楼'));
    const queue = await ok(ticket<QueueView>({ action: 'queue' }, zou));
    const ids = queue.waiting.map((t) => t.id);
    expect(ids).toContain(road.id);
    expect(ids).not.toContain(other.id);
    // the same call again changes nothing and logs nothing
    const again = await ok(account<{ changed: boolean }>({ action: 'setRole', userId: 'r-zou', role: 'gridWorker', gridIds: ['G-LC-02'] }, wang));
    expect(again.changed).toBe(false);
    expect(log().length).toBe(before + 1);
  });

  it('refuses what a real admin must not do, and writes nothing', async () => {
    const snapshot = JSON.stringify([cloud.db.find('users', {}), cloud.db.find('grids', {}), log()]);
    const refusal = async (event: object, code: string, openid = wang) => expect(await account({ action: 'setRole', ...event }, openid)).toMatchObject({ ok: false, error: { code } });
    await refusal({ userId: 'a-wang', role: 'resident' }, 'ACCOUNT.OWN_ROLE');
    await refusal({ userId: 'r-li', role: 'gridWorker', gridIds: ['G-LC-01'] }, 'ACCOUNT.PERSON_NOT_FOUND');
    await refusal({ userId: 'r-zhao', role: 'gridWorker', gridIds: ['G-MZ-01'] }, 'ACCOUNT.GRID_NOT_FOUND');
    await refusal({ userId: 'r-zhao', role: 'gridWorker', gridIds: [] }, 'ACCOUNT.GRIDS_REQUIRED');
    await refusal({ userId: 'r-zhao', role: 'gridWorker' }, 'ACCOUNT.GRIDS_REQUIRED');
    await refusal({ userId: 'r-zhao', role: 'vendor' }, 'COMMON.INVALID_INPUT');
    await refusal({ userId: { $ne: '' }, role: 'gridWorker', gridIds: ['G-LC-01'] }, 'COMMON.INVALID_INPUT');
    await refusal({ userId: 'r-zhao', role: 'communityAdmin' }, 'COMMON.FORBIDDEN', yan);
    await refusal({ userId: 'r-zou', role: 'communityAdmin' }, 'COMMON.FORBIDDEN', zou);
    await refusal({ userId: 'r-zhao', role: 'communityAdmin' }, 'COMMON.FORBIDDEN', zhao);
    expect(JSON.stringify([cloud.db.find('users', {}), cloud.db.find('grids', {}), log()])).toBe(snapshot);

    // a self-registered resident nobody has seen yet, and a counter-registered one without WeChat
    cloud.db.insert('users', [
      { _id: 'r-new', openid: openidOf('r-new'), name: '新居民', role: 'resident', communityId: 'c-laocheng', verified: false, createdAt: new Date() },
      { _id: 'r-nowx', openid: 'nowechat:r-nowx', name: '无微信', role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() },
      { _id: 'u-vendor-x', openid: openidOf('vendor-x'), name: '摊主甲', role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() },
    ]);
    const extra = JSON.stringify([cloud.db.find('users', {}), cloud.db.find('grids', {}), log()]);
    await refusal({ userId: 'r-new', role: 'gridWorker', gridIds: ['G-LC-01'] }, 'ACCOUNT.NOT_VERIFIED');
    await refusal({ userId: 'r-nowx', role: 'communityAdmin' }, 'ACCOUNT.NO_WECHAT');
    await refusal({ userId: 'u-vendor-x', role: 'gridWorker', gridIds: ['G-LC-01'] }, 'ACCOUNT.ROLE_NOT_CHANGEABLE');
    expect(JSON.stringify([cloud.db.find('users', {}), cloud.db.find('grids', {}), log()])).toBe(extra);
  });

  it('does not demote a grid worker who still holds open tickets', async () => {
    const pothole = await ok(report(zhao, 'roads', '5号楼', '5号楼门口下水道井盖松动了'));
    await ok(ticket({ action: 'accept', ticketId: pothole.id }, zou));
    const r = await account<unknown>({ action: 'setRole', userId: 'r-zou', role: 'resident' }, wang);
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCOUNT.HAS_OPEN_TICKETS', details: { openTickets: 1 } } });
    expect(user('r-zou').role).toBe('gridWorker');
  });

  it('concurrent role changes of one person by two admins leave his grids and the grids’ workers agreeing, each change logged', async () => {
    await ok(account({ action: 'setRole', userId: 'r-zhao', role: 'communityAdmin' }, wang));
    const before = log().length;
    const wanted = [['G-LC-01'], ['G-LC-02'], ['G-LC-01', 'G-LC-02'], ['G-LC-02'], ['G-LC-01'], ['G-LC-01', 'G-LC-02']];
    const results = await Promise.all(wanted.map((gridIds, i) => account<{ changed: boolean }>({ action: 'setRole', userId: 'r-zou', role: 'gridWorker', gridIds }, i % 2 ? zhao : wang)));
    expect(results.every((r) => r.ok)).toBe(true);
    expectGridsAgree('c-laocheng');
    const changes = log().slice(before);
    // every logged change starts where the previous one ended (no lost update)
    for (let i = 1; i < changes.length; i += 1) expect(changes[i].from.gridIds).toEqual(changes[i - 1].to.gridIds);
    expect(changes.length).toBe(results.filter((r) => r.ok && (r.data as { changed: boolean }).changed).length);
    expect(changes.at(-1)?.to.gridIds).toEqual([...(user('r-zou').gridIds ?? [])].sort());
  }, 60_000);

  it('one person with the grids on offer and their log; a vendor or a stranger is not found', async () => {
    const one = await ok(account<{ person: PersonView; grids: { code: string }[]; log: RoleChangeEntry[] }>({ action: 'person', userId: 'r-zou' }, wang));
    expect(one.person).toMatchObject({ name: '邹建庄', role: 'gridWorker' });
    expect(one.grids.map((g) => g.code)).toEqual(['G-LC-01', 'G-LC-02']);
    // offered with the buildings each covers, not as a bare code (issue 17)
    expect(one.grids.map((g) => (g as { place?: string }).place)).toEqual(['壁山丽景小区 1号楼、2号楼、3号楼', '壁山丽景小区 4号楼、5号楼、6号楼']);
    expect(one.log.length).toBeGreaterThan(0);
    for (const userId of ['u-vendor-x', 'r-li', 'nobody']) expect(await account({ action: 'person', userId }, wang)).toMatchObject({ ok: false, error: { code: 'ACCOUNT.PERSON_NOT_FOUND' } });
  });

  it('the role log is the admin’s own community’s, newest first', async () => {
    const entries = await ok(account<RoleChangeEntry[]>({ action: 'roleLog', userId: 'r-zou' }, wang));
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.every((e) => e.userId === 'r-zou' && e.communityId === 'c-laocheng')).toBe(true);
    const times = entries.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await ok(account<RoleChangeEntry[]>({ action: 'roleLog' }, openidOf('a-wang2')))).toEqual([]);
  });
});

describe('grids', () => {
  it('moves 6号楼 into a new grid G-LC-03 worked by 邹建庄; reports there follow; overlaps and strangers are refused', async () => {
    const g2 = grid('G-LC-02');
    await ok(account({ action: 'saveGrid', gridId: 'G-LC-02', covers: [{ estateId: 'e-bishan', buildings: ['4号楼', '5号楼'] }], workerIds: g2.workerIds }, wang));
    const overlap = await account({ action: 'saveGrid', code: 'G-LC-03', covers: [{ estateId: 'e-bishan', buildings: ['5号楼', '6号楼'] }], workerIds: ['r-zou'] }, wang);
    expect(overlap).toMatchObject({ ok: false, error: { code: 'GRID.OVERLAP', details: { building: '5号楼', gridCode: 'G-LC-02' } } });
    expect(await account({ action: 'saveGrid', code: 'G-LC-03', covers: [{ estateId: 'e-lantian', buildings: ['5号楼'] }], workerIds: [] }, wang)).toMatchObject({ ok: false, error: { code: 'GRID.PLACE_NOT_FOUND' } });
    expect(await account({ action: 'saveGrid', code: 'G-LC-03', covers: [{ estateId: 'e-bishan', buildings: ['6号楼'] }], workerIds: ['w-chen'] }, wang)).toMatchObject({ ok: false, error: { code: 'GRID.WORKER_NOT_FOUND' } });
    expect(await account({ action: 'saveGrid', code: 'G-LC-01', covers: [{ estateId: 'e-bishan', buildings: ['6号楼'] }], workerIds: [] }, wang)).toMatchObject({ ok: false, error: { code: 'GRID.CODE_TAKEN' } });
    expect(cloud.db.find('grids', { _id: 'G-LC-03' })).toEqual([]);

    const made = await ok(account<GridView>({ action: 'saveGrid', code: 'G-LC-03', covers: [{ estateId: 'e-bishan', buildings: ['6号楼'] }], workerIds: ['r-zou'] }, wang));
    expect(made).toMatchObject({ code: 'G-LC-03', covers: [{ estateName: '壁山丽景小区', buildings: ['6号楼'] }], workers: [{ name: '邹建庄' }] });
    expect(user('r-zou').gridIds).toContain('G-LC-03');
    expectGridsAgree('c-laocheng');
    const six = await ok(report(zhao, 'facilities', '6号楼', '6号楼的路灯坏了好几天了'));
    expect(cloud.db.find('tickets', { _id: six.id })[0]).toMatchObject({ gridId: 'G-LC-03', hardCase: false });
  });

  it('keeps every grid worker on at least one grid, and only admins of the community edit grids', async () => {
    // 邹建庄 works G-LC-02 and G-LC-03 (and maybe G-LC-01): leave him only on G-LC-03 first
    await ok(account({ action: 'setRole', userId: 'r-zou', role: 'gridWorker', gridIds: ['G-LC-03'] }, wang));
    const last = await account({ action: 'saveGrid', gridId: 'G-LC-03', covers: [{ estateId: 'e-bishan', buildings: ['6号楼'] }], workerIds: [] }, wang);
    expect(last).toMatchObject({ ok: false, error: { code: 'GRID.WORKER_LAST_GRID', details: { workerName: '邹建庄' } } });
    expect(grid('G-LC-03').workerIds).toEqual(['r-zou']);
    expect(await account({ action: 'saveGrid', gridId: 'G-LC-03', covers: [], workerIds: ['r-zou'] }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await account({ action: 'saveGrid', gridId: 'G-LC-03', covers: [], workerIds: [] }, openidOf('a-wang2'))).toMatchObject({ ok: false, error: { code: 'GRID.NOT_FOUND' } });
    const listed = await ok(account<{ grids: GridView[]; estates: unknown[]; workers: unknown[] }>({ action: 'grids' }, wang));
    expect(listed.grids.map((g) => g.code)).toEqual(['G-LC-01', 'G-LC-02', 'G-LC-03']);
    expectGridsAgree('c-laocheng');
  });
});

describe('the public board (问题挂牌)', () => {
  it('shows every resident of the community its open community problems with their steps, without words, names or disputes', async () => {
    const noise = await ok(report(zhao, 'noise', '3号楼', '楼上邻居天天半夜剁肉，吵得睡不着'));
    const lamp = await ok(report(zhao, 'facilities', '3号楼', '赵建国说三号楼楼道灯坏了'));
    await ok(ticket({ action: 'accept', ticketId: lamp.id }, yan));
    const board = await ok(ticket<{ items: BoardItem[] }>({ action: 'board' }, zou));
    const ids = board.items.map((i) => i.id);
    expect(ids).toContain(lamp.id);
    expect(ids).not.toContain(noise.id);
    const item = board.items.find((i) => i.id === lamp.id);
    expect(item).toMatchObject({ categoryLabel: '公共设施损坏', statusLabel: '正在处理' });
    expect(item?.steps.map((s) => s.label)).toEqual(['居民反映', '网格员受理']);
    const text = JSON.stringify(board);
    for (const secret of ['赵建国', '严婷', '楼道灯坏了', '剁肉', 'r-zhao']) expect(text).not.toContain(secret);
    // another community's resident sees none of it; a visitor is asked to register
    const elsewhere = await ok(ticket<{ items: BoardItem[] }>({ action: 'board' }, li));
    expect(elsewhere.items.some((i) => ids.includes(i.id))).toBe(false);
    expect(await ticket({ action: 'board' }, 'local-visitor-1')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
  });

  it('keeps a closed problem for 30 days, then takes it off', async () => {
    const bench = await ok(report(zhao, 'facilities', '2号楼', '2号楼前的长椅坏了一条腿'));
    setFields('tickets', bench.id, { status: 'closed', closedAt: new Date(Date.now() - 29 * 24 * 3600 * 1000) });
    expect((await ok(ticket<{ items: BoardItem[] }>({ action: 'board' }, zou))).items.some((i) => i.id === bench.id)).toBe(true);
    setFields('tickets', bench.id, { closedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) });
    expect((await ok(ticket<{ items: BoardItem[] }>({ action: 'board' }, zou))).items.some((i) => i.id === bench.id)).toBe(false);
  });
});
