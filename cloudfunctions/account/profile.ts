/**
 * The caller's own profile as the app shows it. Phones are masked (138****1234) everywhere but
 * in the record itself (DESIGN.md, Privacy).
 */
import type { Role, User } from '../shared/model';

export interface Profile {
  id: string;
  name: string;
  called: string | null;
  role: Role;
  communityId: string;
  home: { estateId: string; building: string; unit: string; room: string } | null;
  phoneMasked: string | null;
}

/** Masks a mainland mobile number: `13812341234` → `138****1234`. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
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
  };
}

/** What staff at the counter see of a resident they look up. */
export interface ResidentCard {
  id: string;
  name: string;
  called: string | null;
  age: number | null;
  address: string;
  phoneMasked: string | null;
  /** false for residents served at the counter because they have no phone */
  hasPhone: boolean;
}

/** `壁山丽景小区3号楼2单元301` from an estate name and a home. */
export function addressText(estateName: string, home: { building: string; unit: string; room: string }): string {
  return `${estateName}${home.building}${home.unit}${home.room}`;
}

/** The counter's view of a resident. */
export function toResidentCard(u: User): ResidentCard {
  return {
    id: u._id,
    name: u.name,
    called: u.called ?? null,
    age: u.age ?? null,
    address: u.addressText ?? '',
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    hasPhone: !!u.phone,
  };
}
