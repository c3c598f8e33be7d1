/**
 * How a community gives out its stalls, and the day's draw: `setAllocation`, `drawRecord`,
 * `drawStalls` (现在抽签). Contracts: `../contract.ts`; the draw itself: `../lottery.ts`.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { StallApplication, StallDraw } from '../../shared/model';
import type { Handler, PreloadsOf } from '../../shared/router';
import { preloadOf } from '../../shared/users';
import type { actions, AllocationView } from '../contract';
import { assertComingDate } from '../days';
import { allocationOf, runDraw } from '../lottery';
import { datesWaitingForDraw } from '../stalls';
import { drawAtLabelOf, drawView } from '../views';

/** `setAllocation`: stored on the community; switching to first come draws the days whose applications wait for a draw. */
export const setAllocation: Handler<typeof actions.setAllocation> = async (input, { user }) => {
  const community = user.community;
  if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
  const allocation: AllocationView = { mode: input.mode, drawDaysBefore: input.drawDaysBefore, drawAt: input.drawAt };
  await db.collection('communities').where({ _id: community._id }).update({ data: { stallAllocation: allocation } });
  if (input.mode === 'firstCome') {
    // applications already waiting for a draw are not left waiting: their days are drawn now
    for (const date of await datesWaitingForDraw(community._id)) await runDraw({ ...community, stallAllocation: allocation }, date, { id: user._id, name: user.name });
  }
  return allocation;
};

/** The fields of the applications `drawRecord` counts that stay in the database: only the count is used. */
const NOT_COUNTED = ['goods', 'vendorName', 'vendorId', 'stallKey', 'vendorDayKey', 'allocatedBy', 'createdAt', 'date', 'communityId', 'status', 'stallNumber'] as const satisfies readonly (keyof StallApplication)[];

/** `drawRecord`: the record and the applications waiting for it come with the caller: 1 round trip (issue 18). */
export const drawRecordPreload = ({ date }: { date: string }) => ({
  record: preloadOf<StallDraw>({ from: 'stallDraws', match: { date }, sameAsCaller: { communityId: 'communityId' } }),
  // counted here (a day has at most a few hundred applicants), only their ids travel
  waiting: preloadOf<Omit<StallApplication, (typeof NOT_COUNTED)[number]>>({ from: 'stallApplications', match: { date, status: 'applied' }, sameAsCaller: { communityId: 'communityId' }, limit: 1000, exclude: [...NOT_COUNTED] }),
});

/** `drawRecord`: the day's allocation state, from what came with the caller. */
export const drawRecord: Handler<typeof actions.drawRecord, PreloadsOf<typeof drawRecordPreload>> = async ({ date }, { user, preloaded }) => {
  const community = user.community;
  const record = preloaded?.record[0] ?? null;
  const waiting = preloaded?.waiting?.length ?? 0;
  return { date, allocation: allocationOf(community), drawAtLabel: drawAtLabelOf(community, date), waiting, record: record ? drawView(record) : null };
};

/** `drawStalls` (现在抽签): a day drawn already is not drawn again (`drawnNow: false`). */
export const drawStalls: Handler<typeof actions.drawStalls> = async ({ date }, { user }) => {
  const community = user.community;
  assertComingDate(community, date, clockNow());
  if (!community || allocationOf(community).mode !== 'lottery') throw new AppError('VENDOR.NOT_LOTTERY');
  const { record, drawnNow } = await runDraw(community, date, { id: user._id, name: user.name });
  return { date, allocation: allocationOf(community), drawAtLabel: drawAtLabelOf(community, date), waiting: 0, record: drawView(record), drawnNow };
};
