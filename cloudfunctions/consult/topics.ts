/**
 * The `topics` collection's one home for the votes part (议题; docs/consultation-design.md §1–3):
 * preloads, reading a topic of the caller's community, the buildings of a scope and its electorate,
 * inserting a staff-created topic (idempotent by `requestKey`), and writing `decided` once.
 * (Proposals — `propose`, `second`, merge/decline — write topics through `proposals.ts`.)
 */
import { _, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { householdKeyOfUser, normalisePart } from '../shared/households';
import type { Electorate, Estate, Topic, TopicEvent, TopicResult, User } from '../shared/model';
import { preloadOf } from '../shared/users';
import type { ScopeBuilding } from './domain/tallyCheck';

export const TOPICS = 'topics';
export const ESTATES = 'estates';

/** Preload of one topic of the caller's own community (fetched with the caller). */
export const preloadTopic = (topicId: string) => preloadOf<Topic>({ from: TOPICS, match: { _id: topicId }, sameAsCaller: { communityId: 'communityId' } });

/** Preload of the estates of the caller's community (names, buildings, household register). */
export const preloadEstates = () => preloadOf<Estate>({ from: ESTATES, match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 100 });

/** A topic of `user`'s community: the preloaded one, else one read. Errors: CONSULT.TOPIC_NOT_FOUND (also for another community's). */
export async function topicOf(user: Pick<User, 'communityId'>, topicId: string, preloaded?: Topic[] | null): Promise<Topic> {
  const list = preloaded ?? ((await db.collection(TOPICS).where({ _id: topicId, communityId: user.communityId }).limit(1).get()).data as Topic[]);
  const t = list[0];
  if (!t || t._id !== topicId || t.communityId !== user.communityId) throw new AppError('CONSULT.TOPIC_NOT_FOUND');
  return t;
}

/** The estates of a community: the preloaded ones, else one read. */
export async function estatesOf(communityId: string, preloaded?: Estate[] | null): Promise<Estate[]> {
  if (preloaded) return preloaded;
  const { data } = await db.collection(ESTATES).where({ communityId }).limit(100).get();
  return data as Estate[];
}

/** A building of the scope, with the estate's own spelling of it and the register count. */
export interface ScopeBuildingRow extends ScopeBuilding {
  estateName: string;
  /** as written in `estate.buildings` (`3号楼`) */
  label: string;
  households: number | null;
}

/**
 * The buildings a scope covers, in the estates' order: the whole community, one estate, or one
 * building (matched as in household keys). Errors: CONSULT.PLACE_NOT_FOUND (no such estate or building).
 */
export function scopeBuildings(scope: Topic['scope'], estates: Estate[]): ScopeBuildingRow[] {
  const rowsOf = (e: Estate) =>
    e.buildings.map((b) => ({ estateId: e._id, estateName: e.name, building: normalisePart(b), label: b, households: e.households?.[b] ?? null }));
  if (scope.kind === 'community') return estates.flatMap(rowsOf);
  const estate = estates.find((e) => e._id === scope.estateId);
  if (!estate) throw new AppError('CONSULT.PLACE_NOT_FOUND');
  if (scope.kind === 'estate') return rowsOf(estate);
  const row = rowsOf(estate).find((r) => r.building === normalisePart(scope.building));
  if (!row) throw new AppError('CONSULT.PLACE_NOT_FOUND');
  return [row];
}

/** `全社区`, `壁山丽景小区`, `壁山丽景小区 3号楼`. */
export function scopeLabelOf(scope: Topic['scope'], estates: Pick<Estate, '_id' | 'name' | 'buildings'>[]): string {
  if (scope.kind === 'community') return '全社区';
  const estate = estates.find((e) => e._id === scope.estateId);
  const name = estate?.name ?? '';
  if (scope.kind === 'estate') return name;
  const label = estate?.buildings.find((b) => normalisePart(b) === normalisePart(scope.building)) ?? scope.building;
  return `${name} ${label}`;
}

/**
 * The electorate of a scope: the household register (户数登记) when every building has a count;
 * otherwise (allowed only when `registerRequired` is false) the distinct rooms of the community's
 * registered residents in those buildings — one read of up to 1000 residents. Errors:
 * CONSULT.HOUSEHOLDS_UNKNOWN (register required and incomplete).
 */
export async function electorateOf(communityId: string, rows: ScopeBuildingRow[], registerRequired: boolean): Promise<Electorate> {
  if (rows.length && rows.every((r) => r.households !== null)) {
    return {
      households: rows.reduce((a, r) => a + (r.households ?? 0), 0),
      byBuilding: rows.map((r) => ({ estateId: r.estateId, building: r.building, households: r.households ?? 0 })),
      source: 'register',
    };
  }
  if (registerRequired) throw new AppError('CONSULT.HOUSEHOLDS_UNKNOWN', { buildings: rows.filter((r) => r.households === null).map((r) => `${r.estateName}${r.label}`) });
  const { data } = await db.collection('users').where({ communityId, role: 'resident' }).field({ home: true, householdKey: true }).limit(1000).get();
  const inScope = new Set(rows.map((r) => `${r.estateId}|${r.building}`));
  const keys = new Map<string, Set<string>>();
  for (const u of data as Pick<User, 'home' | 'householdKey'>[]) {
    const key = householdKeyOfUser(u);
    if (!key || !u.home) continue;
    const b = `${u.home.estateId}|${normalisePart(u.home.building)}`;
    if (!inScope.has(b)) continue;
    if (!keys.has(b)) keys.set(b, new Set());
    keys.get(b)!.add(key);
  }
  const byBuilding = rows.map((r) => ({ estateId: r.estateId, building: r.building, households: keys.get(`${r.estateId}|${r.building}`)?.size ?? 0 }));
  return { households: byBuilding.reduce((a, b) => a + b.households, 0), byBuilding, source: 'registered' };
}

/**
 * Inserts a topic; a repeated request (same `requestKey`) answers the first one (checked by the
 * caller against its `requestHash`). One round trip, two on a retry.
 */
export async function insertTopic(doc: Omit<Topic, '_id'>): Promise<{ topic: Topic; created: boolean }> {
  try {
    const { _id } = await db.collection(TOPICS).add({ data: doc });
    return { topic: { ...doc, _id: String(_id) }, created: true };
  } catch (e) {
    if (!isDuplicateKey(e, 'requestKey')) throw e;
    const { data } = await db.collection(TOPICS).where({ requestKey: doc.requestKey }).limit(1).get();
    return { topic: data[0] as Topic, created: false };
  }
}

/**
 * Writes the result once: one conditional update `where({ _id, status: 'scheduled' })`. Answers
 * whether this call wrote it (false: the timer or an admin did first — read the topic for theirs).
 */
export async function writeDecided(topicId: string, result: TopicResult, event: TopicEvent, now: Date): Promise<boolean> {
  const r = await db.collection(TOPICS).where({ _id: topicId, status: 'scheduled' }).update({ data: { status: 'decided', result, updatedAt: now, events: _.push([event]) } });
  return r.stats.updated === 1;
}

/** Marks a decided topic published once (`publishedAt` absent): whether this call did. */
export async function writePublished(topicId: string, note: string | undefined, event: TopicEvent, now: Date): Promise<boolean> {
  const r = await db
    .collection(TOPICS)
    .where({ _id: topicId, status: 'decided', publishedAt: _.exists(false) })
    .update({ data: { publishedAt: now, ...(note ? { publishNote: note } : {}), updatedAt: now, events: _.push([event]) } });
  return r.stats.updated === 1;
}

/** Scheduled topics whose voting has ended (`voteUntil ≤ now`), oldest first: candidates for the result. */
export async function endedTopics(now: Date, limit = 20): Promise<Topic[]> {
  const { data } = await db.collection(TOPICS).where({ status: 'scheduled', voteUntil: _.lte(now) }).orderBy('voteUntil', 'asc').limit(limit).get();
  return data as Topic[];
}

/** One topic by id (any community: the timer's read). */
export async function readTopic(topicId: string): Promise<Topic | null> {
  const { data } = await db.collection(TOPICS).doc(topicId).get();
  return (data as Topic | null) ?? null;
}
