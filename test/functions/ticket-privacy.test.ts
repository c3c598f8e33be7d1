/**
 * A reporter is never revealed (issue 16 §1), through the real wx-server-sdk, with the neighbour a
 * report is about (冶永福, 7号楼 like 李秀兰) as the caller of every read action:
 * (a) a problem 陈晓丹 enters at the counter for 李秀兰 writes a first step naming her — no
 *     neighbour reads it, whether the ticket is a dispute (never offered, never joinable) or a
 *     community problem he joined;
 * (b) what 李秀兰 said at the follow-up (回访 `reporterSaid`) never reaches a follower;
 * (c) a report naming only a spot outside the estates (龙堡街行道树) is never filled in with her
 *     home: it goes to the hard-case list and the board shows only the spot;
 * and a second report of the same dispute is filed on its own, for staff to merge.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { BoardItem, ResidentTicketView, SimilarTicket, StaffTicketView, TicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const li = openidOf('r-li');
const ye = openidOf('r-ye');
const chen = openidOf('w-chen');
let n = 0;
const rid = () => `privacy-${(n += 1).toString().padStart(6, '0')}`;
const act = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);

/** Everything that would tell 冶永福 who reported or what she said. */
const LI = /李秀兰|李女士|r-li|13709945678|(?<![\w.])402(?!\w)|1单元|在解忧铺代|口头同意|女儿在场|SECRET-WORDS|晒不了被子|tickets\/r-li/;

/** Every read action, as 冶永福 calls it. */
async function everythingYeCanRead(ticketId: string, category: string) {
  return Promise.all([
    act({ action: 'get', ticketId }, ye),
    act({ action: 'myTickets' }, ye),
    act({ action: 'similar', category, where: { estateId: 'e-lantian', building: '7号楼' } }, ye),
    act({ action: 'similar', category, where: { estateId: 'e-lantian' } }, ye),
    act({ action: 'board' }, ye),
    act({ action: 'ticketsFor', residentId: 'r-li' }, ye),
    act({ action: 'queue' }, ye),
  ]);
}

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.db.insert('users', [{ _id: 'a-mz', openid: openidOf('a-mz'), name: '明珠管理员', role: 'communityAdmin', communityId: 'c-mingzhu', verified: true, createdAt: new Date() }]);
}, 60_000);
afterAll(() => cloud.close());

describe('(a) a dispute entered at the counter for 李秀兰', () => {
  let ticketId = '';

  it('陈晓丹 enters it for her, with her spoken consent; the stored first step names her (for staff)', async () => {
    const t = await ok(
      act<TicketView>(
        {
          action: 'reportFor',
          residentId: 'r-li',
          category: 'animals',
          text: '楼顶养了一百多只鸽子，晒不了被子',
          where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' },
          requestId: rid(),
          consent: { spoken: true, note: '女儿在场' },
        },
        chen,
      ),
    );
    ticketId = t.id;
    expect(t).toMatchObject({ reporterName: '李秀兰', actorName: '陈晓丹', assisted: true, consentRecorded: true, gridCode: 'G-MZ-01' });
    const [stored] = cloud.db.find('tickets', { _id: ticketId });
    expect((stored.events as { note: string }[])[0].note).toContain('李秀兰');
    // as a grid worker who has not accepted it she reads the problem, not who reported it (DESIGN.md:
    // identity is for the assignee and admins); at the counter, serving 李秀兰, she sees it as hers
    const staff = await ok(act<{ ticket: StaffTicketView }>({ action: 'get', ticketId }, chen));
    expect(staff.ticket).toMatchObject({ reporter: null, reporterHidden: true, enteredBy: null });
    expect(JSON.stringify(staff.ticket)).not.toContain('李秀兰');
    const counter = await ok(act<{ reporterName: string; actorName: string }[]>({ action: 'ticketsFor', residentId: 'r-li' }, chen));
    expect(counter.find((c) => (c as unknown as { id: string }).id === ticketId)).toMatchObject({ reporterName: '李秀兰', actorName: '陈晓丹' });
  });

  it('冶永福 finds nothing: not similar, not joinable (the same answer as a missing ticket), not on the board, not in his list', async () => {
    const before = cloud.snapshot();
    const join = await act({ action: 'join', ticketId }, ye);
    expect(join).toEqual(await act({ action: 'join', ticketId: 'no-such-ticket' }, ye));
    expect(join).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
    const [get, mine, similar, similarEstate, board] = await everythingYeCanRead(ticketId, 'animals');
    expect(get).toEqual(await act({ action: 'get', ticketId: 'no-such-ticket' }, ye));
    expect(mine).toEqual({ ok: true, data: [] });
    expect(similar).toEqual({ ok: true, data: [] });
    expect(similarEstate).toEqual({ ok: true, data: [] });
    expect(board.ok && (board.data as { items: BoardItem[] }).items.map((i) => i.id)).not.toContain(ticketId);
  });

  it('a second report of the same dispute is filed on its own; staff merge them', async () => {
    const second = await ok(act<ResidentTicketView>({ action: 'report', category: 'animals', text: '7号楼楼顶的鸽子太多了', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' }, requestId: rid() }, ye));
    expect(second.id).not.toBe(ticketId);
    const merged = await ok(act<StaffTicketView>({ action: 'merge', ticketId: second.id, intoId: ticketId }, chen));
    expect(merged.followerCount).toBe(1);
    // the merged reporter follows the original's progress, and still learns nothing of 李秀兰
    const followed = await ok(act<{ ticket: ResidentTicketView }>({ action: 'get', ticketId }, ye));
    expect(followed.ticket.relation).toBe('joined');
    expect(JSON.stringify(followed)).not.toMatch(LI);
  });

  it('no answer of any read action reveals her, whatever 冶永福 asks', async () => {
    expect(JSON.stringify(await everythingYeCanRead(ticketId, 'animals'))).not.toMatch(LI);
  });
});

describe('(a, b) a community problem 冶永福 joined: progress, never who reported, her words, photos or the counter’s notes', () => {
  let ticketId = '';

  it('entered at the counter for 李秀兰, joined by 冶永福, worked to the end with a follow-up', async () => {
    const t = await ok(
      act<TicketView>(
        { action: 'reportFor', residentId: 'r-li', category: 'facilities', text: '7号楼楼道的声控灯坏了，晒不了被子的那层最黑', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼道' }, requestId: rid(), consent: { spoken: true, note: '女儿在场' } },
        chen,
      ),
    );
    ticketId = t.id;
    const offered = await ok(act<SimilarTicket[]>({ action: 'similar', category: 'facilities', where: { estateId: 'e-lantian', building: '7号楼' } }, ye));
    expect(offered.map((s) => s.id)).toContain(ticketId);
    const joined = await ok(act<ResidentTicketView>({ action: 'join', ticketId }, ye));
    expect(JSON.stringify(joined)).not.toMatch(LI);
    for (const step of [
      { action: 'accept' },
      { action: 'note', text: '已联系物业电工', public: true },
      { action: 'note', text: '李秀兰说她女儿在场', public: false },
      { action: 'handle', result: '物业换了新的声控灯' },
      { action: 'followUp', date: '2026-01-02', method: 'phone', reporterSaid: 'SECRET-WORDS 灯亮了' },
      // 核查 (issue 21) by an admin of 明珠 (the fixture has none: added here)
      { action: 'verify', passed: true, note: '社区看过，灯亮了', by: 'a-mz' },
      { action: 'close', summary: '灯已修好' },
    ]) {
      const { by, ...event } = step as typeof step & { by?: string };
      await ok(act({ ...event, ticketId }, by ? openidOf(by) : chen));
    }
    await ok(act({ action: 'rate', ticketId, rating: 'unsatisfied', comment: 'SECRET-WORDS 还是暗' }, li));
  });

  it('李秀兰 reads her own words and the counter’s record; 冶永福 reads the progress only', async () => {
    const hers = await ok(act<{ ticket: ResidentTicketView }>({ action: 'get', ticketId }, li));
    expect(JSON.stringify(hers)).toContain('SECRET-WORDS 灯亮了');
    expect(hers.ticket.timeline[0].title).toBe('在解忧铺登记了问题');
    const his = await ok(act<{ ticket: ResidentTicketView }>({ action: 'get', ticketId }, ye));
    expect(his.ticket.timeline.map((s) => [s.type, s.note])).toEqual([
      ['reported', ''],
      ['accepted', ''],
      ['note', '已联系物业电工'],
      ['handled', '物业换了新的声控灯'],
      ['followedUp', ''],
      ['verified', '社区看过，灯亮了'],
      ['closed', '灯已修好'],
      ['rework', ''],
    ]);
    expect(his.ticket).toMatchObject({ text: '（您附议的问题）', photos: [], ratings: [], canRate: false, anonymous: null });
    expect(JSON.stringify(await everythingYeCanRead(ticketId, 'facilities'))).not.toMatch(LI);
  });
});

describe('(c) a place is only what the person gave', () => {
  it('a street tree outside the estates is not filled in with 李秀兰’s home: hard-case list, and the board shows only the spot', async () => {
    const t = await ok(act<ResidentTicketView>({ action: 'report', category: 'greenery', text: '龙堡街的行道树枝干断了，挂在半空', where: { spot: '龙堡街行道树' }, requestId: rid() }, li));
    const [stored] = cloud.db.find('tickets', { _id: t.id });
    expect(stored).toMatchObject({ where: { estateId: null, estateName: null, building: null, unit: null, spot: '龙堡街行道树' }, gridId: null, hardCase: true, hardCaseReason: 'noGrid' });
    expect(t).toMatchObject({ place: { text: '龙堡街行道树' }, statusLabel: '等待社区安排', helper: '社区' });
    const board = await ok(act<{ items: BoardItem[] }>({ action: 'board' }, ye));
    expect(board.items.find((i) => i.id === t.id)).toMatchObject({ placeText: '龙堡街行道树' });
    expect(JSON.stringify(board)).not.toMatch(/7号楼 1单元|蓝天家园小区 7号楼 龙堡街/);
    // the queue of 7号楼's grid does not get it; the admin's hard-case list does (no admin in 明珠社区: checked in the store)
    expect(cloud.db.find('tickets', { _id: t.id, gridId: 'G-MZ-01' })).toEqual([]);
  });

  it('a building without an estate is no place: refused, nothing written', async () => {
    const before = cloud.snapshot();
    expect(await act({ action: 'report', category: 'greenery', text: '楼下的树枝断了挂着', where: { building: '7号楼' }, requestId: rid() }, li)).toMatchObject({ ok: false, error: { code: 'TICKET.PLACE_NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
  });
});
