/**
 * 附议 seconds (`topicSeconds`, docs/consultation-design.md §3): one document per household and
 * proposal, unique {topicId, householdKey} (`topic_household_unique`), so two phones of one room
 * second once under any concurrency — the index decides, never a read before the write. Also the
 * household helpers the proposal part needs (scope and labels).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { householdKeyOfUser, normalisePart } from '../shared/households';
import type { Home, HouseholdKey, User } from '../shared/model';

/** The caller's 户号: as stored with the user, else derived from their home; null without a home. */
export function householdOf(user: Pick<User, 'home' | 'householdKey'>): HouseholdKey | null {
  return householdKeyOfUser(user);
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
