/**
 * The `paperTallies` collection's one home (纸质票计票; docs/consultation-design.md §1): one document
 * per topic and building (`_id` = `topicId|estateId|building`, building normalised). Its rooms are
 * claimed in `votes` (a `paper` vote without a choice, `tallyId` set), so the one unique index
 * {topicId, householdKey} arbitrates paper against WeChat and counter votes: the first channel keeps
 * the household. The tally's `rooms` is a copy for reading; the count of its claims in `votes`
 * is what a count must add up to.
 *
 * Races, each closed by a conditional update on the tally (never read-then-write):
 * - a claim racing a count of the same building: every claim ends with `recordClaims`, which bumps
 *   `revision` only while the tally is neither counted nor closed; a count is stored only on the
 *   revision it was entered on (`storeCount`). So a claim that lands before the count moves the
 *   revision and the count is refused (CONSULT.WRONG_STATE: enter it again); a claim that lands after
 *   finds the tally counted, removes the rooms it inserted and is refused (CONSULT.TALLY_CLOSED).
 * - a count racing the result: before reading the counts, the result's writer closes every tally of
 *   the topic (`closeTallies`: a tally for every building in scope, then `closed: true`); a count or
 *   claim checks `closed` in its own conditional update, so it is either in the counts read after
 *   the close or refused (CONSULT.TALLY_CLOSED).
 */
import { _, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { householdKeyOf, normalisePart } from '../shared/households';
import type { PaperTally, Role, Topic, Vote, VoteChannel } from '../shared/model';
import { preloadOf } from '../shared/users';
import { paperVoterKeyOf, VOTES } from './votes';

export const TALLIES = 'paperTallies';

/** The id of a building's tally. */
export const tallyIdOf = (topicId: string, estateId: string, building: string): string => `${topicId}|${estateId}|${normalisePart(building)}`;

/** Preload of one building's tally of a topic of the caller's community. */
export const preloadTally = (topicId: string, estateId: string, building: string) =>
  preloadOf<PaperTally>({ from: TALLIES, match: { _id: tallyIdOf(topicId, estateId, building) }, sameAsCaller: { communityId: 'communityId' } });

/** Preload of every tally of a topic (staff view). */
export const preloadTallies = (topicId: string) => preloadOf<PaperTally>({ from: TALLIES, match: { topicId }, sameAsCaller: { communityId: 'communityId' }, limit: 500 });

/** A new, empty tally of a building (state `claiming`, or `none`: the admin said no paper came). */
export function newTally(topic: Pick<Topic, '_id' | 'communityId'>, estateId: string, building: string, by: string, now: Date, state: 'claiming' | 'none' = 'claiming'): PaperTally {
  return {
    _id: tallyIdOf(topic._id, estateId, building),
    topicId: topic._id,
    communityId: topic.communityId,
    estateId,
    building: normalisePart(building),
    rooms: [],
    rejectedRooms: [],
    counts: {},
    blank: 0,
    invalid: 0,
    photoFileIds: [],
    state,
    enteredBy: by,
    enteredAt: now,
    revision: 0,
  };
}

/** Inserts `tally` unless it exists; answers the stored one (one round trip, two when it existed). */
export async function ensureTally(tally: PaperTally): Promise<PaperTally> {
  try {
    await db.collection(TALLIES).add({ data: tally });
    return tally;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const { data } = await db.collection(TALLIES).doc(tally._id).get();
    return data as PaperTally;
  }
}

/**
 * Claims `rooms` of a building for `tally`: one `paper` vote per room, in parallel batches of 20
 * (each insert is idempotent per household; a bulk insert is not atomic). A duplicate whose vote is
 * this tally's is ours (a retry); any other is rejected with the channel that holds the household.
 */
export async function claimRooms(
  topic: Pick<Topic, '_id' | 'communityId'>,
  tally: PaperTally,
  rooms: { unit: string; room: string }[],
  castBy: { id: string; role: Role },
  now: Date,
): Promise<{ accepted: string[]; inserted: string[]; rejected: { householdKey: string; channel: VoteChannel }[] }> {
  const keys = [...new Set(rooms.map((r) => householdKeyOf({ estateId: tally.estateId, building: tally.building, unit: r.unit, room: r.room })))];
  const accepted: string[] = [];
  const inserted: string[] = [];
  const rejected: { householdKey: string; channel: VoteChannel }[] = [];
  for (let i = 0; i < keys.length; i += 20) {
    await Promise.all(
      keys.slice(i, i + 20).map(async (householdKey) => {
        const doc: Omit<Vote, '_id'> = {
          topicId: topic._id,
          communityId: topic.communityId,
          householdKey,
          estateId: tally.estateId,
          building: tally.building,
          channel: 'paper',
          choice: null,
          voterKey: paperVoterKeyOf(topic._id, householdKey),
          castBy,
          tallyId: tally._id,
          verified: false,
          castAt: now,
          changes: 0,
        };
        try {
          await db.collection(VOTES).add({ data: doc });
          accepted.push(householdKey);
          inserted.push(householdKey);
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
          const { data } = await db.collection(VOTES).where({ topicId: topic._id, householdKey }).limit(1).get();
          const held = data[0] as Vote | undefined;
          if (held?.tallyId === tally._id) accepted.push(householdKey);
          else rejected.push({ householdKey, channel: held?.channel ?? 'wechat' });
        }
      }),
    );
  }
  return { accepted: accepted.sort(), inserted, rejected };
}

/** Removes the paper claims `householdKeys` of `tallyId` (a claim that lost to the count or the result). One round trip. */
export async function unclaimRooms(tallyId: string, householdKeys: string[]): Promise<void> {
  if (!householdKeys.length) return;
  await db.collection(VOTES).where({ tallyId, channel: 'paper', householdKey: _.in(householdKeys) }).remove();
}

/** The rooms claimed for a tally, from `votes` (the truth), sorted. One read (≤ 1000 rooms). */
export async function claimedRooms(tallyId: string): Promise<string[]> {
  const { data } = await db.collection(VOTES).where({ tallyId }).field({ householdKey: true }).limit(1000).get();
  return (data as { householdKey: string }[]).map((v) => v.householdKey).sort();
}

/**
 * Ends a claim: copies the claimed rooms and new set-aside rooms onto the tally (state back to
 * `claiming` if it was `none`) and moves its `revision`, only while it is neither counted nor
 * closed — one conditional update. Answers null when it was (the count or the result came first):
 * the caller removes the rooms it inserted.
 */
export async function recordClaims(tally: PaperTally, rooms: string[], rejected: { householdKey: string; channel: VoteChannel }[], now: Date): Promise<PaperTally | null> {
  const seen = new Set(tally.rejectedRooms.map((r) => r.householdKey));
  const fresh = rejected.filter((r) => !seen.has(r.householdKey));
  const r = await db
    .collection(TALLIES)
    .where({ _id: tally._id, state: _.neq('counted'), closed: _.neq(true) })
    .update({ data: { rooms, state: 'claiming', enteredAt: now, revision: _.inc(1), ...(fresh.length ? { rejectedRooms: _.push(fresh) } : {}) } });
  if (r.stats.updated !== 1) return null;
  const { data } = await db.collection(TALLIES).doc(tally._id).get();
  return (data as PaperTally | null) ?? { ...tally, rooms, state: 'claiming', enteredAt: now, rejectedRooms: [...tally.rejectedRooms, ...fresh], revision: tally.revision + 1 };
}

/**
 * Stores a building's count on the revision read (`revision` + 1, state `counted`), only while the
 * tally is not closed. Errors: CONSULT.TALLY_CLOSED (the result is being written), CONSULT.WRONG_STATE
 * (a claim or another count came meanwhile: the revision moved — enter it again).
 */
export async function storeCount(
  tally: PaperTally,
  input: { counts: Record<string, number>; blank: number; invalid: number; photoFileIds: string[]; revision: number },
  rooms: string[],
  by: string,
  now: Date,
): Promise<PaperTally> {
  const data = { counts: _.set(input.counts), blank: input.blank, invalid: input.invalid, photoFileIds: input.photoFileIds, rooms, state: 'counted' as const, enteredBy: by, enteredAt: now, revision: input.revision + 1 };
  const r = await db.collection(TALLIES).where({ _id: tally._id, revision: input.revision, closed: _.neq(true) }).update({ data });
  if (r.stats.updated !== 1) {
    const { data: after } = await db.collection(TALLIES).doc(tally._id).get();
    throw new AppError((after as PaperTally | null)?.closed ? 'CONSULT.TALLY_CLOSED' : 'CONSULT.WRONG_STATE');
  }
  return { ...tally, ...data, counts: input.counts };
}

/**
 * Closes every tally of a topic before its result is read: inserts a closed `none` tally for each
 * building of `buildings` that has none (so no tally can be started after), then sets `closed: true`
 * on all of them (one update of many documents; each document's change is atomic against a claim's
 * or a count's conditional update). Idempotent: the timer and `finishCounting` may both run it.
 */
export async function closeTallies(topic: Pick<Topic, '_id' | 'communityId'>, buildings: { estateId: string; building: string }[], known: PaperTally[], now: Date): Promise<void> {
  const have = new Set(known.map((x) => x._id));
  const missing = buildings.filter((b) => !have.has(tallyIdOf(topic._id, b.estateId, b.building)));
  for (let i = 0; i < missing.length; i += 20) {
    await Promise.all(missing.slice(i, i + 20).map((b) => ensureTally({ ...newTally(topic, b.estateId, b.building, 'system', now, 'none'), closed: true })));
  }
  await db.collection(TALLIES).where({ topicId: topic._id }).update({ data: { closed: true } });
}

/** The counted paper of a topic: Σ per option, blank and invalid over its `counted` tallies. One read. */
export async function countedPaper(topicId: string): Promise<{ paper: Record<string, number>; paperBlank: number; paperInvalid: number; tallies: PaperTally[] }> {
  const { data } = await db.collection(TALLIES).where({ topicId }).limit(1000).get();
  const tallies = data as PaperTally[];
  const paper: Record<string, number> = {};
  let paperBlank = 0;
  let paperInvalid = 0;
  for (const t of tallies.filter((x) => x.state === 'counted')) {
    for (const [k, n] of Object.entries(t.counts)) paper[k] = (paper[k] ?? 0) + n;
    paperBlank += t.blank;
    paperInvalid += t.invalid;
  }
  return { paper, paperBlank, paperInvalid, tallies };
}
