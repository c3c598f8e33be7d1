/**
 * The demo's 家人代办 (family proxy, issue 22 §5; `npm start` only, with the demo tickets), written
 * directly as documents of the model types (`cloudfunctions/shared/model.ts` `User`, `FamilyCode`,
 * `FamilyLink`), every time relative to the seed's clock `now`: 邹建庄's daughter 邹梅 — a registered
 * resident of 老城社区 with her own WeChat (`FAMILY_DEMO_OPENID`, in the local identity switch), living
 * in her own flat (壁山丽景小区2号楼3单元401, not her father's household) — linked to 邹建庄 (r-zou)
 * ten days ago by 严婷 (w-yan) at the counter, with his spoken consent, exactly as `account.linkFamily`
 * leaves it: her code used and naming the link, one active link keyed `<her OPENID>|r-zou`. So a
 * newcomer who opens the kiosk as 邹梅 finds 邹建庄 under 家人代办 → 我的家人 and can tap 为邹建庄办理.
 * No booking, ticket or message is made for him here (other seeds and the browser tests read his).
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { FamilyCode, FamilyLink, User } from '../../cloudfunctions/shared/model';
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import { recordSpokenConsent } from '../../cloudfunctions/shared/spokenConsent';
import { familyLinkKey } from '../../cloudfunctions/shared/vocabulary/family';
import { searchKeyOf } from '../../cloudfunctions/account/domain/search';

const DAY = 24 * 3_600_000;
const CID = 'c-laocheng';

/** The local OPENID of 邹建庄's daughter 邹梅 (家人代办), as the identity switch lists her. */
export const FAMILY_DEMO_OPENID = 'local-family-zoumei';

/** The seeded records' ids, for tests and the walk-through. */
export const DEMO_FAMILY = {
  member: { id: 'r-zoumei', name: '邹梅', openid: FAMILY_DEMO_OPENID },
  elder: { id: 'r-zou', name: '邹建庄' },
  linkId: 'family-link-demo-zoumei',
  /** the code she showed at the counter (used) */
  code: '604218',
  /** who linked it */
  staff: { _id: 'w-yan', name: '严婷' },
} as const;

/** 邹梅's record, her used code and the active link (pure; see the module notes). */
export function demoFamily(now: Date): { users: Partial<User>[]; codes: FamilyCode[]; links: FamilyLink[] } {
  const home = { estateId: 'e-bishan', building: '2号楼', unit: '3单元', room: '401' };
  const registered = new Date(now.getTime() - 30 * DAY);
  const linkedAt = new Date(now.getTime() - 10 * DAY);
  const asked = new Date(linkedAt.getTime() - 5 * 60_000);
  const { member, elder, linkId, code, staff } = DEMO_FAMILY;
  const user: Partial<User> = {
    _id: member.id,
    openid: member.openid,
    name: member.name,
    role: 'resident',
    communityId: CID,
    home,
    householdKey: householdKeyOf(home),
    addressText: `壁山丽景小区${home.building}${home.unit}${home.room}`,
    searchKey: searchKeyOf({ name: member.name, estateName: '壁山丽景小区', home }),
    verified: true,
    createdAt: registered,
  };
  const familyCode: FamilyCode = { _id: member.openid, code, memberOpenid: member.openid, memberName: member.name, createdAt: asked, expiresAt: new Date(asked.getTime() + 30 * 60_000), usedAt: linkedAt, linkId };
  const link: FamilyLink = {
    _id: linkId,
    elderId: elder.id,
    elderName: elder.name,
    communityId: CID,
    memberOpenid: member.openid,
    memberName: member.name,
    relation: 'daughter',
    // the consent as the counter records it (the one definition `linkFamily` uses)
    consent: recordSpokenConsent({ spoken: true, note: '邹建庄在柜台当面同意女儿替他办事' }, staff),
    linkedById: staff._id,
    linkedByName: staff.name,
    at: linkedAt,
    status: 'active',
    activeKey: familyLinkKey(member.openid, elder.id),
  };
  return { users: [user], codes: [familyCode], links: [link] };
}

/** Writes the demo's family link (see the module notes). */
export function seedDemoFamily(db: LocalDatabase, now = new Date()): void {
  const d = demoFamily(now);
  for (const c of ['familyCodes', 'familyLinks']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.insert('users', d.users as never);
  db.insert('familyCodes', d.codes as never);
  db.insert('familyLinks', d.links as never);
}
