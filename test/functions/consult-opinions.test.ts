/**
 * Opinions (意见建议, issue 20; docs/consultation-design.md §4) through the real wx-server-sdk against
 * the local emulator: given in the app, at the counter (spoken consent) and from a meeting; accepted,
 * resolved, answered and rated by its giver (不满意 reopens once); turned into a ticket
 * (`ticket.fileCase` with `opinionId`) and resolved by the ticket's closing, linked both ways and
 * once on a retry; flagged overdue by the consult timer and listed for the desk's 疑难 page; a
 * resident never sees another's opinion. The clock is fixed on a Wednesday (working-day deadlines).
 */
import { openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { OpinionCard, OpinionView, StaffOpinionView } from '../../cloudfunctions/consult/contracts/opinions';
import type { StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
const chen = openidOf('w-chen');
/** Wednesday 2026-03-04 10:00 in Asia/Shanghai. */
const WEDNESDAY = new Date('2026-03-04T02:00:00Z');

const give = (text: string, requestId: string, who = zhao) => cloud.act<OpinionView>('consult', { action: 'giveOpinion', text, place: '3号楼门口', requestId }, who);
async function data<T>(p: Promise<Envelope<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
const opinionDoc = (id: string) => cloud.db.find('opinions', { _id: id })[0] as unknown as Record<string, unknown> & { events: { type: string }[] };

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.setClock(WEDNESDAY);
}, 60_000);
afterAll(() => cloud.close());

describe('give → accept → resolve → rate', () => {
  let id: string;
  it('a resident gives one in the app: open, due in 10 working days (two weekends skipped), in their list', async () => {
    const v = await data(give('小区门口的路灯坏了好几天了，晚上很黑', 'op-req-0001'));
    id = v.id;
    expect(v).toMatchObject({ audience: 'giver', source: 'app', status: 'open', statusLabel: '待受理', dueDate: '2026-03-18', overdue: false, canRate: false });
    expect(opinionDoc(id)).toMatchObject({ communityId: 'c-laocheng', giver: { userId: 'r-zhao', name: '赵建国' }, status: 'open', overdue: false, reopened: 0 });
    // a repeated submit is the same opinion
    expect((await data(give('小区门口的路灯坏了好几天了，晚上很黑', 'op-req-0001'))).id).toBe(id);
    expect(cloud.db.countDocuments('opinions', {})).toBe(1);
    expect((await data(cloud.act<OpinionView[]>('consult', { action: 'myOpinions' }, zhao))).map((o) => o.id)).toEqual([id]);
  });

  it('staff accept and resolve it; the giver is told in 消息; then rates it once', async () => {
    expect(await data(cloud.act<StaffOpinionView>('consult', { action: 'acceptOpinion', opinionId: id }, yan))).toMatchObject({ status: 'accepted', actions: { accept: false, resolve: true } });
    // accepting again answers it as it is
    expect((await data(cloud.act<StaffOpinionView>('consult', { action: 'acceptOpinion', opinionId: id }, yan))).status).toBe('accepted');
    expect(await cloud.act('consult', { action: 'rateOpinion', opinionId: id, rating: 'satisfied' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_RATABLE' } });
    expect(await cloud.act('consult', { action: 'resolveOpinion', opinionId: id, what: '已更换路灯', when: '2026-03-05' }, yan)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_DATE_INVALID' } });
    const resolved = await data(cloud.act<StaffOpinionView>('consult', { action: 'resolveOpinion', opinionId: id, what: '已联系物业更换路灯', when: '2026-03-04' }, yan));
    expect(resolved).toMatchObject({ status: 'resolved', statusLabel: '已解决', resolution: { what: '已联系物业更换路灯', when: '2026-03-04' } });
    expect(cloud.db.find('messages', { userId: 'r-zhao', kind: 'opinionReply' })).toEqual([expect.objectContaining({ title: '您的意见建议已解决', page: `consult/pages/opinion/index?id=${id}` })]);
    expect(await cloud.act('consult', { action: 'resolveOpinion', opinionId: id, what: '再办一次', when: '2026-03-04' }, yan)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_WRONG_STATE' } });
    const rated = await data(cloud.act<OpinionView>('consult', { action: 'rateOpinion', opinionId: id, rating: 'satisfied', comment: '很快' }, zhao));
    expect(rated).toMatchObject({ status: 'resolved', rating: { rating: 'satisfied', ratingLabel: '满意' }, canRate: false });
    expect(await cloud.act('consult', { action: 'rateOpinion', opinionId: id, rating: 'unsatisfied' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_ALREADY_RATED' } });
  });
});

describe('privacy and the counter', () => {
  let zouId: string;
  it('a resident never sees another resident’s opinion; staff see the giver with the phone masked; another community sees nothing', async () => {
    zouId = (await data(give('希望在广场多放几张长椅给老人休息', 'op-req-zou1', zou))).id;
    for (const action of ['opinion', 'rateOpinion']) {
      expect(await cloud.act('consult', { action, opinionId: zouId, ...(action === 'rateOpinion' ? { rating: 'satisfied' } : {}) }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_NOT_FOUND' } });
    }
    expect((await data(cloud.act<OpinionView[]>('consult', { action: 'myOpinions' }, zhao))).map((o) => o.id)).not.toContain(zouId);
    expect(await data(cloud.act<StaffOpinionView>('consult', { action: 'opinion', opinionId: zouId }, yan))).toMatchObject({ audience: 'staff', giver: { userId: 'r-zou', name: '邹建庄', phoneMasked: '138****2345' } });
    expect(await data(cloud.act<OpinionView>('consult', { action: 'opinion', opinionId: zouId }, zou))).toMatchObject({ audience: 'giver' });
    expect(JSON.stringify(await data(cloud.act('consult', { action: 'opinion', opinionId: zouId }, zou)))).not.toContain('邹建庄');
    expect(await cloud.act('consult', { action: 'opinion', opinionId: zouId }, chen)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_NOT_FOUND' } });
    expect(await cloud.act('consult', { action: 'acceptOpinion', opinionId: zouId }, chen)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_NOT_FOUND' } });
    expect(await cloud.act('consult', { action: 'acceptOpinion', opinionId: zouId }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  });

  it('at the counter: refused without the resident’s spoken consent (nothing written); with it, recorded for them', async () => {
    const ask = (spoken: boolean, requestId: string) => cloud.act<StaffOpinionView>('consult', { action: 'giveOpinionFor', residentId: 'r-zhao', text: '菜市场门口的积水要处理一下', consent: { spoken }, requestId }, yan);
    const before = cloud.snapshot();
    expect(await ask(false, 'op-req-cnt1')).toMatchObject({ ok: false, error: { code: 'COUNTER.CONSENT_REQUIRED' } });
    expect(await cloud.act('consult', { action: 'giveOpinionFor', residentId: 'r-li', text: '菜市场门口的积水要处理一下', consent: { spoken: true }, requestId: 'op-req-cnt2' }, yan)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);
    const v = await data(ask(true, 'op-req-cnt3'));
    expect(v).toMatchObject({ source: 'counter', actorName: '严婷', consent: { recordedByName: '严婷' }, giver: { userId: 'r-zhao' } });
    // the resident finds it among their own
    expect((await data(cloud.act<OpinionView[]>('consult', { action: 'myOpinions' }, zhao))).map((o) => o.id)).toContain(v.id);
  });

  it('five a day in the app (a quota document older than the opinion counter counts it as 0)', async () => {
    // 邹建庄's day's document as written before opinions existed: no `opinion` counter
    cloud.db.remove('quotas', 'WHERE', { _id: 'u:r-zou:2026-03-04' }, false);
    cloud.db.insert('quotas', [{ _id: 'u:r-zou:2026-03-04', by: 'user', who: 'r-zou', day: '2026-03-04', report: 1, photo: 0, join: 0, register: 0, expireAt: new Date('2026-03-07T00:00:00Z') }]);
    for (let i = 1; i <= 5; i += 1) expect((await give(`第${i}条意见：楼道的灯坏了需要修理`, `op-req-zouq${i}`, zou)).ok).toBe(true);
    expect(await give('第6条意见：楼道的灯坏了需要修理', 'op-req-zouq6', zou)).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY' } });
  });
});

describe('to a ticket and back', () => {
  let id: string;
  let ticketId: string;
  const fileCase = (requestId: string) =>
    cloud.act<StaffTicketView>('ticket', { action: 'fileCase', source: 'selfFound', category: 'facilities', text: '小区门口路灯损坏，需要更换', where: { estateId: 'e-bishan', building: '3号楼' }, opinionId: id, requestId }, yan);

  it('fileCase with opinionId: the ticket and the opinion point at each other; a retry links once', async () => {
    id = (await data(give('小区门口路灯损坏，晚上出行不安全', 'op-req-tk01'))).id;
    const t = await data(fileCase('tk-from-op-1'));
    ticketId = t.id;
    expect(t).toMatchObject({ opinionId: id, source: 'residentReport' });
    const again = await data(fileCase('tk-from-op-1'));
    expect(again.id).toBe(ticketId);
    expect(cloud.db.countDocuments('tickets', { opinionId: id })).toBe(1);
    expect(opinionDoc(id)).toMatchObject({ status: 'ticketed', ticketId });
    expect(opinionDoc(id).events.filter((e) => e.type === 'ticketed')).toHaveLength(1);
    // another ticket for the same opinion is refused, writing nothing
    const before = cloud.snapshot();
    expect(await fileCase('tk-from-op-2')).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_WRONG_STATE' } });
    expect(cloud.snapshot()).toBe(before);
    expect(await data(cloud.act<OpinionView>('consult', { action: 'opinion', opinionId: id }, zhao))).toMatchObject({ status: 'ticketed', statusLabel: '已转工单' });
  });

  it('closing the ticket resolves the opinion with the ticket’s result and tells its giver', async () => {
    await data(cloud.act('ticket', { action: 'accept', ticketId }, yan));
    await data(cloud.act('ticket', { action: 'handle', ticketId, result: '已更换新路灯' }, yan));
    // 核查 (issue 21): a community problem closes only once checked by someone other than its handler
    await data(cloud.act('ticket', { action: 'verify', ticketId, passed: true }, wang));
    await data(cloud.act('ticket', { action: 'close', ticketId, summary: '路灯已更换，晚上亮了' }, yan));
    expect(opinionDoc(id)).toMatchObject({ status: 'resolved', ticketId, resolution: { what: '路灯已更换，晚上亮了', when: '2026-03-04' } });
    expect(cloud.db.find('messages', { userId: 'r-zhao', title: '您的意见建议已解决' })).toHaveLength(2);
    // the timer's sweep finds nothing more to do
    const run = (await cloud.trigger('consult', 'consultJobs')) as Envelope<Record<string, unknown>>;
    expect(JSON.stringify(run)).toContain('"opinionsResolvedFromTickets":0');
  });

  it('a meeting opinion becomes a 组织议 ticket; recorded opinions are created once on a retry', async () => {
    // (the meetings helper's branch declares the collection; until then the test makes it)
    if (!cloud.db.collectionNames().includes('meetings')) cloud.db.createCollection('meetings');
    cloud.db.insert('meetings', [{ _id: 'mt-1', communityId: 'c-laocheng', title: '业主会议', kind: 'ownersMeeting', status: 'held', startAt: WEDNESDAY, endAt: WEDNESDAY, place: '居委会', convenor: { id: 'a-wang', name: '王乐天' }, signedUp: 0, speakers: 0, agendaTopicIds: [], attendance: [], minutes: '', photoFileIds: [], decisions: [], revision: 1, events: [], requestKey: 'x:mt-1' }]);
    const record = () =>
      cloud.act<StaffOpinionView[]>('consult', { action: 'recordOpinions', meetingId: 'mt-1', opinions: [
        { text: '希望增设电动车充电桩', giver: { residentId: 'r-zou' }, requestId: 'mt-op-0001' },
        { text: '楼顶防水需要修补一下', giver: { name: '张大爷' }, requestId: 'mt-op-0002' },
      ] }, wang);
    const made = await data(record());
    expect(made.map((v) => v.giver.name)).toEqual(['邹建庄', '张大爷']);
    expect(made.map((v) => v.source)).toEqual(['meeting', 'meeting']);
    await data(record());
    expect(cloud.db.countDocuments('opinions', { meetingId: 'mt-1' })).toBe(2);
    expect(await cloud.act('consult', { action: 'recordOpinions', meetingId: 'mt-404', opinions: [{ text: '希望增设电动车充电桩', giver: { name: '张大爷' }, requestId: 'mt-op-0003' }] }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_MEETING_NOT_FOUND' } });
    const t = await data(cloud.act<StaffTicketView>('ticket', { action: 'fileCase', source: 'selfFound', category: 'facilities', text: '楼顶防水需要修补', where: { estateId: 'e-bishan', building: '3号楼' }, opinionId: made[1].id, requestId: 'tk-from-mt-1' }, yan));
    expect(t).toMatchObject({ source: 'organisationDiscussion', opinionId: made[1].id });
  });
});

describe('rating, reopening, overdue', () => {
  it('不满意 on a resolved opinion reopens it once; after the second resolution it is rated once more', async () => {
    const id = (await data(give('健身器材坏了一个，有安全隐患', 'op-req-rw01'))).id;
    const resolve = () => data(cloud.act<StaffOpinionView>('consult', { action: 'resolveOpinion', opinionId: id, what: '已请厂家维修', when: '2026-03-04' }, wang));
    await resolve();
    expect(await data(cloud.act<OpinionView>('consult', { action: 'rateOpinion', opinionId: id, rating: 'unsatisfied', comment: '还是坏的' }, zhao))).toMatchObject({ status: 'accepted', canRate: false });
    expect(opinionDoc(id)).toMatchObject({ status: 'accepted', reopened: 1 });
    await resolve();
    expect(await data(cloud.act<OpinionView>('consult', { action: 'rateOpinion', opinionId: id, rating: 'unsatisfied' }, zhao))).toMatchObject({ status: 'resolved', canRate: false });
    expect(await cloud.act('consult', { action: 'rateOpinion', opinionId: id, rating: 'satisfied' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.OPINION_ALREADY_RATED' } });
  });

  it('an answered one is final and counted apart; the giver is told', async () => {
    const id = (await data(give('希望小区里建一个游泳池', 'op-req-an01'))).id;
    expect(await data(cloud.act<StaffOpinionView>('consult', { action: 'answerOpinion', opinionId: id, text: '暂时无法建设', reason: '小区没有空地，也没有经费' }, wang))).toMatchObject({ status: 'answered', statusLabel: '已答复', reply: { reason: '小区没有空地，也没有经费' } });
    expect(cloud.db.find('messages', { userId: 'r-zhao', title: '您的意见建议已答复' })).toHaveLength(1);
  });

  it('the consult timer flags open and accepted opinions past their deadline; overdueOpinions and the filter list them', async () => {
    const late = (await data(give('垃圾桶太少，经常满出来', 'op-req-od01'))).id;
    cloud.setClock(new Date('2026-03-19T02:00:00Z'));
    const run = (await cloud.trigger('consult', 'consultJobs')) as Envelope<Record<string, unknown>>;
    expect(run.ok).toBe(true);
    expect(opinionDoc(late)).toMatchObject({ overdue: true });
    expect(opinionDoc(late).events.map((e) => e.type)).toContain('overdue');
    const listed = await data(cloud.act<OpinionCard[]>('consult', { action: 'overdueOpinions' }, wang));
    expect(listed.map((o) => o.id)).toContain(late);
    expect(listed.every((o) => o.overdue && (o.status === 'open' || o.status === 'accepted'))).toBe(true);
    const filtered = await data(cloud.act<OpinionCard[]>('consult', { action: 'opinions', overdue: true }, yan));
    expect(filtered.map((o) => o.id).sort()).toEqual(listed.map((o) => o.id).sort());
    expect(await cloud.act('consult', { action: 'overdueOpinions' }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    // a second run marks nothing again
    await cloud.trigger('consult', 'consultJobs');
    expect(opinionDoc(late).events.filter((e) => e.type === 'overdue')).toHaveLength(1);
  });
});
