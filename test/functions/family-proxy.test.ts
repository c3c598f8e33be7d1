/**
 * Family members (家人代办, issue 22 §5) through the real wx-server-sdk against the local cloud: a
 * daughter's WeChat (not registered) gets a code, 严婷 links it to 邹建庄 at the counter with his
 * spoken consent, and the daughter then books, reports and reads messages for him — `forElder` is
 * only a request the router checks against an active `familyLinks` record of her OPENID. Without a
 * link, revoked, for another elder, or on an action that does not allow it (votes, seconds,
 * comments, staff actions): refused with nothing written.
 *
 * 严婷 (w-yan) and 王乐天 (a-wang) are staff of 老城社区; 陈晓丹 (w-chen) is staff of 明珠社区;
 * 邹建庄 (r-zou) and 赵建国 (r-zhao) are residents of 老城社区.
 */
import { codeOf, ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { FamilyCodeView, FamilyLinkView, InboxPage } from '../../cloudfunctions/account/contract';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';
import type { ResidentTicketView, TicketGet } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const yan = openidOf('w-yan');
const chen = openidOf('w-chen');
const zou = openidOf('r-zou');
const zhao = openidOf('r-zhao');
/** 邹建庄's daughter: a WeChat the kiosk has no record of */
const mei = 'local-family-zoumei-0001';
/** another member's WeChat (the code rules; each WeChat has 5 codes a day) */
const other = 'local-family-other-00001';
/** a stranger's WeChat */
const stranger = 'local-family-stranger-01';

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());


const consent = { spoken: true, note: '邹建庄在柜台口头同意女儿代办' };
const linkEvent = (c: string, fields: Record<string, unknown> = {}) => ({ action: 'linkFamily', code: c, residentId: 'r-zou', relation: 'daughter', consent, ...fields });

/** A slot with a place left of the `n`th service (that takes bookings) of the coming market day (as 赵建国 sees it). */
async function freeSlot(n = 0): Promise<string> {
  const days = await ok(cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, zhao));
  const day = await ok(cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: days.days[0].id }, zhao));
  const services = day.services.filter((s) => s.slots.some((x) => x.remaining > 0));
  return services[n].slots.find((x) => x.remaining > 0)!.id;
}

describe('linking a family member at the counter', () => {
  it('a code is 6 digits for 30 minutes, one live code per OPENID (asking again replaces it)', async () => {
    const first = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, other));
    expect(first).toMatchObject({ minutes: 30, memberName: '邹梅' });
    expect(first.code).toMatch(/^[0-9]{6}$/);
    const second = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, other));
    expect(cloud.db.find('familyCodes', { memberOpenid: other })).toHaveLength(1);
    if (second.code !== first.code) expect(await codeOf(cloud.act('account', linkEvent(first.code), yan))).toBe('FAMILY.CODE_NOT_FOUND');
  });

  it('a wrong code, an expired code, no consent, another community: refused and nothing written', async () => {
    const c = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, other));
    const before = cloud.snapshot();
    const wrong = c.code === '000000' ? '000001' : '000000';
    expect(await codeOf(cloud.act('account', linkEvent(wrong), yan))).toBe('FAMILY.CODE_NOT_FOUND');
    expect(await codeOf(cloud.act('account', linkEvent(c.code, { consent: { spoken: false } }), yan))).toBe('COUNTER.CONSENT_REQUIRED');
    expect(await codeOf(cloud.act('account', linkEvent(c.code), chen))).toBe('COUNTER.RESIDENT_NOT_FOUND');
    expect(await codeOf(cloud.act('account', linkEvent(c.code), zhao))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('account', linkEvent('12a456'), yan))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
    cloud.db.modify('familyCodes', { queryType: 'WHERE', query: { code: c.code }, data: { $set: { expiresAt: new Date(Date.now() - 60_000) } }, multi: false, merge: true, upsert: false });
    const expired = cloud.snapshot();
    expect(await codeOf(cloud.act('account', linkEvent(c.code), yan))).toBe('FAMILY.CODE_EXPIRED');
    expect(cloud.snapshot()).toBe(expired);
    expect(cloud.db.find('familyLinks', {})).toEqual([]);
  });

  it('严婷 links the daughter with 邹建庄’s spoken consent; two staff entering the code at once make one link', async () => {
    const c = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, mei));
    const typed = `${c.code.slice(0, 3)} ${c.code.slice(3)}`; // spaces forgiven
    const [a, b] = await Promise.all([cloud.act<FamilyLinkView>('account', linkEvent(typed), yan), cloud.act<FamilyLinkView>('account', linkEvent(c.code), openidOf('a-wang'))]);
    const made = [a, b].filter((r) => r.ok);
    // one link; the other attempt either answers that same link (a retry of the same code) or is refused
    expect(cloud.db.find('familyLinks', { elderId: 'r-zou', status: 'active' })).toHaveLength(1);
    for (const r of [a, b]) if (!r.ok) expect(r.error.code).toBe('FAMILY.CODE_NOT_FOUND');
    const link = made[0].ok ? made[0].data : (undefined as never);
    expect(link).toMatchObject({ elderId: 'r-zou', elderName: '邹建庄', memberName: '邹梅', relation: 'daughter', relationLabel: '女儿', actorName: '邹建庄的女儿 邹梅', status: 'active' });
    const [doc] = cloud.db.find('familyLinks', { _id: link.id });
    expect(doc).toMatchObject({ memberOpenid: mei, communityId: 'c-laocheng', consent: { method: 'spoken', note: consent.note } });
    expect(await ok(cloud.act<FamilyLinkView[]>('account', { action: 'myElders' }, mei))).toEqual([expect.objectContaining({ id: link.id, elderName: '邹建庄' })]);
    expect(await ok(cloud.act<FamilyLinkView[]>('account', { action: 'familyLinksOf', residentId: 'r-zou' }, yan))).toEqual([expect.objectContaining({ id: link.id, memberName: '邹梅' })]);
    // the code is spent; a second code for the same elder is one link too many
    expect(await codeOf(cloud.act('account', linkEvent(c.code, { residentId: 'r-zhao' }), yan))).toBe('FAMILY.CODE_NOT_FOUND');
    const again = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, mei));
    expect(await codeOf(cloud.act('account', linkEvent(again.code), yan))).toBe('FAMILY.ALREADY_LINKED');
    expect(cloud.db.find('familyLinks', { memberOpenid: mei })).toHaveLength(1);
  });
});

describe('acting for the elder', () => {
  it('books for him: the booking is his, made by her; he sees it in 我的预约; she cancels it for him', async () => {
    const slotId = await freeSlot();
    const booking = await ok(cloud.act<BookingView>('market', { action: 'book', slotId, requestId: 'family-book-0001', forElder: 'r-zou' }, mei));
    expect(booking).toMatchObject({ assisted: true, actorName: '邹建庄的女儿 邹梅' });
    const [doc] = cloud.db.find('bookings', { _id: booking.id });
    expect(doc).toMatchObject({ residentId: 'r-zou', residentName: '邹建庄', actorName: '邹建庄的女儿 邹梅' });
    expect(String(doc.actorId)).toMatch(/^family:/);
    const his = await ok(cloud.act<BookingView[]>('market', { action: 'myBookings' }, zou));
    expect(his.map((b) => b.id)).toContain(booking.id);
    const hers = await ok(cloud.act<BookingView[]>('market', { action: 'myBookings', forElder: 'r-zou' }, mei));
    expect(hers.map((b) => b.id)).toContain(booking.id);
    // a second booking, cancelled by her for him
    const other = await ok(cloud.act<BookingView>('market', { action: 'book', slotId: await freeSlot(1), requestId: 'family-book-0002', forElder: 'r-zou' }, mei));
    await ok(cloud.act('market', { action: 'cancelBooking', bookingId: other.id, forElder: 'r-zou' }, mei));
    expect(cloud.db.find('bookings', { _id: other.id })[0]).toMatchObject({ status: 'cancelled', cancelledBy: doc.actorId });
  });

  it('reports for him: the first step reads 由家人 邹梅（女儿）代为反映, shown where his own words are', async () => {
    const t = await ok(
      cloud.act<ResidentTicketView>(
        'ticket',
        { action: 'report', category: 'facilities', text: '5号楼楼道的灯坏了，晚上看不见', where: { estateId: 'e-bishan', building: '5号楼', spot: '楼道' }, requestId: 'family-report-01', forElder: 'r-zou' },
        mei,
      ),
    );
    expect(t.relation).toBe('mine');
    expect(t.timeline[0].note).toBe('由家人 邹梅（女儿）代为反映');
    const [doc] = cloud.db.find('tickets', { _id: t.id });
    expect(doc).toMatchObject({ reporterId: 'r-zou', reporterName: '邹建庄', actorName: '邹建庄的女儿 邹梅' });
    // he reads it in his own list; she reads it for him
    const his = await ok(cloud.act<ResidentTicketView[]>('ticket', { action: 'myTickets' }, zou));
    expect(his.find((x) => x.id === t.id)!.timeline[0].note).toBe('由家人 邹梅（女儿）代为反映');
    const got = await ok(cloud.act<TicketGet>('ticket', { action: 'get', ticketId: t.id, forElder: 'r-zou' }, mei));
    expect(got.view).toBe('resident');
    // a neighbour who joins it reads the progress, never who reported it or how
    const joined = await ok(cloud.act<ResidentTicketView>('ticket', { action: 'join', ticketId: t.id }, zhao));
    expect(joined.timeline[0].note).toBe('');
    expect(JSON.stringify(joined)).not.toContain('邹梅');
  });

  it('reads his messages and marks them read', async () => {
    const page = await ok(cloud.act<InboxPage>('account', { action: 'myMessages', forElder: 'r-zou' }, mei));
    const own = await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, zou));
    expect(page.messages.map((m) => m.id)).toEqual(own.messages.map((m) => m.id));
    expect(cloud.db.find('messages', { userId: 'r-zou' }).length).toBeGreaterThanOrEqual(page.messages.length);
    const read = await ok(cloud.act<{ unread: number }>('account', { action: 'readMessages', all: true, forElder: 'r-zou' }, mei));
    expect(read.unread).toBe(0);
  });

  it('never votes, seconds or comments for him, never acts as staff, and only for an elder she is linked to: nothing written', async () => {
    const slotId = await freeSlot();
    const before = cloud.snapshot();
    const refused = await Promise.all([
      codeOf(cloud.act('consult', { action: 'vote', topicId: 'any-topic', choice: 'agree', requestId: 'family-vote-0001', forElder: 'r-zou' }, mei)),
      codeOf(cloud.act('consult', { action: 'second', proposalId: 'any-proposal', forElder: 'r-zou' }, mei)),
      codeOf(cloud.act('consult', { action: 'comment', topicId: 'any-topic', text: '我同意', requestId: 'family-cmt-0001', forElder: 'r-zou' }, mei)),
      codeOf(cloud.act('consult', { action: 'vote', topicId: 'any-topic', choice: 'agree', requestId: 'family-vote-0002', forElder: 'r-zou' }, zou)),
      codeOf(cloud.act('market', { action: 'bookFor', residentId: 'r-zou', slotId, requestId: 'family-bookfor-01', consent, forElder: 'r-zou' }, mei)),
      codeOf(cloud.act('account', { action: 'searchResidents', query: '邹', forElder: 'w-yan' }, mei)),
      codeOf(cloud.act('account', { ...linkEvent('123456'), forElder: 'w-yan' }, mei)),
      // a proxy action, but for an elder she is not linked to / by a stranger / without a caller
      codeOf(cloud.act('market', { action: 'book', slotId, requestId: 'family-book-0003', forElder: 'r-zhao' }, mei)),
      codeOf(cloud.act('market', { action: 'book', slotId, requestId: 'family-book-0004', forElder: 'r-zou' }, stranger)),
      codeOf(cloud.act('market', { action: 'book', slotId, requestId: 'family-book-0005', forElder: 'r-zou' }, zhao)),
      codeOf(cloud.act('account', { action: 'myMessages', forElder: 'nobody' }, mei)),
    ]);
    expect(refused).toEqual(Array(11).fill('COMMON.FORBIDDEN'));
    expect(await codeOf(cloud.act('market', { action: 'book', slotId, requestId: 'family-book-0006', forElder: { $ne: null } }, mei))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });

  it('revoked by 邹建庄 himself: from the next call she can no longer act for him', async () => {
    const [link] = await ok(cloud.act<FamilyLinkView[]>('account', { action: 'myElders' }, mei));
    expect(await codeOf(cloud.act('account', { action: 'unlinkFamily', linkId: link.id }, zhao))).toBe('FAMILY.LINK_NOT_FOUND');
    expect(await codeOf(cloud.act('account', { action: 'unlinkFamily', linkId: link.id }, chen))).toBe('FAMILY.LINK_NOT_FOUND');
    const revoked = await ok(cloud.act<FamilyLinkView>('account', { action: 'unlinkFamily', linkId: link.id }, zou));
    expect(revoked.status).toBe('revoked');
    const before = cloud.snapshot();
    expect(await codeOf(cloud.act('market', { action: 'book', slotId: await freeSlot(), requestId: 'family-book-0007', forElder: 'r-zou' }, mei))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('account', { action: 'myMessages', forElder: 'r-zou' }, mei))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
    expect(await ok(cloud.act<FamilyLinkView[]>('account', { action: 'myElders' }, mei))).toEqual([]);
    // linked again at the counter (a new code): a new active link, the old one stays revoked
    const c = await ok(cloud.act<FamilyCodeView>('account', { action: 'familyCode', name: '邹梅' }, mei));
    await ok(cloud.act('account', linkEvent(c.code), yan));
    expect(cloud.db.find('familyLinks', { memberOpenid: mei }).map((l) => l.status).sort()).toEqual(['active', 'revoked']);
  });
});

describe('the client', () => {
  it('sends forElder on exactly the actions the functions declare familyProxy (src/services/familyActions.ts)', async () => {
    const { declaredActions } = await import('../support/local-cloud');
    const { FAMILY_PROXY_ACTIONS } = await import('../../src/services/familyActions');
    const decl = declaredActions(cloud);
    expect([...FAMILY_PROXY_ACTIONS].sort()).toEqual(Object.keys(decl).filter((k) => decl[k].familyProxy).sort());
  });
});
