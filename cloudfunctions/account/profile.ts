/**
 * The caller's own profile as the app shows it, and what staff at the counter see of a resident.
 * Phones are masked (138****1234) everywhere but in the record itself (DESIGN.md, Privacy).
 */
import type { Home, Role, User } from '../shared/model';
import { hasWeChat } from '../shared/openids';
import { maskPhone } from '../shared/vocabulary/phone';

export interface Profile {
  id: string;
  name: string;
  called: string | null;
  role: Role;
  communityId: string;
  home: { estateId: string; building: string; unit: string; room: string } | null;
  phoneMasked: string | null;
  /** Staff of the community have verified who this is (self-registered residents start unverified). */
  verified: boolean;
}

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
  };
}

/** Another record of the same community with the same name and address: maybe the same person. */
export interface DuplicateRef {
  id: string;
  name: string;
  address: string;
  verified: boolean;
}

/** What staff at the counter see of a resident they look up. */
export interface ResidentCard {
  id: string;
  name: string;
  called: string | null;
  age: number | null;
  address: string;
  /** the community the resident belongs to, and their home's estate and building (the default place of a report) */
  communityId: string;
  home: { estateId: string; building: string } | null;
  phoneMasked: string | null;
  /** false for residents served at the counter because they have no phone */
  hasPhone: boolean;
  /** false while the record holds a placeholder OPENID (registered at the counter, WeChat not linked yet) */
  hasWeChat: boolean;
  /** Staff of the community have verified who this is. */
  verified: boolean;
  /**
   * Other residents of the community with the same name and address (flagged: they may be one
   * person registered twice, or someone impersonating; never served as one without checking).
   */
  duplicateOf: DuplicateRef[];
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
