/**
 * The caller's own profile as the app shows it, and what staff at the counter see of a resident.
 * Phones are masked (138****1234) everywhere but in the record itself (DESIGN.md, Privacy).
 */
import type { Home, User } from '../shared/model';
import { hasWeChat } from '../shared/openids';
import { isVolunteerOf } from '../shared/policy';
import { maskPhone } from '../shared/vocabulary/phone';
import type { DuplicateRef, Profile, ResidentCard } from './contract';


/** The profile view of a user record. */
export function toProfile(u: User): Profile {
  return {
    id: u._id,
    name: u.name,
    called: u.called ?? null,
    role: u.role,
    communityId: u.communityId,
    home: u.home ?? null,
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    verified: u.verified === true,
    ...(isVolunteerOf(u, u.communityId) ? { volunteerRoles: u.volunteer!.roles } : {}),
  };
}



/** `壁山丽景小区3号楼2单元301` from an estate name and a home. */
export function addressText(estateName: string, home: { building: string; unit: string; room: string }): string {
  return `${estateName}${home.building}${home.unit}${home.room}`;
}

/** The counter's view of a resident; `duplicateOf` from {@link duplicatesOf}. */
export function toResidentCard(u: User, duplicateOf: DuplicateRef[] = []): ResidentCard {
  return {
    id: u._id,
    name: u.name,
    called: u.called ?? null,
    age: u.age ?? null,
    address: u.addressText ?? '',
    communityId: u.communityId,
    home: u.home ? { estateId: u.home.estateId, building: u.home.building } : null,
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    hasPhone: !!u.phone,
    hasWeChat: hasWeChat(u),
    verified: u.verified === true,
    duplicateOf,
  };
}

/** One part of an address, compared loosely: full-width → half-width, no spaces, lower case. */
const loose = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The key two records share when they have the same name and address: `3号楼 2单元 301` and
 * `3号楼2单元３０１室` are the same home. null for a record without a home (never a duplicate).
 */
export function identityKey(name: string, home: Pick<Home, 'estateId' | 'building' | 'unit' | 'room'> | undefined): string | null {
  if (!home) return null;
  const unit = loose(home.unit).replace(/单元$/, '');
  const room = loose(home.room).replace(/[室号]$/, '');
  return JSON.stringify([loose(name), home.estateId, loose(home.building), unit, room]);
}

/**
 * Records among `candidates` with the same name and address as `u` (other than `u` itself), as the
 * counter shows them.
 */
export function duplicatesOf(u: Pick<User, '_id' | 'name' | 'home'>, candidates: User[]): DuplicateRef[] {
  const key = identityKey(u.name, u.home);
  if (!key) return [];
  return candidates
    .filter((c) => c._id !== u._id && identityKey(c.name, c.home) === key)
    .map((c) => ({ id: c._id, name: c.name, address: c.addressText ?? '', verified: c.verified === true }));
}
