/**
 * The waitlist (候补) as a resident uses it: `joinWaitlist`, `leaveWaitlist`, `myWaitlist` (the line's
 * rules and promotion are in `../waitlist.ts`; contract.ts has what each answers).
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { local } from '../../shared/time';
import { first } from '../bookings';
import type { actions, WaitlistView } from '../contract';
import { dateLabel } from '../../shared/calendar';
import { entriesOf, joinWaitlist as join, leaveWaitlist as leave, positionsOf, preloadEntry, preloadJoin, preloadMyEntries, type WaitlistEntry } from '../waitlist';
import type { Handler, PreloadsOf } from '../../shared/router';

/** A place in line as the app shows it. */
function waitlistView(e: WaitlistEntry, position: number): WaitlistView {
  return { id: e._id, slotId: e.slotId, marketDayId: e.marketDayId, serviceName: e.serviceName, slotLabel: e.slotLabel, date: e.date, dateLabel: dateLabel(e.date), position };
}

/** Preload (joinWaitlist): the slot, its line and the caller's bookings of the day (`preloadJoin`). */
export const preloadJoinFor = ({ slotId }: { slotId: string }) => preloadJoin(slotId, local(clockNow()).format('YYYY-MM-DD'));

/** `joinWaitlist`: a place in line for a full slot of the caller's community. */
export const joinWaitlist: Handler<typeof actions.joinWaitlist, PreloadsOf<typeof preloadJoinFor>> = async (_input, { user, preloaded }) => {
  const slot = first(preloaded?.slot);
  if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  if (slot.communityId !== user.communityId) throw new AppError('COMMON.FORBIDDEN');
  const known = preloaded ? { line: preloaded.line, mine: preloaded.mine } : undefined;
  const { entry, position } = await join(slot, user, clockNow(), known);
  return waitlistView(entry, position);
};

/** Preload (leaveWaitlist): the caller's entry. */
export const preloadLeave = ({ entryId }: { entryId: string }) => preloadEntry(entryId);

/** `leaveWaitlist`: gives up the caller's own place. */
export const leaveWaitlist: Handler<typeof actions.leaveWaitlist, PreloadsOf<typeof preloadLeave>> = async ({ entryId }, { user, preloaded }) => {
  await leave(entryId, user._id, first(preloaded?.entry));
  return { id: entryId, left: true };
};

/** Preload (myWaitlist): the caller's waiting entries. */
export const preloadMine = () => preloadMyEntries;

/** `myWaitlist`: the caller's places in line with their positions. */
export const myWaitlist: Handler<typeof actions.myWaitlist, PreloadsOf<typeof preloadMine>> = async (_input, { user, preloaded }) => {
  // the entries came with the caller: 2 round trips with the places in line (issue 18)
  const entries = preloaded?.entries ?? (await entriesOf(user._id));
  const positions = await positionsOf(entries);
  return entries.map((e) => waitlistView(e, positions.get(e._id) ?? 1));
};
