/**
 * Handlers of paper ballots (纸质票; docs/consultation-design.md §1): `claimPaperRooms` (step 1: the
 * rooms whose sheets were collected, each claimed in `votes` so the first channel keeps the
 * household) and `enterPaperCounts` (step 2: the building's count, which must add up to its claims).
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { normalisePart, roomLabelOfKey } from '../../shared/households';
import { parsePhotoFileId } from '../../shared/photos';
import { assertStaffOf, isHouseholdInScope } from '../../shared/policy';
import type { Handler } from '../../shared/router';
import type { actions } from '../contract';
import { isPaperOpen } from '../domain/phase';
import { checkTally } from '../domain/tallyCheck';
import { claimedRooms, claimRooms, ensureTally, newTally, preloadTally, recordClaims, storeCount, unclaimRooms } from '../tallies';
import { estatesOf, preloadEstates, preloadTopic, topicOf } from '../topics';
import { addressOfKey, tallyViewOf } from '../views';
import type { Estate, Topic } from '../../shared/model';

/** Preload of the paper actions: the topic, the community's estates, the building's tally. */
export const preloadPaper = ({ topicId, estateId, building }: { topicId: string; estateId: string; building: string }) => ({
  topic: preloadTopic(topicId),
  estates: preloadEstates(),
  tally: preloadTally(topicId, estateId, building),
});

/** The estate and its spelling of `building`, which must be in the topic's scope. Errors: CONSULT.ROOM_NOT_IN_SCOPE. */
function buildingInScope(t: Topic, estates: Estate[], estateId: string, building: string): { estate: Estate; label: string } {
  const estate = estates.find((e) => e._id === estateId);
  const label = estate?.buildings.find((b) => normalisePart(b) === normalisePart(building));
  if (!estate || !label || !isHouseholdInScope({ communityId: estate.communityId, home: { estateId, building: label, unit: '', room: '' } }, t)) throw new AppError('CONSULT.ROOM_NOT_IN_SCOPE');
  return { estate, label };
}

export const claimPaperRooms: Handler<typeof actions.claimPaperRooms, ReturnType<typeof preloadPaper>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  assertStaffOf(user, t.communityId);
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  const { label } = buildingInScope(t, estates, input.estateId, input.building);
  if (t.status !== 'scheduled' || !isPaperOpen(t, now)) throw new AppError(t.status === 'scheduled' && new Date(t.voteFrom!) > now ? 'CONSULT.NOT_OPEN' : 'CONSULT.TALLY_CLOSED');
  const tally = preloaded?.tally?.[0] ?? (await ensureTally(newTally(t, input.estateId, label, user._id, now)));
  if (tally.state === 'counted' || tally.closed) throw new AppError('CONSULT.TALLY_CLOSED');
  const { accepted, inserted, rejected } = await claimRooms(t, tally, input.rooms, { id: user._id, role: user.role }, now);
  const rooms = await claimedRooms(tally._id);
  const stored = await recordClaims(tally, rooms, rejected, now);
  if (!stored) {
    // the building's count (or the result) came first: this claim's rooms are not in it — take them back
    await unclaimRooms(tally._id, inserted);
    throw new AppError('CONSULT.TALLY_CLOSED');
  }
  const rejectedRooms = rejected.map((r) => ({ room: roomLabelOfKey(r.householdKey), channel: r.channel }));
  const message = rejected.length
    ? `这 ${rejected.length} 户已在微信或柜台投过票：${rejected.map((r) => addressOfKey(r.householdKey, estates)).join('、')}。请把这几张纸质票抽出，不计入。`
    : '';
  return { tally: tallyViewOf(stored, estates), accepted: accepted.map(roomLabelOfKey), rejected: rejectedRooms, message };
};

export const enterPaperCounts: Handler<typeof actions.enterPaperCounts, ReturnType<typeof preloadPaper>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  assertStaffOf(user, t.communityId);
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  buildingInScope(t, estates, input.estateId, input.building);
  if (t.status !== 'scheduled' || !isPaperOpen(t, now)) throw new AppError('CONSULT.TALLY_CLOSED');
  // photos only from the caller's own folder (shared/photos.ts)
  if (input.photoFileIds.some((f) => parsePhotoFileId(f)?.ownerId !== user._id)) throw new AppError('COMMON.FORBIDDEN');
  const tally = preloaded?.tally?.[0];
  if (tally?.closed) throw new AppError('CONSULT.TALLY_CLOSED');
  const rooms = tally ? await claimedRooms(tally._id) : [];
  const problem = checkTally(input, rooms.length, t.options);
  if (problem === 'optionInvalid') throw new AppError('CONSULT.OPTION_INVALID');
  if (problem === 'mismatch') throw new AppError('CONSULT.TALLY_MISMATCH', { rooms: rooms.length });
  if (problem === 'photoRequired' || !tally) throw new AppError(tally ? 'CONSULT.PHOTO_REQUIRED' : 'CONSULT.TALLY_MISMATCH', { rooms: 0 });
  return tallyViewOf(await storeCount(tally, input, rooms, user._id, now), estates);
};
