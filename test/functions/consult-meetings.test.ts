/**
 * Meetings of `consult` (issue 20, docs/consultation-design.md §4) through the real wx-server-sdk,
 * with real concurrent calls where concurrency matters:
 * - 30 residents sign up at once for 20 places → exactly 20 active sign-ups, `signedUp` 20, 10 refused
 *   `CONSULT.MEETING_FULL` (the insert-then-conditional-inc of `signups.ts`, undone on no place);
 * - one resident's double tap → one sign-up;
 * - two staff saving the same draft revision at once → one wins, the other `CONSULT.DRAFT_STALE`,
 *   the winner's form whole; the loser saves again on the new revision and nothing is lost;
 * - holding without attendance is refused and writes nothing;
 * - a resident's view carries no names (attendance names, convenor), staff's does;
 * - the day-before reminder is sent once (twice-run timer), only from 10:00 the day before.
 */
import { allow } from '../support/consent';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { MeetingCancelResult, MeetingDetail, MeetingCard, MySignUpCard, SignUpResult, StaffMeetingView } from '../../cloudfunctions/consult/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
const li = openidOf('r-li'); // another community
let n = 0;
const rid = () => `meet-${(n += 1).toString().padStart(6, '0')}`;
const localAt = (s: string) => new Date(`${s}+08:00`);

const cs = <T>(event: object, openid: string) => cloud.act<T>('consult', event, openid);
type Doc = Record<string, unknown> & { _id: string };
const meetingDoc = (id: string) => cloud.db.find('meetings', { _id: id })[0] as Doc & { signedUp: number; speakers: number; revision: number; status: string; title: string; minutes: string };
const activeSignups = (meetingId: string) => cloud.db.find('meetingSignups', { meetingId, status: 'active' }, { limit: 1000 });

const form = (over: Record<string, unknown> = {}) => ({
  title: '充电桩安装议事会',
  kind: 'consultation',
  date: '2031-03-11',
  start: '19:00',
  end: '20:30',
  place: '老城社区居委会二楼会议室',
  capacity: 20,
  speakSlots: 3,
  ...over,
});

/** A planned meeting (created by the admin, announced). */
async function planned(over: Record<string, unknown> = {}): Promise<StaffMeetingView> {
  const d = await ok(cs<StaffMeetingView>({ action: 'saveMeeting', requestId: rid(), ...form(over) }, wang));
  return ok(cs<StaffMeetingView>({ action: 'announceMeeting', meetingId: d.id, revision: d.revision }, wang));
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  cloud.setClock(localAt('2031-03-10T09:00:00'));
}, 60_000);
afterAll(() => cloud.close());

describe('sign-ups', () => {
  it('30 residents sign up at once for 20 places: 20 sign-ups, signedUp 20, 10 MEETING_FULL', async () => {
    const m = await planned();
    const people = Array.from({ length: 30 }, (_, i) => ({ _id: `mt-race-${i}`, openid: `mt-race-openid-${i}`, name: `居民${i}`, role: 'resident', communityId: 'c-laocheng', createdAt: new Date() }));
    cloud.db.insert('users', people);
    const results = await Promise.all(people.map((p) => cs<SignUpResult>({ action: 'signUp', meetingId: m.id, kind: 'attend' }, p.openid)));
    const won = results.filter((r) => r.ok);
    const codes = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code));
    expect(won).toHaveLength(20);
    expect(codes).toEqual(Array(10).fill('CONSULT.MEETING_FULL'));
    expect(meetingDoc(m.id).signedUp).toBe(20);
    expect(activeSignups(m.id)).toHaveLength(20);
    expect(cloud.db.find('meetingSignups', { meetingId: m.id }, { limit: 1000 })).toHaveLength(20); // the refused inserts were undone
    // a place freed by a cancellation is taken again by one of those refused
    const first = people.find((_p, i) => results[i].ok)!;
    const late = people.find((_p, i) => !results[i].ok)!;
    expect(await ok(cs<SignUpResult>({ action: 'cancelSignUp', meetingId: m.id, kind: 'attend' }, first.openid))).toMatchObject({ already: false, mySignUps: { attend: false } });
    expect(await ok(cs<SignUpResult>({ action: 'cancelSignUp', meetingId: m.id, kind: 'attend' }, first.openid))).toMatchObject({ already: true });
    expect(meetingDoc(m.id).signedUp).toBe(19);
    expect(await ok(cs<SignUpResult>({ action: 'signUp', meetingId: m.id, kind: 'attend' }, late.openid))).toMatchObject({ already: false, signedUp: 20 });
    expect(meetingDoc(m.id).signedUp).toBe(20);
    expect(activeSignups(m.id)).toHaveLength(20);
  }, 120_000);

  it("one resident's double tap makes one sign-up; speaking turns count apart", async () => {
    const m = await planned();
    const taps = await Promise.all([1, 2, 3].map(() => cs<SignUpResult>({ action: 'signUp', meetingId: m.id, kind: 'attend' }, zhao)));
    expect(taps.every((t) => t.ok)).toBe(true);
    expect(taps.filter((t) => t.ok && !t.data.already)).toHaveLength(1);
    expect(activeSignups(m.id)).toHaveLength(1);
    expect(meetingDoc(m.id).signedUp).toBe(1);
    await ok(cs<SignUpResult>({ action: 'signUp', meetingId: m.id, kind: 'speak' }, zhao));
    expect(meetingDoc(m.id)).toMatchObject({ signedUp: 1, speakers: 1 });
    const view = await ok(cs<MeetingDetail>({ action: 'meeting', meetingId: m.id }, zhao));
    expect(view.mySignUps).toEqual({ attend: true, speak: true });
    const mine = await ok(cs<MySignUpCard[]>({ action: 'mySignUps' }, zhao));
    expect(mine.filter((s) => s.meetingId === m.id).map((s) => s.kind).sort()).toEqual(['attend', 'speak']);
  }, 60_000);

  it('staff, another community, a meeting without places: refused, nothing written', async () => {
    const m = await planned({ capacity: null, speakSlots: null });
    const before = cloud.snapshot();
    expect(await cs({ action: 'signUp', meetingId: m.id, kind: 'attend' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.NO_SIGN_UP' } });
    expect(await cs({ action: 'signUp', meetingId: m.id, kind: 'attend' }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cs({ action: 'signUp', meetingId: m.id, kind: 'attend' }, li)).toMatchObject({ ok: false, error: { code: 'CONSULT.MEETING_NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('drafts', () => {
  it('two staff saving the same revision at once: one wins, the other DRAFT_STALE, nothing lost', async () => {
    const d = await ok(cs<StaffMeetingView>({ action: 'saveMeeting', requestId: rid(), ...form() }, wang));
    expect(d.revision).toBe(0);
    const [a, b] = await Promise.all([
      cs<StaffMeetingView>({ action: 'saveMeeting', meetingId: d.id, revision: 0, ...form({ minutes: '王：第一段纪要' }) }, wang),
      cs<StaffMeetingView>({ action: 'saveMeeting', meetingId: d.id, revision: 0, ...form({ minutes: '严：第二段纪要' }) }, yan),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONSULT.DRAFT_STALE']);
    const winner = (a.ok ? a : b) as { ok: true; data: StaffMeetingView };
    expect(winner.data.revision).toBe(1);
    expect(meetingDoc(d.id)).toMatchObject({ revision: 1, minutes: winner.data.minutes });
    // the loser reloads, keeps both texts and saves on the new revision
    const loserText = a.ok ? '严：第二段纪要' : '王：第一段纪要';
    const loser = a.ok ? yan : wang;
    const merged = `${winner.data.minutes}\n${loserText}`;
    const saved = await ok(cs<StaffMeetingView>({ action: 'saveMeeting', meetingId: d.id, revision: 1, ...form({ minutes: merged }) }, loser));
    expect(saved.revision).toBe(2);
    expect(meetingDoc(d.id).minutes).toBe(merged);
  }, 60_000);

  it('a retried create with the same requestId answers the first draft', async () => {
    const requestId = rid();
    const [x, y] = await Promise.all([1, 2].map(() => ok(cs<StaffMeetingView>({ action: 'saveMeeting', requestId, ...form({ title: '重试的会议' }) }, yan))));
    expect(x.id).toBe(y.id);
    expect(cloud.db.find('meetings', { title: '重试的会议' })).toHaveLength(1);
  });

  it('holding without attendance or minutes is refused and writes nothing; with both it is held', async () => {
    const m = await planned();
    const before = cloud.snapshot();
    expect(await cs({ action: 'holdMeeting', meetingId: m.id, revision: m.revision }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.HOLD_NEEDS_RECORD' } });
    expect(cloud.snapshot()).toBe(before);
    const withMinutes = await ok(cs<StaffMeetingView>({ action: 'saveMeeting', meetingId: m.id, revision: m.revision, ...form({ minutes: '议定：先在3号楼试装两个充电桩' }) }, wang));
    expect(await cs({ action: 'holdMeeting', meetingId: m.id, revision: withMinutes.revision }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.HOLD_NEEDS_RECORD' } });
    const full = await ok(
      cs<StaffMeetingView>({ action: 'saveMeeting', meetingId: m.id, revision: withMinutes.revision, ...form({ minutes: '议定：先在3号楼试装两个充电桩', attendance: [{ role: 'resident', count: 12 }] }) }, wang),
    );
    const held = await ok(cs<StaffMeetingView>({ action: 'holdMeeting', meetingId: m.id, revision: full.revision }, wang));
    expect(held.status).toBe('held');
    expect(meetingDoc(m.id).status).toBe('held');
  }, 60_000);
});

describe('who gets an estate meeting in the list', () => {
  it("an estate's meeting is listed to its residents and staff, not to residents of another estate or without a home; a community-wide one to all", async () => {
    cloud.db.insert('estates', [{ _id: 'e-mt-east', communityId: 'c-laocheng', name: '东城花园', buildings: ['1号楼'] }]);
    const home = { estateId: 'e-mt-east', building: '1号楼', unit: '1单元', room: '101' };
    cloud.db.insert('users', [
      { _id: 'mt-east', openid: 'mt-east-openid', name: '东城居民', role: 'resident', communityId: 'c-laocheng', home, householdKey: 'e-mt-east|1|1|101', verified: true, createdAt: new Date() },
      { _id: 'mt-nohome', openid: 'mt-nohome-openid', name: '无住址居民', role: 'resident', communityId: 'c-laocheng', createdAt: new Date() },
    ]);
    const bishan = await planned({ title: '壁山丽景庭院会', kind: 'courtyard', estateId: 'e-bishan' });
    const all = await planned({ title: '全社区议事会' });
    const listed = async (openid: string, filter?: string) => (await ok(cs<MeetingCard[]>({ action: 'meetings', ...(filter ? { filter } : {}) }, openid))).map((c) => c.id);
    expect(await listed(zhao)).toEqual(expect.arrayContaining([bishan.id, all.id])); // 壁山丽景小区 3号楼
    expect(await listed(yan)).toEqual(expect.arrayContaining([bishan.id, all.id])); // staff see all
    expect(await listed(wang, 'coming')).toEqual(expect.arrayContaining([bishan.id, all.id]));
    for (const openid of ['mt-east-openid', 'mt-nohome-openid']) {
      const ids = await listed(openid);
      expect(ids).toContain(all.id);
      expect(ids).not.toContain(bishan.id);
      expect(await listed(openid, 'coming')).not.toContain(bishan.id);
    }
    // held, it stays out of the other estate's past list too
    cloud.db.modify('meetings', { queryType: 'DOC', query: { _id: bishan.id }, data: { $set: { status: 'held' } }, multi: false, merge: true, upsert: false });
    expect(await listed('mt-east-openid', 'past')).not.toContain(bishan.id);
    expect(await listed(zhao, 'past')).toContain(bishan.id);
  });
});

describe('privacy', () => {
  it("a resident's view and list carry counts, never names; staff see the names", async () => {
    const m = await planned();
    const s = await ok(
      cs<StaffMeetingView>(
        {
          action: 'saveMeeting',
          meetingId: m.id,
          revision: m.revision,
          ...form({
            minutes: '大家同意先试装',
            attendance: [
              { role: 'residentRep', count: 3, names: ['钱多多', '孙小美'] },
              { role: 'department', count: 1, names: ['阿土伯'], org: '住建局' },
            ],
            decisions: [{ text: '先在3号楼试装两个充电桩' }],
          }),
        },
        wang,
      ),
    );
    await ok(cs({ action: 'holdMeeting', meetingId: m.id, revision: s.revision }, wang));
    const view = await ok(cs<MeetingDetail>({ action: 'meeting', meetingId: m.id }, zou));
    const list = await ok(cs<MeetingCard[]>({ action: 'meetings', filter: 'past' }, zou));
    expect(view.forStaff).toBe(false);
    expect(view.attendance).toEqual([
      { role: 'residentRep', roleLabel: '居民代表', count: 3, org: null },
      { role: 'department', roleLabel: '职能部门', count: 1, org: '住建局' },
    ]);
    expect(view.minutes).toBe('大家同意先试装');
    for (const text of [JSON.stringify(view), JSON.stringify(list)]) {
      for (const name of ['钱多多', '孙小美', '阿土伯', '王', 'a-wang']) expect(text).not.toContain(name);
      expect(text).not.toContain('names');
    }
    const staff = await ok(cs<MeetingDetail>({ action: 'meeting', meetingId: m.id }, yan));
    expect(staff.forStaff).toBe(true);
    expect(JSON.stringify(staff)).toContain('钱多多');
  }, 60_000);

  it('a resident sees no drafts; another community sees nothing', async () => {
    const d = await ok(cs<StaffMeetingView>({ action: 'saveMeeting', requestId: rid(), ...form({ title: '草稿会议' }) }, wang));
    expect(await cs({ action: 'meeting', meetingId: d.id }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.MEETING_NOT_FOUND' } });
    expect(await cs({ action: 'meetings', filter: 'drafts' }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect((await ok(cs<MeetingCard[]>({ action: 'meetings', filter: 'drafts' }, yan))).map((c) => c.id)).toContain(d.id);
    expect(await ok(cs<MeetingCard[]>({ action: 'meetings' }, li))).toEqual([]);
  });
});

describe('reminders and cancellation', () => {
  it('the reminder goes out once, the day before from 10:00; a cancellation tells those signed up', async () => {
    const m = await planned({ title: '庭院会', kind: 'courtyard' });
    await allow(cloud, zou, ['meetingReminder'], 2);
    await ok(cs<SignUpResult>({ action: 'signUp', meetingId: m.id, kind: 'attend' }, zou));
    const wechat = () => cloud.endpoint.messages.inbox(zou).filter((x) => x.templateId === 'meetingReminderLocal' && x.page.includes(m.id));
    const inbox = () => cloud.db.find('messages', { userId: 'r-zou' }, { limit: 1000 }).filter((x) => String((x as Doc)._id).includes(m.id));
    // 09:00 the day before: too early
    expect(await cloud.trigger('consult', 'consultJobs')).toMatchObject({ ok: true });
    expect(wechat()).toHaveLength(0);
    cloud.setClock(localAt('2031-03-10T10:05:00'));
    expect(await cloud.trigger('consult', 'consultJobs')).toMatchObject({ ok: true });
    expect(await cloud.trigger('consult', 'consultJobs')).toMatchObject({ ok: true });
    expect(wechat()).toHaveLength(1);
    expect(inbox()).toHaveLength(1);
    expect(meetingDoc(m.id).remindedAt).toBeTruthy();
    // cancelled: zou is told (inbox and WeChat), once
    const c = await ok(cs<MeetingCancelResult>({ action: 'cancelMeeting', meetingId: m.id, reason: '下雨改期' }, yan));
    expect(c).toMatchObject({ residentsTold: 1, residentsByWeChat: 1, meeting: { status: 'cancelled', cancelReason: '下雨改期' } });
    expect(wechat()).toHaveLength(2);
    expect(inbox()).toHaveLength(2);
    await ok(cs({ action: 'cancelMeeting', meetingId: m.id, reason: '下雨改期' }, yan));
    expect(inbox()).toHaveLength(2);
    cloud.setClock(localAt('2031-03-10T09:00:00'));
  }, 60_000);
});
