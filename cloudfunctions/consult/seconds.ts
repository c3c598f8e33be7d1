/**
 * 附议 seconds (`topicSeconds`, docs/consultation-design.md §3): one document per household and
 * proposal, unique {topicId, householdKey} (`topic_household_unique`), so two phones of one room
 * second once under any concurrency — the index decides, never a read before the write. Also the
 * household helpers the proposal part needs (scope and labels).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import type { Home, HouseholdKey, TopicScope, User } from '../shared/model';

// TODO(merge): use shared/households.ts — a private copy of `householdKeyOf` until the votes branch lands.
/**
 * One part of an address, normalised: NFKC (full-width digits and letters folded), trimmed, and a
 * trailing `号楼` / `栋` / `单元` / `室` / `号` dropped (`3号楼` → `3`, `2单元` → `2`, `301室` → `301`).
 */
export function normalisePart(part: string): string {
  return part.normalize('NFKC').trim().replace(/(号楼|栋|单元|室|号)$/u, '').trim();
}

/** 户号 of a home: `estateId|building|unit|room`, each part normalised ({@link normalisePart}). */
export function householdKeyOf(home: Home): HouseholdKey {
  return [home.estateId.trim(), normalisePart(home.building), normalisePart(home.unit), normalisePart(home.room)].join('|');
}

/** The caller's 户号: as stored with the user, else derived from their home; null without a home. */
export function householdOf(user: Pick<User, 'home' | 'householdKey'>): HouseholdKey | null {
  if (!user.home) return null;
  return user.householdKey ?? householdKeyOf(user.home);
}

/** Whether `home` lies in `scope` (the community itself is checked by the caller). Pure. */
export function homeInScope(home: Home, scope: TopicScope): boolean {
  if (scope.kind === 'community') return true;
  if (home.estateId !== scope.estateId) return false;
  return scope.kind === 'estate' || normalisePart(home.building) === normalisePart(scope.building);
}

/** What others read as a resident's signature: their building (`3号楼居民`), never their name. */
export function residentLabel(home: Home | undefined): string {
  if (!home) return '居民';
  const b = normalisePart(home.building);
  return `${/^\d+$/.test(b) ? `${b}号楼` : home.building.trim()}居民`;
}

/** The `topicSeconds` collection. */
const SECONDS = 'topicSeconds';

/**
 * Inserts the household's second. Answers `added`, or `duplicate` when the household already
 * seconded (the unique index refused it: -502001). One round trip.
 */
export async function addSecond(s: { topicId: string; householdKey: HouseholdKey; userId: string; at: Date }): Promise<'added' | 'duplicate'> {
  try {
    await db.collection(SECONDS).add({ data: { ...s } });
    return 'added';
  } catch (e) {
    if (isDuplicateKey(e, 'householdKey') || isDuplicateKey(e)) return 'duplicate';
    throw e;
  }
}

/** How many households seconded `topicId` (one `count()` on the unique index). One round trip. */
export async function countSeconds(topicId: string): Promise<number> {
  const r = await db.collection(SECONDS).where({ topicId }).count();
  return r.total;
}
