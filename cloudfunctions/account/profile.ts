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
