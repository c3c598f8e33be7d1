/**
 * Family members (家人代办, issue 22 §5; docs/everyday-services-design.md): an elder's son or daughter
 * links their own WeChat to the elder's record at the counter, with the elder's spoken consent, and
 * can then act for the elder in the actions whose contract declares `familyProxy` (router.ts).
 *
 * 1. The member asks for a code (`familyCode`): 6 digits, valid {@link FAMILY_CODE_MINUTES} minutes,
 *    in `familyCodes` with `_id` = their OPENID (one live code per OPENID; asking again replaces it).
 * 2. Staff on the elder's page enter it with the relation and the elder's spoken consent
 *    (`linkFamily`): one `familyLinks` record, `status: active`.
 * 3. Staff or the elder revoke it (`unlinkFamily`); the member lists their elders (`myElders`).
 *
 * Safety under concurrency and crashes (no transaction), `linkFamily` in this order:
 * - **The code is claimed first**: `where({ _id, code, usedAt: null }).update({ usedAt, linkId })` —
 *   two staff entering one code at once (for one elder or two): one claim matches, the other gets
 *   `FAMILY.CODE_NOT_FOUND`; a code links exactly one elder.
 * - **Then the link is added** with `activeKey = "<memberOpenid>|<elderId>"` (unique index
 *   `familyLinks.activeKey_unique`): a second active link of the same member and elder (another code)
 *   is a duplicate key → `FAMILY.ALREADY_LINKED`, and the claim is given back.
 * A kill between the two leaves the code used and no link: harmless, the member asks for a new code.
 * A retry of a link that went through answers the link again (the code names it).
 */
import crypto from 'node:crypto';
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { FamilyCode, FamilyLink, User } from '../shared/model';
import { isPlaceholderOpenid } from '../shared/openids';
import { isStaffOf } from '../shared/policy';
import { takeQuota } from '../shared/quotas';
import { residentOf } from '../shared/staff';
import { recordSpokenConsent } from '../shared/spokenConsent';
import { FAMILY_CODE_DIGITS, FAMILY_CODE_MINUTES, FAMILY_RELATION_LABELS, familyActorName, familyLinkKey, type FamilyRelation } from '../shared/vocabulary/family';
import type { SpokenConsentInput } from '../shared/vocabulary/consent';
import type { FamilyCodeView, FamilyLinkView } from './contract';

/** New codes tried when a random code is already taken. */
const CODE_ATTEMPTS = 8;
/** Links listed on an elder's page. */
const LINKS_LISTED = 20;

/** A random 6-digit code (leading zeros kept). */
export function familyCodeDigits(): string {
  return String(crypto.randomInt(0, 10 ** FAMILY_CODE_DIGITS)).padStart(FAMILY_CODE_DIGITS, '0');
}

/** A link as the pages show it. */
export function linkView(l: FamilyLink): FamilyLinkView {
  return {
    id: l._id,
    elderId: l.elderId,
    elderName: l.elderName,
    communityId: l.communityId,
    memberName: l.memberName,
    relation: l.relation,
    relationLabel: FAMILY_RELATION_LABELS[l.relation],
    actorName: familyActorName(l.elderName, l.relation, l.memberName),
    linkedByName: l.linkedByName,
    at: new Date(l.at).toISOString(),
    status: l.status,
  };
}

/**
 * `familyCode`: a new code for the calling OPENID (registered or not), replacing its previous one.
 * Input: the member's name (1–20). Output: `{ code, expiresAt, minutes, memberName }`.
 * Errors: COMMON.FORBIDDEN (no OPENID, or a placeholder), COMMON.TOO_MANY (the OPENID's daily `register` quota).
 */
export async function familyCode(memberName: string, now = clockNow()): Promise<FamilyCodeView> {
  const openid = callerOpenid();
  if (!openid || isPlaceholderOpenid(openid)) throw new AppError('COMMON.FORBIDDEN');
  const taken = await takeQuota({ by: 'openid', id: openid }, { register: 1 }, now);
  const expiresAt = new Date(now.getTime() + FAMILY_CODE_MINUTES * 60_000);
  for (let attempt = 1; ; attempt += 1) {
    const code = familyCodeDigits();
    const doc: Omit<FamilyCode, '_id'> = { code, memberOpenid: openid, memberName, createdAt: now, expiresAt, usedAt: null };
    try {
      await db.collection('familyCodes').doc(openid).set({ data: doc });
      return { code, expiresAt: expiresAt.toISOString(), minutes: FAMILY_CODE_MINUTES, memberName };
    } catch (e) {
      if (!isDuplicateKey(e, 'code') || attempt >= CODE_ATTEMPTS) {
        await taken.release();
        throw e;
      }
    }
  }
}

/**
 * `linkFamily`: staff link the WeChat that asked for `code` to `residentId` (an elder of their
 * community) as `relation`, with the elder's spoken `consent`. Output: the link.
 * Errors: COUNTER.CONSENT_REQUIRED, COUNTER.RESIDENT_NOT_FOUND, FAMILY.CODE_NOT_FOUND,
 * FAMILY.CODE_EXPIRED, FAMILY.SELF, FAMILY.ALREADY_LINKED — nothing written with any of them.
 */
export async function linkFamily(
  staff: User,
  input: { code: string; residentId: string; relation: FamilyRelation; consent: SpokenConsentInput },
  now = clockNow(),
): Promise<FamilyLinkView> {
  const consent = recordSpokenConsent(input.consent, staff);
  const [elder, found] = await Promise.all([residentOf(staff, input.residentId), db.collection('familyCodes').where({ code: input.code }).limit(1).get()]);
  const code = found.data[0] as FamilyCode | undefined;
  if (!code) throw new AppError('FAMILY.CODE_NOT_FOUND');
  if (code.usedAt) {
    // a retry of a link that went through answers it again; any other use of a used code is refused
    const done = code.linkId ? ((await db.collection('familyLinks').where({ _id: code.linkId }).limit(1).get()).data[0] as FamilyLink | undefined) : undefined;
    if (done && done.elderId === elder._id && done.status === 'active') return linkView(done);
    throw new AppError('FAMILY.CODE_NOT_FOUND');
  }
  if (new Date(code.expiresAt).getTime() <= now.getTime()) throw new AppError('FAMILY.CODE_EXPIRED');
  if (code.memberOpenid === elder.openid) throw new AppError('FAMILY.SELF');

  const linkId = newDocId();
  const { stats } = await db
    .collection('familyCodes')
    .where({ _id: code._id, code: code.code, usedAt: null })
    .update({ data: { usedAt: now, linkId } });
  if (stats.updated !== 1) throw new AppError('FAMILY.CODE_NOT_FOUND'); // claimed by another link meanwhile, or replaced

  const link: FamilyLink = {
    _id: linkId,
    elderId: elder._id,
    elderName: elder.name,
    communityId: elder.communityId,
    memberOpenid: code.memberOpenid,
    memberName: code.memberName,
    relation: input.relation,
    consent,
    linkedById: staff._id,
    linkedByName: staff.name,
    at: now,
    status: 'active',
    activeKey: familyLinkKey(code.memberOpenid, elder._id),
  };
  try {
    await db.collection('familyLinks').add({ data: link });
  } catch (e) {
    // give the claim back: the code stays usable (e.g. for another elder)
    await db.collection('familyCodes').where({ _id: code._id, linkId }).update({ data: { usedAt: null, linkId: db.command.remove() } });
    if (isDuplicateKey(e, 'activeKey')) throw new AppError('FAMILY.ALREADY_LINKED');
    throw e;
  }
  return linkView(link);
}

/**
 * `unlinkFamily`: staff of the link's community, or the elder themself, revoke it. A revoked link
 * answers as it is. Errors: FAMILY.LINK_NOT_FOUND (none, or the caller may not see it).
 */
export async function unlinkFamily(user: User, linkId: string, now = clockNow()): Promise<FamilyLinkView> {
  const link = (await db.collection('familyLinks').where({ _id: linkId }).limit(1).get()).data[0] as FamilyLink | undefined;
  if (!link || !(isStaffOf(user, link.communityId) || user._id === link.elderId)) throw new AppError('FAMILY.LINK_NOT_FOUND');
  if (link.status !== 'active') return linkView(link);
  const change = { status: 'revoked' as const, activeKey: `revoked:${link._id}`, revokedAt: now, revokedBy: user._id, revokedByName: user.name };
  await db.collection('familyLinks').where({ _id: link._id, status: 'active' }).update({ data: change });
  return linkView({ ...link, ...change });
}

/** `myElders`: the calling OPENID's active links, newest first ([] without an OPENID). One read. */
export async function myElders(): Promise<FamilyLinkView[]> {
  const openid = callerOpenid();
  if (!openid) return [];
  const { data } = await db.collection('familyLinks').where({ memberOpenid: openid, status: 'active' }).orderBy('at', 'desc').limit(LINKS_LISTED).get();
  return (data as FamilyLink[]).map(linkView);
}

/** `familyLinksOf`: a resident's links for staff, active first, newest first (≤ 20). Errors: COUNTER.RESIDENT_NOT_FOUND. */
export async function familyLinksOf(staff: User, residentId: string): Promise<FamilyLinkView[]> {
  const [elder, { data }] = await Promise.all([
    residentOf(staff, residentId),
    db.collection('familyLinks').where({ elderId: residentId, communityId: staff.communityId }).orderBy('at', 'desc').limit(LINKS_LISTED).get(),
  ]);
  void elder;
  const links = (data as FamilyLink[]).map(linkView);
  return [...links.filter((l) => l.status === 'active'), ...links.filter((l) => l.status !== 'active')];
}
