/**
 * Residents at the counter (代办): finding them, registering a resident without WeChat (代登记),
 * verifying who a self-registered resident is, and flagging records with the same name and address.
 *
 * Registering at the counter is idempotent without a new unique index on `users` (a unique index
 * holds a missing value once, so every self-registered record would need a placeholder
 * `requestKey`): the record's `_id` is derived from `${staffId}:${requestId}` (sha-256 → 32 hex),
 * so a repeated submit is a duplicate `_id` and returns the first record — or
 * `COMMON.REQUEST_REUSED` if the payload differs (`requestHash`).
 */
import { householdKeyOf } from '../shared/households';
import crypto from 'node:crypto';
import { db, _, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Estate, User } from '../shared/model';
import { placeholderOpenid } from '../shared/openids';
import { assertStaffOf, inCallerCommunity } from '../shared/policy';
import { requestHash, requestKey, sameRequest } from '../shared/requests';
import { residentOf } from '../shared/staff';
import { recordSpokenConsent } from '../shared/spokenConsent';
import { addressText, duplicatesOf, toResidentCard } from './profile';
import type { RegisterForInput, ResidentCard } from './contract';
import { queryTerms, searchKeyOf } from './domain/search';

/** At most this many namesakes are compared (one query). */
const NAMESAKES_LIMIT = 1000;

/** The `_id` of the record a staff member's request creates: sha-256 of the request key, 32 hex. */
export function counterRecordId(staffId: string, requestId: string): string {
  return crypto.createHash('sha256').update(requestKey(staffId, requestId)).digest('hex').slice(0, 32);
}

/** Residents of `communityId` named any of `names` (one round trip, the `community_name` index). */
export async function namesakes(communityId: string, names: string[]): Promise<User[]> {
  const unique = [...new Set(names)];
  if (!unique.length) return [];
  const { data } = await db
    .collection('users')
    .where({ communityId, name: unique.length === 1 ? unique[0] : _.in(unique), role: 'resident' })
    .limit(NAMESAKES_LIMIT)
    .get();
  return data as User[];
}

/** Cards for `users` with their possible duplicates (at most one extra round trip). */
export async function cardsOf(communityId: string, users: User[]): Promise<ResidentCard[]> {
  const others = await namesakes(
    communityId,
    users.map((u) => u.name),
  );
  return users.map((u) => toResidentCard(u, duplicatesOf(u, others)));
}

/**
 * Residents of the staff member's community whose name, `called` name or address contains `query`
 * as staff type it (name, called name, pinyin or initials, 3号楼 / 3栋 / ３号楼, 2单元, 301 / 301室, or
 * several at once; spaces and punctuation ignored — `domain/search.ts`), at most 20, by name, with
 * verification and duplicate flags. Two round trips; none when nothing searchable was typed.
 */
export async function searchResidents(staff: User, query: string): Promise<ResidentCard[]> {
  // every term is built from letters, digits and spaces only, so it is safe as a regular expression
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const { data } = await db
    .collection('users')
    .where(_.and([inCallerCommunity(staff, { role: 'resident' }), ...terms.map((t) => ({ searchKey: db.RegExp({ regexp: t }) }))]))
    .orderBy('name', 'asc')
    .limit(20)
    .get();
  return cardsOf(staff.communityId, data as User[]);
}

/** One resident of the staff member's community, as the counter's resident page shows them. */
export async function residentCard(staff: User, residentId: string): Promise<ResidentCard> {
  const resident = await residentOf(staff, residentId);
  return (await cardsOf(staff.communityId, [resident]))[0];
}


/**
 * 代登记: staff register a resident without WeChat, in person, with the resident's spoken consent.
 * The record is verified (staff saw the person), holds a placeholder OPENID (`nowechat:<_id>`) until
 * the resident links their own WeChat, and records who registered it and the consent.
 * Round trips: estate, namesakes, insert (3); a repeat: estate, namesakes (2).
 * Errors: COUNTER.CONSENT_REQUIRED, ACCOUNT.ESTATE_NOT_FOUND, COMMON.FORBIDDEN (estate of another
 * community), COUNTER.POSSIBLE_DUPLICATE (details: { duplicates: DuplicateRef[] }) unless
 * `confirmDuplicate`, COMMON.REQUEST_REUSED.
 */
export async function registerFor(staff: User, input: RegisterForInput): Promise<ResidentCard> {
  const consent = recordSpokenConsent(input.consent, staff);
  const { data } = await db.collection('estates').where({ _id: input.estateId }).limit(1).get();
  const estate = data[0] as Estate | undefined;
  if (!estate || !estate.buildings.includes(input.building)) throw new AppError('ACCOUNT.ESTATE_NOT_FOUND');
  assertStaffOf(staff, estate.communityId);

  const _id = counterRecordId(staff._id, input.requestId);
  const hash = requestHash({ name: input.name, estateId: estate._id, building: input.building, unit: input.unit, room: input.room, phone: input.phone, called: input.called });
  const home = { estateId: estate._id, building: input.building, unit: input.unit, room: input.room };
  const same = await namesakes(estate.communityId, [input.name]);
  const first = same.find((u) => u._id === _id);
  if (first) return toResidentCard(sameRequest(first, hash), duplicatesOf(first, same));
  const duplicates = duplicatesOf({ _id, name: input.name, home }, same);
  if (duplicates.length && !input.confirmDuplicate) throw new AppError('COUNTER.POSSIBLE_DUPLICATE', { duplicates });

  const record: Omit<User, 'createdAt' | 'verifiedAt'> = {
    _id,
    openid: placeholderOpenid(_id),
    name: input.name,
    ...(input.called ? { called: input.called } : {}),
    role: 'resident',
    communityId: estate.communityId,
    home,
    householdKey: householdKeyOf(home),
    addressText: addressText(estate.name, home),
    searchKey: searchKeyOf({ name: input.name, called: input.called, estateName: estate.name, home }),
    ...(input.phone ? { phone: input.phone } : {}),
    verified: true,
    verifiedBy: staff._id,
    verifiedByName: staff.name,
    registeredBy: { id: staff._id, name: staff.name },
    consent,
    requestHash: hash,
  };
  try {
    await db.collection('users').add({ data: { ...record, verifiedAt: db.serverDate(), createdAt: db.serverDate() } });
  } catch (e) {
    // the same request raced its first attempt: the deterministic _id (and so its placeholder) is taken
    if (!isDuplicateKey(e)) throw e;
    const { data: again } = await db.collection('users').doc(_id).get();
    if (!again) throw e;
    return toResidentCard(sameRequest(again as User, hash), duplicatesOf(again as User, same));
  }
  return toResidentCard({ ...record, verifiedAt: new Date(), createdAt: new Date() }, duplicates);
}

/**
 * Staff verify who a resident is (saw them, checked their papers): sets `verified` with who and
 * when. Idempotent: a verified resident stays as first verified. Errors: COUNTER.RESIDENT_NOT_FOUND
 * (also for a resident of another community).
 */
export async function verifyResident(staff: User, residentId: string): Promise<ResidentCard> {
  const resident = await residentOf(staff, residentId);
  if (resident.verified !== true) {
    await db
      .collection('users')
      .where(inCallerCommunity(staff, { _id: resident._id, verified: _.neq(true) }))
      .update({ data: { verified: true, verifiedBy: staff._id, verifiedByName: staff.name, verifiedAt: db.serverDate() } });
  }
  return (await cardsOf(staff.communityId, [{ ...resident, verified: true }]))[0];
}
