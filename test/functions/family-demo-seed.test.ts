/**
 * The demo's 家人代办 (`local/seed/demo-family.ts`, issue 22 §5) through the real wx-server-sdk: 邹建庄's
 * daughter 邹梅 is a registered resident of 老城社区 with her own WeChat, and her link to him is one
 * `account.linkFamily` could have made — the rules it enforces (cloudfunctions/account/family.ts:
 * staff of the elder's community linked it, the elder is a resident of that community, his spoken
 * consent recorded as `recordSpokenConsent` records it, not the elder's own WeChat, the code used and
 * naming the link, active under the unique key) — and it works: she lists him under 我的家人, 严婷
 * sees it on his page, and calls with `forElder` read and book for him through the router (the market
 * day she books from reads his booking, not hers).
 */
import { codeOf, ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { FamilyLinkView, InboxPage, Me } from '../../cloudfunctions/account/contract';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';
import type { FamilyCode, FamilyLink, User } from '../../cloudfunctions/shared/model';
import { isStaffOf } from '../../cloudfunctions/shared/policy';
import { recordSpokenConsent } from '../../cloudfunctions/shared/spokenConsent';
import { familyLinkKey } from '../../cloudfunctions/shared/vocabulary/family';
import { DEMO_FAMILY, FAMILY_DEMO_OPENID } from '../../local/seed/demo-family';
import { demoPeople } from '../../local/seed/seed';

let cloud: TestCloud;
const mei = FAMILY_DEMO_OPENID;
const yan = openidOf('w-yan');
const zou = openidOf('r-zou');

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

const userOf = (id: string) => cloud.db.find('users', { _id: id })[0] as unknown as User;

it('邹梅 is a registered resident of 老城社区 with her own WeChat and home, listed in the identity switch', async () => {
  const me = await ok(cloud.act<Me>('account', { action: 'me' }, mei));
  expect(me.registered).toBe(true);
  if (!me.registered) return;
  expect(me.user).toMatchObject({ id: DEMO_FAMILY.member.id, name: '邹梅', role: 'resident', communityId: 'c-laocheng' });
  // not her father's household: she does not vote for his
  expect(userOf(DEMO_FAMILY.member.id).householdKey).not.toBe(userOf('r-zou').householdKey);
  expect(demoPeople().find((p) => p.openid === mei)).toMatchObject({ userId: DEMO_FAMILY.member.id, name: '邹梅', role: 'resident', communityName: '老城社区' });
});

it('her link to 邹建庄 is one linkFamily could have made: same community, staff, his spoken consent, code used, one active link', () => {
  const links = cloud.db.find('familyLinks', { memberOpenid: mei }) as unknown as FamilyLink[];
  expect(links).toHaveLength(1);
  const [link] = links;
  const elder = userOf(link.elderId);
  const staff = userOf(link.linkedById);
  // the elder: a resident of the link's community, not her own WeChat (FAMILY.SELF)
  expect(elder).toMatchObject({ _id: 'r-zou', name: link.elderName, role: 'resident', communityId: link.communityId });
  expect(elder.openid).not.toBe(link.memberOpenid);
  // linked by staff of that community (linkFamily is a staff action; residentOf: the elder is in the staff member's community)
  expect(isStaffOf(staff, link.communityId)).toBe(true);
  expect(link.linkedByName).toBe(staff.name);
  // his spoken consent, as the counter records it
  expect(link.consent).toEqual(recordSpokenConsent({ spoken: true, note: link.consent.note }, staff));
  // active, under the unique key that keeps one active link per member and elder
  expect(link).toMatchObject({ status: 'active', activeKey: familyLinkKey(mei, 'r-zou'), relation: 'daughter', memberName: '邹梅' });
  // the code she showed: used, naming this link (a retry of linkFamily with it answers this link)
  const [code] = cloud.db.find('familyCodes', { _id: mei }) as unknown as FamilyCode[];
  expect(code).toMatchObject({ memberOpenid: mei, memberName: '邹梅', linkId: link._id });
  expect(code.usedAt).not.toBeNull();
  expect(new Date(code.usedAt!).getTime()).toBeLessThan(new Date(code.expiresAt).getTime());
});

it('she lists him under 我的家人, 严婷 sees it on his page, and calls with forElder act for him', async () => {
  const elders = await ok(cloud.act<FamilyLinkView[]>('account', { action: 'myElders' }, mei));
  expect(elders).toEqual([expect.objectContaining({ elderId: 'r-zou', elderName: '邹建庄', relationLabel: '女儿', actorName: '邹建庄的女儿 邹梅', linkedByName: '严婷', status: 'active' })]);
  const onHisPage = await ok(cloud.act<FamilyLinkView[]>('account', { action: 'familyLinksOf', residentId: 'r-zou' }, yan));
  expect(onHisPage.map((l) => [l.memberName, l.status])).toEqual([['邹梅', 'active']]);

  // reading for him: his messages and bookings, not hers
  const hisInbox = await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, zou));
  const forHim = await ok(cloud.act<InboxPage>('account', { action: 'myMessages', forElder: 'r-zou' }, mei));
  expect(forHim.messages.map((m) => m.id)).toEqual(hisInbox.messages.map((m) => m.id));

  // booking for him: the booking is his, made by her
  const days = await ok(cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, zou));
  const day = await ok(cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: days.days[0].id }, zou));
  const slotId = day.services.flatMap((s) => s.slots).find((x) => x.remaining > 0)!.id;
  const booking = await ok(cloud.act<BookingView>('market', { action: 'book', slotId, requestId: 'family-demo-seed-0001', forElder: 'r-zou' }, mei));
  expect(booking).toMatchObject({ assisted: true, actorName: '邹建庄的女儿 邹梅' });
  expect(cloud.db.find('bookings', { _id: booking.id })[0]).toMatchObject({ residentId: 'r-zou', residentName: '邹建庄' });
  expect((await ok(cloud.act<BookingView[]>('market', { action: 'myBookings' }, zou))).map((b) => b.id)).toContain(booking.id);
  // the market day she books from reads his booking (「查看邹建庄的预约」), not hers
  const service = day.services.find((x) => x.slots.some((sl) => sl.id === slotId))!;
  const forHisDay = await ok(cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: days.days[0].id, forElder: 'r-zou' }, mei));
  expect(forHisDay.services.find((x) => x.id === service.id)!.myBookingId).toBe(booking.id);
  const herDay = await ok(cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: days.days[0].id }, mei));
  expect(herDay.services.find((x) => x.id === service.id)!.myBookingId ?? null).toBeNull();
  // her own bookings are hers: nothing of his
  expect((await ok(cloud.act<BookingView[]>('market', { action: 'myBookings' }, mei))).map((b) => b.id)).not.toContain(booking.id);
  // never a vote for him
  expect(await codeOf(cloud.act('consult', { action: 'vote', topicId: 'any', choice: 'agree', requestId: 'family-demo-seed-v1', forElder: 'r-zou' }, mei))).toBe('COMMON.FORBIDDEN');
});
